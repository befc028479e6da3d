#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# build-aux/test-results.py
# Reads meson's testlog.json files for build-aux/test.
#   --tracer-crashes LOG: prints the names of tests that failed only because
#     LeakSanitizer's own tracer crashed (no leak report), separated by spaces.
#   --failed-setup N DIR...: counts the results of each meson-logs DIR (a test re-run
#     after a tracer crash counts with its second result) and prints "N passed, N failed".
import json
import os
import sys

TRACER_CRASH = "LeakSanitizer has encountered a fatal error"
LEAK_REPORT = "LeakSanitizer: detected memory leaks"


def read_results(path):
    results = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                results[r.get("name")] = r
    return results


def short_name(name):
    # "tandem:tandem / ai-providers" -> "ai-providers"
    return name.split(" / ", 1)[-1]


def tracer_crashes(path):
    names = []
    for name, r in read_results(path).items():
        out = (r.get("stdout") or "") + (r.get("stderr") or "")
        if r.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and TRACER_CRASH in out \
                and LEAK_REPORT not in out:
            names.append(short_name(name))
    print(" ".join(names))


def count(failed_setup, dirs):
    passed = 0
    failed = failed_setup
    for d in dirs:
        path = os.path.join(d, "testlog.json")
        try:
            results = read_results(path)
        except OSError:
            failed += 1
            print(f"no test results in {path}")
            continue
        rerun = os.path.join(d, "testlog-rerun.json")
        if os.path.exists(rerun):
            results.update(read_results(rerun))
        for name, r in results.items():
            res = r.get("result")
            if res in ("OK", "EXPECTEDFAIL", "SKIP"):
                passed += res != "SKIP"
            else:
                failed += 1
                print(f"FAILED: {name} ({res})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1] == "--tracer-crashes":
        tracer_crashes(sys.argv[2])
    elif sys.argv[1] == "--failed-setup":
        sys.exit(count(int(sys.argv[2]), sys.argv[3:]))
    else:
        sys.exit("usage: test-results.py --tracer-crashes LOG | --failed-setup N DIR...")

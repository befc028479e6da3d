#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# fuzz/run-fuzzers.sh [SECONDS]
# Builds the SSE and NDJSON parser fuzz targets with clang and libFuzzer (plus
# AddressSanitizer and UndefinedBehaviorSanitizer) against the parser sources and GLib
# only, and runs each for a bounded time (default 20 s). Exits 77 (skip) when clang or
# libFuzzer is not available.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../src/ai"
seconds=${1:-20}
cc=${CLANG:-}
if [ -z "$cc" ]; then
  for c in clang clang-16 clang-15 clang-14; do
    if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
  done
fi
[ -n "$cc" ] || { echo "clang not found: skipping"; exit 77; }
glib_flags=$(pkg-config --cflags --libs glib-2.0) || { echo "GLib development files not found: skipping"; exit 77; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM

# libFuzzer is part of compiler-rt; without it clang cannot link -fsanitize=fuzzer.
echo 'int LLVMFuzzerTestOneInput (const unsigned char *d, unsigned long n) { return 0; }' > "$out/probe.c"
if ! "$cc" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" >/dev/null 2>&1; then
  echo "libFuzzer not available for $cc: skipping"
  exit 77
fi

status=0
for target in sse ndjson; do
  # shellcheck disable=SC2086
  "$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$src" "$here/fuzz-$target.c" "$src/tandem-$target-parser.c" $glib_flags \
    -o "$out/fuzz-$target"
  mkdir -p "$out/corpus-$target"
  # Seeds: every line ending, a BOM, comments, multi-line data, a last line without EOL.
  if [ "$target" = sse ]; then
    printf '\357\273\277: ping\r\nevent: message_start\r\ndata: {"a":1}\r\n\r\ndata: [DONE]\n\n' > "$out/corpus-$target/basic"
    printf 'id: 1\rretry: 10\rdata: a\rdata: b\r\r' > "$out/corpus-$target/cr"
  else
    printf '{"message":{"content":"hi"},"done":false}\r\n\n{"done":true}' > "$out/corpus-$target/basic"
  fi
  echo "Running fuzz-$target for $seconds s"
  if ! ASAN_OPTIONS=detect_leaks=1 "$out/fuzz-$target" -max_total_time="$seconds" -max_len=4096 \
       -print_final_stats=1 "$out/corpus-$target" > "$out/log-$target" 2>&1; then
    tail -n 60 "$out/log-$target"
    echo "fuzz-$target FAILED"
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$out/log-$target" || true
    echo "fuzz-$target passed"
  fi
done
exit $status

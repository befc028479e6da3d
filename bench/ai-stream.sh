#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/ai-stream.sh [BUILD_DIR]: a 4,000-token answer streamed into the real chat panel
# at 200 and at 2,000 tokens/s, code-heavy then prose only; prints the longest main-loop
# stall and the CPU time.
# Runs under xvfb-run when there is no display.
set -eu
build=${1:-_build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $build in /*) ;; *) build=$top/$build ;; esac
if [ -z "${DISPLAY:-}" ] && [ -z "${TANDEM_BENCH_IN_XVFB:-}" ]; then
  TANDEM_BENCH_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi
export GSETTINGS_SCHEMA_DIR="$build/data" GSK_RENDERER="${GSK_RENDERER:-cairo}" GTK_A11Y=none
for mode in "" --prose; do
  for rate in 200 2000; do
    "$build/bench/bench-ai-stream" --rate "$rate" --tokens 4000 $mode
  done
done

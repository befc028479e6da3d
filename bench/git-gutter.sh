#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times the git gutter following typing in a 10,000-line file (bench-git-gutter), with
# a frame redraw and `git diff` of the same edit as references.
#
#   bench/git-gutter.sh [BUILD_DIR]        (default: _build)
#
# Runs itself under xvfb-run when there is no display.
set -eu

build=${1:-_build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $build in /*) ;; *) build=$top/$build ;; esac
bench=$build/bench/bench-git-gutter

if [ -z "${DISPLAY:-}" ] && [ -z "${TANDEM_BENCH_IN_XVFB:-}" ]; then
  TANDEM_BENCH_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

if [ ! -x "$bench" ]; then
  echo "git-gutter.sh: $bench not found; build it with: ninja -C $build bench/bench-git-gutter" >&2
  exit 1
fi

NO_AT_BRIDGE=1 GTK_USE_PORTAL=0 "$bench"

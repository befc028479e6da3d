#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens the same generated 10 MB C file in Tandem (bench-large-file), gnome-text-editor
# and gedit, and prints the figures side by side.
#
#   bench/large-file.sh [BUILD_DIR]        (default: _build)
#
# What is measured:
#   window mapped   for all three: wall time from exec until `xdotool search --sync
#                   --onlyvisible --class NAME` finds a visible window. This includes
#                   process start-up but NOT the file being loaded: the reference editors
#                   give no outside signal for "text loaded and last line visible".
#   tandem only     bench-large-file's own in-process figures (from its main ()): loaded,
#                   visible and editable (end of file scrolled into view, a character
#                   typed there, two frames drawn), and the longest main loop stall.
# Runs itself under xvfb-run when there is no display. Needs xdotool.
set -eu

build=${1:-_build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $build in /*) ;; *) build=$top/$build ;; esac
bench=$build/bench/bench-large-file

if [ -z "${DISPLAY:-}" ] && [ -z "${TANDEM_BENCH_IN_XVFB:-}" ]; then
  TANDEM_BENCH_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${TANDEM_BENCH_IN_DBUS:-}" ] &&
   command -v dbus-run-session >/dev/null; then
  TANDEM_BENCH_IN_DBUS=1 exec dbus-run-session -- "$0" "$@"
fi

if [ ! -x "$bench" ]; then
  echo "large-file.sh: $bench not found; build it with: ninja -C $build bench/bench-large-file" >&2
  exit 1
fi
command -v xdotool >/dev/null || { echo "large-file.sh: xdotool is needed" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# Fresh user dirs so that no editor restores an earlier session.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_STATE_HOME="$work/home/.local/state" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
export GSETTINGS_SCHEMA_DIR="$build/data" NO_AT_BRIDGE=1 GDK_DEBUG=no-portals

file="$work/large.c"
"$bench" --generate "$file"

now_ms () { date +%s%3N; }

# Prints the milliseconds from exec to a visible window of class $1, then stops the program.
time_mapped () {
  class=$1; shift
  start=$(now_ms)
  "$@" >"$work/$2.log" 2>&1 &
  pid=$!
  if timeout 60 xdotool search --sync --onlyvisible --class "$class" >/dev/null 2>&1; then
    echo $(( $(now_ms) - start ))
  else
    echo "n/a"
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Tandem: the bench reports its own figures; --linger keeps the window for xdotool.
start=$(now_ms)
"$bench" --file "$file" --linger 3000 >"$work/tandem.out" 2>"$work/tandem.log" &
pid=$!
if timeout 60 xdotool search --sync --onlyvisible --class bench-large-file >/dev/null 2>&1; then
  tandem_mapped=$(( $(now_ms) - start ))
else
  tandem_mapped="n/a"
fi
wait "$pid" || true
tandem_line=$(grep '^tandem:' "$work/tandem.out" || echo "tandem: failed, see the log")

if command -v gnome-text-editor >/dev/null; then
  gte_mapped=$(time_mapped 'org.gnome.TextEditor|gnome-text-editor' \
                           gnome-text-editor --standalone "$file")
else
  gte_mapped="not installed"
fi

if command -v gedit >/dev/null; then
  gedit_mapped=$(time_mapped 'org.gnome.gedit|gedit' gedit --standalone "$file")
else
  gedit_mapped="not installed"
fi

ratio () {
  case "$1$2" in *[!0-9]*) echo "-" ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }' ;; esac
}

echo "10 MB C file: $file ($(wc -c <"$file") bytes)"
echo "$tandem_line"
printf '%-20s %18s %22s\n' "editor" "window mapped (ms)" "ratio to tandem"
printf '%-20s %18s %22s\n' "tandem" "$tandem_mapped" "1.00x"
printf '%-20s %18s %22s\n' "gnome-text-editor" "$gte_mapped" "$(ratio "$gte_mapped" "$tandem_mapped")"
printf '%-20s %18s %22s\n' "gedit" "$gedit_mapped" "$(ratio "$gedit_mapped" "$tandem_mapped")"
echo "(window mapped = exec until a visible window exists; it does not include loading the text"
echo " in gnome-text-editor and gedit. Tandem's load and stall figures are on the tandem: line.)"

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
export GSETTINGS_SCHEMA_DIR="$build/data" NO_AT_BRIDGE=1 GTK_USE_PORTAL=0

file="$work/large.c"
"$bench" --generate "$file"

# Starts a program, and prints "MAPPED SETTLED" in milliseconds from exec: when a window of
# class $1 is visible, and when the program has finished its work on the file, i.e. the
# last moment its CPU time grew before it stayed (almost) idle for 1.5 s. The same rule is
# applied to every editor, so the figures compare; it includes loading, highlighting and
# laying out the text, whatever each editor does before it settles.
time_open () {
  class=$1; shift
  python3 - "$class" "$@" <<'PY'
import os, subprocess, sys, time
cls, argv = sys.argv[1], sys.argv[2:]
tick = os.sysconf("SC_CLK_TCK")
start = time.monotonic()
proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def cpu():
    with open(f"/proc/{proc.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
mapped = None
last_cpu, last_busy = 0.0, start
while time.monotonic() - start < 120:
    if mapped is None and subprocess.run(["xdotool", "search", "--onlyvisible", "--class", cls],
                                         stdout=subprocess.DEVNULL).returncode == 0:
        mapped = time.monotonic()
    c = cpu()
    now = time.monotonic()
    if c - last_cpu > 0.02:
        last_cpu, last_busy = c, now
    elif mapped is not None and now - last_busy > 1.5:
        break
    time.sleep(0.02)
proc.kill(); proc.wait()
ms = lambda t: "n/a" if t is None else str(int((t - start) * 1000))
print(ms(mapped), ms(last_busy))
PY
}

# Tandem in-process: exact load time and the longest main-loop stall.
"$bench" --file "$file" >"$work/tandem.out" 2>"$work/tandem.log" || true
tandem_line=$(grep '^tandem:' "$work/tandem.out" || echo "tandem: failed, see $work/tandem.log")

# The real application, measured from outside like the references.
app=$build/src/tandem
set -- $(time_open 'tandem' "$app" "$file")
tandem_mapped=$1 tandem_settled=$2

gte_mapped="not installed" gte_settled="-"
if command -v gnome-text-editor >/dev/null; then
  set -- $(time_open 'org.gnome.TextEditor|gnome-text-editor' gnome-text-editor --standalone "$file")
  gte_mapped=$1 gte_settled=$2
fi

gedit_mapped="not installed" gedit_settled="-"
if command -v gedit >/dev/null; then
  set -- $(time_open 'org.gnome.gedit|gedit' gedit --standalone "$file")
  gedit_mapped=$1 gedit_settled=$2
fi

ratio () {
  case "$1$2" in *[!0-9]*) echo "-" ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }' ;; esac
}

echo "10 MB C file ($(wc -c <"$file") bytes), renderer: ${GSK_RENDERER:-default}"
echo "$tandem_line"
printf '%-18s %12s %20s %26s\n' "editor" "mapped (ms)" "file done (ms)" "tandem / this editor"
printf '%-18s %12s %20s %26s\n' "tandem" "$tandem_mapped" "$tandem_settled" "1.00"
printf '%-18s %12s %20s %26s\n' "gnome-text-editor" "$gte_mapped" "$gte_settled" "$(ratio "$tandem_settled" "$gte_settled")"
printf '%-18s %12s %20s %26s\n' "gedit" "$gedit_mapped" "$gedit_settled" "$(ratio "$tandem_settled" "$gedit_settled")"
echo "(file done = exec until the editor's CPU time stops growing for 1.5 s: loading,"
echo " highlighting and layout included. The tandem: line is measured inside the process.)"

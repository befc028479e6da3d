#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Times the git sidebar's status (tandem_git_repository_status_async, through the main
# loop, by bench-git-status) against `git status --porcelain` on the same generated
# repository, in the same run, and prints both medians and their ratio.
#
#   bench/git-status.sh [BUILD_DIR] [RUNS]        (defaults: _build, 7)
#
# The repository: 50,000 files in 500 folders, committed, then 500 of them modified
# and 20 untracked files added. Before timing, `git status` runs once, as it would have
# in any real work tree, so that neither tool starts from racily-clean index entries.
set -eu

build=${1:-_build}
runs=${2:-7}
top=$(cd "$(dirname "$0")/.." && pwd)
case $build in /*) ;; *) build=$top/$build ;; esac
bench=$build/bench/bench-git-status

if [ ! -x "$bench" ]; then
  echo "git-status.sh: $bench not found; build it with: ninja -C $build bench/bench-git-status" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench-git-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM PIPE
repo=$work/repo

# No user or system configuration may change what either side does.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$XDG_CONFIG_HOME"

python3 - "$repo" <<'PY'
import os, sys
repo = sys.argv[1]
for d in range(500):
    folder = os.path.join(repo, "src", f"module{d:03}")
    os.makedirs(folder)
    for f in range(100):
        with open(os.path.join(folder, f"file{f:03}.c"), "w") as out:
            out.write(f"/* module {d} file {f} */\n" + "int value_%d_%d = %d;\n" % (d, f, d * f) * 8)
PY

git -C "$repo" -c init.defaultBranch=main init -q
git -C "$repo" add -A
git -C "$repo" -c user.name=Bench -c user.email=bench@example.com commit -q -m generated
sleep 1
git -C "$repo" status --porcelain >/dev/null

python3 - "$repo" <<'PY'
import os, sys
repo = sys.argv[1]
for d in range(500):
    with open(os.path.join(repo, "src", f"module{d:03}", "file050.c"), "a") as out:
        out.write("int changed = 1;\n")
for u in range(20):
    with open(os.path.join(repo, f"untracked{u}.txt"), "w") as out:
        out.write("new\n")
PY

# Both in one process, one after the other in each run, so both see the same load.
out=$("$bench" --runs "$runs" --compare-git "$repo")
echo "$out" | grep '^run '
ours=$(echo "$out" | sed -n 's/^tandem: median \([0-9.]*\) ms.*/\1/p')
files=$(echo "$out" | sed -n 's/.*files in status: \([0-9]*\).*/\1/p')
git_ms=$(echo "$out" | sed -n 's/^git: median \([0-9.]*\) ms/\1/p')
ratio=$(echo "$out" | sed -n 's/^ratio: \([0-9.]*\).*/\1/p')
git_lines=$(git -C "$repo" status --porcelain | wc -l)

echo "50,000 files, 500 modified, 20 untracked; median of $runs runs each"
echo "tandem (status_async → callback, in process): $ours ms ($files files listed)"
echo "git status --porcelain (exec → exit):         $git_ms ms ($git_lines lines)"
echo "ratio tandem / git: $ratio (median of per-run ratios; target <= 1.5)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

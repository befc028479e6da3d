#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file that marks strings for translation is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=${1:-.}
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)\(' src --include='*.c' | sort); do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
for f in $(grep -rl 'translatable="yes"' src --include='*.ui' | sort); do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "listed in po/POTFILES.in but missing: $f"
    status=1
  fi
done
sorted=$(printf '%s\n' "$listed" | LC_ALL=C sort)
if [ "$sorted" != "$listed" ]; then
  echo "po/POTFILES.in is not in alphabetical order"
  status=1
fi
[ $status -eq 0 ] && echo "po/POTFILES.in lists every translatable file"
exit $status

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifests in flatpak/ offline: flatpak-builder must parse
# each one, and the app id, runtime, command, modules and the documented reason
# for every finish-arg must be there. Exits 77 (skip) without flatpak-builder.
#
# usage: tests/check-flatpak.sh [SOURCE_ROOT]
set -u
top=${1:-.}
cd "$top" || exit 1
top_abs=$(pwd)

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed: skipping"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 is not installed: skipping"
  exit 77
fi

# flatpak-builder must not touch the real home (a --user repo, caches).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-flatpak.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"

passed=0
failed=0

check_manifest ()
{
  manifest=$1
  app_id=$2
  devel=$3
  name=$(basename "$manifest")
  out="$tmp/$name.normalised"

  if [ ! -f "$manifest" ]; then
    echo "not ok - $name: file is missing"
    failed=$((failed + 1))
    return
  fi

  # flatpak-builder creates its state directory (.flatpak-builder) in the
  # working directory: run it in the temporary one.
  if (cd "$tmp" && env HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
        XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime" \
        flatpak-builder --show-manifest "$top_abs/$manifest") >"$out" 2>"$tmp/stderr"; then
    echo "ok - $name: flatpak-builder --show-manifest parses it"
    passed=$((passed + 1))
  else
    echo "not ok - $name: flatpak-builder --show-manifest failed:"
    sed 's/^/#   /' "$tmp/stderr"
    failed=$((failed + 1))
    return
  fi

  # Check the normalised manifest printed by flatpak-builder, so that the keys
  # are read the way flatpak-builder reads them.
  if python3 - "$out" "$app_id" "$devel" "flatpak/README.md" >"$tmp/py.out" 2>&1 <<'EOF'
import json
import sys

path, app_id, devel, readme_path = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)

try:
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
except ValueError as e:
    print("normalised manifest is not JSON: %s" % e)
    sys.exit(1)

check(m.get("id", m.get("app-id")) == app_id, "id is %r, expected %r" % (m.get("id", m.get("app-id")), app_id))
check(m.get("runtime") == "org.gnome.Platform", "runtime is %r, expected org.gnome.Platform" % m.get("runtime"))
check(m.get("sdk") == "org.gnome.Sdk", "sdk is %r, expected org.gnome.Sdk" % m.get("sdk"))
rv = m.get("runtime-version", "")
check(rv.isdigit() and int(rv) >= 47, "runtime-version is %r, expected 47 or newer" % rv)
check(m.get("command") == "tandem", "command is %r, expected tandem" % m.get("command"))

modules = [mod for mod in m.get("modules", []) if isinstance(mod, dict)]
names = [mod.get("name") for mod in modules]
for needed in ("vte", "libssh2", "libgit2", "cmark", "tandem"):
    check(needed in names, "module %s is missing" % needed)
if "libssh2" in names and "libgit2" in names:
    check(names.index("libssh2") < names.index("libgit2"), "libssh2 must be built before libgit2")
check(bool(names) and names[-1] == "tandem", "tandem must be the last module")

for mod in modules:
    for src in mod.get("sources", []):
        if not isinstance(src, dict):
            continue
        kind = src.get("type")
        if kind in ("archive", "file"):
            check("sha256" in src or "sha512" in src,
                  "module %s: %s source without a checksum" % (mod.get("name"), kind))
        elif kind == "git":
            check("tag" in src or "commit" in src,
                  "module %s: git source without a tag or commit" % mod.get("name"))

tandem = next((mod for mod in modules if mod.get("name") == "tandem"), None)
if tandem is not None:
    check(tandem.get("buildsystem") == "meson", "tandem module must use buildsystem meson")
    srcs = tandem.get("sources", [])
    check(any(s.get("type") == "dir" and s.get("path") == ".." for s in srcs if isinstance(s, dict)),
          "tandem module must build this checkout (type dir, path ..)")
    opts = tandem.get("config-opts", [])
    if devel:
        check("-Ddevelopment=true" in opts, "Devel manifest must pass -Ddevelopment=true")
    else:
        check("-Ddevelopment=true" not in opts, "release manifest must not pass -Ddevelopment=true")

vte = next((mod for mod in modules if mod.get("name") == "vte"), None)
if vte is not None:
    opts = vte.get("config-opts", [])
    check("-Dgtk4=true" in opts and "-Dgtk3=false" in opts, "vte must be built for GTK 4 only")

libgit2 = next((mod for mod in modules if mod.get("name") == "libgit2"), None)
if libgit2 is not None:
    check("-DUSE_SSH=ON" in libgit2.get("config-opts", []), "libgit2 must be built with -DUSE_SSH=ON")

finish_args = m.get("finish-args", [])
check(len(finish_args) == len(set(finish_args)), "finish-args has duplicates")
for forbidden in ("--socket=x11", "--filesystem=/", "--device=all"):
    check(forbidden not in finish_args, "finish-args must not contain %s" % forbidden)
reasons = m.get("x-finish-args-reasons", {})
try:
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
except OSError:
    readme = ""
    failures.append("%s is missing" % readme_path)
for arg in finish_args:
    reason = reasons.get(arg, "").strip()
    check(reason != "", "finish-arg %s has no reason in x-finish-args-reasons" % arg)
    if reason:
        check("| `%s` | %s |" % (arg, reason) in readme,
              "finish-arg %s: its reason is not in the table of %s" % (arg, readme_path))
for arg in reasons:
    check(arg in finish_args, "x-finish-args-reasons explains %s, which is not a finish-arg" % arg)

for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
EOF
  then
    echo "ok - $name: id, runtime, command, modules and finish-arg reasons"
    passed=$((passed + 1))
  else
    echo "not ok - $name:"
    sed 's/^/#   /' "$tmp/py.out"
    failed=$((failed + 1))
  fi
}

check_manifest flatpak/io.github.tandemide.Tandem.json io.github.tandemide.Tandem 0
check_manifest flatpak/io.github.tandemide.Tandem.Devel.json io.github.tandemide.Tandem.Devel 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

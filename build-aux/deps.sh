#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian packages Tandem needs to build, run and test, when any is missing.
# Sourced by build-aux/run and build-aux/test.

TANDEM_BUILD_DEPS="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libgit2-dev
  libvte-2.91-gtk4-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libcmark-dev
  desktop-file-utils appstream
  hicolor-icon-theme adwaita-icon-theme fonts-dejavu-core librsvg2-common
  shared-mime-info gsettings-desktop-schemas
  git
"
TANDEM_TEST_DEPS="
  xvfb xauth dbus dbus-x11 flatpak-builder python3
  gnome-keyring libsecret-tools clang libclang-rt-14-dev
  openssl
  openssh-server openssh-client glib-networking
"

tandem_install_deps () {
  missing=""
  for pkg in $TANDEM_BUILD_DEPS "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)
    case "$status" in
      *"install ok installed"*) ;;
      *) missing="$missing $pkg" ;;
    esac
  done
  [ -z "$missing" ] && return 0

  echo "Installing missing packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "These packages are missing and neither root nor sudo is available:$missing" >&2
    return 1
  fi
  $sudo apt-get update -q || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing || return 1
}

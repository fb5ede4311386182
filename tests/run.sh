#!/usr/bin/env bash
# Run the whole test suite on a fresh Debian-like machine: makes .venv, installs the package with
# its test extra, installs Debian's Chromium if no browser is found, and Firefox ESR, WebKitGTK's
# WebDriver and Xvfb for the smoke tier in the other two engines, then runs ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
apt_updated=""
# Install Debian packages; say so in one line if that is not possible, and carry on.
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "No apt-get on this machine: cannot install $*." >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update -qq && apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}

have_chromium() {
  [ -n "${MPW_CHROMIUM:-}" ] && [ -x "${MPW_CHROMIUM}" ] && return 0
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null
}
if ! have_chromium; then
  echo "No Chromium found: installing Debian's chromium package for the browser tests."
  apt_install chromium
fi

# Firefox ESR and WebKitGTK for the smoke tier. If they cannot be installed, those tests are
# skipped, and pytest's summary says why for each.
if ! command -v firefox-esr >/dev/null && ! command -v firefox >/dev/null; then
  echo "Installing Debian's firefox-esr for the Firefox smoke tier."
  apt_install firefox-esr || echo "Could not install firefox-esr: the Firefox smoke tier will be skipped." >&2
fi
if ! command -v WebKitWebDriver >/dev/null || { [ -z "${DISPLAY:-}" ] && ! command -v Xvfb >/dev/null; }; then
  echo "Installing Debian's webkit2gtk-driver and xvfb for the WebKit smoke tier."
  apt_install webkit2gtk-driver xvfb || echo "Could not install webkit2gtk-driver or xvfb: the WebKit smoke tier will be skipped." >&2
fi

# Lint and format check first: quick, and a failure names the file and line.
.venv/bin/ruff check mpw_static tests benchmarks build.py
.venv/bin/ruff format --check mpw_static tests benchmarks build.py

exec .venv/bin/python -m pytest "$@"

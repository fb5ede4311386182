#!/usr/bin/env bash
# Run the whole test suite on a fresh Debian-like machine: makes .venv, installs the
# package with its test extra, installs Debian's Chromium if no browser is found, runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

have_browser() {
  [ -n "${MPW_CHROMIUM:-}" ] && [ -x "${MPW_CHROMIUM}" ] && return 0
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null
}
if ! have_browser; then
  echo "No Chromium found: installing Debian's chromium package for the browser tests."
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

exec .venv/bin/python -m pytest "$@"

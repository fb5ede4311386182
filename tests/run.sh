#!/usr/bin/env bash
# Run the whole test suite on a fresh Debian-like machine: makes .venv, installs the package with
# its test extra, installs what the tiers need where it is missing (Chromium's headless shell,
# Firefox ESR, WebKitGTK's WebDriver, Xvfb, LibreOffice Calc, Node.js with npm, the pinned ESLint), then runs the lints,
# the Node tier (the browser code's pure modules) and pytest, printing the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."

# Let Python keep compiled modules (its default, which a PYTHONDONTWRITEBYTECODE in the environment
# turns off): otherwise every pytest worker and every command a test runs compiles the same modules
# again, and pytest rewrites every test module's asserts again in each worker.
unset PYTHONDONTWRITEBYTECODE

started=$SECONDS
step_started=$SECONDS
# Print how long the step just finished took, so that a slow tier is visible in every run.
step_done() {
  echo "-- $1: $((SECONDS - step_started)) s"
  step_started=$SECONDS
}

[ -x .venv/bin/python ] || python3 -m venv .venv
# uv installs the test extra in about 11 s where pip takes about 55 s (pip also compiles every module
# of scipy and pandas, most of which no test imports); pip is the fallback if uv cannot be had.
pip_quiet=(--quiet --disable-pip-version-check)
if [ -x .venv/bin/uv ] || .venv/bin/python -m pip install "${pip_quiet[@]}" 'uv>=0.4'; then
  .venv/bin/uv pip install --quiet --python .venv/bin/python -e '.[test]' ||
    .venv/bin/python -m pip install "${pip_quiet[@]}" -e '.[test]'
else
  .venv/bin/python -m pip install "${pip_quiet[@]}" -e '.[test]'
fi
step_done "Python packages"

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
apt_updated=""
# Wait up to 10 minutes for another apt-get or dpkg holding the package lock, instead of failing at once.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
# Install Debian packages; say so in one line if that is not possible, and carry on.
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "No apt-get on this machine: cannot install $*." >&2
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get "${APT_WAIT[@]}" update -qq && apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get "${APT_WAIT[@]}" install -y -qq "$@" >/dev/null
}

# Chromium for the browser tier: the headless shell is preferred (about half the CPU per page);
# the full chromium package also serves, and is what the benchmarks measure.
have_chromium() {
  [ -n "${MPW_CHROMIUM:-}" ] && [ -x "${MPW_CHROMIUM}" ] && return 0
  command -v chromium-headless-shell >/dev/null
}
if ! have_chromium; then
  echo "Installing Debian's chromium-headless-shell for the browser tests."
  apt_install chromium-headless-shell || {
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null ||
      apt_install chromium
  }
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

# LibreOffice opens every workbook the build and the page write, as a real client of the format.
if ! command -v soffice >/dev/null && ! command -v libreoffice >/dev/null; then
  echo "Installing Debian's libreoffice-calc for the workbook tier."
  apt_install --no-install-recommends libreoffice-calc ||
    echo "Could not install libreoffice-calc: the workbook tier (tests/integration/test_workbook_libreoffice.py) will be skipped." >&2
fi

# Node.js runs the browser code's pure modules without a browser, and the pinned ESLint.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Installing Debian's nodejs and npm for the JavaScript tier."
  apt_install nodejs npm
fi
if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules ]; then
  (cd tests/js && npm ci --silent --no-audit --no-fund) && touch tests/js/node_modules
fi
step_done "system packages"

# Lints first: quick, and a failure names the file and line.
.venv/bin/ruff check mpw_static tests benchmarks build.py
.venv/bin/ruff format --check mpw_static tests benchmarks build.py
tests/js/node_modules/.bin/eslint -c tests/js/eslint.config.js mpw_static/assets/js tests/js
step_done "ruff and eslint"

if compgen -G "tests/js/*.test.js" >/dev/null; then
  # Dots as it runs (a failure is printed in full at the end), and the counts from a TAP copy.
  node_tap="$(mktemp)"
  node --test --test-reporter=dot --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$node_tap" tests/js/
  grep -E '^# (tests|pass|fail|skipped) ' "$node_tap" | tr '\n' ' '
  echo
  rm -f "$node_tap"
  step_done "Node tier"
fi

# Three workers, a test file each at a time: with the headless shell a browser test mostly waits on
# the browser, so three files on two cores finish sooner than one (146 s against about 300 s here).
# MPW_TEST_WORKERS=0 runs everything in one process.
status=0
# --only-rerun: a test runs a second time only after Chromium's storage fault (py_pages.StorageViewLost).
.venv/bin/python -m pytest -n "${MPW_TEST_WORKERS:-3}" --dist loadfile --reruns 1 --only-rerun StorageViewLost "$@" ||
  status=$?
step_done "pytest"
echo "-- whole run: $((SECONDS - started)) s"
exit $status

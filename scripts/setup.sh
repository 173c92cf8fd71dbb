#!/usr/bin/env bash
# Sets up Một Cửa Desk on a Debian machine: the system libraries Qt needs, a virtual
# environment in .venv, and the project in it. Safe to run again: it skips what is there.
#   bash scripts/setup.sh          # to run the desk
#   bash scripts/setup.sh --test   # also what the test suite needs (PostgreSQL, poppler)
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

# Qt's xcb platform (a real screen), fonts, and what PySide6 wheels load at start.
APT_RUN=(python3-venv libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
         libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
         libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libcups2
         sane-utils)  # scanners through SANE (scanimage), with its virtual test device for the tests
# Tests: PDF rasterising (poppler), a throwaway PostgreSQL cluster (and pgBouncer in front of it), a virtual X server, and
# headless Chromium for the tracking page at phone width.
APT_TEST=(poppler-utils postgresql pgbouncer xvfb xauth chromium)

packages=("${APT_RUN[@]}")
[ "$WITH_TESTS" = 1 ] && packages+=("${APT_TEST[@]}")

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Cài gói hệ thống: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
extra=""
[ "$WITH_TESTS" = 1 ] && extra="[test]"
stamp=".venv/.installed$extra"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".$extra"
    touch "$stamp"
fi

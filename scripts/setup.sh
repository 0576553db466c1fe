#!/usr/bin/env bash
# Installs foreprint's build dependencies (Debian 12 packages only) and builds it into ./build.
# Idempotent and non-interactive: safe to run again. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

# python3 and python3-jsonschema are test-only helpers: the BoAmps schema check (tests/report/validate_boamps.py),
# the MLPerf importer's tests and the logs' independent totals.
PACKAGES=(g++ cmake ninja-build libeigen3-dev libceres-dev libyaml-cpp-dev libcli11-dev catch2 nlohmann-json3-dev
          python3 python3-jsonschema)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi

BUILD_DIR="${BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@"
cmake --build "$BUILD_DIR" --target foreprint

#!/usr/bin/env bash
# Builds everything with clang, AddressSanitizer + UndefinedBehaviorSanitizer (and libFuzzer
# coverage, so scripts/fuzz.sh reuses this build) in build-sanitize/, and runs the whole test
# suite there. Any sanitizer report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
BUILD_DIR="${SANITIZE_BUILD_DIR:-build-sanitize}"
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DFOREPRINT_FUZZ=ON -DFOREPRINT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD_DIR"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"

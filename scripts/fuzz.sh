#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan; the build directory is shared with
# scripts/sanitize.sh, so after it nothing is rebuilt) and runs each for SECONDS (default 60),
# seeded from tests/data. Prints executions per second and corpus size per target; exits non-zero
# on the first finding (the crashing input is left in build-fuzz/findings/).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
BUILD_DIR="${FUZZ_BUILD_DIR:-build-sanitize}"  # shared with scripts/sanitize.sh

if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
scripts/setup.sh >/dev/null  # the project's own dependencies

CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DFOREPRINT_FUZZ=ON -DFOREPRINT_BUILD_BENCHMARKS=OFF >/dev/null
targets=$(cd tests/fuzz && ls fuzz_*.cc | sed 's/\.cc$//')
cmake --build "$BUILD_DIR" --target $targets

seed() {  # seed corpus per target from tests/data
  case "$1" in
    fuzz_config) ls examples/*.yaml tests/data/*.yaml ;;
    fuzz_quantity) printf '%s\n' 7B 2T 350M 1.2e24 "400 W" "0.385 kg/kWh" "385 g/kWh" "36 h" 2025-03-01T00:00Z ;;
    fuzz_database) ls hardware_db/*.yaml calibration/fitted.yaml calibration/data/oce_devices.csv tests/data/*.yaml ;;
    fuzz_runs_csv) ls tests/data/*.csv ;;
    fuzz_logs)  # every real log (BoAmps reports included) and the MLPerf power logs of the shared reference
      find tests/data/logs -type f 2>/dev/null || true
      find ../shared/reference/mlperf/samples -path '*/power/*' -type f 2>/dev/null || true
      ls ../shared/reference/boamps/*.json 2>/dev/null || true ;;
  esac
}

mkdir -p "$BUILD_DIR/findings"
status=0
for t in $targets; do
  corpus="$BUILD_DIR/corpus/$t"
  mkdir -p "$corpus"
  if [ "$t" = fuzz_quantity ]; then
    i=0; while read -r line; do printf '%s' "$line" > "$corpus/seed$i"; i=$((i+1)); done < <(seed "$t")
  else
    for f in $(seed "$t"); do cp "$f" "$corpus/" 2>/dev/null || true; done
  fi
  log="$BUILD_DIR/$t.log"
  if "$BUILD_DIR/tests/fuzz/$t" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="$BUILD_DIR/findings/$t-" -print_final_stats=1 >"$log" 2>&1; then
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    secs=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    files=$(ls "$corpus" | wc -l)
    printf '%-22s ok    %10s runs  %8s exec/s  corpus %5s files\n' "$t" "${execs:-?}" "${secs:-?}" "$files"
  else
    printf '%-22s FOUND a problem: see %s and %s/findings/\n' "$t" "$log" "$BUILD_DIR"
    tail -30 "$log"
    status=1
  fi
done
exit $status

// speed_bench.cc — how fast is an estimate? Prints figures and ratios; never fails.
//   in-process: RunEstimate on a loaded config (target ≤ 50 µs), and config parse + estimate
//   whole process: `foreprint estimate examples/llama-2-7b.yaml --json` (target ≤ 20 ms),
//   next to `foreprint --version` (process start-up alone) as the baseline.
#include <cstdlib>
#include <iostream>

#include "bench_util.h"
#include "estimator/estimate.h"
#include "core/text.h"

using namespace foreprint;

int main() {
  const std::string config = std::string(FOREPRINT_SOURCE_DIR) + "/examples/llama-2-7b.yaml";
  auto devices = DeviceDb::Builtin();
  auto regions = RegionDb::Builtin();
  auto inputs = EstimateInputs::Builtin();
  if (!devices || !regions || !inputs) {
    std::cerr << "cannot load the built-in data\n";
    return 1;
  }
  auto c = RunConfig::Load(config, **devices, **regions);
  if (!c) {
    std::cerr << c.error().Format() << "\n";
    return 1;
  }
  volatile double sink = 0;
  double est = bench::SecondsPerCall([&] { sink = sink + RunEstimate(*c, {}, *inputs)->co2e_kg.total; }, 2000);
  double parse = bench::SecondsPerCall(
      [&] { sink = sink + RunEstimate(*RunConfig::Load(config, **devices, **regions), {}, *inputs)->co2e_kg.total; },
      500);
  const std::string bin = FOREPRINT_BINARY;
  const std::string cmd = bin + " estimate " + config + " --json > /dev/null";
  const std::string baseline = bin + " --version > /dev/null";
  double proc = bench::SecondsPerCall([&] { sink = sink + std::system(cmd.c_str()); }, 20, 3);
  double start = bench::SecondsPerCall([&] { sink = sink + std::system(baseline.c_str()); }, 20, 3);
  std::cout << "estimate, in-process (loaded config):      " << FormatSig(est * 1e6, 3) << " µs   (target ≤ 50 µs)\n"
            << "estimate, in-process (parse YAML + run):   " << FormatSig(parse * 1e6, 3) << " µs\n"
            << "foreprint estimate … --json, whole process: " << FormatSig(proc * 1e3, 3) << " ms   (target ≤ 20 ms)\n"
            << "foreprint --version, whole process:         " << FormatSig(start * 1e3, 3) << " ms   (start-up baseline)\n"
            << "ratio whole-process estimate / start-up:    " << FormatSig(proc / start, 3) << "\n";
  return 0;
}

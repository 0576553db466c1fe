// speed_bench.cc — how fast is an estimate? Prints figures and ratios; never fails.
//   in-process: RunEstimate on a loaded config (target ≤ 50 µs), and config parse + estimate
//   whole process: `foreprint estimate examples/llama-2-7b.yaml --json` (target ≤ 20 ms),
//   next to `foreprint --version` (process start-up alone) as the baseline.
//   serving: RunServingEstimate on examples/llama-3.1-70b-serving.yaml in-process (target ≤ 50 µs)
//   and the whole process (target ≤ 2 × `foreprint --version`).
// Whole-process figures are the fastest of 15 interleaved runs (each through std::system, so a
// shell start is part of every figure, the baseline's too).
#include <cstdlib>
#include <iostream>

#include "bench_util.h"
#include "estimator/estimate.h"
#include "estimator/serving_estimate.h"
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
  // Whole processes: the three commands interleaved, the fastest of 15 runs each, so load from other
  // processes on the machine hits them alike.
  const std::string serving_config = std::string(FOREPRINT_SOURCE_DIR) + "/examples/llama-3.1-70b-serving.yaml";
  const std::string serve_cmd = bin + " estimate " + serving_config + " --json > /dev/null";
  double proc = 1e300, start = 1e300, serve_proc = 1e300;
  for (int i = 0; i < 15; ++i) {
    for (auto [command, best] : {std::pair{&baseline, &start}, {&cmd, &proc}, {&serve_cmd, &serve_proc}}) {
      *best = std::min(*best, bench::SecondsPerCall([&] { sink = sink + std::system(command->c_str()); }, 1, 1));
    }
  }
  auto sc = RunConfig::Load(serving_config, **devices, **regions);
  if (!sc || !inputs->Serving()) {
    std::cerr << "cannot load the serving example or serving_fitted.yaml\n";
    return 1;
  }
  ServingOptions quiet;
  quiet.explain = false;
  double serve = bench::SecondsPerCall([&] { sink = sink + RunServingEstimate(*sc, quiet, *inputs)->co2e_kg.total; }, 2000);
  double serve_explain =
      bench::SecondsPerCall([&] { sink = sink + RunServingEstimate(*sc, {}, *inputs)->co2e_kg.total; }, 2000);
  std::cout << "estimate, in-process (loaded config):      " << FormatSig(est * 1e6, 3) << " µs   (target ≤ 50 µs)\n"
            << "estimate, in-process (parse YAML + run):   " << FormatSig(parse * 1e6, 3) << " µs\n"
            << "foreprint estimate … --json, whole process: " << FormatSig(proc * 1e3, 3) << " ms   (target ≤ 20 ms)\n"
            << "foreprint --version, whole process:         " << FormatSig(start * 1e3, 3) << " ms   (start-up baseline)\n"
            << "ratio whole-process estimate / start-up:    " << FormatSig(proc / start, 3) << "\n"
            << "serving estimate, in-process (no trail):    " << FormatSig(serve * 1e6, 3) << " µs   (target ≤ 50 µs)\n"
            << "serving estimate, in-process (with trail):  " << FormatSig(serve_explain * 1e6, 3) << " µs\n"
            << "foreprint estimate <serving> --json, whole: " << FormatSig(serve_proc * 1e3, 3) << " ms\n"
            << "ratio whole-process serving / start-up:     " << FormatSig(serve_proc / start, 3)
            << "   (target ≤ 2)\n";
  return 0;
}

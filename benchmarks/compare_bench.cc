// compare_bench.cc — speed of `foreprint compare`. Prints figures; never fails.
//   sweep: every device × every region (targets: ≤ 0.5 s as a whole process), evaluations/s
//   time shifting: a 720-hour job, pause-resume and flexible-start over a year of hourly starts
//   in 8 regions with hourly profiles (target ≤ 1 s).
#include <cstdlib>
#include <iostream>

#include "bench_util.h"
#include "estimator/compare.h"
#include "core/text.h"
#include "core/utc_time.h"

using namespace foreprint;

int main() {
  const std::string src = FOREPRINT_SOURCE_DIR;
  const std::string bin = FOREPRINT_BINARY;
  auto devices = DeviceDb::Builtin();
  auto regions = RegionDb::Builtin();
  auto inputs = EstimateInputs::Builtin();
  auto config = RunConfig::Load(src + "/examples/llama-2-7b.yaml", **devices, **regions);
  if (!config) {
    std::cerr << config.error().Format() << "\n";
    return 1;
  }
  CompareOptions all;
  for (const auto& d : (*devices)->devices()) all.devices.push_back(&d);
  for (const auto& g : (*regions)->regions()) all.regions.push_back(&g);
  size_t evaluated = 0;
  double sweep = bench::SecondsPerCall([&] { evaluated = RunCompare(*config, all, *inputs)->evaluated; }, 3, 3);
  std::cout << "sweep " << all.devices.size() << " devices × " << all.regions.size() << " regions, in-process: "
            << FormatSig(sweep, 3) << " s, " << evaluated << " estimates = " << FormatSig(evaluated / sweep, 3)
            << " estimates/s\n";

  // A 720-hour job: 8.4e22 FLOP at the config's MFU on as many devices as that takes.
  RunConfig job = *config;
  job.mfu = 0.4;
  job.count = 260;  // ≈ 720 h at MFU 0.4
  CompareOptions shift;
  for (const char* id : {"US-CA", "US-TX", "US-AZ", "US-WA", "US-NY", "US-VA", "US-GA", "US-IA"}) {
    shift.regions.push_back((*regions)->TryFind(id));
  }
  shift.start_hours = *ParseIsoUtc("2025-01-01T00:00Z");
  shift.window_hours = 8760 + 720;
  double wall = 0;
  for (auto strategy : {ShiftStrategy::kPauseResume, ShiftStrategy::kFlexibleStart}) {
    shift.strategy = strategy;
    double t = bench::SecondsPerCall([&] { wall = RunCompare(job, shift, *inputs)->rows[0].wall_hours; }, 3, 3);
    std::cout << (strategy == ShiftStrategy::kPauseResume ? "pause-resume" : "flexible-start")
              << ", " << FormatSig(wall, 3) << " h job, a year of hourly starts, 8 regions, in-process: "
              << FormatSig(t, 3) << " s (target ≤ 1 s)\n";
  }

  const std::string sweep_cmd = bin + " compare " + src + "/examples/llama-2-7b.yaml --all-devices --all-regions --top 10 > /dev/null";
  const std::string json_cmd = bin + " compare " + src + "/examples/llama-2-7b.yaml --all-devices --all-regions --json > /dev/null";
  const std::string shift_cmd = bin + " compare " + src + "/examples/llama-2-7b.yaml --count 341 --regions US-CA,US-TX,US-AZ,US-WA,US-NY,US-VA,US-GA,US-IA --start 2025-01-01T00:00Z --window 9480 --strategy pause-resume > /dev/null";
  volatile int sink = 0;
  double p1 = bench::SecondsPerCall([&] { sink = sink + std::system(sweep_cmd.c_str()); }, 3, 3);
  double p2 = bench::SecondsPerCall([&] { sink = sink + std::system(json_cmd.c_str()); }, 3, 3);
  double p3 = bench::SecondsPerCall([&] { sink = sink + std::system(shift_cmd.c_str()); }, 3, 3);
  std::cout << "whole process, all devices × all regions, --top 10:  " << FormatSig(p1, 3) << " s (target ≤ 0.5 s)\n"
            << "whole process, all devices × all regions, --json (every row): " << FormatSig(p2, 3) << " s\n"
            << "whole process, pause-resume over a year, 8 regions:   " << FormatSig(p3, 3) << " s (target ≤ 1 s)\n";
  return 0;
}

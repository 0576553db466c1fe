// compare_bench.cc — speed of `foreprint compare`. Prints figures; never fails.
//   sweep: every device × every region (target: ≤ 0.5 s as a whole process), evaluations/s
//   time shifting: a 720-hour job, pause-resume and flexible-start over a year of hourly starts
//   in 8 regions with hourly profiles (target ≤ 1 s)
//   providers: a flexible-start search over a year of hourly starts for every device × region that one
//   provider rents (--all-devices --provider P), per provider (target ≤ 0.5 s as a whole process)
// Whole-process figures are also printed as ratios to `foreprint --version` (process start-up alone)
// measured in the same run, so a loaded machine shows as a slow baseline rather than a slow compare.
#include <cstdlib>
#include <iostream>

#include "bench_util.h"
#include "estimator/compare.h"
#include "core/text.h"
#include "core/utc_time.h"

using namespace foreprint;

namespace {

volatile int sink = 0;

double WholeProcess(const std::string& cmd, int iterations) {
  const std::string quiet = cmd + " > /dev/null";
  return bench::SecondsPerCall([&] { sink = sink + std::system(quiet.c_str()); }, iterations, 3);
}

void Print(const std::string& what, double seconds, double version, const char* target) {
  std::cout << what << ": " << FormatSig(seconds, 3) << " s = " << FormatSig(seconds / version, 3)
            << " × foreprint --version" << (target[0] ? std::string(" (target ") + target + ")" : std::string())
            << "\n";
}

}  // namespace

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
  all.device_selection = all.region_selection = Selection::kSweep;
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

  const std::string big = src + "/examples/llama-2-7b.yaml";
  const std::string small = src + "/examples/llama-2-7b-finetune.yaml";
  const double version = WholeProcess(bin + " --version", 10);
  std::cout << "foreprint --version, whole process (start-up baseline): " << FormatSig(version * 1e3, 3) << " ms\n";
  Print("whole process, all devices × all regions, --top 10", WholeProcess(bin + " compare " + big +
        " --all-devices --all-regions --top 10", 3), version, "≤ 0.5 s");
  Print("whole process, all devices × all regions, --json (every row)", WholeProcess(bin + " compare " + big +
        " --all-devices --all-regions --json", 3), version, "");
  Print("whole process, pause-resume over a year, 8 regions", WholeProcess(bin + " compare " + big +
        " --count 341 --regions US-CA,US-TX,US-AZ,US-WA,US-NY,US-VA,US-GA,US-IA --start 2025-01-01T00:00Z"
        " --window 9480 --strategy pause-resume", 3), version, "≤ 1 s");
  for (const char* provider : {"aws", "gcp", "azure"}) {
    const std::string cmd = bin + " compare " + small + " --all-devices --provider " + provider +
                            " --start 2025-01-01T00:00Z --window 9480 --strategy flexible-start --top 10";
    Print(std::string("whole process, flexible-start over a year, every offered device × region of ") + provider,
          WholeProcess(cmd, 3), version, "≤ 0.5 s");
  }
  return 0;
}

// compare.h — the same workload across devices × regions × start times, ranked.
//
// Every option is a full estimate (estimate.h) of the config's workload with its device, count
// and region replaced. Counts: the config's, a fixed --count, or --same-peak (aggregate peak
// FLOP/s as in the config, rounded up). Memory feasibility assumes 16 bytes per parameter for
// weights, gradients and Adam state in mixed precision (Rajbhandari et al. 2020, ZeRO, §3.1),
// activations excluded; infeasible options are flagged, not dropped.
// With a time-shifting strategy and an hourly profile, operational CO2 uses the chosen hours'
// mean intensity (time_shift.h); saving_pct is against starting at the requested start. An option
// whose job is longer than the window is kept as a row with status "exceeds window" (not shifted,
// ranked after the options that fit); only when no option fits is the comparison an error.
// A serving deployment (RunServingCompare) is compared the same way: every option is a full serving
// estimate (serving_estimate.h) with its device and region replaced; for another device than the
// config's, devices per replica and replicas take their defaults (--count fixes the devices per
// replica); the row's count is all devices, its wall time the deployment, its memory check the
// weights against a replica's memory (1.2 × the weights is what the default sizing asks for).
// Time shifting does not apply: a deployment serves around the clock.
// Every row carries its cost where the region prices the device (estimate.h: wall hours × instances ×
// on-demand price). What can be rented (instance_db.h, Availability) decides which rows are ranked:
//   • a device and a region both chosen by name (--devices/--regions or the config's own) that the
//     catalog says is not offered: a row marked "not offered", never ranked (listed after the ranking);
//   • a pair chosen by a sweep (--all-devices, --provider) that is not offered, or sits in a cloud region
//     without catalog data: left out, counted in `left_out`; with --provider, an explicitly named device
//     offered in none of the provider's regions gets one "not offered" row;
//   • --all-regions without a provider keeps ranking every pair (a grid region is where you could run
//     your own hardware) and notes the cloud rows whose provider does not rent that device.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "estimator/estimate.h"

namespace foreprint {

enum class ShiftStrategy { kNone, kFlexibleStart, kPauseResume };
enum class SortKey { kCo2, kTime, kEnergy, kCost };

// How the devices and regions of a sweep were chosen (what a not-offered pair means, see above).
enum class Selection { kNamed, kSweep };

struct CompareOptions {
  std::vector<const Device*> devices;   // empty = the config's device
  std::vector<const Region*> regions;   // empty = the config's region
  Selection device_selection = Selection::kNamed;
  Selection region_selection = Selection::kNamed;
  std::string provider;                 // --provider: regions are that provider's; rank rentable pairs only
  std::optional<double> count;          // fixed count for every device
  bool same_peak = false;
  std::optional<double> start_hours;    // overrides the config's start
  double window_hours = 0;              // search window for the strategies
  ShiftStrategy strategy = ShiftStrategy::kNone;
  SortKey sort = SortKey::kCo2;
  size_t top = 0;                       // 0 = all rows
  ThroughputModelKind throughput_model = ThroughputModelKind::kCalibrated;

  Status Validate() const;
};

struct CompareRow {
  int rank = 0;
  std::string device, region;
  double count = 0;
  std::optional<double> start_hours;  // the chosen start (strategy) or the requested one
  double wall_hours = 0, device_hours = 0, energy_kwh = 0;
  double co2_operational = 0, co2_embodied = 0, co2_total = 0;
  double co2_p10 = 0, co2_p90 = 0;    // the estimate's P10–P90 of co2_total (scaled when shifted)
  std::string status = "ok";          // "ok" | "exceeds window"
  bool feasible = true;
  double memory_needed_gb = 0, memory_available_gb = 0;
  std::optional<double> saving_pct, saving_kg;  // vs the requested start (strategies only)
  std::optional<double> cost_usd;     // on-demand, where the region prices the device
  std::string instance;               // the instance type rented, with cost
  double instances = 0;
  Availability availability = Availability::kNotCloud;
  bool ranked = true;                 // false: "not offered" rows (rank 0, after the ranked rows)
  bool evaluated = true;              // false: a named device offered nowhere in --provider (no numbers)
  std::string note;
};

struct CompareResult {
  CompareRow baseline;          // the config as written
  std::vector<CompareRow> rows; // sorted and ranked, truncated to `top`
  size_t evaluated = 0;         // estimates computed
  size_t left_out = 0;          // sweep pairs not offered (or without catalog data), not evaluated
  size_t unrentable = 0;        // --all-regions rows in cloud regions whose provider does not rent the device
  double bytes_per_param = 16;
  bool serving = false;         // rows are serving deployments
};

inline constexpr const char* kExceedsWindow = "exceeds window";
inline constexpr double kTrainingBytesPerParam = 16;  // ZeRO §3.1: 2 + 2 + (4 + 4 + 4) bytes

Result<CompareResult> RunCompare(const RunConfig& config, const CompareOptions& options, const EstimateInputs& inputs);
Result<CompareResult> RunServingCompare(const RunConfig& config, const CompareOptions& options,
                                        const EstimateInputs& inputs);

}  // namespace foreprint

// batch.h — the total of several estimates (`foreprint estimate A.yaml B.yaml DIR`).
//
// Device-hours, energy and CO2e add up. The P10 and P90 of the total are the sums of the runs'
// P10s and P90s: exact when the runs' errors move together (one model predicts them all, so its
// bias is shared), wider than independent errors would give, never narrower than the truth.
// A market-based or water figure is totalled only when every run has it; otherwise the total
// leaves it empty and says why in `notes`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "estimator/estimate.h"

namespace foreprint {

struct BatchTotal {
  size_t runs = 0;
  double device_hours = 0, energy_kwh = 0;
  double co2_operational = 0, co2_embodied = 0, co2_total = 0;
  std::optional<double> co2_operational_market_based;
  IntervalPoint p10, p90;
  std::optional<double> water_onsite_l, water_offsite_l, water_total_l;
  std::vector<std::string> notes;
};

inline constexpr const char* kBatchIntervalMethod =
    "sum of the runs' P10 and P90 (exact when their errors move together, as one model's do; wider than "
    "independent errors would give)";

BatchTotal SumEstimates(const std::vector<Estimate>& runs);

}  // namespace foreprint

// fuzz_config.cc — any bytes as a run config: parse, and when it loads, estimate (training and serving).
// Invariants: no crash; an estimate is finite and its energy total is the sum of its parts; a serving
// estimate's busy share is in [0, 1] and its interval brackets it.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "estimator/estimate.h"
#include "estimator/serving_estimate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  static const DeviceDb* devices = *DeviceDb::Builtin();
  static const RegionDb* regions = *RegionDb::Builtin();
  static const EstimateInputs inputs = *EstimateInputs::Builtin();
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = RunConfig::Parse(text, "fuzz.yaml", *devices, *regions);
  if (!config) return 0;
  for (auto kind : {ThroughputModelKind::kCalibrated, ThroughputModelKind::kOce}) {
    EstimateOptions o;
    o.throughput_model = kind;
    auto e = RunEstimate(*config, o, inputs);
    if (!e) continue;
    const double parts = e->energy_kwh.accelerators + e->energy_kwh.host + e->energy_kwh.facility_overhead;
    if (!std::isfinite(e->co2e_kg.total) || std::fabs(parts - e->energy_kwh.total) > 1e-9 * (1 + parts)) std::abort();
    if (e->p10.co2e_kg > e->co2e_kg.total * (1 + 1e-12) || e->co2e_kg.total > e->p90.co2e_kg * (1 + 1e-12)) std::abort();
  }
  if (config->serving) {
    auto s = RunServingEstimate(*config, {}, inputs);
    if (s) {
      const double parts = s->energy_kwh.accelerators + s->energy_kwh.host + s->energy_kwh.facility_overhead;
      if (!std::isfinite(s->co2e_kg.total) || std::fabs(parts - s->energy_kwh.total) > 1e-9 * (1 + parts)) std::abort();
      if (s->busy_fraction < 0 || s->busy_fraction > 1 || s->effective_batch < 1) std::abort();
      if (s->p10.co2e_kg > s->co2e_kg.total * (1 + 1e-12) || s->co2e_kg.total > s->p90.co2e_kg * (1 + 1e-12)) std::abort();
    }
  }
  return 0;
}

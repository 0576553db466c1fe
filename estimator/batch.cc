#include "estimator/batch.h"

namespace foreprint {
namespace {

// Adds `part` into `sum` while every run has it; the first run without it empties the sum.
void AddIfAll(std::optional<double>& sum, const std::optional<double>& part, bool& all) {
  if (!all) return;
  if (!part) {
    all = false;
    sum.reset();
    return;
  }
  sum = sum.value_or(0) + *part;
}

}  // namespace

BatchTotal SumEstimates(const std::vector<Estimate>& runs) {
  BatchTotal t;
  t.runs = runs.size();
  bool all_market = true, all_onsite = true, all_offsite = true;
  for (const Estimate& e : runs) {
    t.device_hours += e.device_hours;
    t.energy_kwh += e.energy_kwh.total;
    t.co2_operational += e.co2e_kg.operational;
    t.co2_embodied += e.co2e_kg.embodied;
    t.co2_total += e.co2e_kg.total;
    for (auto [sum, part] : {std::pair{&t.p10, &e.p10}, {&t.p90, &e.p90}}) {
      sum->device_hours += part->device_hours;
      sum->energy_kwh += part->energy_kwh;
      sum->co2e_kg += part->co2e_kg;
    }
    AddIfAll(t.co2_operational_market_based, e.co2e_kg.operational_market_based, all_market);
    AddIfAll(t.water_onsite_l, e.water.onsite_l, all_onsite);
    AddIfAll(t.water_offsite_l, e.water.offsite_l, all_offsite);
  }
  if (runs.empty()) return t;
  if (t.water_onsite_l && t.water_offsite_l) t.water_total_l = *t.water_onsite_l + *t.water_offsite_l;
  bool any_market = false;
  for (const Estimate& e : runs) any_market = any_market || e.co2e_kg.operational_market_based.has_value();
  if (any_market && !all_market) {
    t.notes.push_back("market-based total: not given, as not every run has datacenter.market_factor");
  }
  if (!all_onsite || !all_offsite) t.notes.push_back("water total: not given, as a run has a part without a source");
  return t;
}

}  // namespace foreprint

#include "estimator/compare.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "estimator/time_shift.h"
#include "hardware_db/region_intensity.h"

namespace foreprint {
namespace {

constexpr double kMaxWindowHours = 24.0 * 366 * 2;  // two years of hourly starts

CompareRow RowFrom(const Estimate& e, const RunConfig& c) {
  CompareRow r;
  r.device = e.device_id;
  r.region = e.region_id;
  r.count = e.count;
  r.start_hours = c.start_hours;
  r.wall_hours = e.wall_hours;
  r.device_hours = e.device_hours;
  r.energy_kwh = e.energy_kwh.total;
  r.co2_operational = e.co2e_kg.operational;
  r.co2_embodied = e.co2e_kg.embodied;
  r.co2_total = e.co2e_kg.total;
  const double params = c.workload.params > 0 ? c.workload.params : 0;
  r.memory_needed_gb = params * kTrainingBytesPerParam / 1e9;
  r.memory_available_gb = c.device->memory_gb * c.count;
  r.feasible = params <= 0 || r.memory_needed_gb <= r.memory_available_gb;
  if (params <= 0) r.note = "parameters unknown: memory not checked";
  return r;
}

// Applies a time-shifting strategy to a row whose estimate started at `start`.
Status Shift(CompareRow& row, const Region& region, const CompareOptions& o, const EstimateInputs& in, double start) {
  const HourlyProfiles* profiles = region.hourly_profile.empty() ? nullptr : in.Profiles();
  auto hourly = RegionIntensity::For(region, profiles);
  if (!hourly) {
    row.note = "no hourly profile: annual intensity, no shifting";
    return {};
  }
  const int job = static_cast<int>(std::ceil(row.wall_hours - 1e-9));
  const int window = static_cast<int>(std::floor(o.window_hours));
  if (job > window) {
    return MakeError("the job runs " + FormatSig(row.wall_hours, 3) + " h on " + FormatNumber(row.count) + " × " +
                     row.device + ", longer than the --window of " + FormatNumber(o.window_hours) +
                     " h; widen the window or add devices")
        .Field("--window");
  }
  std::vector<double> series = hourly->Series(start, window);
  const double at_start = MeanOfFirst(series, job);
  double chosen = at_start;
  if (o.strategy == ShiftStrategy::kFlexibleStart) {
    ShiftChoice c = BestStart(series, job);
    chosen = c.mean_ci;
    row.start_hours = std::floor(start) + c.offset_hours;
  } else {
    chosen = PauseResumeMean(series, job);
    row.start_hours = std::floor(start);
    row.note = "runs in the " + std::to_string(job) + " cleanest hours of the " + std::to_string(window) + " h window";
  }
  const double op_start = (KilowattHours(row.energy_kwh) * GramsPerKwh(at_start)).value();
  const double op_shift = (KilowattHours(row.energy_kwh) * GramsPerKwh(chosen)).value();
  row.co2_operational = op_shift;
  row.co2_total = op_shift + row.co2_embodied;
  row.saving_kg = op_start - op_shift;
  row.saving_pct = op_start + row.co2_embodied > 0 ? 100.0 * *row.saving_kg / (op_start + row.co2_embodied) : 0.0;
  return {};
}

double SortValue(const CompareRow& r, SortKey k) {
  switch (k) {
    case SortKey::kTime: return r.wall_hours;
    case SortKey::kEnergy: return r.energy_kwh;
    default: return r.co2_total;
  }
}

}  // namespace

Status CompareOptions::Validate() const {
  if (count && (*count < 1 || *count > 1e7 || std::floor(*count) != *count)) {
    return MakeError("must be a whole number between 1 and 10,000,000").Field("--count");
  }
  if (count && same_peak) return MakeError("use either --count or --same-peak, not both").Field("--same-peak");
  if (strategy != ShiftStrategy::kNone) {
    if (window_hours <= 0) return MakeError("a time-shifting strategy needs --window HOURS (> 0)").Field("--window");
    if (window_hours > kMaxWindowHours) return MakeError("at most two years (17,568 h)").Field("--window");
  }
  return {};
}

Result<CompareResult> RunCompare(const RunConfig& config, const CompareOptions& o, const EstimateInputs& in) {
  if (auto st = o.Validate(); !st) return st.error();
  std::vector<const Device*> devices = o.devices.empty() ? std::vector<const Device*>{config.device} : o.devices;
  std::vector<const Region*> regions = o.regions.empty() ? std::vector<const Region*>{config.region} : o.regions;
  if (devices.empty() || regions.empty()) return MakeError("nothing to compare: the selection is empty");
  std::optional<double> start = o.start_hours ? o.start_hours : config.start_hours;
  if (o.strategy != ShiftStrategy::kNone) {
    if (!start) return MakeError("a time-shifting strategy needs a start: --start ISO or datacenter.start").Field("--start");
    bool any_profile = false;
    for (const Region* g : regions) any_profile = any_profile || !g->hourly_profile.empty();
    if (!any_profile) {
      return MakeError("none of the selected regions has an hourly profile, so there is nothing to shift; "
                       "'foreprint regions list --json' marks the regions that have one (\"hourly\": true)")
          .Field("--strategy");
    }
  }
  EstimateOptions eo;
  eo.throughput_model = o.throughput_model;
  eo.explain = false;

  CompareResult result;
  {
    auto base = RunEstimate(config, eo, in);
    if (!base) return base.error();
    result.baseline = RowFrom(*base, config);
    ++result.evaluated;
  }
  const FlopPerSecond config_peak = config.device->TrainingPeak() * config.count;
  for (const Device* d : devices) {
    RunConfig c = config;
    c.device = d;
    c.device_query = d->id;
    c.dtype.clear();
    if (d != config.device) {
      c.instance = nullptr;  // another device: the cheapest instance that rents it, per region
      c.instances = 0;
    }
    if (o.count) c.count = *o.count;
    if (o.same_peak) c.count = std::max(1.0, std::ceil(config_peak / d->TrainingPeak() - 1e-9));
    if (c.instance && c.count != config.count) c.instance = nullptr;
    if (d != config.device || c.count != config.count) c.device_hours.reset();
    for (const Region* g : regions) {
      c.region = g;
      c.start_hours = start;
      auto e = RunEstimate(c, eo, in);
      if (!e) return e.error();
      ++result.evaluated;
      CompareRow row = RowFrom(*e, c);
      if (o.strategy != ShiftStrategy::kNone && config.carbon_intensity) {
        row.note = "carbon_intensity given in the config: no shifting";
      } else if (o.strategy != ShiftStrategy::kNone) {
        if (auto st = Shift(row, *g, o, in, *start); !st) return st.error();
      }
      result.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(result.rows.begin(), result.rows.end(), [&](const CompareRow& a, const CompareRow& b) {
    return SortValue(a, o.sort) < SortValue(b, o.sort);
  });
  for (size_t i = 0; i < result.rows.size(); ++i) result.rows[i].rank = static_cast<int>(i + 1);
  if (o.top > 0 && result.rows.size() > o.top) result.rows.resize(o.top);
  return result;
}

}  // namespace foreprint

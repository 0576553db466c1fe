#include "estimator/compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/text.h"
#include "estimator/serving_estimate.h"
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
  r.co2_p10 = e.p10.co2e_kg;
  r.co2_p90 = e.p90.co2e_kg;
  if (e.cost) {
    r.cost_usd = e.cost->usd;
    r.instance = e.cost->instance;
    r.instances = e.cost->instances;
  }
  const double params = c.workload.params > 0 ? c.workload.params : 0;
  r.memory_needed_gb = params * kTrainingBytesPerParam / 1e9;
  r.memory_available_gb = c.device->memory_gb * c.count;
  r.feasible = params <= 0 || r.memory_needed_gb <= r.memory_available_gb;
  if (params <= 0) r.note = "parameters unknown: memory not checked";
  if (e.cost && !e.cost->host_included) {
    r.note += std::string(r.note.empty() ? "" : "; ") + "accelerator-only price: host VM not included";
  }
  return r;
}

void AddNote(CompareRow& row, const std::string& note) { row.note = row.note.empty() ? note : row.note + "; " + note; }

// The hourly series of each region over the search window, computed once per region.
class WindowSeries {
 public:
  WindowSeries(const EstimateInputs& in, double start, int window) : in_(in), start_(start), window_(window) {}
  const std::vector<double>* For(const Region& region) {
    auto it = cache_.find(&region);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    const HourlyProfiles* profiles = region.hourly_profile.empty() ? nullptr : in_.Profiles();
    auto hourly = RegionIntensity::For(region, profiles);
    auto& slot = cache_[&region];
    if (hourly) slot = hourly->Series(start_, window_);
    return slot ? &*slot : nullptr;
  }

 private:
  const EstimateInputs& in_;
  double start_;
  int window_;
  std::map<const Region*, std::optional<std::vector<double>>> cache_;
};

// Applies a time-shifting strategy to a row whose estimate started at `start`.
Status Shift(CompareRow& row, const Region& region, const CompareOptions& o, WindowSeries& windows, double start) {
  const std::vector<double>* series = windows.For(region);
  if (!series) {
    AddNote(row, "no hourly profile: annual intensity, no shifting");
    return {};
  }
  const int job = static_cast<int>(std::ceil(row.wall_hours - 1e-9));
  const int window = static_cast<int>(std::floor(o.window_hours));
  if (job > window) {
    row.status = kExceedsWindow;
    row.note = "exceeds window: runs " + FormatSig(row.wall_hours, 3) + " h, longer than the --window of " +
               FormatNumber(o.window_hours) + " h; not shifted" + (row.note.empty() ? "" : "; " + row.note);
    return {};
  }
  const double at_start = MeanOfFirst(*series, job);
  double chosen = at_start;
  if (o.strategy == ShiftStrategy::kFlexibleStart) {
    ShiftChoice c = BestStart(*series, job);
    chosen = c.mean_ci;
    row.start_hours = std::floor(start) + c.offset_hours;
  } else {
    chosen = PauseResumeMean(*series, job);
    row.start_hours = std::floor(start);
    AddNote(row, "runs in the " + std::to_string(job) + " cleanest hours of the " + std::to_string(window) + " h window");
  }
  const double op_start = (KilowattHours(row.energy_kwh) * GramsPerKwh(at_start)).value();
  const double op_shift = (KilowattHours(row.energy_kwh) * GramsPerKwh(chosen)).value();
  row.co2_operational = op_shift;
  const double scale = row.co2_total > 0 ? (op_shift + row.co2_embodied) / row.co2_total : 1.0;
  row.co2_total = op_shift + row.co2_embodied;
  row.co2_p10 *= scale;
  row.co2_p90 *= scale;
  row.saving_kg = op_start - op_shift;
  row.saving_pct = op_start + row.co2_embodied > 0 ? 100.0 * *row.saving_kg / (op_start + row.co2_embodied) : 0.0;
  return {};
}

// When no option fits the window there is nothing to compare: the error names the fastest one.
Status AnyFits(const std::vector<CompareRow>& rows, const CompareOptions& o) {
  const CompareRow* fastest = nullptr;
  for (const auto& r : rows) {
    if (!r.evaluated) continue;  // a device offered nowhere has no job to fit
    if (r.status != kExceedsWindow) return {};
    if (!fastest || r.wall_hours < fastest->wall_hours) fastest = &r;
  }
  if (!fastest) return {};
  return MakeError("the job runs " + FormatSig(fastest->wall_hours, 3) + " h on " + FormatNumber(fastest->count) +
                   " × " + fastest->device + ", longer than the --window of " + FormatNumber(o.window_hours) +
                   " h; widen the window or add devices")
      .Field("--window");
}

double SortValue(const CompareRow& r, SortKey k) {
  switch (k) {
    case SortKey::kTime: return r.wall_hours;
    case SortKey::kEnergy: return r.energy_kwh;
    case SortKey::kCost: return r.cost_usd ? *r.cost_usd : std::numeric_limits<double>::infinity();
    default: return r.co2_total;
  }
}

// What to do with one device × region pair, given what the catalog says can be rented there.
enum class Verdict { kRank, kUnranked, kLeaveOut };

struct Decision {
  Verdict verdict = Verdict::kRank;
  std::string note;
};

Decision Decide(Availability a, const CompareOptions& o, const Device& d, const Region& g) {
  const bool named = o.device_selection == Selection::kNamed && o.region_selection == Selection::kNamed;
  const bool grid_sweep = o.region_selection == Selection::kSweep && o.provider.empty();
  switch (a) {
    case Availability::kNotCloud:
    case Availability::kOffered:
      return {};
    case Availability::kNoCatalogData:
      if (!o.provider.empty()) return {Verdict::kLeaveOut, ""};
      if (grid_sweep) return {};
      return {Verdict::kRank, "availability unknown: hardware_db/instances.yaml has no prices for " + g.id};
    case Availability::kNotOffered:
      if (named) {
        return {Verdict::kUnranked, "not offered: no " + g.provider + " instance with " + d.id + " in " + g.id +
                                        " (hardware_db/instances.yaml)"};
      }
      if (grid_sweep) return {Verdict::kRank, "not rented by " + g.provider + " here: own hardware assumed"};
      return {Verdict::kLeaveOut, ""};
  }
  return {};
}

// The config with one option's device, count and region.
RunConfig OptionConfig(const RunConfig& config, const CompareOptions& o, const Device* d, FlopPerSecond config_peak) {
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
  return c;
}

// One row for a named device that none of the --provider regions offers.
CompareRow NotOfferedAnywhere(const Device& d, const CompareOptions& o, double count) {
  CompareRow r;
  r.device = d.id;
  r.count = count;
  r.region = o.provider + " (" + std::to_string(o.regions.size()) + " regions)";
  r.availability = Availability::kNotOffered;
  r.ranked = false;
  r.evaluated = false;
  r.note = "not offered in any " + o.provider + " region of hardware_db/instances.yaml";
  return r;
}

Status CheckStrategy(const CompareOptions& o, const std::vector<const Region*>& regions,
                     const std::optional<double>& start) {
  if (o.strategy == ShiftStrategy::kNone) return {};
  if (!start) return MakeError("a time-shifting strategy needs a start: --start ISO or datacenter.start").Field("--start");
  bool any_profile = false;
  for (const Region* g : regions) any_profile = any_profile || !g->hourly_profile.empty();
  if (!any_profile) {
    return MakeError("none of the selected regions has an hourly profile, so there is nothing to shift; "
                     "'foreprint regions list --json' marks the regions that have one (\"hourly\": true)")
        .Field("--strategy");
  }
  return {};
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

namespace {

CompareRow ServingRow(const ServingEstimate& e, const RunConfig& c) {
  CompareRow r;
  r.device = e.device_id;
  r.region = e.region_id;
  r.count = e.devices;
  r.start_hours = c.start_hours;
  r.wall_hours = e.days * 24;
  r.device_hours = e.device_hours;
  r.energy_kwh = e.energy_kwh.total;
  r.co2_operational = e.co2e_kg.operational;
  r.co2_embodied = e.co2e_kg.embodied;
  r.co2_total = e.co2e_kg.total;
  r.memory_needed_gb = WeightBytes(*c.serving) / 1e9;
  r.memory_available_gb = e.memory_available_gb;
  r.feasible = r.memory_needed_gb <= r.memory_available_gb;
  r.note = FormatNumber(e.replicas) + " × " + FormatNumber(e.devices_per_replica) + " devices, " +
           FormatSig(e.energy_per_request_wh, 3) + " Wh/request, busy " + FormatSig(100 * e.busy_fraction, 3) + " %";
  if (e.measured_device_id != e.device_id) r.note += "; scaled from " + e.measured_device_id;
  return r;
}

// Sorts, ranks and truncates the rows as the options ask: the ranked rows by the sort key (stable;
// options that fit the window before those that exceed it; only the top ones kept), then the
// unranked ("not offered") rows in their order. Sorting indices, not rows: a sweep has tens of
// thousands of rows.
void Rank(const CompareOptions& o, CompareResult& result) {
  std::vector<CompareRow>& rows = result.rows;
  std::vector<size_t> ranked, tail;
  std::vector<double> key(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    (rows[i].ranked ? ranked : tail).push_back(i);
    key[i] = SortValue(rows[i], o.sort);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
    const bool a_out = rows[a].status == kExceedsWindow, b_out = rows[b].status == kExceedsWindow;
    if (a_out != b_out) return b_out;  // options that fit the window first
    return key[a] < key[b];
  });
  if (o.top > 0 && ranked.size() > o.top) ranked.resize(o.top);
  std::vector<CompareRow> out;
  out.reserve(ranked.size() + tail.size());
  for (size_t i : ranked) {
    out.push_back(std::move(rows[i]));
    out.back().rank = static_cast<int>(out.size());
  }
  for (size_t i : tail) out.push_back(std::move(rows[i]));
  rows = std::move(out);
}

}  // namespace

Result<CompareResult> RunServingCompare(const RunConfig& config, const CompareOptions& o, const EstimateInputs& in) {
  if (auto st = o.Validate(); !st) return st.error();
  if (!config.serving) return MakeError("this config has no serving: section").Field("--serving");
  if (o.same_peak) return MakeError("--same-peak applies to training runs; for a deployment use --count (devices per replica)").Field("--same-peak");
  if (o.strategy != ShiftStrategy::kNone) {
    return MakeError("time shifting applies to training runs: a deployment serves around the clock").Field("--strategy");
  }
  std::vector<const Device*> devices = o.devices.empty() ? std::vector<const Device*>{config.serving->device} : o.devices;
  std::vector<const Region*> regions = o.regions.empty() ? std::vector<const Region*>{config.region} : o.regions;
  ServingOptions so;
  so.explain = false;
  so.check_capacity = false;
  CompareResult result;
  result.serving = true;
  {
    auto base = RunServingEstimate(config, so, in);
    if (!base) return base.error();
    result.baseline = ServingRow(*base, config);
    ++result.evaluated;
  }
  for (const Device* d : devices) {
    RunConfig c = config;
    ServingConfig& s = *c.serving;
    if (d != s.device || o.count) {
      s.devices_per_replica.reset();
      s.replicas.reset();
    }
    s.device = d;
    s.device_query = d->id;
    if (o.count) s.devices_per_replica = *o.count;
    for (const Region* g : regions) {
      c.region = g;
      if (o.start_hours) c.start_hours = o.start_hours;
      auto e = RunServingEstimate(c, so, in);
      if (!e) return e.error();
      ++result.evaluated;
      result.rows.push_back(ServingRow(*e, c));
    }
  }
  Rank(o, result);
  return result;
}

Result<CompareResult> RunCompare(const RunConfig& config, const CompareOptions& o, const EstimateInputs& in) {
  if (auto st = o.Validate(); !st) return st.error();
  std::vector<const Device*> devices = o.devices.empty() ? std::vector<const Device*>{config.device} : o.devices;
  std::vector<const Region*> regions = o.regions.empty() ? std::vector<const Region*>{config.region} : o.regions;
  if (devices.empty() || regions.empty()) return MakeError("nothing to compare: the selection is empty");
  std::optional<double> start = o.start_hours ? o.start_hours : config.start_hours;
  if (auto st = CheckStrategy(o, regions, start); !st) return st.error();
  EstimateOptions eo;
  eo.throughput_model = o.throughput_model;
  eo.explain = false;
  const InstanceDb* catalog = in.Instances();

  CompareResult result;
  {
    auto base = RunEstimate(config, eo, in);
    if (!base) return base.error();
    result.baseline = RowFrom(*base, config);
    if (catalog) result.baseline.availability = catalog->Of(config.device->id, *config.region);
    ++result.evaluated;
  }
  WindowSeries windows(in, start.value_or(0), static_cast<int>(std::floor(o.window_hours)));
  const FlopPerSecond config_peak = config.device->TrainingPeak() * config.count;
  for (const Device* d : devices) {
    RunConfig c = OptionConfig(config, o, d, config_peak);
    size_t offered_here = 0;
    for (const Region* g : regions) {
      const Availability a = catalog ? catalog->Of(d->id, *g) : Availability::kNotCloud;
      const Decision decision = Decide(a, o, *d, *g);
      if (decision.verdict == Verdict::kLeaveOut) {
        ++result.left_out;
        continue;
      }
      ++offered_here;
      c.region = g;
      c.start_hours = start;
      auto e = RunEstimate(c, eo, in);
      if (!e) return e.error();
      ++result.evaluated;
      CompareRow row = RowFrom(*e, c);
      row.availability = a;
      row.ranked = decision.verdict == Verdict::kRank;
      if (!decision.note.empty()) AddNote(row, decision.note);
      if (a == Availability::kNotOffered && row.ranked) ++result.unrentable;
      if (o.strategy != ShiftStrategy::kNone && config.carbon_intensity) {
        AddNote(row, "carbon_intensity given in the config: no shifting");
      } else if (o.strategy != ShiftStrategy::kNone) {
        if (auto st = Shift(row, *g, o, windows, *start); !st) return st.error();
      }
      result.rows.push_back(std::move(row));
    }
    if (offered_here == 0 && o.device_selection == Selection::kNamed && !o.provider.empty()) {
      result.rows.push_back(NotOfferedAnywhere(*d, o, c.count));
    }
  }
  if (o.strategy != ShiftStrategy::kNone) {
    if (auto st = AnyFits(result.rows, o); !st) return st.error();
  }
  Rank(o, result);
  return result;
}

}  // namespace foreprint

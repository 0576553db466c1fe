// codecarbon_reader.cc — CodeCarbon emissions.csv (all header variants since 1.x).
//
// Units: duration s, emissions kg, *_energy and energy_consumed kWh (energy_consumed includes the
// `pue` column's factor, 1.0 unless set; the column exists since 2.3), *_power W. One row per
// tracker stop or flush; rows of the same run_id with the same start (timestamp − duration) are
// cumulative flushes of one run (the longest is kept); a different start is another run. v1.x has no run_id: its experiment_id identifies the run; from 2.7 experiment_id names a
// project and is not a run key. run_id "None" (seen in the wild) is a run of its own.
// emissions_rate is not used (1000× off in 2.0/2.1).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

struct Row {
  int line = 0, flushes = 1;
  double duration = 0, energy = 0, emissions = 0, pue = 1;
  std::optional<double> cpu, gpu, ram, end_s;
};

struct Columns {
  std::optional<size_t> duration, emissions, energy, cpu, gpu, ram, pue, gpu_count, gpu_model, timestamp, run,
      country, iso, region, provider, cloud_region, cpu_power, gpu_power, ram_power;

  explicit Columns(const CsvHeader& h)
      : duration(h.Find("duration")),
        emissions(h.Find("emissions")),
        energy(h.Find("energy_consumed")),
        cpu(h.Find("cpu_energy")),
        gpu(h.Find("gpu_energy")),
        ram(h.Find("ram_energy")),
        pue(h.Find("pue")),
        gpu_count(h.Find("gpu_count")),
        gpu_model(h.Find("gpu_model")),
        timestamp(h.Find("timestamp")),
        run(h.FindAny({"run_id", "experiment_id"})),
        country(h.Find("country_name")),
        iso(h.Find("country_iso_code")),
        region(h.Find("region")),
        provider(h.Find("cloud_provider")),
        cloud_region(h.Find("cloud_region")),
        cpu_power(h.Find("cpu_power")),
        gpu_power(h.Find("gpu_power")),
        ram_power(h.Find("ram_power")) {}
};

std::string Location(const Columns& c, const std::vector<std::string>& f) {
  const std::string& provider = FieldAt(f, c.provider);
  const std::string& region = FieldAt(f, c.cloud_region);
  if (!provider.empty() && !region.empty()) return provider + ":" + region;
  std::string country = FieldAt(f, c.country);
  if (country.empty()) country = FieldAt(f, c.iso);
  const std::string& sub = FieldAt(f, c.region);
  if (country.empty()) return sub;
  return sub.empty() ? country : country + " / " + sub;
}

std::optional<double> Number(const std::vector<std::string>& f, std::optional<size_t> c) {
  return ParseLogNumber(FieldAt(f, c));
}

// Rows of one run key with the same start (end timestamp − duration) are flushes of one run;
// a different start means the key was reused by another run (a constant v1.x experiment_id).
bool SameStart(const Row& a, const Row& b) {
  if (!a.end_s || !b.end_s) return true;
  const double gap = std::fabs((*a.end_s - a.duration) - (*b.end_s - b.duration));
  return gap <= std::max(5.0, 0.01 * std::max(a.duration, b.duration));
}

void CheckConsistency(LogSummary& s, const Row& r) {
  if (!r.cpu || !r.gpu || !r.ram) return;
  const double parts = *r.cpu + *r.gpu + *r.ram;
  auto close = [&](double x) { return std::fabs(x - r.energy) <= std::max(0.05 * std::max(x, r.energy), 1e-6); };
  if (!close(parts) && !close(parts * r.pue)) {
    s.Warn(r.line, "energy_consumed " + FormatSig(r.energy, 4) + " kWh differs from cpu + gpu + ram " +
                       FormatSig(parts, 4) + " kWh: energy_consumed is used");
  }
}

// One data row → a Row, with warnings for implausible values; nullopt (row skipped) when duration,
// emissions or energy is missing. Device count, model and location are taken from the rows as they come.
std::optional<Row> ParseRow(const std::vector<std::string>& f, const Columns& c, int ln, bool& bad_stamp, LogSummary& s) {
  auto duration = Number(f, c.duration), energy = Number(f, c.energy), emissions = Number(f, c.emissions);
  if (!duration || !energy || !emissions || *duration < 0 || *energy < 0 || *emissions < 0) {
    s.Warn(ln, "duration, emissions or energy_consumed missing, not a number or negative: row skipped");
    ++s.skipped_rows;
    return std::nullopt;
  }
  Row r;
  r.line = ln;
  r.duration = *duration;
  r.energy = *energy;
  r.emissions = *emissions;
  const std::string& stamp = FieldAt(f, c.timestamp);
  r.end_s = ParseLogTimeSeconds(stamp);
  if (!stamp.empty() && !r.end_s && !bad_stamp) {
    bad_stamp = true;
    s.Warn(ln, "unreadable timestamp '" + Snippet(stamp, 40) + "': the start time is unknown");
  }
  r.cpu = Number(f, c.cpu);
  r.gpu = Number(f, c.gpu);
  r.ram = Number(f, c.ram);
  if (auto pue = Number(f, c.pue)) {
    if (*pue < 1.0 || *pue > 3.0) s.Warn(ln, "pue " + FormatNumber(*pue) + " is implausible: taken as 1");
    else r.pue = *pue;
  }
  for (auto [col, name] : {std::pair{c.cpu_power, "cpu_power"}, {c.gpu_power, "gpu_power"}, {c.ram_power, "ram_power"}}) {
    auto p = Number(f, col);
    if (p && *p > 10000) s.Warn(ln, std::string(name) + " " + FormatSig(*p, 3) + " W is implausible (kept: only energies are used)");
  }
  CheckConsistency(s, r);
  if (auto n = Number(f, c.gpu_count); n && *n >= 1 && *n <= 1e6) {
    s.device_count = std::max(s.device_count.value_or(0), static_cast<int>(*n));
  }
  if (const std::string& model = FieldAt(f, c.gpu_model); !model.empty()) s.device_model = Snippet(model, 120);
  if (s.location.empty()) s.location = Snippet(Location(c, f), 120);
  return r;
}

// The run a row belongs to: its run id (experiment_id / run_id), or its own line when there is none.
std::string RunKey(const std::vector<std::string>& f, const Columns& c, int ln) {
  std::string key = FieldAt(f, c.run);
  if (key.empty() || ToLower(key) == "none" || ToLower(key) == "null" || ToLower(key) == "nan") {
    key = "line " + std::to_string(ln);
  }
  return key;
}

using RunsByKey = std::map<std::string, std::vector<Row>>;  // run key → per start time, the longest row

void AddToRun(std::vector<Row>& starts, const Row& r) {
  auto same = std::find_if(starts.begin(), starts.end(), [&](const Row& g) { return SameStart(g, r); });
  if (same == starts.end()) {
    starts.push_back(r);
    return;
  }
  const int flushes = same->flushes + 1;
  if (r.duration >= same->duration) *same = r;
  same->flushes = flushes;
}

// One row per run, with a warning for reused run keys and for cumulative flushes.
std::vector<Row> DistinctRuns(const RunsByKey& runs, LogSummary& s) {
  std::vector<Row> all;
  for (const auto& [key, starts] : runs) {
    if (starts.size() > 1) {
      s.Warn(starts.front().line, "run " + Snippet(key) + " names " + std::to_string(starts.size()) +
                                      " runs with different start times: each is counted");
    }
    for (const Row& r : starts) {
      if (r.flushes > 1) {
        s.Warn(r.line, "run " + Snippet(key) + " has " + std::to_string(r.flushes) +
                           " rows (cumulative flushes of one run): the longest is used");
      }
      all.push_back(r);
    }
  }
  return all;
}

// Totals over the runs; the PUE is energy-weighted and the scope follows from it.
void Total(const std::vector<Row>& all, bool have_pue_column, LogSummary& s) {
  double pue_weighted = 0, co2 = 0;
  for (const Row& r : all) {
    s.duration_s += r.duration;
    s.energy_total_kwh += r.energy;
    co2 += r.emissions;
    if (r.cpu) s.cpu_kwh = s.cpu_kwh.value_or(0) + *r.cpu;
    if (r.gpu) s.gpu_kwh = s.gpu_kwh.value_or(0) + *r.gpu;
    if (r.ram) s.ram_kwh = s.ram_kwh.value_or(0) + *r.ram;
    pue_weighted += r.energy * r.pue;
    if (r.end_s) {
      const double start_h = (*r.end_s - r.duration) / 3600.0;
      if (!s.start_hours || start_h < *s.start_hours) s.start_hours = start_h;
    }
  }
  s.co2e_kg = co2;
  s.runs = static_cast<int>(all.size());
  s.pue = s.energy_total_kwh > 0 ? pue_weighted / s.energy_total_kwh : 1.0;
  if (!have_pue_column) s.pue = 1.0;
  s.scope = *s.pue > 1.0 + 1e-9 ? EnergyScope::kFacilityMeasured : EnergyScope::kItMeasured;
  if (s.energy_total_kwh > 0) s.ci_g_per_kwh = co2 * 1000.0 / s.energy_total_kwh;
}

}  // namespace

Result<LogSummary> ReadCodeCarbon(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kCodeCarbon;
  CsvLog csv(in, s);
  if (Status st = csv.ReadHeader("the file is empty: expected a CodeCarbon header line"); !st) return st.error();
  for (const char* need : {"duration", "emissions", "energy_consumed"}) {
    if (!csv.header().Find(need)) {
      Error e = MakeError(std::string("not a CodeCarbon emissions.csv: no '") + need + "' column" +
                          (csv.header().size() == 1 ? " (is the delimiter a comma?)" : ""));
      return e.At(file, csv.line());
    }
  }
  csv.SetKeyColumns({"duration", "energy_consumed"});
  csv.SetMismatchHint("; a known CodeCarbon writer bug");
  Columns c(csv.header());
  int version = csv.header_version();
  RunsByKey runs;
  bool have_pue_column = c.pue.has_value(), bad_stamp = false;
  while (csv.NextRow()) {
    if (csv.header_version() != version) {  // a new header line mid-file (CodeCarbon appends across versions)
      c = Columns(csv.header());
      version = csv.header_version();
      have_pue_column = have_pue_column || c.pue.has_value();
    }
    auto row = ParseRow(csv.fields(), c, csv.line(), bad_stamp, s);
    if (!row) continue;
    ++s.rows;
    AddToRun(runs[RunKey(csv.fields(), c, csv.line())], *row);
  }
  if (s.rows == 0) return csv.NoRows();
  Total(DistinctRuns(runs, s), have_pue_column, s);
  return s;
}

}  // namespace foreprint

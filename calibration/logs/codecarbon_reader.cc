// codecarbon_reader.cc — CodeCarbon emissions.csv (all header variants since 1.x).
//
// Units: duration s, emissions kg, *_energy and energy_consumed kWh (PUE applied to
// energy_consumed since 2.3 — the `pue` column), *_power W. One row per tracker stop; rows of the
// same run_id are cumulative flushes of one run (the longest is kept). v1.x has no run_id: its
// experiment_id identifies the run. emissions_rate is not used (1000× off in 2.0/2.1).
#include <algorithm>
#include <cmath>
#include <map>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_time.h"
#include "estimator/text.h"

namespace foreprint {
namespace {

struct Row {
  int line = 0;
  double duration = 0, energy = 0, emissions = 0;
  std::optional<double> cpu, gpu, ram, pue, gpu_count;
  std::optional<double> end_s;
  std::string location, gpu_model;
};

std::optional<double> Cell(const CsvHeader& h, const std::vector<std::string>& f, const char* name) {
  auto c = h.Find(name);
  if (!c || *c >= f.size()) return std::nullopt;
  return ParseLogNumber(f[*c]);
}

std::string Text(const CsvHeader& h, const std::vector<std::string>& f, const char* name) {
  auto c = h.Find(name);
  return c && *c < f.size() ? f[*c] : std::string();
}

std::string Location(const CsvHeader& h, const std::vector<std::string>& f) {
  const std::string provider = Text(h, f, "cloud_provider"), region = Text(h, f, "cloud_region");
  if (!provider.empty() && !region.empty()) return provider + ":" + region;
  std::string country = Text(h, f, "country_name"), sub = Text(h, f, "region");
  if (country.empty()) country = Text(h, f, "country_iso_code");
  return sub.empty() ? country : country + " / " + sub;
}

}  // namespace

Result<LogSummary> ReadCodeCarbon(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kCodeCarbon;
  std::string line;
  std::optional<CsvHeader> header;
  while (!header && in.Next(&line)) {
    if (Trim(line).empty()) continue;
    auto names = SplitCsvLine(line);
    if (!names) {
      Error e = MakeError("header: " + names.error().message);
      return e.At(file, in.line_number());
    }
    header.emplace(*names);
    for (const char* need : {"duration", "emissions", "energy_consumed"}) {
      if (!header->Find(need)) {
        Error e = MakeError(std::string("not a CodeCarbon emissions.csv: no '") + need + "' column" +
                            (names->size() == 1 ? " (is the delimiter a comma?)" : ""));
        return e.At(file, in.line_number());
      }
    }
  }
  if (!header) {
    Error e = MakeError("the file is empty: expected a CodeCarbon header line");
    return e.At(file);
  }
  const CsvHeader& h = *header;
  const auto run_col = h.Find("run_id") ? h.Find("run_id") : h.Find("experiment_id");
  std::map<std::string, Row> runs;  // run key → the longest (latest cumulative) row
  std::map<std::string, int> seen;
  while (in.Next(&line)) {
    if (Trim(line).empty()) continue;
    const int ln = in.line_number();
    if (in.Truncated()) {
      s.Warn(ln, "line longer than 1 MiB: skipped");
      ++s.skipped_rows;
      continue;
    }
    auto f = SplitCsvLine(line);
    if (!f) {
      s.Warn(ln, f.error().message + ": row skipped");
      ++s.skipped_rows;
      continue;
    }
    if (f->size() != h.size()) {
      s.Warn(ln, "row has " + std::to_string(f->size()) + " fields, the header " + std::to_string(h.size()) +
                     ": skipped (columns would be misread; a known CodeCarbon writer bug)");
      ++s.skipped_rows;
      continue;
    }
    Row r;
    r.line = ln;
    auto duration = Cell(h, *f, "duration"), energy = Cell(h, *f, "energy_consumed"),
         emissions = Cell(h, *f, "emissions");
    if (!duration || !energy || !emissions || *duration < 0 || *energy < 0 || *emissions < 0) {
      s.Warn(ln, "duration, emissions or energy_consumed missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    r.duration = *duration;
    r.energy = *energy;
    r.emissions = *emissions;
    r.cpu = Cell(h, *f, "cpu_energy");
    r.gpu = Cell(h, *f, "gpu_energy");
    r.ram = Cell(h, *f, "ram_energy");
    r.pue = Cell(h, *f, "pue");
    r.gpu_count = Cell(h, *f, "gpu_count");
    r.gpu_model = Text(h, *f, "gpu_model");
    r.end_s = ParseLogTimeSeconds(Text(h, *f, "timestamp"));
    r.location = Location(h, *f);
    if (r.pue && (*r.pue < 1.0 || *r.pue > 3.0)) {
      s.Warn(ln, "pue " + FormatNumber(*r.pue) + " is implausible: taken as 1");
      r.pue = 1.0;
    }
    for (const char* col : {"cpu_power", "gpu_power", "ram_power"}) {
      auto p = Cell(h, *f, col);
      if (p && *p > 10000) s.Warn(ln, std::string(col) + " " + FormatSig(*p, 3) + " W is implausible (kept: only energies are used)");
    }
    if (r.cpu && r.gpu && r.ram) {
      const double parts = (*r.cpu + *r.gpu + *r.ram) * r.pue.value_or(1.0);
      if (std::fabs(parts - r.energy) > 0.05 * std::max(parts, r.energy) && std::fabs(parts - r.energy) > 1e-6) {
        s.Warn(ln, "energy_consumed " + FormatSig(r.energy, 4) + " kWh differs from cpu + gpu + ram " +
                       FormatSig(parts, 4) + " kWh: energy_consumed is used");
      }
    }
    std::string key = run_col && *run_col < f->size() ? (*f)[*run_col] : "";
    if (key.empty() || key == "None" || key == "none") key = "line " + std::to_string(ln);
    ++s.rows;
    ++seen[key];
    auto it = runs.find(key);
    if (it == runs.end() || r.duration >= it->second.duration) runs[key] = r;
  }
  if (s.rows == 0) {
    Error e = MakeError(s.skipped_rows ? "no row could be read (" + std::to_string(s.skipped_rows) + " skipped)"
                                       : "header only: the log has no rows");
    return e.At(file);
  }
  for (const auto& [key, n] : seen) {
    if (n > 1 && key.rfind("line ", 0) != 0) {
      s.Warn(runs[key].line, "run " + key + " has " + std::to_string(n) +
                                 " rows (cumulative flushes of one run): the longest is used");
    }
  }
  double pue_weighted = 0;
  for (const auto& [key, r] : runs) {
    s.duration_s += r.duration;
    s.energy_total_kwh += r.energy;
    s.co2e_kg = s.co2e_kg.value_or(0) + r.emissions;
    if (r.cpu) s.cpu_kwh = s.cpu_kwh.value_or(0) + *r.cpu;
    if (r.gpu) s.gpu_kwh = s.gpu_kwh.value_or(0) + *r.gpu;
    if (r.ram) s.ram_kwh = s.ram_kwh.value_or(0) + *r.ram;
    pue_weighted += r.energy * r.pue.value_or(1.0);
    if (r.gpu_count && *r.gpu_count > 0) s.device_count = std::max(s.device_count.value_or(0), static_cast<int>(*r.gpu_count));
    if (!r.gpu_model.empty()) s.device_model = r.gpu_model;
    if (s.location.empty()) s.location = r.location;
    if (r.end_s) {
      double start_h = (*r.end_s - r.duration) / 3600.0;
      if (!s.start_hours || start_h < *s.start_hours) s.start_hours = start_h;
    }
  }
  s.runs = static_cast<int>(runs.size());
  s.pue = s.energy_total_kwh > 0 ? pue_weighted / s.energy_total_kwh : 1.0;
  s.scope = *s.pue > 1.0 + 1e-9 ? EnergyScope::kFacilityMeasured : EnergyScope::kItMeasured;
  if (s.energy_total_kwh > 0) s.ci_g_per_kwh = *s.co2e_kg * 1000.0 / s.energy_total_kwh;
  return s;
}

}  // namespace foreprint

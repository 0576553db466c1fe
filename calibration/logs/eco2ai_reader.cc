// eco2ai_reader.cc — eco2AI emission.csv.
//
// Columns: id, project_name, experiment_description, epoch, start_time, duration(s),
// power_consumption(kWh), CO2_emissions(kg), CPU_name, GPU_name, OS, region/country, cost.
// Every row is an increment (a tracker stop or one epoch of a run), so rows are summed; `id`
// repeats across the epochs of one run. power_consumption is the IT energy (CPU, GPU, RAM).
#include <algorithm>
#include <regex>
#include <set>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_time.h"
#include "estimator/text.h"

namespace foreprint {

Result<LogSummary> ReadEco2ai(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kEco2ai;
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
    for (const char* need : {"duration(s)", "power_consumption(kwh)"}) {
      if (!header->Find(need)) {
        Error e = MakeError(std::string("not an eco2AI emission.csv: no '") + need + "' column" +
                            (names->size() == 1 ? " (is the delimiter a comma?)" : ""));
        return e.At(file, in.line_number());
      }
    }
  }
  if (!header) {
    Error e = MakeError("the file is empty: expected an eco2AI header line");
    return e.At(file);
  }
  const CsvHeader& h = *header;
  auto text = [&](const std::vector<std::string>& f, const char* name) {
    auto c = h.Find(name);
    return c && *c < f.size() ? f[*c] : std::string();
  };
  static const std::regex gpu_re("^(.*?)\\s*([0-9]+) device\\(s\\)\\s*$");
  std::set<std::string> ids;
  bool any_co2 = false;
  while (in.Next(&line)) {
    if (Trim(line).empty()) continue;
    const int ln = in.line_number();
    auto f = SplitCsvLine(line);
    if (!f || f->size() != h.size() || in.Truncated()) {
      s.Warn(ln, !f ? f.error().message + ": row skipped"
                    : "row has " + std::to_string(f->size()) + " fields, the header " + std::to_string(h.size()) +
                          ": skipped");
      ++s.skipped_rows;
      continue;
    }
    auto duration = ParseLogNumber(text(*f, "duration(s)"));
    auto energy = ParseLogNumber(text(*f, "power_consumption(kwh)"));
    if (!duration || !energy || *duration < 0 || *energy < 0) {
      s.Warn(ln, "duration(s) or power_consumption(kWh) missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    ++s.rows;
    s.duration_s += *duration;
    s.energy_total_kwh += *energy;
    if (auto co2 = ParseLogNumber(text(*f, "co2_emissions(kg)")); co2 && *co2 >= 0) {
      s.co2e_kg = s.co2e_kg.value_or(0) + *co2;
      any_co2 = true;
    }
    ids.insert(text(*f, "id"));
    std::smatch m;
    const std::string gpu = text(*f, "gpu_name");
    if (std::regex_match(gpu, m, gpu_re)) {
      int n = std::stoi(m[2].str().substr(0, 6));
      if (n > 0) s.device_count = std::max(s.device_count.value_or(0), n);
      if (!Trim(m[1].str()).empty()) s.device_model = Trim(m[1].str());
    }
    if (s.location.empty()) s.location = text(*f, "region/country");
    if (auto t = ParseLogTimeSeconds(text(*f, "start_time"))) {
      if (!s.start_hours || *t / 3600.0 < *s.start_hours) s.start_hours = *t / 3600.0;
    }
  }
  if (s.rows == 0) {
    Error e = MakeError(s.skipped_rows ? "no row could be read (" + std::to_string(s.skipped_rows) + " skipped)"
                                       : "header only: the log has no rows");
    return e.At(file);
  }
  if (!any_co2) s.co2e_kg.reset();
  s.runs = static_cast<int>(ids.size());
  s.scope = EnergyScope::kItMeasured;
  s.pue = 1.0;
  if (s.co2e_kg && s.energy_total_kwh > 0) s.ci_g_per_kwh = *s.co2e_kg * 1000.0 / s.energy_total_kwh;
  return s;
}

}  // namespace foreprint

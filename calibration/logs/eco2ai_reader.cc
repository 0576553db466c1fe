// eco2ai_reader.cc — eco2AI emission.csv.
//
// Columns: id, project_name, experiment_description, epoch, start_time, duration(s),
// power_consumption(kWh), CO2_emissions(kg), CPU_name, GPU_name, OS, region/country, cost (older
// versions name some differently; only duration(s) and power_consumption(kWh) are required).
// Every row is an increment (a tracker run, or one epoch of a run written by new_epoch()), so
// rows are summed; `id` repeats across the epochs of one run. power_consumption is the IT energy
// (CPU + GPU + RAM) times eco2AI's `pue` (1 by default); a pue column, when present, is read.
// GPU_name reads "<model> <n> device(s)"; epoch is free text ("", "N/A", "epoch: 3, ...").
#include <algorithm>
#include <set>

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

struct Columns {
  std::optional<size_t> id, duration, energy, co2, gpu_name, region, start, pue, cpu, gpu, ram;

  explicit Columns(const CsvHeader& h)
      : id(h.Find("id")),
        duration(h.Find("duration(s)")),
        energy(h.Find("power_consumption(kwh)")),
        co2(h.FindAny({"co2_emissions(kg)", "co2_emissions"})),
        gpu_name(h.Find("gpu_name")),
        region(h.FindAny({"region/country", "region", "country"})),
        start(h.Find("start_time")),
        pue(h.Find("pue")) {
    // Per-component energies in kWh, in versions that write them ("cpu_power(kwh)", ...).
    for (size_t i = 0; i < h.names().size(); ++i) {
      const std::string& n = h.names()[i];
      if (n.find("(kwh)") == std::string::npos || n == "power_consumption(kwh)") continue;
      if (n.rfind("cpu", 0) == 0 && !cpu) cpu = i;
      if (n.rfind("gpu", 0) == 0 && !gpu) gpu = i;
      if (n.rfind("ram", 0) == 0 && !ram) ram = i;
    }
  }
};

// "Tesla V100-PCIE-32GB 1 device(s)" → {"Tesla V100-PCIE-32GB", 1}; " 2 device(s)" → {"", 2}.
bool ParseGpuName(const std::string& text, std::string* model, int* count) {
  std::string t = Trim(text);
  const std::string suffix = "device(s)";
  if (t.size() <= suffix.size() || ToLower(t.substr(t.size() - suffix.size())) != suffix) return false;
  t = Trim(t.substr(0, t.size() - suffix.size()));
  size_t digits = t.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(t[digits - 1]))) --digits;
  if (digits == t.size() || t.size() - digits > 6) return false;
  *count = std::stoi(t.substr(digits));
  *model = Trim(t.substr(0, digits));
  return true;
}

void AddPart(std::optional<double>* total, std::optional<double> v) {
  if (v && *v >= 0) *total = total->value_or(0) + *v;
}

}  // namespace

Result<LogSummary> ReadEco2ai(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kEco2ai;
  CsvLog csv(in, s);
  if (Status st = csv.ReadHeader("the file is empty: expected an eco2AI header line"); !st) return st.error();
  for (const char* need : {"duration(s)", "power_consumption(kwh)"}) {
    if (!csv.header().Find(need)) {
      Error e = MakeError(std::string("not an eco2AI emission.csv: no '") + need + "' column" +
                          (csv.header().size() == 1 ? " (is the delimiter a comma?)" : ""));
      return e.At(file, csv.line());
    }
  }
  csv.SetKeyColumns({"duration(s)", "power_consumption(kwh)"});
  Columns c(csv.header());
  int version = csv.header_version();
  std::set<std::string> ids;
  constexpr size_t kMaxIds = 100000;  // bounded memory: beyond this, runs are no longer told apart
  bool co2_everywhere = true;
  double co2 = 0, pue_weighted = 0;
  while (csv.NextRow()) {
    if (csv.header_version() != version) {
      c = Columns(csv.header());
      version = csv.header_version();
    }
    const auto& f = csv.fields();
    const int ln = csv.line();
    auto duration = ParseLogNumber(FieldAt(f, c.duration));
    auto energy = ParseLogNumber(FieldAt(f, c.energy));
    if (!duration || !energy || *duration < 0 || *energy < 0) {
      s.Warn(ln, "duration(s) or power_consumption(kWh) missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    ++s.rows;
    s.duration_s += *duration;
    s.energy_total_kwh += *energy;
    auto row_co2 = ParseLogNumber(FieldAt(f, c.co2));
    if (row_co2 && *row_co2 >= 0) co2 += *row_co2;
    else co2_everywhere = false;
    double pue = 1.0;
    if (auto p = ParseLogNumber(FieldAt(f, c.pue))) {
      if (*p < 1.0 || *p > 3.0) s.Warn(ln, "pue " + FormatNumber(*p) + " is implausible: taken as 1");
      else pue = *p;
    }
    pue_weighted += *energy * pue;
    AddPart(&s.cpu_kwh, ParseLogNumber(FieldAt(f, c.cpu)));
    AddPart(&s.gpu_kwh, ParseLogNumber(FieldAt(f, c.gpu)));
    AddPart(&s.ram_kwh, ParseLogNumber(FieldAt(f, c.ram)));
    if (ids.size() < kMaxIds) ids.insert(FieldAt(f, c.id));
    std::string model;
    int count = 0;
    if (ParseGpuName(FieldAt(f, c.gpu_name), &model, &count)) {
      if (count > 0) s.device_count = std::max(s.device_count.value_or(0), count);
      if (!model.empty()) s.device_model = Snippet(model, 120);
    }
    if (s.location.empty()) s.location = Snippet(FieldAt(f, c.region), 120);
    if (auto t = ParseLogTimeSeconds(FieldAt(f, c.start))) {
      if (!s.start_hours || *t / 3600.0 < *s.start_hours) s.start_hours = *t / 3600.0;
    }
  }
  if (s.rows == 0) return csv.NoRows();
  if (co2_everywhere) s.co2e_kg = co2;
  else if (co2 > 0) s.Warn(0, "CO2_emissions(kg) is missing in some rows: no CO2e total is given");
  s.runs = static_cast<int>(ids.size());
  s.pue = s.energy_total_kwh > 0 ? pue_weighted / s.energy_total_kwh : 1.0;
  s.scope = *s.pue > 1.0 + 1e-9 ? EnergyScope::kFacilityMeasured : EnergyScope::kItMeasured;
  if (s.co2e_kg && s.energy_total_kwh > 0) s.ci_g_per_kwh = *s.co2e_kg * 1000.0 / s.energy_total_kwh;
  return s;
}

}  // namespace foreprint

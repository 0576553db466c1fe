#include "calibration/run_record.h"

#include <cmath>

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "report/table.h"
#include "core/text.h"

namespace foreprint {
namespace {

const std::vector<std::string> kScopeNames = {"", "facility-measured", "facility-tdp", "it-measured",
                                              "accelerator-measured"};

Result<std::optional<double>> Num(const CsvTable& t, size_t row, const std::string& col, double lo, double hi) {
  const std::string s = Trim(t.Get(row, col));
  if (s.empty()) return std::optional<double>();
  auto v = ParsePlainNumber(s);
  if (!v) return t.ErrorAt(row, col, v.error().message);
  if (*v < lo || *v > hi) {
    return t.ErrorAt(row, col, "value " + s + " is outside " + FormatNumber(lo) + " to " + FormatNumber(hi));
  }
  return std::optional<double>(*v);
}

std::string Opt(const std::optional<double>& v) { return v ? FormatNumber(*v) : ""; }

}  // namespace

std::string ToString(EnergyScope s) { return kScopeNames[static_cast<size_t>(s)]; }

std::optional<EnergyScope> ParseEnergyScope(const std::string& s) {
  for (size_t i = 0; i < kScopeNames.size(); ++i) if (s == kScopeNames[i]) return static_cast<EnergyScope>(i);
  return std::nullopt;
}

const std::vector<std::string>& RunColumns() {
  static const std::vector<std::string> k = {
      "name",  "modality", "workload",     "params",     "active_params", "tokens", "flops",
      "flops_source", "device", "device_string", "count", "device_hours", "wall_hours", "energy_kwh",
      "energy_scope", "pue", "ci_g_per_kwh", "tco2e", "tco2e_kind", "year", "flag", "source", "notes"};
  return k;
}

bool RunRecord::HasTag(const std::string& tag) const {
  size_t pos = notes.find(tag);
  while (pos != std::string::npos) {
    bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(notes[pos - 1]));
    size_t end = pos + tag.size();
    bool right = end >= notes.size() || !(std::isalnum(static_cast<unsigned char>(notes[end])) || notes[end] == '-');
    if (left && right) return true;
    pos = notes.find(tag, pos + 1);
  }
  return false;
}

std::optional<double> RunRecord::Count() const {
  if (count) return count;
  if (device_hours && wall_hours && *wall_hours > 0) return std::round(*device_hours / *wall_hours);
  return std::nullopt;
}

std::optional<double> RunRecord::SizeParams() const { return active_params ? active_params : params; }

bool RunRecord::HasMeasuredEnergy() const {
  return energy_kwh && energy_scope != EnergyScope::kNone && energy_scope != EnergyScope::kFacilityTdp;
}

Result<std::vector<RunRecord>> ParseRuns(const std::string& text, const std::string& file) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  for (const char* col : {"name", "device", "flops", "count", "device_hours", "energy_kwh", "energy_scope"}) {
    if (!csv->Column(col)) {
      Error e = MakeError(std::string("missing column '") + col + "' (expected the runs.csv header: " +
                          Join(RunColumns(), ",") + ")");
      return e.At(file, 1);
    }
  }
  std::vector<RunRecord> out;
  for (size_t r = 0; r < csv->rows(); ++r) {
    RunRecord run;
    run.file = file;
    run.line = csv->LineOf(r);
    run.name = csv->Get(r, "name");
    if (Trim(run.name).empty()) return csv->ErrorAt(r, "name", "every run needs a name");
    run.modality = csv->Get(r, "modality");
    run.workload = csv->Get(r, "workload");
    run.flops_source = csv->Get(r, "flops_source");
    run.device = csv->Get(r, "device");
    run.device_string = csv->Get(r, "device_string");
    run.tco2e_kind = csv->Get(r, "tco2e_kind");
    run.source = csv->Get(r, "source");
    run.notes = csv->Get(r, "notes");
    struct Field {
      const char* col;
      std::optional<double>* dst;
      double lo, hi;
    };
    const Field fields[] = {{"params", &run.params, 1, 1e15},        {"active_params", &run.active_params, 1, 1e15},
                            {"tokens", &run.tokens, 1, 1e16},        {"flops", &run.flops, 1e6, 1e32},
                            {"count", &run.count, 1, 1e7},           {"device_hours", &run.device_hours, 1e-6, 1e12},
                            {"wall_hours", &run.wall_hours, 1e-6, 1e7}, {"energy_kwh", &run.energy_kwh, 1e-9, 1e12},
                            {"pue", &run.pue, 1, 3},                 {"ci_g_per_kwh", &run.ci_g_per_kwh, 0, 2000},
                            {"tco2e", &run.tco2e, 0, 1e9}};
    for (const auto& f : fields) {
      auto v = Num(*csv, r, f.col, f.lo, f.hi);
      if (!v) return v.error();
      *f.dst = *v;
    }
    auto year = Num(*csv, r, "year", 1950, 2100);
    if (!year) return year.error();
    if (*year) run.year = static_cast<int>(**year);
    auto scope = ParseEnergyScope(Trim(csv->Get(r, "energy_scope")));
    if (!scope) {
      return csv->ErrorAt(r, "energy_scope", "unknown scope '" + csv->Get(r, "energy_scope") +
                                                 "' (facility-measured, facility-tdp, it-measured, accelerator-measured)");
    }
    run.energy_scope = *scope;
    if (run.energy_kwh && run.energy_scope == EnergyScope::kNone) {
      return csv->ErrorAt(r, "energy_scope", "energy_kwh is given without its scope");
    }
    if (csv->Column("dtype")) run.dtype = ToLower(Trim(csv->Get(r, "dtype")));
    if (csv->Column("setting")) {
      const std::string st = ToLower(Trim(csv->Get(r, "setting")));
      if (st == "benchmark") {
        run.setting = Setting::kBenchmark;
      } else if (!st.empty() && st != "production") {
        return csv->ErrorAt(r, "setting", "unknown setting '" + st + "' (production, benchmark)");
      }
    }
    const std::string flags = Trim(csv->Get(r, "flag"));
    size_t start = 0;
    while (start < flags.size()) {
      size_t bar = flags.find('|', start);
      std::string f = Trim(flags.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      if (!f.empty()) run.flags.push_back(f);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    out.push_back(std::move(run));
  }
  return out;
}

Result<std::vector<RunRecord>> LoadRuns(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) return text.error();
  return ParseRuns(*text, path);
}

Result<std::vector<RunRecord>> BuiltinRuns() {
  auto f = ReadDataFile("calibration/data/runs.csv");
  if (!f) return f.error();
  return ParseRuns(f->text, f->display_name);
}

std::string RunsHeader() { return Join(RunColumns(), ","); }

std::string RunCsvLine(const RunRecord& r) {
  std::vector<std::string> cells = {r.name,
                                    r.modality,
                                    r.workload,
                                    Opt(r.params),
                                    Opt(r.active_params),
                                    Opt(r.tokens),
                                    Opt(r.flops),
                                    r.flops_source,
                                    r.device,
                                    r.device_string,
                                    Opt(r.count),
                                    Opt(r.device_hours),
                                    Opt(r.wall_hours),
                                    Opt(r.energy_kwh),
                                    ToString(r.energy_scope),
                                    Opt(r.pue),
                                    Opt(r.ci_g_per_kwh),
                                    Opt(r.tco2e),
                                    r.tco2e_kind,
                                    r.year ? std::to_string(*r.year) : "",
                                    Join(r.flags, "|"),
                                    r.source,
                                    r.notes};
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + CsvField(cells[i]);
  return line;
}

}  // namespace foreprint

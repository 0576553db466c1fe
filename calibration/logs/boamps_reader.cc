// boamps_reader.cc — BoAmps energy reports (Boavizta; the JSON CodeCarbon writes as
// boamps_report_<run_id>.json; schema: shared/reference/boamps, CC BY 4.0), recognised by content.
//
// measures[]: powerConsumption is the task's energy in kWh (measure_schema.json), or in the
// measure's "unit" when one is given ("Wh", "kWh", "MWh", "J", "kJ", "MJ"); numbers may be written
// as strings, and "" means not measured. Measures by one method are summed; measures by different
// methods (a software tracker and a wattmeter) measure the same task, so only the first method's
// are used, with a warning. measurementDuration (s) and measurementDateTime give the time. The
// pre-0.1 draft layout (measurementMethod.software|hardware.<tool>.measureValue in measureUnit) is
// read with a warning. Scope: the IT energy the tool measured (CodeCarbon: CPU + GPU + RAM), no
// PUE. The GPU comes from infrastructure.components[] (componentType "gpu"), the location from
// environment. A report is one JSON document: read whole, at most 16 MiB.
#include <cmath>
#include <nlohmann/json.hpp>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

using Json = nlohmann::json;

constexpr size_t kMaxReportBytes = 16u << 20;  // reports are a few kB; a larger file is not one

// obj[key], or null when obj is not an object or has no such key.
const Json& At(const Json& obj, const char* key) {
  static const Json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

// A number, or a string holding one; nullopt for "", null and anything else.
std::optional<double> NumberIn(const Json& v) {
  if (v.is_number()) {
    const double d = v.get<double>();
    return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
  }
  if (v.is_string()) return ParseLogNumber(v.get<std::string>());
  return std::nullopt;
}

std::string TextIn(const Json& obj, const char* key) {
  const Json& v = At(obj, key);
  if (v.is_string()) return Trim(v.get<std::string>());
  if (v.is_number()) return v.dump();
  return "";
}

// kWh per unit ("Wh", "kWh", "MWh", "J", "kJ", "MJ", "kJoule", …; case-insensitive); kWh when empty.
std::optional<double> KwhPer(const std::string& unit) {
  const std::string u = ToLower(Trim(unit));
  if (u.empty() || u == "kwh") return 1.0;
  if (u == "wh") return 1e-3;
  if (u == "mwh") return 1e3;
  if (u == "j" || u == "joule") return 1 / 3.6e6;
  if (u == "kj" || u == "kjoule") return 1 / 3.6e3;
  if (u == "mj" || u == "mjoule") return 1 / 3.6;
  return std::nullopt;
}

// Reads the whole text (the reader decodes encodings and line ends); an error beyond the limit.
Result<std::string> WholeText(LineReader& in, const std::string& file) {
  std::string text, line;
  while (in.Next(&line)) {
    text += line;
    text += '\n';
    if (text.size() > kMaxReportBytes) {
      Error e = MakeError("larger than 16 MiB: not a BoAmps report");
      return e.At(file);
    }
  }
  if (Trim(text).empty()) {
    Error e = MakeError("the file is empty");
    return e.At(file);
  }
  return text;
}

struct Measure {
  std::string method;
  double kwh = 0;
  std::optional<double> seconds, start;
};

// measures[] of a 0.1+ report; warnings for entries without a readable energy.
std::vector<Measure> Measures(const Json& report, LogSummary& s) {
  std::vector<Measure> out;
  const Json& list = At(report, "measures");
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& m = list[i];
    if (!m.is_object()) continue;
    const auto value = NumberIn(At(m, "powerConsumption"));
    const auto per = KwhPer(TextIn(m, "unit"));
    if (!value || *value < 0 || !per || *value * *per > kMaxLogKwh) {
      s.Warn(0, "measures[" + std::to_string(i) + "]: powerConsumption '" + Snippet(TextIn(m, "powerConsumption"), 30) +
                    "' in '" + Snippet(TextIn(m, "unit"), 20) + "' is not an energy: not used");
      continue;
    }
    Measure x{TextIn(m, "measurementMethod"), *value * *per, std::nullopt, std::nullopt};
    x.seconds = NumberIn(At(m, "measurementDuration"));
    if (x.seconds && !(*x.seconds >= 0 && *x.seconds <= kMaxLogSeconds)) x.seconds.reset();
    if (const std::string when = TextIn(m, "measurementDateTime"); !when.empty()) x.start = ParseLogTimeSeconds(when);
    out.push_back(x);
  }
  return out;
}

// The pre-0.1 draft: measurementMethod.{software,hardware}.<tool>.{measureValue, measureUnit}.
std::vector<Measure> DraftMeasures(const Json& report) {
  std::vector<Measure> out;
  const Json& groups = At(report, "measurementMethod");
  for (const auto& [kind, tools] : groups.items()) {
    if (!tools.is_object()) continue;
    for (const auto& [tool, m] : tools.items()) {
      const auto value = NumberIn(At(m, "measureValue"));
      const auto per = KwhPer(TextIn(m, "measureUnit"));
      if (value && *value >= 0 && per && *value * *per <= kMaxLogKwh) {
        out.push_back(Measure{tool, *value * *per, std::nullopt, std::nullopt});
      }
    }
  }
  return out;
}

// The first method's measures, summed; the others named in a warning.
void AddMeasures(const std::vector<Measure>& all, LogSummary& s) {
  const std::string& method = all.front().method;
  double other_kwh = 0;
  std::vector<std::string> others;
  for (const Measure& m : all) {
    if (m.method != method) {
      other_kwh += m.kwh;
      others.push_back(Snippet(m.method, 30));
      continue;
    }
    ++s.rows;
    s.energy_total_kwh += m.kwh;
    if (m.seconds) s.duration_s += *m.seconds;
    if (m.start && (!s.start_hours || *m.start / 3600 < *s.start_hours)) s.start_hours = *m.start / 3600;
  }
  if (!others.empty()) {
    s.Warn(0, "measures by other methods (" + Join(others, ", ") + ", " + FormatSig(other_kwh, 3) +
                  " kWh) measure the same task: only '" + Snippet(method, 30) + "' is used");
  }
  if (s.rows > 1) s.Warn(0, std::to_string(s.rows) + " measures by '" + Snippet(method, 30) + "' are summed");
}

// The GPU (infrastructure.components[] with componentType gpu) and the location.
void ReadContext(const Json& report, LogSummary& s) {
  const Json& components = At(At(report, "infrastructure"), "components");
  if (components.is_array()) {
    for (const Json& c : components) {
      const std::string type = ToLower(TextIn(c, "componentType"));
      const std::string name = TextIn(c, "componentName");
      if (type != "gpu" && ToLower(name) != "gpu") continue;
      const std::string model = ToLower(name) == "gpu" || name.empty()
                                    ? Trim(TextIn(c, "manufacturer") + " " + TextIn(c, "family") + " " + TextIn(c, "series"))
                                    : name;
      s.device_model = Snippet(model, 120);
      if (auto n = NumberIn(At(c, "nbComponent")); n && *n >= 1 && *n <= 1e6) s.device_count = static_cast<int>(*n);
      break;
    }
  }
  const Json& env = At(report, "environment");
  std::string where = TextIn(env, "country");
  if (const std::string loc = TextIn(env, "location"); !loc.empty()) where += (where.empty() ? "" : " / ") + loc;
  s.location = Snippet(where, 120);
  if (auto ci = NumberIn(At(env, "powerSourceCarbonIntensity")); ci && *ci >= 0 && *ci < 3000) s.ci_g_per_kwh = ci;
}

Result<Json> ParseReport(const std::string& text, const std::string& file) {
  Json report = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded() || !report.is_object()) {
    Error e = MakeError("not a BoAmps report: not a JSON object");
    return e.At(file);
  }
  return report;
}

}  // namespace

Result<LogSummary> ReadBoamps(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kBoamps;
  auto text = WholeText(in, file);
  if (!text) return text.error();
  auto report = ParseReport(*text, file);
  if (!report) return report.error();
  std::vector<Measure> measures;
  if (At(*report, "measures").is_array()) {
    measures = Measures(*report, s);
  } else if (At(*report, "measurementMethod").is_object()) {
    measures = DraftMeasures(*report);
    if (!measures.empty()) s.Warn(0, "the pre-0.1 draft layout (measurementMethod.<kind>.<tool>.measureValue) is read");
  }
  if (measures.empty()) {
    Error e = MakeError("no measure with an energy (measures[].powerConsumption)");
    return e.At(file);
  }
  AddMeasures(measures, s);
  ReadContext(*report, s);
  s.runs = 1;
  s.scope = EnergyScope::kItMeasured;
  s.pue = 1.0;
  return s;
}

bool LooksLikeBoamps(const std::vector<std::string>& head) {
  if (head.empty() || Trim(head.front()).rfind('{', 0) != 0) return false;
  for (const auto& line : head) {
    for (const char* key : {"\"powerConsumption\"", "\"formatVersion\"", "\"measurementMethod\"", "\"measures\""}) {
      if (line.find(key) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace foreprint

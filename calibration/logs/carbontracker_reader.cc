// carbontracker_reader.cc — Carbontracker's text logs (*_carbontracker_output.log, the full
// *_carbontracker.log, or its console output captured into any file).
//
// The measured total of a run is its last "Actual consumption for N epoch(s):" block — Time
// h:mm:ss (or "1 day, h:mm:ss"), Energy kWh, CO2eq g (or kg); Carbontracker multiplies both by its
// PUE (1.58 unless the log states another). A "Predicted consumption for M epoch(s):" block is the
// tracker's forecast for the planned M epochs: reported, never used as a measurement. Epochs are
// counted from the "Epoch N:" lines; "Training was interrupted ..." notes become warnings. When a
// run has no Actual block but its epoch lines carry "Duration:" and "Average power usage (W)", the
// energy is Σ duration × power × PUE, as Carbontracker computes it. A file holding several runs
// (each starts with "carbontracker version") sums them.
#include <algorithm>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr double kCarbontrackerPue = 1.58;  // carbontracker constants.PUE (Uptime Institute 2019 survey)

// Position just after `key` (case-insensitive) in `line`, or npos.
size_t After(const std::string& lower, std::string_view key) {
  const size_t p = lower.find(key);
  return p == std::string::npos ? p : p + key.size();
}

// The leading whole number of `s` (at most 9 digits).
std::optional<int> LeadingInt(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  int v = 0, n = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && n < 9; ++i, ++n) v = v * 10 + (s[i] - '0');
  return n ? std::optional<int>(v) : std::nullopt;
}

// The leading decimal number of `s` ("1.58 (Rhonda ..." → 1.58).
std::optional<double> LeadingNumber(std::string_view s) {
  size_t n = 0;
  bool dot = false;
  for (; n < s.size() && n < 20; ++n) {
    if (s[n] == '.' && !dot && n + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[n + 1]))) dot = true;
    else if (!std::isdigit(static_cast<unsigned char>(s[n]))) break;
  }
  return ParseLogNumber(s.substr(0, n));
}

// The number written just before position `end` ("... 162.51 gCO2/kWh" → 162.51).
std::optional<double> NumberBefore(const std::string& line, size_t end) {
  size_t e = end;
  while (e > 0 && line[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && (std::isdigit(static_cast<unsigned char>(line[b - 1])) || line[b - 1] == '.')) --b;
  return ParseLogNumber(std::string_view(line).substr(b, e - b));
}

// The lower-case unit after a number ("0.0885 g" → "g").
std::string UnitOf(const std::string& value) {
  const size_t pos = value.find_first_not_of("0123456789.eE+- ");
  return pos == std::string::npos ? std::string() : ToLower(Trim(value.substr(pos)));
}

// kWh per unit of an energy value ("0.5 kWh", "12 Wh"; case matters: MWh vs mWh); nullopt if unknown.
std::optional<double> KwhPerUnit(const std::string& value) {
  const size_t pos = value.find_first_not_of("0123456789.eE+- ");
  const std::string unit = pos == std::string::npos ? std::string() : Trim(value.substr(pos));
  if (unit.empty() || unit == "kWh" || unit == "kwh") return 1.0;
  if (unit == "Wh" || unit == "wh") return 1e-3;
  if (unit == "MWh") return 1e3;
  if (unit == "mWh") return 1e-6;
  if (unit == "J") return 1 / 3.6e6;
  if (unit == "kJ") return 1 / 3.6e3;
  return std::nullopt;
}

// Sum of the numbers in "[63.4 12.1]", "63.4", "[63.4, 12.1]"; nullopt for "None"/"nan".
std::optional<double> SumOfList(const std::string& text) {
  double sum = 0;
  int n = 0;
  std::string token;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c == '[' || c == ']' || c == ',' || c == ' ' || c == '\t') {
      if (!token.empty()) {
        auto v = ParseLogNumber(token);
        if (!v || *v < 0) return std::nullopt;
        sum += *v;
        ++n;
        token.clear();
      }
    } else {
      token += c;
    }
  }
  return n ? std::optional<double>(sum) : std::nullopt;
}

enum class Block { kNone, kActual, kPredicted };

// One tracked run (a file usually holds one).
struct Run {
  bool have_actual = false, have_energy = false;
  int actual_line = 0;
  int actual_epochs = 0, epoch_lines = 0;
  double time = 0, energy = 0, co2_kg = 0;
  double epoch_seconds = 0, epoch_joules_per_pue = 0;  // from epoch lines: Σ duration × power
  bool epoch_power_complete = true;
  double pending_duration = -1;                      // the current epoch's Duration, awaiting power
  double pending_power = 0;
};

struct State {
  std::vector<Run> runs{1};
  Block block = Block::kNone;
  double pue = kCarbontrackerPue;
  std::optional<double> ci, ci_average;
  bool traceback = false;
  std::string error;
};

void ReadField(LogSummary& s, State& st, const std::string& key, const std::string& value, int ln) {
  Run& run = st.runs.back();
  if (st.block == Block::kPredicted) {
    if (key == "energy") {
      auto v = ParseLogNumber(value, true);
      if (v && *v >= 0) s.tracker_predicted_kwh = *v;
    }
    return;
  }
  if (key == "time") {
    if (auto v = ParseClockDuration(value)) run.time = *v;
    else s.Warn(ln, "unreadable Time '" + Snippet(value, 40) + "'");
  } else if (key == "energy") {
    auto v = ParseLogNumber(value, true);
    const std::optional<double> scale = KwhPerUnit(value);
    if (v && *v >= 0 && scale) {
      run.energy = *v * *scale;
      run.have_energy = true;
    } else {
      s.Warn(ln, "unreadable Energy '" + Snippet(value, 40) + "'");
    }
  } else {
    auto v = ParseLogNumber(value, true);
    const std::string unit = UnitOf(value);
    const double kg = unit.rfind("kg", 0) == 0 ? 1.0 : unit.rfind("t", 0) == 0 ? 1000.0 : 1e-3;
    if (v && *v >= 0) run.co2_kg = *v * kg;
    else s.Warn(ln, "unreadable CO2eq '" + Snippet(value, 40) + "'");
  }
}

// "Time:", "Energy:", "CO2eq:" lines of a consumption block.
bool BlockField(const std::string& line, std::string* key, std::string* value) {
  const std::string t = Trim(line);
  const size_t colon = t.find(':');
  if (colon == std::string::npos) return false;
  const std::string k = ToLower(Trim(t.substr(0, colon)));
  if (k != "time" && k != "energy" && k != "co2eq" && k != "co2") return false;
  *key = k == "co2" ? "co2eq" : k;
  *value = Trim(t.substr(colon + 1));
  return true;
}

void CloseEpoch(Run& run) {
  if (run.pending_duration < 0) return;
  if (run.pending_power > 0) {
    run.epoch_seconds += run.pending_duration;
    run.epoch_joules_per_pue += run.pending_duration * run.pending_power;
  } else {
    run.epoch_power_complete = false;
  }
  run.pending_duration = -1;
  run.pending_power = 0;
}

// "carbontracker version", "Actual consumption for N epoch(s):", "Predicted consumption for M ...".
bool ReadBlockStart(LogSummary& s, State& st, const std::string& line, const std::string& lower, int ln) {
  Run& run = st.runs.back();
  if (After(lower, "carbontracker version") != std::string::npos) {
    if (run.have_actual || run.epoch_lines > 0) st.runs.emplace_back();  // the next run in this file
    return true;
  }
  if (size_t p = After(lower, "actual consumption for "); p != std::string::npos) {
    st.block = Block::kActual;
    run.have_actual = true;
    run.have_energy = false;
    run.actual_line = ln;
    run.actual_epochs = LeadingInt(std::string_view(line).substr(p)).value_or(0);
    run.time = run.energy = run.co2_kg = 0;
    return true;
  }
  if (size_t p = After(lower, "predicted consumption for "); p != std::string::npos) {
    st.block = Block::kPredicted;
    if (auto n = LeadingInt(std::string_view(line).substr(p))) s.epochs_planned = *n;
    return true;
  }
  return false;
}

// The standard log's "Epoch 3:", then "Duration: 0:01:13.20" and "Average power usage (W) for gpu: [..]".
bool ReadEpochLine(Run& run, const std::string& line, const std::string& lower) {
  if (size_t p = After(lower, "epoch "); p != std::string::npos && lower.find("epoch(s)") == std::string::npos) {
    const std::string rest = Trim(std::string_view(line).substr(p));
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    if (digits > 0 && digits == rest.size() - 1 && rest.back() == ':') {
      CloseEpoch(run);
      ++run.epoch_lines;
      return true;
    }
  }
  if (lower.rfind("duration:", 0) == 0 || lower.find(" - duration:") != std::string::npos) {
    if (auto d = ParseClockDuration(line.substr(After(lower, "duration:")))) {
      CloseEpoch(run);
      run.pending_duration = *d;
    }
    return true;
  }
  if (size_t p = After(lower, "average power usage (w) for "); p != std::string::npos) {
    const size_t colon = line.find(':', p);
    if (colon != std::string::npos && run.pending_duration >= 0) {
      if (auto w = SumOfList(line.substr(colon + 1))) run.pending_power += *w;
    }
    return true;
  }
  return false;
}

// PUE, carbon intensity and location, the GPUs found.
void ReadSetting(LogSummary& s, State& st, const std::string& line, const std::string& lower) {
  if (size_t p = After(lower, "pue coefficient of "); p != std::string::npos) {
    if (auto v = LeadingNumber(std::string_view(line).substr(p)); v && *v >= 1 && *v <= 3) st.pue = *v;
  }
  if (size_t g = lower.find("gco2"); g != std::string::npos && lower.find("/kwh", g) != std::string::npos) {
    auto v = NumberBefore(line, g);
    if (v && *v >= 0 && *v < 3000) {
      if (lower.find("during training") != std::string::npos) st.ci_average = v;
      else st.ci = v;
    }
    if (size_t at = After(lower, "detected location: "); at != std::string::npos) {
      std::string where = Trim(std::string_view(line).substr(at));
      where = where.substr(0, where.find(". Defaulted"));
      while (!where.empty() && where.back() == '.') where.pop_back();
      s.location = Snippet(where, 120);
    }
  }
  if (size_t p = After(lower, "gpu with device(s) "); p != std::string::npos) {
    std::string list = line.substr(p);
    list = list.substr(0, list.find(". "));
    while (!list.empty() && list.back() == '.') list.pop_back();
    const auto names = SplitCsvLine(list);
    if (names && !names->empty() && !Trim(names->front()).empty()) {
      s.device_model = Snippet(Trim(names->front()), 120);
      s.device_count = static_cast<int>(names->size());
    }
  }
}

// Interruptions and failures.
void ReadIncident(LogSummary& s, State& st, const std::string& line, const std::string& lower, int ln) {
  if (lower.find("interrupted") != std::string::npos) {
    s.Warn(ln, Snippet(Trim(line), 200));
    if (size_t p = After(lower, "before all "); p != std::string::npos && !s.epochs_planned) {
      s.epochs_planned = LeadingInt(std::string_view(line).substr(p));
    }
  }
  if (line.find("Traceback") != std::string::npos) {
    st.traceback = true;
    return;
  }
  // The exception that ended the run: the traceback's last, unindented "…Error: …" line.
  if ((line.find("Error") != std::string::npos || line.find("Exception") != std::string::npos) &&
      (st.error.empty() || (!line.empty() && line[0] != ' ' && line[0] != '\t'))) {
    st.error = Snippet(Trim(line), 200);
  }
}

void ReadLine(LogSummary& s, State& st, const std::string& line, int ln) {
  if (!s.start_hours && line.size() >= 19) {
    if (auto t = ParseLogTimeSeconds(line.substr(0, 19))) s.start_hours = *t / 3600.0;
  }
  std::string key, value;
  if (st.block != Block::kNone && BlockField(line, &key, &value)) {
    ReadField(s, st, key, value, ln);
    return;
  }
  if (!line.empty() && line[0] != ' ' && line[0] != '\t') st.block = Block::kNone;
  const std::string lower = ToLower(line);
  if (ReadBlockStart(s, st, line, lower, ln) || ReadEpochLine(st.runs.back(), line, lower)) return;
  ReadSetting(s, st, line, lower);
  ReadIncident(s, st, line, lower, ln);
}

}  // namespace

Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kCarbontracker;
  State st;
  std::string line;
  bool any = false;
  while (in.Next(&line)) {
    if (in.Truncated()) {
      s.Warn(in.line_number(), "line longer than 1 MiB: skipped");
      continue;
    }
    any = any || !Trim(line).empty();
    ReadLine(s, st, line, in.line_number());
  }
  if (!any) {
    Error e = MakeError("the file is empty");
    return e.At(file);
  }
  int epochs = 0, actual_epochs = 0, epoch_lines = 0;
  bool from_epochs = false;
  for (Run& run : st.runs) {
    CloseEpoch(run);
    epoch_lines += run.epoch_lines;
    if (run.have_actual && !run.have_energy) {
      s.Warn(run.actual_line, "the 'Actual consumption' block has no readable Energy line: not used");
      run.have_actual = false;
    }
    if (run.have_actual) {
      ++s.rows;
      s.duration_s += run.time;
      s.energy_total_kwh += run.energy;
      s.co2e_kg = s.co2e_kg.value_or(0) + run.co2_kg;
      actual_epochs += run.actual_epochs;
      epochs += run.epoch_lines > 0 ? run.epoch_lines : run.actual_epochs;
    } else if (run.epoch_seconds > 0 && run.epoch_power_complete) {
      ++s.rows;
      from_epochs = true;
      s.duration_s += run.epoch_seconds;
      s.energy_total_kwh += run.epoch_joules_per_pue * st.pue / 3.6e6;
      epochs += run.epoch_lines;
    }
  }
  if (s.rows == 0) {
    std::string why = "no 'Actual consumption' block";
    if (st.traceback) why += ": the run failed (" + (st.error.empty() ? std::string("traceback") : st.error) + ")";
    else if (s.tracker_predicted_kwh) why += " (only a prediction of " + FormatSig(*s.tracker_predicted_kwh, 3) + " kWh)";
    Error e = MakeError(why);
    return e.At(file);
  }
  if (from_epochs) {
    s.co2e_kg.reset();  // a mix would understate CO2e: report none
    s.Warn(0, "no 'Actual consumption' block: energy computed from the epoch lines (duration × average power × PUE " +
                  FormatNumber(st.pue) + ")");
  }
  s.runs = s.rows;
  s.epochs = epochs;
  s.pue = st.pue;
  s.scope = EnergyScope::kFacilityMeasured;
  if (epoch_lines > 0 && actual_epochs > 0 && epoch_lines != actual_epochs) {
    s.Warn(0, std::to_string(epoch_lines) + " epoch lines but the total covers " + std::to_string(actual_epochs) +
                  " epoch(s)");
  }
  if (s.epochs_planned && *s.epochs_planned > epochs) {
    s.Warn(0, "the measured total covers " + std::to_string(epochs) + " of " + std::to_string(*s.epochs_planned) +
                  " planned epochs (Carbontracker monitors only its first epochs by default)" +
                  (s.tracker_predicted_kwh
                       ? "; it predicted " + FormatSig(*s.tracker_predicted_kwh, 3) + " kWh for all of them"
                       : std::string()));
  }
  s.ci_g_per_kwh = st.ci_average ? st.ci_average : st.ci;
  if (!s.ci_g_per_kwh && s.co2e_kg && s.energy_total_kwh > 0) s.ci_g_per_kwh = *s.co2e_kg * 1000.0 / s.energy_total_kwh;
  return s;
}

}  // namespace foreprint

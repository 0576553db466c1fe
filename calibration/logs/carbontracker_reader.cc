// carbontracker_reader.cc — Carbontracker's text logs, every release 1.0.0–2.4.x: the output log
// (*_carbontracker_output.log), the standard log (*_carbontracker.log), or console output captured
// into any file (file names may carry a pid and a random prefix: "27148_…", "34014.419685_…").
//
// A run's measured total is its consumption block — "First N epoch(s):" (1.0.0–1.0.4), "Actual
// consumption for N epoch(s):", or "Actual consumption:" (1.2.0+ with epochs_before_pred=0, the
// CLI, 2.x) — with Time (h:mm:ss, "1 day, h:mm:ss", "0:00:34.567891 s"), Energy (kWh) and CO2eq
// (g or kg). A tracker writes at most one such block, so each block is one run; several in a file
// are runs written to one log (trackers started together, or appended) and are summed, with a
// warning. A "Predicted consumption for M epoch(s):" / "Prediction for M epoch(s):" block is the
// tracker's forecast: reported, never added. Epochs are counted from the "Epoch N:" lines;
// "Training was interrupted …" notes become warnings, as does a block that measured nothing.
// Without a block, the standard log's epoch lines give Σ duration × power × PUE, as Carbontracker
// computes it (carbontracker_epochs.h). The energy already includes the PUE of the release that
// wrote it (carbontracker_versions.h): stated in the log, derived from its version or the paired
// standard log's, or — from an output log alone — assumed, with a warning.
#include <algorithm>
#include <cmath>

#include "calibration/logs/carbontracker_epochs.h"
#include "calibration/logs/carbontracker_versions.h"
#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

// Position just after `key` (case-insensitive) in `line`, or npos.
size_t After(const std::string& lower, std::string_view key) {
  const size_t p = lower.find(key);
  return p == std::string::npos ? p : p + key.size();
}

bool StartsWith(const std::string& s, std::string_view head) { return s.rfind(head, 0) == 0; }
bool EndsWithText(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
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
        if (!v || *v < 0 || *v > kMaxLogWatts) return std::nullopt;
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
  bool have_actual = false, have_energy = false, have_predicted = false;
  int actual_line = 0;
  std::optional<int> actual_epochs;  // null: "Actual consumption:" without a count
  int epoch_lines = 0;
  double time = 0, energy = 0, co2_kg = 0;
  std::optional<double> end_t;  // when its block was written
  std::optional<double> predicted_kwh;
  std::optional<int> planned;
  CarbontrackerEpochs epochs;
};

struct State {
  std::vector<Run> runs{1};
  Block block = Block::kNone;
  std::optional<double> stated_pue;
  std::string version;
  bool first_n_epochs = false;       // "First N epoch(s):": 1.0.0–1.0.4, no PUE
  bool thread_level_lines = false;   // "… 12:00:10,123 - MainThread - INFO - …": 1.0.0–1.0.6, no PUE
  bool scalar_power = false;         // "… for gpu: 300.0": 2.x averages over devices
  std::optional<double> ci, ci_average, last_stamp;
  bool traceback = false;
  std::string error;
  std::string open_list, open_component;  // a numpy array wrapped onto the next lines
};

void ReadField(LogSummary& s, State& st, const std::string& key, const std::string& value, int ln) {
  Run& run = st.runs.back();
  if (st.block == Block::kPredicted) {
    if (key == "energy") {
      auto v = ParseLogNumber(value, true);
      if (v && *v >= 0 && *v * KwhPerUnit(value).value_or(1.0) <= kMaxLogKwh) {
        run.predicted_kwh = *v * KwhPerUnit(value).value_or(1.0);
      }
    }
    return;
  }
  if (key == "time") {
    if (auto v = ParseClockDuration(value)) run.time = *v;
    else s.Warn(ln, "unreadable Time '" + Snippet(value, 40) + "'");
  } else if (key == "energy") {
    auto v = ParseLogNumber(value, true);
    const std::optional<double> scale = KwhPerUnit(value);
    if (v && *v >= 0 && scale && *v * *scale <= kMaxLogKwh) {
      run.energy = *v * *scale;
      run.have_energy = true;
    } else {
      s.Warn(ln, "unreadable Energy '" + Snippet(value, 40) + "'");
    }
  } else {
    auto v = ParseLogNumber(value, true);
    const std::string unit = UnitOf(value);
    const double kg = unit.rfind("kg", 0) == 0 ? 1.0 : unit.rfind("t", 0) == 0 ? 1000.0 : 1e-3;
    if (v && *v >= 0 && *v * kg <= kMaxLogKgCo2e) run.co2_kg = *v * kg;
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

// A measured block's heading: "Actual consumption for N epoch(s):", "Actual consumption:", and
// 1.0.0–1.0.4's "First N epoch(s):". Null when the line is none of them.
std::optional<std::optional<int>> ActualHeading(const std::string& line, const std::string& lower, State& st) {
  if (size_t p = After(lower, "actual consumption for "); p != std::string::npos) {
    return std::optional<int>(LeadingInt(std::string_view(line).substr(p)));
  }
  if (lower.find("actual consumption:") != std::string::npos) return std::optional<int>();
  const std::string t = Trim(lower);
  if (StartsWith(t, "first ") && t.size() > 15 && t.compare(t.size() - 9, 9, "epoch(s):") == 0) {
    st.first_n_epochs = true;
    return std::optional<int>(LeadingInt(std::string_view(t).substr(6)));
  }
  return std::nullopt;
}

// "Predicted consumption for M epoch(s):", 1.0.0–1.0.4's "Prediction for M epoch(s):": M.
std::optional<std::optional<int>> PredictedHeading(const std::string& lower) {
  for (std::string_view key : {"predicted consumption for ", "prediction for "}) {
    const size_t p = After(lower, key);
    if (p == std::string::npos || lower.find("epoch(s)", p) == std::string::npos) continue;
    return std::optional<int>(LeadingInt(std::string_view(lower).substr(p)));
  }
  return std::nullopt;
}

// "carbontracker version", the block headings. A second measured block (or forecast) in one run
// starts the next run: a tracker writes one of each.
bool ReadBlockStart(State& st, const std::string& line, const std::string& lower, int ln) {
  if (std::string v = CarbontrackerVersionIn(line); !v.empty()) {
    if (st.version.empty()) st.version = v;
    Run& run = st.runs.back();
    if (run.have_actual || run.epoch_lines > 0) st.runs.emplace_back();  // the next run in this file
    return true;
  }
  if (auto epochs = ActualHeading(line, lower, st)) {
    if (st.runs.back().have_actual) st.runs.emplace_back();
    Run& run = st.runs.back();
    st.block = Block::kActual;
    run.have_actual = true;
    run.have_energy = false;
    run.actual_line = ln;
    run.actual_epochs = *epochs;
    run.end_t = st.last_stamp;
    run.time = run.energy = run.co2_kg = 0;
    return true;
  }
  if (auto planned = PredictedHeading(lower)) {
    if (st.runs.back().have_predicted) st.runs.emplace_back();
    st.block = Block::kPredicted;
    st.runs.back().have_predicted = true;
    st.runs.back().planned = *planned;
    return true;
  }
  return false;
}

// A power value, or a numpy array that continues on the next lines ("[300.1 301.2 …" then " 307.9]").
void ReadPowerValue(State& st, const std::string& component, const std::string& value) {
  const std::string v = Trim(value);
  if (!v.empty() && v.front() == '[' && v.find(']') == std::string::npos) {
    st.open_list = v;
    st.open_component = component;
    return;
  }
  if (!v.empty() && v.front() != '[' && SumOfList(v)) st.scalar_power = true;
  st.runs.back().epochs.Power(component, SumOfList(v));
}

// Joins the continuation of a wrapped array; true when the line was one.
bool ContinueList(State& st, const std::string& line, bool stamped) {
  if (st.open_list.empty()) return false;
  if (!stamped) st.open_list += " " + Trim(line);
  if (stamped || st.open_list.find(']') != std::string::npos) {
    st.runs.back().epochs.Power(st.open_component, SumOfList(st.open_list));
    st.open_list.clear();
  }
  return !stamped;
}

// The standard log's "Epoch 3:", then "Duration: 0:01:13.20" and "Average power usage (W) for gpu: [..]".
bool ReadEpochLine(State& st, const std::string& line, const std::string& lower) {
  Run& run = st.runs.back();
  if (size_t p = After(lower, "epoch "); p != std::string::npos && lower.find("epoch(s)") == std::string::npos) {
    const std::string rest = Trim(std::string_view(line).substr(p));
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    if (digits > 0 && digits == rest.size() - 1 && rest.back() == ':') {
      ++run.epoch_lines;
      return true;
    }
  }
  if (StartsWith(lower, "duration:") || lower.find(" - duration:") != std::string::npos) {
    if (auto d = ParseClockDuration(line.substr(After(lower, "duration:")))) run.epochs.Duration(*d);
    return true;
  }
  if (size_t p = After(lower, "average power usage (w) for "); p != std::string::npos) {
    const size_t colon = line.find(':', p);
    if (colon != std::string::npos) ReadPowerValue(st, lower.substr(p, colon - p), line.substr(colon + 1));
    return true;
  }
  return false;
}

// PUE, carbon intensity and location, the GPUs found.
void ReadSetting(LogSummary& s, State& st, const std::string& line, const std::string& lower) {
  if (size_t p = After(lower, "pue coefficient of "); p != std::string::npos) {
    if (auto v = LeadingNumber(std::string_view(line).substr(p)); v && *v >= 1 && *v <= 3) st.stated_pue = *v;
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
    if (size_t p = After(lower, "before all "); p != std::string::npos && !st.runs.back().planned) {
      st.runs.back().planned = LeadingInt(std::string_view(line).substr(p));
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
  std::optional<double> stamp;
  if (line.size() >= 19) stamp = ParseLogTimeSeconds(line.substr(0, 19));
  if (stamp) {
    st.last_stamp = stamp;
    if (!s.start_hours) s.start_hours = *stamp / 3600.0;
    if (line[19] == ',' && line.find(" - INFO - CarbonTracker:") != std::string::npos) st.thread_level_lines = true;
  }
  if (ContinueList(st, line, stamp.has_value())) return;
  std::string key, value;
  if (st.block != Block::kNone && BlockField(line, &key, &value)) {
    ReadField(s, st, key, value, ln);
    return;
  }
  if (!line.empty() && line[0] != ' ' && line[0] != '\t') st.block = Block::kNone;
  const std::string lower = ToLower(line);
  if (ReadBlockStart(st, line, lower, ln) || ReadEpochLine(st, line, lower)) return;
  ReadSetting(s, st, line, lower);
  ReadIncident(s, st, line, lower, ln);
}

// ---- the summary -------------------------------------------------------------------------------

// The PUE the energy includes: stated, or known from the version; null when nothing says.
std::optional<double> KnownPue(const State& st, const CarbontrackerSetup* paired) {
  if (st.stated_pue) return st.stated_pue;
  if (paired && paired->pue) return paired->pue;
  const std::string version = !st.version.empty() ? st.version : paired ? paired->version : std::string();
  if (auto pue = CarbontrackerPue(version)) return pue;
  if (st.first_n_epochs || st.thread_level_lines) return 1.0;  // 1.0.0–1.0.6 applied no PUE
  return std::nullopt;
}

void WarnAssumedPue(LogSummary& s) {
  s.Warn(0, "the PUE Carbontracker applied is not stated in this log (its standard log *_carbontracker.log says "
            "it): " + FormatNumber(kCarbontrackerAssumedPue) + " assumed (1.0.x: none; 1.1.0–1.1.2: 1.58; "
            "1.1.3–1.1.4: 1.67; 1.1.5–1.1.6: 1.59; 1.1.7–1.2.5: 1.55; 2.0 and later: 1.58)");
}

// Several measured blocks: runs written to one file. Overlapping runs each measured the whole
// CPU (and every GPU they saw).
void WarnSeveralRuns(LogSummary& s, const std::vector<const Run*>& measured) {
  int overlapping = 0;
  for (const Run* a : measured) {
    for (const Run* b : measured) {
      if (a == b || !a->end_t || !b->end_t) continue;
      if (*a->end_t - a->time < *b->end_t && *b->end_t - b->time < *a->end_t) {
        ++overlapping;
        break;
      }
    }
  }
  s.Warn(measured.front()->actual_line,
         std::to_string(measured.size()) + " 'Actual consumption' blocks: " + std::to_string(measured.size()) +
             " runs written to one log, summed" +
             (overlapping ? " (" + std::to_string(overlapping) + " of them ran at the same time)" : std::string()) +
             "; each process measured the whole CPU (and every GPU it saw), so where runs overlapped, shared "
             "hardware is counted more than once");
}

struct Totals {
  int epochs = 0, actual_epochs = 0, epoch_lines = 0, unmeasured = 0;
  bool from_epochs = false, interleaved = false;
  std::vector<const Run*> measured;
};

Totals AddRuns(LogSummary& s, State& st, double pue) {
  Totals t;
  for (Run& run : st.runs) {
    run.epochs.Finish();
    t.epoch_lines += run.epoch_lines;
    if (run.predicted_kwh) s.tracker_predicted_kwh = s.tracker_predicted_kwh.value_or(0) + *run.predicted_kwh;
    if (run.planned) s.epochs_planned = s.epochs_planned.value_or(0) + *run.planned;
    if (run.have_actual && !run.have_energy) {
      s.Warn(run.actual_line, "the 'Actual consumption' block has no readable Energy line: not used");
      run.have_actual = false;
    }
    if (run.have_actual) {
      ++s.rows;
      s.duration_s += run.time;
      s.energy_total_kwh += run.energy;
      s.co2e_kg = s.co2e_kg.value_or(0) + run.co2_kg;
      t.actual_epochs += run.actual_epochs.value_or(0);
      t.epochs += run.epoch_lines > 0 ? run.epoch_lines : std::max(1, run.actual_epochs.value_or(1));
      t.measured.push_back(&run);
      if (run.energy == 0 && run.time == 0) {
        s.Warn(run.actual_line, "the 'Actual consumption' block measured nothing (Time 0, Energy 0): the run was "
                                "shorter than Carbontracker's sampling interval, or was stopped before it");
      }
    } else if (run.epochs.measured() > 0) {
      ++s.rows;
      t.from_epochs = true;
      t.interleaved = t.interleaved || run.epochs.interleaved();
      s.duration_s += run.epochs.seconds();
      s.energy_total_kwh += run.epochs.joules() * pue / 3.6e6;
      t.epochs += run.epochs.measured();
      t.unmeasured += run.epochs.unmeasured();
    }
  }
  return t;
}

Error NoTotal(const LogSummary& s, const State& st, const std::string& file) {
  std::string why = "no 'Actual consumption' block";
  int unmeasured = 0;
  for (const Run& run : st.runs) unmeasured += run.epochs.unmeasured();
  if (st.traceback) why += ": the run failed (" + (st.error.empty() ? std::string("traceback") : st.error) + ")";
  else if (s.tracker_predicted_kwh) why += " (only a prediction of " + FormatSig(*s.tracker_predicted_kwh, 3) + " kWh)";
  else if (unmeasured > 0) why += ", and every epoch's power is None: nothing was measured";
  else if (EndsWithText(file, "_carbontracker_err.log")) why += ": this is Carbontracker's error log; read its *_carbontracker_output.log";
  Error e = MakeError(why);
  return e.At(file);
}

void WarnAboutTotals(LogSummary& s, const State& st, const Totals& t, double pue) {
  if (t.measured.size() > 1) WarnSeveralRuns(s, t.measured);
  if (t.from_epochs) {
    s.co2e_kg.reset();  // a mix would understate CO2e: report none
    s.Warn(0, "no 'Actual consumption' block: energy computed from the epoch lines (duration × average power × PUE " +
                  FormatNumber(pue) + ")");
  }
  if (t.interleaved) {
    s.Warn(0, "the epoch lines of several trackers interleave: each Duration is paired with the next power line of "
              "each component, in order; each process measured the whole CPU, so shared hardware is counted more "
              "than once");
  }
  if (t.from_epochs && t.unmeasured > 0) {
    s.Warn(0, std::to_string(t.unmeasured) + " epoch(s) without any power reading (None) are left out");
  }
  if (t.epoch_lines > 0 && t.actual_epochs > 0 && t.epoch_lines != t.actual_epochs) {
    s.Warn(0, std::to_string(t.epoch_lines) + " epoch lines but the total covers " + std::to_string(t.actual_epochs) +
                  " epoch(s)");
  }
  const bool v2 = !st.version.empty() && st.version[0] >= '2';
  if ((v2 || st.scalar_power) && s.device_count && *s.device_count > 1) {
    s.Warn(0, "Carbontracker 2.x averages power over the devices of a component: with " +
                  std::to_string(*s.device_count) + " GPUs its energy is about 1/" + std::to_string(*s.device_count) +
                  " of theirs");
  }
  if (s.epochs_planned && *s.epochs_planned > t.epochs) {
    s.Warn(0, "the measured total covers " + std::to_string(t.epochs) + " of " + std::to_string(*s.epochs_planned) +
                  " planned epochs (Carbontracker monitors only its first epochs by default)" +
                  (s.tracker_predicted_kwh
                       ? "; it predicted " + FormatSig(*s.tracker_predicted_kwh, 3) + " kWh for all of them"
                       : std::string()));
  }
}

Result<LogSummary> Read(LineReader& in, const std::string& file, const CarbontrackerSetup* paired) {
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
  ContinueList(st, "", true);
  if (!any) {
    Error e = MakeError("the file is empty");
    return e.At(file);
  }
  const std::optional<double> known = KnownPue(st, paired);
  const double pue = known.value_or(kCarbontrackerAssumedPue);
  const Totals t = AddRuns(s, st, pue);
  if (s.rows == 0) return NoTotal(s, st, file);
  if (!known) WarnAssumedPue(s);
  WarnAboutTotals(s, st, t, pue);
  s.runs = s.rows;
  s.epochs = t.epochs;
  s.pue = pue;
  s.scope = pue > 1 ? EnergyScope::kFacilityMeasured : EnergyScope::kItMeasured;
  s.ci_g_per_kwh = st.ci_average ? st.ci_average : st.ci;
  if (!s.ci_g_per_kwh && s.co2e_kg && s.energy_total_kwh > 0) s.ci_g_per_kwh = *s.co2e_kg * 1000.0 / s.energy_total_kwh;
  return s;
}

}  // namespace

Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file) { return Read(in, file, nullptr); }

Result<LogSummary> ReadCarbontrackerPaired(LineReader& in, const std::string& file, const CarbontrackerSetup& paired) {
  return Read(in, file, &paired);
}

}  // namespace foreprint

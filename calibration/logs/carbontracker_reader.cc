// carbontracker_reader.cc — Carbontracker's text logs (*_carbontracker_output.log and the full
// *_carbontracker.log).
//
// The measured total is the last "Actual consumption for N epoch(s):" block — Time h:mm:ss,
// Energy kWh, CO2eq g (or kg); Carbontracker multiplies both by its PUE (1.58 unless the log
// states another). "Predicted consumption" blocks are predictions and are only reported. Epochs are
// counted from "Epoch N:" lines; interruption notes become warnings.
#include <regex>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_time.h"
#include "estimator/text.h"

namespace foreprint {
namespace {
constexpr double kCarbontrackerPue = 1.58;  // carbontracker constants.PUE_2023 (Uptime Institute)

// The lower-case unit after a number ("0.0885 g" → "g").
std::string UnitOf(const std::string& value) {
  size_t pos = value.find_first_not_of("0123456789.eE+- ");
  return pos == std::string::npos ? std::string() : ToLower(Trim(value.substr(pos)));
}
}  // namespace

Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kCarbontracker;
  static const std::regex actual_re("Actual consumption for ([0-9]+) epoch", std::regex::icase);
  static const std::regex predicted_re("Predicted consumption for ([0-9]+) epoch", std::regex::icase);
  static const std::regex field_re("^\\s*(Time|Energy|CO2eq)\\s*:\\s*(.+?)\\s*$", std::regex::icase);
  static const std::regex epoch_re("Epoch ([0-9]+):");
  static const std::regex pue_re("PUE coefficient of ([0-9.]+)");
  static const std::regex ci_re(
      "(?:predicted to be|was)\\s+([0-9.]+)\\s*gCO2(?:eq)?/kWh(?: at detected location: (.*?))?\\.?\\s*$",
      std::regex::icase);
  static const std::regex ts_re("^([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8})");
  enum class Block { kNone, kActual, kPredicted } block = Block::kNone;
  int block_epochs = 0, epochs = 0;
  bool have_actual = false, traceback = false;
  double time = 0, energy = 0, co2_kg = 0, pue = kCarbontrackerPue;
  std::optional<double> predicted_kwh;
  std::string line, first_error;
  while (in.Next(&line)) {
    std::smatch m;
    const int ln = in.line_number();
    if (!s.start_hours && std::regex_search(line, m, ts_re)) {
      if (auto t = ParseLogTimeSeconds(m[1].str())) s.start_hours = *t / 3600.0;
    }
    if (std::regex_search(line, m, actual_re)) {
      block = Block::kActual;
      block_epochs = std::stoi(m[1].str().substr(0, 6));
      have_actual = true;
      time = energy = co2_kg = 0;
      ++s.rows;
      continue;
    }
    if (std::regex_search(line, m, predicted_re)) {
      block = Block::kPredicted;
      continue;
    }
    if (block != Block::kNone && std::regex_match(line, m, field_re)) {
      const std::string key = ToLower(m[1].str()), value = m[2].str();
      if (block == Block::kPredicted) {
        if (key == "energy") predicted_kwh = ParseLogNumber(value, true);
        continue;
      }
      if (key == "time") {
        auto v = ParseClockDuration(value);
        if (v) time = *v;
        else s.Warn(ln, "unreadable Time '" + value + "'");
      } else if (key == "energy") {
        auto v = ParseLogNumber(value, true);
        const std::string unit = UnitOf(value);
        const double scale = unit.rfind("mwh", 0) == 0 ? 1000.0 : unit.rfind("wh", 0) == 0 ? 1e-3 : 1.0;
        if (v && *v >= 0) energy = *v * scale;
        else s.Warn(ln, "unreadable Energy '" + value + "'");
      } else {
        auto v = ParseLogNumber(value, true);
        const std::string unit = UnitOf(value);
        if (v && *v >= 0) co2_kg = unit.rfind("kg", 0) == 0 ? *v : unit.rfind("t", 0) == 0 ? *v * 1000 : *v / 1000.0;
        else s.Warn(ln, "unreadable CO2eq '" + value + "'");
      }
      continue;
    }
    if (!Trim(line).empty() && line.find(':') == std::string::npos && block != Block::kNone) block = Block::kNone;
    if (std::regex_search(line, m, epoch_re)) ++epochs;
    if (std::regex_search(line, m, pue_re)) {
      if (auto v = ParseLogNumber(m[1].str()); v && *v >= 1 && *v <= 3) pue = *v;
    }
    if (std::regex_search(line, m, ci_re)) {
      if (auto v = ParseLogNumber(m[1].str()); v && *v >= 0 && *v < 3000) s.ci_g_per_kwh = v;
      if (m[2].matched) s.location = Trim(m[2].str());
    }
    if (ToLower(line).find("interrupted") != std::string::npos) s.Warn(ln, Trim(line).substr(0, 200));
    if (line.find("Traceback") != std::string::npos) traceback = true;
    if (first_error.empty() && (line.find("Error") != std::string::npos || line.find("Exception") != std::string::npos) &&
        line.find("Traceback") == std::string::npos) {
      first_error = Trim(line).substr(0, 200);
    }
  }
  if (!have_actual) {
    std::string why = "no 'Actual consumption' block";
    if (traceback) why += ": the run failed (" + (first_error.empty() ? std::string("traceback") : first_error) + ")";
    else if (predicted_kwh) why += " (only a prediction of " + FormatSig(*predicted_kwh, 3) + " kWh)";
    Error e = MakeError(why);
    return e.At(file);
  }
  s.duration_s = time;
  s.energy_total_kwh = energy;
  s.co2e_kg = co2_kg;
  s.pue = pue;
  s.scope = EnergyScope::kFacilityMeasured;
  s.runs = 1;
  if (epochs > 0 && epochs != block_epochs) {
    s.Warn(0, std::to_string(epochs) + " epoch lines but the total covers " + std::to_string(block_epochs) +
                  " epoch(s)");
  }
  if (!s.ci_g_per_kwh && energy > 0) s.ci_g_per_kwh = co2_kg * 1000.0 / energy;
  return s;
}

}  // namespace foreprint

// log_summary.h — what foreprint reads out of one tracker log (CodeCarbon, eco2AI, Carbontracker,
// nvidia-smi, Zeus, BoAmps, MLPerf power logs), whatever its format: duration, energy by component and in which scope, CO2e
// when the tool computed one, and the location/intensity/PUE it recorded. Warnings carry file:line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calibration/run_record.h"

namespace foreprint {

enum class LogFormat { kAuto, kCodeCarbon, kEco2ai, kCarbontracker, kNvidiaSmi, kZeus, kBoamps, kMlperf };
std::string ToString(LogFormat f);
std::optional<LogFormat> ParseLogFormat(const std::string& s);
const std::vector<std::string>& LogFormatNames();  // "auto", "codecarbon", ...

// Bounds a reader puts on what one log may hold; larger values are garbage, not measurements.
// 1 TWh is 20 × the largest published estimate for a training run (GPT-4, about 50 GWh); a century
// of run time, a million tonnes of CO2e, and 10 MW for one power reading of one component.
inline constexpr double kMaxLogKwh = 1e9;
inline constexpr double kMaxLogSeconds = 100 * 365.25 * 86400;
inline constexpr double kMaxLogKgCo2e = 1e9;
inline constexpr double kMaxLogWatts = 1e7;

struct LogSummary {
  std::string file;
  LogFormat format = LogFormat::kAuto;
  long rows = 0;          // data rows (or blocks) read
  long skipped_rows = 0;  // rows that could not be read, each with a warning
  int runs = 0;           // distinct runs (CodeCarbon run ids, eco2AI ids, GPUs for nvidia-smi)
  double duration_s = 0;  // summed over runs (wall time of the run for a single run)
  // Energy in kWh as the tool reports it. `total` is in `scope`; components are before PUE.
  double energy_total_kwh = 0;
  std::optional<double> cpu_kwh, gpu_kwh, ram_kwh;
  // MLPerf power logs: the nodes (at their meters) and the interconnect, which is in the total only
  // when it was measured over the nodes' run.
  std::optional<double> nodes_kwh, interconnect_kwh;
  EnergyScope scope = EnergyScope::kNone;
  std::optional<double> co2e_kg;     // null when the log has none
  std::optional<double> pue;         // the PUE the tool applied (1 = none)
  std::optional<double> ci_g_per_kwh;
  std::string location;              // country / region / cloud region as recorded
  std::optional<int> device_count;   // GPUs seen
  std::string device_model;          // GPU name as recorded
  std::optional<double> start_hours; // first timestamp, hours since the epoch (UTC when known)
  // Carbontracker: epochs the measured total covers (counted from the log), epochs the run was
  // planned for, and the tracker's own prediction for all of them (kWh, PUE included).
  std::optional<int> epochs, epochs_planned;
  std::optional<double> tracker_predicted_kwh;
  std::vector<std::string> warnings; // "file:line: message"

  // Adds "file:line: message" (line 0: no line); text from the log is made valid UTF-8.
  void Warn(int line, const std::string& message);
};

}  // namespace foreprint

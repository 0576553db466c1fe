// log_reader.h — reads tracker logs as they are found in the wild.
//
// One reader per format, all streaming (bounded memory) and mapping columns by header name:
//   codecarbon     emissions.csv, every header since 1.x; cumulative rows of one run_id: the longest
//   eco2ai         emission.csv; rows (runs, or epochs of a run) are increments and are summed
//   carbontracker  *_carbontracker[_output].log: the "Actual consumption" block (PUE 1.58 applied)
//   nvidia-smi     --query-gpu=timestamp,power.draw[,index,...] --format=csv[,nounits] logs and
//                  look-alike custom headers: per-GPU trapezoid of power over time; pauses in the
//                  logging are not integrated and are reported
//   zeus           ZeusMonitor CSV with gpu{i}_energy columns in J (and elapsed_time); zeus_monitor's
//                  Time,Power log (mW)
//   boamps         BoAmps reports (JSON, as CodeCarbon writes them): measures[].powerConsumption
//   mlperf         MLPerf Training power logs (:::MLLOG power_reading, W): a result_<k>/ folder's
//                  node_*.txt summed, sw_*.txt apart (interconnect)
// Rows that cannot be read are skipped with a warning naming file:line; a file from which nothing
// can be read is an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/logs/carbontracker_versions.h"
#include "calibration/logs/csv_fields.h"
#include "calibration/logs/format_detect.h"
#include "calibration/logs/line_reader.h"
#include "calibration/logs/log_summary.h"
#include "calibration/logs/power_log_columns.h"

namespace foreprint {

Result<LogSummary> ReadCodeCarbon(LineReader& in, const std::string& file);
Result<LogSummary> ReadEco2ai(LineReader& in, const std::string& file);
Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file);
// An output log whose standard log (beside it) states the version and the PUE.
Result<LogSummary> ReadCarbontrackerPaired(LineReader& in, const std::string& file, const CarbontrackerSetup& paired);
Result<LogSummary> ReadNvidiaSmi(LineReader& in, const std::string& file);
Result<LogSummary> ReadZeus(LineReader& in, const std::string& file);
Result<LogSummary> ReadBoamps(LineReader& in, const std::string& file);
// One MLPerf node_<n>.txt or sw_<n>.txt.
Result<LogSummary> ReadMlperfPower(LineReader& in, const std::string& file);
// The node_*.txt and sw_*.txt of one power/result_<k>/ folder: one run.
Result<LogSummary> ReadMlperfPowerRun(const std::vector<std::string>& files, const std::string& folder);
bool IsMlperfPowerFileName(const std::string& path);  // node_<n>.txt, sw_<n>.txt

// Content checks on the first non-empty lines: a JSON object with BoAmps keys; :::MLLOG power lines.
bool LooksLikeBoamps(const std::vector<std::string>& head);
bool LooksLikeMlperfPower(const std::vector<std::string>& head);

// "gpu0_energy" for device "gpu"; also "cpu1_energy", "dram0_energy".
bool IsZeusEnergyColumn(std::string_view name, std::string_view device);
// "Time,Power": the power log of Zeus's zeus_monitor (Power in mW).
bool IsZeusPowerLogHeader(const std::vector<std::string>& names);

// Reads one file; `format` kAuto detects it from the first lines and the file name. `paired`: what
// the standard log beside a Carbontracker output log says.
Result<LogSummary> ReadLog(const std::string& path, LogFormat format, const CarbontrackerSetup* paired = nullptr);

struct LogSet {
  std::vector<LogSummary> logs;
  std::vector<Error> errors;  // files that could not be read at all
};
// Files and directories (searched recursively for *.csv, *.log, *.txt, *.bak, and *.json that are
// BoAmps reports, in name order). MLPerf node_*.txt / sw_*.txt of one folder are read as one run.
LogSet ReadLogs(const std::vector<std::string>& paths, LogFormat format);

}  // namespace foreprint

// log_reader.h — reads tracker logs as they are found in the wild.
//
// One reader per format, all streaming (bounded memory) and mapping columns by header name:
//   codecarbon     emissions.csv, every header since 1.x; cumulative rows of one run_id: the longest
//   eco2ai         emission.csv; rows (runs, or epochs of a run) are increments and are summed
//   carbontracker  *_carbontracker[_output].log: the "Actual consumption" block (PUE 1.58 applied)
//   nvidia-smi     --query-gpu=timestamp,power.draw[,index,...] --format=csv[,nounits] logs and
//                  look-alike custom headers: per-GPU trapezoid of power over time; pauses in the
//                  logging are not integrated and are reported
//   zeus           ZeusMonitor CSV with gpu{i}_energy columns in J (and elapsed_time)
// Rows that cannot be read are skipped with a warning naming file:line; a file from which nothing
// can be read is an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/format_detect.h"
#include "calibration/logs/line_reader.h"
#include "calibration/logs/log_summary.h"

namespace foreprint {

// Shortest pause in a power log that is not integrated (longer when the log samples slowly).
inline constexpr double kNvidiaSmiGapSeconds = 60.0;

Result<LogSummary> ReadCodeCarbon(LineReader& in, const std::string& file);
Result<LogSummary> ReadEco2ai(LineReader& in, const std::string& file);
Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file);
Result<LogSummary> ReadNvidiaSmi(LineReader& in, const std::string& file);
Result<LogSummary> ReadZeus(LineReader& in, const std::string& file);

// The roles of a GPU power log's columns (shared by the nvidia-smi reader and format detection).
struct PowerLogColumns {
  std::optional<size_t> time;
  bool time_is_elapsed = false;  // "elapsed_s", "time (s)": plain seconds are accepted
  std::vector<size_t> power;     // one column, or one per GPU ("gpu0_power_w, gpu1_power_w")
  bool milliwatts = false;       // "power (mW)"
  std::optional<size_t> gpu, name;
};
PowerLogColumns FindPowerLogColumns(const CsvHeader& header);
// The columns of a headerless nvidia-smi line (`--format=csv,noheader`): the first field that is a
// date-time with a clock ("2024/10/30 18:42:33.189") and the one field with a watt unit
// ("251.35 W"). Null when the line is not such a row, or when two fields carry watts (power.draw
// and power.limit can't be told apart without a header).
std::optional<PowerLogColumns> NoHeaderPowerLogColumns(const std::vector<std::string>& fields);

// "gpu0_energy" for device "gpu"; also "cpu1_energy", "dram0_energy".
bool IsZeusEnergyColumn(std::string_view name, std::string_view device);

// Reads one file; `format` kAuto detects it from the first lines and the file name.
Result<LogSummary> ReadLog(const std::string& path, LogFormat format);

struct LogSet {
  std::vector<LogSummary> logs;
  std::vector<Error> errors;  // files that could not be read at all
};
// Files and directories (searched recursively for *.csv, *.log, *.txt, *.bak, in name order).
LogSet ReadLogs(const std::vector<std::string>& paths, LogFormat format);

}  // namespace foreprint

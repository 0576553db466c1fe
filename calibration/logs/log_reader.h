// log_reader.h — reads tracker logs as they are found in the wild.
//
// One reader per format, all streaming (bounded memory) and mapping columns by header name:
//   codecarbon     emissions.csv, every header since 1.x; cumulative rows of one run_id: the last
//   eco2ai         emission.csv; per-epoch rows are increments and are summed
//   carbontracker  *_carbontracker_output.log: the "Actual consumption" block (PUE 1.58 applied)
//   nvidia-smi     --query-gpu=timestamp,power.draw[,index] --format=csv logs (and nounits
//                  variants): per-GPU trapezoid of power over time; gaps > 60 s are not integrated
//   zeus           CSV with gpu{i}_energy columns in J (and optional elapsed_time)
// Rows that cannot be read are skipped with a warning naming file:line; a file from which nothing
// can be read is an error.
#pragma once

#include <string>
#include <vector>

#include "calibration/logs/line_reader.h"
#include "calibration/logs/log_summary.h"

namespace foreprint {

inline constexpr double kNvidiaSmiGapSeconds = 60.0;

Result<LogSummary> ReadCodeCarbon(LineReader& in, const std::string& file);
Result<LogSummary> ReadEco2ai(LineReader& in, const std::string& file);
Result<LogSummary> ReadCarbontracker(LineReader& in, const std::string& file);
Result<LogSummary> ReadNvidiaSmi(LineReader& in, const std::string& file);
Result<LogSummary> ReadZeus(LineReader& in, const std::string& file);

// The format of a log from its first non-empty line (and its name); kAuto when unknown.
LogFormat DetectFormat(const std::string& first_line, const std::string& path);

Result<LogSummary> ReadLog(const std::string& path, LogFormat format);

struct LogSet {
  std::vector<LogSummary> logs;
  std::vector<Error> errors;  // files that could not be read at all
};
// Files and directories (searched recursively for *.csv, *.log, *.txt, in name order).
LogSet ReadLogs(const std::vector<std::string>& paths, LogFormat format);

}  // namespace foreprint

// nvidia_smi_reader.cc — GPU power logs: `nvidia-smi --query-gpu=timestamp,power.draw[,index,...]
// --format=csv[,nounits]` and look-alike custom headers ("Timestamp,...,Power(W),..." with epoch
// seconds; "time,gpu0_power_w,gpu1_power_w" or "timestamp,GPU0,GPU1" with one column per GPU;
// "elapsed_s,power_mw"; "sec,mw"), and headerless `--format=csv,noheader` logs whose rows carry a
// date-time and one "251.35 W" field.
//
// Columns by name (power_log_columns.h); which GPU each row is and each column's unit from the first
// rows (power_log_layout.h); energy per GPU is the trapezoid of power over time, pauses in the
// logging left out (power_series.h). A log whose GPUs cannot be told apart is refused.
#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/power_log_reader.h"
#include "core/text.h"

namespace foreprint {
namespace {

// The time and power columns: from the header, or for a headerless log (--format=csv,noheader)
// from the first row's values, whose columns are then named. An error when neither is found.
Result<PowerLogColumns> ResolveColumns(CsvLog& csv, LogSummary& s, const std::string& file) {
  PowerLogColumns c = FindPowerLogColumns(csv.header());
  if (!c.time || c.power.empty()) {
    if (auto headless = NoHeaderPowerLogColumns(csv.fields())) {
      std::vector<std::string> names;
      for (size_t i = 0; i < csv.fields().size(); ++i) names.push_back("column " + std::to_string(i + 1));
      names[*headless->time] = "timestamp";
      names[headless->power.front()] = "power.draw [w]";
      csv.UseHeaderlessNames(names);
      s.Warn(csv.line(), "no header (--format=csv,noheader): timestamp read from column " +
                             std::to_string(*headless->time + 1) + ", power.draw from column " +
                             std::to_string(headless->power.front() + 1));
      c = *headless;
    }
  }
  if (!c.time || c.power.empty()) {
    Error e = MakeError("not an nvidia-smi power log: needs a timestamp and a power.draw column (header has: " +
                        Snippet(Join(csv.header().names(), ", "), 200) + ")");
    return e.At(file, csv.line());
  }
  return c;
}

}  // namespace

Result<LogSummary> ReadNvidiaSmi(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kNvidiaSmi;
  CsvLog csv(in, s);
  if (Status st = csv.ReadHeader("the file is empty: expected a header such as 'timestamp, power.draw [W]'"); !st) {
    return st.error();
  }
  auto columns = ResolveColumns(csv, s, file);
  if (!columns) return columns.error();
  const std::vector<std::string>& names = csv.header().names();
  csv.SetKeyColumns({names[*columns->time], names[columns->power.front()]});
  if (Status st = ReadPowerLogRows(csv, s, *columns); !st) return st.error();
  if (s.rows == 0) return csv.NoRows();
  return s;
}

}  // namespace foreprint

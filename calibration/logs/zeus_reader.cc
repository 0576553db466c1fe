// zeus_reader.cc — Zeus (ml.energy) measurement windows written as CSV: one row per window with
// gpu{i}_energy in joules, optional cpu{i}_energy / dram{i}_energy, and elapsed_time in seconds.
// Windows are summed; GPU energy is the accelerator scope.
#include <regex>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "estimator/text.h"

namespace foreprint {

Result<LogSummary> ReadZeus(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kZeus;
  std::string line;
  std::optional<CsvHeader> header;
  while (!header && in.Next(&line)) {
    if (Trim(line).empty()) continue;
    auto names = SplitCsvLine(line);
    if (!names) {
      Error e = MakeError("header: " + names.error().message);
      return e.At(file, in.line_number());
    }
    header.emplace(*names);
  }
  if (!header) {
    Error e = MakeError("the file is empty: expected a Zeus header with gpu0_energy");
    return e.At(file);
  }
  const CsvHeader& h = *header;
  static const std::regex gpu_re("^gpu([0-9]+)_energy$"), cpu_re("^(cpu|dram)([0-9]+)_energy$");
  std::vector<size_t> gpu_cols, cpu_cols;
  for (size_t i = 0; i < h.names().size(); ++i) {
    if (std::regex_match(h.names()[i], gpu_re)) gpu_cols.push_back(i);
    if (std::regex_match(h.names()[i], cpu_re)) cpu_cols.push_back(i);
  }
  if (gpu_cols.empty()) {
    Error e = MakeError("not a Zeus log: no gpu<N>_energy column");
    return e.At(file, in.line_number());
  }
  const auto time_col = h.Find("elapsed_time") ? h.Find("elapsed_time") : h.Find("time");
  double gpu_j = 0, cpu_j = 0;
  while (in.Next(&line)) {
    if (Trim(line).empty()) continue;
    const int ln = in.line_number();
    auto f = SplitCsvLine(line);
    if (!f || f->size() != h.size() || in.Truncated()) {
      s.Warn(ln, "row does not match the header: skipped");
      ++s.skipped_rows;
      continue;
    }
    double row_gpu = 0, row_cpu = 0;
    bool ok = true;
    for (size_t c : gpu_cols) {
      auto v = ParseLogNumber((*f)[c]);
      if (!v || *v < 0) ok = false;
      else row_gpu += *v;
    }
    for (size_t c : cpu_cols) {
      if (auto v = ParseLogNumber((*f)[c]); v && *v >= 0) row_cpu += *v;
    }
    std::optional<double> elapsed;
    if (time_col) elapsed = ParseLogNumber((*f)[*time_col]);
    if (!ok || (time_col && (!elapsed || *elapsed < 0))) {
      s.Warn(ln, "energy or elapsed_time missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    ++s.rows;
    gpu_j += row_gpu;
    cpu_j += row_cpu;
    if (elapsed) s.duration_s += *elapsed;
  }
  if (s.rows == 0) {
    Error e = MakeError(s.skipped_rows ? "no row could be read" : "header only: the log has no rows");
    return e.At(file);
  }
  s.gpu_kwh = gpu_j / 3.6e6;
  if (!cpu_cols.empty()) s.cpu_kwh = cpu_j / 3.6e6;
  s.energy_total_kwh = *s.gpu_kwh;
  s.scope = EnergyScope::kAcceleratorMeasured;
  s.pue = 1.0;
  s.runs = 1;
  s.device_count = static_cast<int>(gpu_cols.size());
  return s;
}

}  // namespace foreprint

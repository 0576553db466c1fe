// zeus_reader.cc — Zeus (ml.energy) ZeusMonitor measurement windows written as CSV: one row per
// window with gpu{i}_energy in joules, optional cpu{i}_energy / dram{i}_energy, and elapsed_time
// in seconds. Windows are summed; GPU energy is the accelerator scope.
#include <string_view>

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "estimator/text.h"

namespace foreprint {

bool IsZeusEnergyColumn(std::string_view name, std::string_view device) {
  if (name.size() <= device.size() + 7 || name.substr(0, device.size()) != device) return false;
  name.remove_prefix(device.size());
  size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  return digits > 0 && name.substr(digits) == "_energy";
}

Result<LogSummary> ReadZeus(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kZeus;
  CsvLog csv(in, s);
  if (Status st = csv.ReadHeader("the file is empty: expected a Zeus header with gpu0_energy"); !st) return st.error();
  std::vector<size_t> gpu_cols, cpu_cols, dram_cols;
  std::optional<size_t> time_col, start_col;
  auto resolve = [&](const CsvHeader& h) {
    gpu_cols.clear();
    cpu_cols.clear();
    dram_cols.clear();
    for (size_t i = 0; i < h.names().size(); ++i) {
      if (IsZeusEnergyColumn(h.names()[i], "gpu")) gpu_cols.push_back(i);
      if (IsZeusEnergyColumn(h.names()[i], "cpu")) cpu_cols.push_back(i);
      if (IsZeusEnergyColumn(h.names()[i], "dram")) dram_cols.push_back(i);
    }
    time_col = h.FindAny({"elapsed_time", "time"});
    start_col = h.Find("start_time");
  };
  resolve(csv.header());
  if (gpu_cols.empty()) {
    Error e = MakeError("not a Zeus log: no gpu<N>_energy column");
    return e.At(file, csv.line());
  }
  csv.SetKeyColumns({csv.header().names()[gpu_cols.front()]});
  int version = csv.header_version();
  double gpu_j = 0, cpu_j = 0, dram_j = 0;
  while (csv.NextRow()) {
    if (csv.header_version() != version) {
      resolve(csv.header());
      version = csv.header_version();
    }
    const auto& f = csv.fields();
    double row_gpu = 0, row_cpu = 0, row_dram = 0;
    bool ok = true;
    for (size_t c : gpu_cols) {
      auto v = ParseLogNumber(f[c]);
      if (!v || *v < 0) ok = false;
      else row_gpu += *v;
    }
    for (size_t c : cpu_cols) {
      if (auto v = ParseLogNumber(f[c]); v && *v >= 0) row_cpu += *v;
    }
    for (size_t c : dram_cols) {
      if (auto v = ParseLogNumber(f[c]); v && *v >= 0) row_dram += *v;
    }
    std::optional<double> elapsed;
    if (time_col) elapsed = ParseLogNumber(f[*time_col]);
    if (!ok || (time_col && (!elapsed || *elapsed < 0))) {
      s.Warn(csv.line(), "energy or elapsed_time missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    ++s.rows;
    gpu_j += row_gpu;
    cpu_j += row_cpu;
    dram_j += row_dram;
    if (elapsed) s.duration_s += *elapsed;
    if (start_col) {
      auto t = ParseLogTimeSeconds(f[*start_col]);
      if (t && (!s.start_hours || *t / 3600.0 < *s.start_hours)) s.start_hours = *t / 3600.0;
    }
    s.device_count = std::max(s.device_count.value_or(0), static_cast<int>(gpu_cols.size()));
  }
  if (s.rows == 0) return csv.NoRows();
  s.gpu_kwh = gpu_j / 3.6e6;
  if (!cpu_cols.empty()) s.cpu_kwh = cpu_j / 3.6e6;
  if (!dram_cols.empty()) s.ram_kwh = dram_j / 3.6e6;
  s.energy_total_kwh = *s.gpu_kwh;
  s.scope = EnergyScope::kAcceleratorMeasured;
  s.pue = 1.0;
  s.runs = 1;
  return s;
}

}  // namespace foreprint

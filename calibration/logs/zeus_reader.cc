// zeus_reader.cc — Zeus (ml.energy) logs. ZeusMonitor measurement windows written as CSV: one row
// per window with gpu{i}_energy in joules, optional cpu{i}_energy / dram{i}_energy, and
// elapsed_time in seconds; windows are summed. The power log of `zeus_monitor` (Zeus ≤ 0.5, used
// by ZeusDataLoader): header `Time,Power`, Power in mW as NVML reports it (nvmlDeviceGetPowerUsage),
// integrated like an nvidia-smi log (power_log_reader.h). GPU energy is the accelerator scope.
#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "calibration/logs/power_log_reader.h"
#include "core/text.h"

namespace foreprint {

bool IsZeusEnergyColumn(std::string_view name, std::string_view device) {
  if (name.size() <= device.size() + 7 || name.substr(0, device.size()) != device) return false;
  name.remove_prefix(device.size());
  size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  return digits > 0 && name.substr(digits) == "_energy";
}

namespace {

// The columns of one header: energies per device kind, elapsed time and start time.
struct ZeusColumns {
  std::vector<size_t> gpu, cpu, dram;
  std::optional<size_t> time, start;

  explicit ZeusColumns(const CsvHeader& h) {
    for (size_t i = 0; i < h.names().size(); ++i) {
      if (IsZeusEnergyColumn(h.names()[i], "gpu")) gpu.push_back(i);
      if (IsZeusEnergyColumn(h.names()[i], "cpu")) cpu.push_back(i);
      if (IsZeusEnergyColumn(h.names()[i], "dram")) dram.push_back(i);
    }
    time = h.FindAny({"elapsed_time", "time"});
    start = h.Find("start_time");
  }
};

// Joules of one window (row).
struct Window {
  double gpu = 0, cpu = 0, dram = 0;
  std::optional<double> elapsed;
};

// A window, or nullopt when a GPU energy or the elapsed time is missing, not a number or negative.
// CPU and DRAM energies are optional: unreadable ones count as 0.
std::optional<Window> ParseWindow(const ZeusColumns& c, const std::vector<std::string>& f) {
  Window w;
  for (size_t i : c.gpu) {
    auto v = ParseLogNumber(f[i]);
    if (!v || *v < 0) return std::nullopt;
    w.gpu += *v;
  }
  for (size_t i : c.cpu) {
    if (auto v = ParseLogNumber(f[i]); v && *v >= 0) w.cpu += *v;
  }
  for (size_t i : c.dram) {
    if (auto v = ParseLogNumber(f[i]); v && *v >= 0) w.dram += *v;
  }
  if (c.time) {
    w.elapsed = ParseLogNumber(f[*c.time]);
    if (!w.elapsed || *w.elapsed < 0) return std::nullopt;
  }
  return w;
}

// zeus_monitor's power log: Time (a date-time with nanoseconds), Power (mW).
Result<LogSummary> ReadZeusPowerLog(CsvLog& csv, LogSummary& s) {
  PowerLogColumns c = FindPowerLogColumns(csv.header());
  c.units.assign(c.power.size(), PowerUnit::kMilliwatts);
  csv.SetKeyColumns({"time", "power"});
  if (Status st = ReadPowerLogRows(csv, s, c); !st) return st.error();
  if (s.rows == 0) return csv.NoRows();
  return s;
}

}  // namespace

bool IsZeusPowerLogHeader(const std::vector<std::string>& names) {
  return names.size() == 2 && ToLower(Trim(names[0])) == "time" && ToLower(Trim(names[1])) == "power";
}

Result<LogSummary> ReadZeus(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kZeus;
  CsvLog csv(in, s);
  if (Status st = csv.ReadHeader("the file is empty: expected a Zeus header with gpu0_energy"); !st) return st.error();
  ZeusColumns c(csv.header());
  if (c.gpu.empty() && IsZeusPowerLogHeader(csv.header().names())) return ReadZeusPowerLog(csv, s);
  if (c.gpu.empty()) {
    Error e = MakeError("not a Zeus log: no gpu<N>_energy column (nor zeus_monitor's Time,Power)");
    return e.At(file, csv.line());
  }
  csv.SetKeyColumns({csv.header().names()[c.gpu.front()]});
  int version = csv.header_version();
  Window total;
  while (csv.NextRow()) {
    if (csv.header_version() != version) {
      c = ZeusColumns(csv.header());
      version = csv.header_version();
    }
    const auto& f = csv.fields();
    auto w = ParseWindow(c, f);
    if (!w) {
      s.Warn(csv.line(), "energy or elapsed_time missing, not a number or negative: row skipped");
      ++s.skipped_rows;
      continue;
    }
    ++s.rows;
    total.gpu += w->gpu;
    total.cpu += w->cpu;
    total.dram += w->dram;
    if (w->elapsed) s.duration_s += *w->elapsed;
    if (c.start) {
      auto t = ParseLogTimeSeconds(f[*c.start]);
      if (t && (!s.start_hours || *t / 3600.0 < *s.start_hours)) s.start_hours = *t / 3600.0;
    }
    s.device_count = std::max(s.device_count.value_or(0), static_cast<int>(c.gpu.size()));
  }
  if (s.rows == 0) return csv.NoRows();
  s.gpu_kwh = total.gpu / 3.6e6;
  if (!c.cpu.empty()) s.cpu_kwh = total.cpu / 3.6e6;
  if (!c.dram.empty()) s.ram_kwh = total.dram / 3.6e6;
  s.energy_total_kwh = *s.gpu_kwh;
  s.scope = EnergyScope::kAcceleratorMeasured;
  s.pue = 1.0;
  s.runs = 1;
  return s;
}

}  // namespace foreprint

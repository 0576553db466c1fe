// nvidia_smi_reader.cc — power logs from `nvidia-smi --query-gpu=timestamp,power.draw[,index,...]
// --format=csv[,nounits]` and look-alike custom headers ("Timestamp,...,Power(W),...", epoch seconds).
//
// Energy per GPU is the trapezoid of power over time. Intervals longer than 60 s (a pause in the
// logging) and intervals where the clock goes backwards are not integrated and are reported. GPUs
// are told apart by an index/uuid/pci.bus_id column, else by their position among rows that share
// a timestamp. Memory: O(1) per GPU.
#include <cmath>
#include <map>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_time.h"
#include "estimator/text.h"

namespace foreprint {
namespace {

struct GpuState {
  double first_t = 0, last_t = 0, last_p = 0, joules = 0;
  bool started = false;
};

std::optional<size_t> FindColumn(const CsvHeader& h, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (auto c = h.Find(n)) return c;
  }
  for (size_t i = 0; i < h.names().size(); ++i) {  // e.g. "power.draw.instant [w]"
    for (const char* n : names) {
      if (h.names()[i].rfind(n, 0) == 0) return i;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<LogSummary> ReadNvidiaSmi(LineReader& in, const std::string& file) {
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kNvidiaSmi;
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
    Error e = MakeError("the file is empty: expected a header such as 'timestamp, power.draw [W]'");
    return e.At(file);
  }
  const CsvHeader& h = *header;
  const auto time_col = FindColumn(h, {"timestamp", "time", "date"});
  const auto power_col = FindColumn(h, {"power.draw [w]", "power.draw", "power(w)", "power [w]", "power_w", "power"});
  const auto gpu_col = FindColumn(h, {"index", "gpu", "uuid", "pci.bus_id"});
  const auto name_col = FindColumn(h, {"name"});
  if (!time_col || !power_col) {
    Error e = MakeError("not an nvidia-smi power log: needs a timestamp and a power.draw column (header has: " +
                        Join(h.names(), ", ") + ")");
    return e.At(file, in.line_number());
  }
  std::map<std::string, GpuState> gpus;
  std::string last_stamp;
  int position = 0;  // index of the GPU within rows sharing a timestamp (no index column)
  long gaps = 0, backwards = 0;
  double worst_gap = 0;
  int first_gap_line = 0;
  while (in.Next(&line)) {
    if (Trim(line).empty()) continue;
    const int ln = in.line_number();
    auto f = SplitCsvLine(line);
    if (!f || f->size() != h.size() || in.Truncated()) {
      // A repeated header (logs appended to each other) is not data.
      if (f && f->size() == h.size() && ToLower(Trim((*f)[*time_col])) == h.names()[*time_col]) continue;
      s.Warn(ln, "row does not match the header (" + std::to_string(f ? f->size() : 0) + " fields, expected " +
                     std::to_string(h.size()) + "): skipped");
      ++s.skipped_rows;
      continue;
    }
    const std::string stamp = (*f)[*time_col];
    auto t = ParseLogTimeSeconds(stamp);
    auto p = ParseLogNumber((*f)[*power_col], true);
    if (!t || !p || *p < 0 || *p > 5000) {
      s.Warn(ln, !t ? "unreadable timestamp '" + stamp.substr(0, 40) + "': row skipped"
                    : "power '" + (*f)[*power_col].substr(0, 40) + "' is not a wattage: row skipped");
      ++s.skipped_rows;
      continue;
    }
    std::string gpu;
    if (gpu_col) {
      gpu = (*f)[*gpu_col];
    } else {
      position = stamp == last_stamp ? position + 1 : 0;
      gpu = std::to_string(position);
    }
    last_stamp = stamp;
    if (name_col && s.device_model.empty()) s.device_model = (*f)[*name_col];
    ++s.rows;
    GpuState& g = gpus[gpu];
    if (!g.started) {
      g.started = true;
      g.first_t = g.last_t = *t;
      g.last_p = *p;
      if (!s.start_hours || *t / 3600.0 < *s.start_hours) s.start_hours = *t / 3600.0;
      continue;
    }
    const double dt = *t - g.last_t;
    if (dt < 0) {
      ++backwards;
      if (backwards <= 3) s.Warn(ln, "timestamp goes back " + FormatSig(-dt, 3) + " s: interval not integrated");
    } else if (dt > kNvidiaSmiGapSeconds) {
      ++gaps;
      if (!first_gap_line) first_gap_line = ln;
      worst_gap = std::max(worst_gap, dt);
    } else {
      g.joules += 0.5 * (g.last_p + *p) * dt;
    }
    g.last_t = std::max(g.last_t, *t);
    g.last_p = *p;
  }
  if (s.rows == 0) {
    Error e = MakeError(s.skipped_rows ? "no row could be read (" + std::to_string(s.skipped_rows) + " skipped)"
                                       : "header only: the log has no rows");
    return e.At(file);
  }
  if (gaps) {
    s.Warn(first_gap_line, std::to_string(gaps) + " gap(s) longer than " + FormatNumber(kNvidiaSmiGapSeconds) +
                               " s (longest " + FormatSig(worst_gap, 3) + " s) were not integrated");
  }
  double joules = 0;
  for (const auto& [id, g] : gpus) {
    joules += g.joules;
    s.duration_s = std::max(s.duration_s, g.last_t - g.first_t);
  }
  s.runs = static_cast<int>(gpus.size());
  s.device_count = static_cast<int>(gpus.size());
  s.energy_total_kwh = joules / 3.6e6;
  s.gpu_kwh = s.energy_total_kwh;
  s.scope = EnergyScope::kAcceleratorMeasured;
  s.pue = 1.0;
  return s;
}

}  // namespace foreprint

// nvidia_smi_reader.cc — GPU power logs: `nvidia-smi --query-gpu=timestamp,power.draw[,index,...]
// --format=csv[,nounits]` and look-alike custom headers ("Timestamp,...,Power(W),..." with epoch
// seconds; "time,gpu0_power_w,gpu1_power_w" with one column per GPU; "elapsed_s,power_mw"), and
// headerless `--format=csv,noheader` logs whose rows carry a date-time and one "251.35 W" field.
//
// Energy per GPU is the trapezoid of power over time. An interval longer than
// max(60 s, 10 × the GPU's typical interval) is a pause in the logging: it is not integrated and
// is reported, as are intervals where the clock goes backwards. GPUs are told apart by an
// index/uuid/pci.bus_id column, by one power column per GPU, or else by their position among rows
// that share a timestamp. Memory: O(1) per GPU (at most 1024 GPUs).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr size_t kMaxGpus = 1024;
constexpr double kMaxWatts = 5000;  // no accelerator draws more; larger values are misread units
constexpr int kCadenceSamples = 9;  // intervals that set a GPU's typical interval

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A column holding power in W (or mW): "power.draw [w]", "power(w)", "gpu0_power_w", "power". A
// bare "gpu_power" is not enough: CodeCarbon's average gpu_power column must not pass for samples.
bool PowerLike(const std::string& n, bool* milliwatts) {
  if (!Contains(n, "power") && !Contains(n, "watt")) return false;
  for (const char* no : {"limit", "cap", "max", "min", "management", "state", "util", "percent", "%", "energy",
                         "cpu", "ram", "dram", "mem", "package", "pkg", "total", "system", "psu", "enforced",
                         "default", "smoothing"}) {
    if (Contains(n, no)) return false;
  }
  *milliwatts = Contains(n, "(mw)") || Contains(n, "[mw]") || EndsWith(n, "_mw") || EndsWith(n, " mw") ||
                Contains(n, "milliwatt");
  return *milliwatts || Contains(n, "draw") || Contains(n, "(w)") || Contains(n, "[w]") || EndsWith(n, "_w") ||
         EndsWith(n, " w") || Contains(n, "watt") || Contains(n, "usage") || n == "power";
}

bool ElapsedLike(const std::string& n) {
  return Contains(n, "elapsed") || Contains(n, "(s)") || Contains(n, "[s]") || EndsWith(n, "_s") ||
         EndsWith(n, "_sec") || Contains(n, "seconds");
}

std::optional<size_t> FirstContaining(const CsvHeader& h, std::initializer_list<const char*> parts) {
  for (const char* p : parts) {
    for (size_t i = 0; i < h.names().size(); ++i) {
      if (Contains(h.names()[i], p)) return i;
    }
  }
  return std::nullopt;
}

struct GpuState {
  double first_t = 0, last_t = 0, last_p = 0, joules = 0;
  double cadence[kCadenceSamples] = {};
  int cadence_n = 0;
  bool started = false;
};

struct Integration {
  long gaps = 0, backwards = 0;
  double worst_gap = 0;
  int first_gap_line = 0;
};

// The typical sampling interval: the median of the first intervals (including `dt` until there
// are enough).
double Typical(GpuState& g, double dt) {
  if (g.cadence_n < kCadenceSamples && dt > 0) g.cadence[g.cadence_n++] = dt;
  double sorted[kCadenceSamples];
  const int n = std::min(g.cadence_n, kCadenceSamples);
  for (int i = 0; i < n; ++i) {  // insertion sort of at most 9 values
    int k = i;
    for (; k > 0 && sorted[k - 1] > g.cadence[i]; --k) sorted[k] = sorted[k - 1];
    sorted[k] = g.cadence[i];
  }
  return n ? sorted[n / 2] : 0.0;
}

void AddSample(LogSummary& s, GpuState& g, Integration& run, double t, double p, int line) {
  if (!g.started) {
    g.started = true;
    g.first_t = g.last_t = t;
    g.last_p = p;
    if (!s.start_hours || t / 3600.0 < *s.start_hours) s.start_hours = t / 3600.0;
    return;
  }
  const double dt = t - g.last_t;
  if (dt < 0) {
    if (++run.backwards <= 3) s.Warn(line, "timestamp goes back " + FormatSig(-dt, 3) + " s: interval not integrated");
  } else if (dt > std::max(kNvidiaSmiGapSeconds, 10.0 * Typical(g, dt))) {
    ++run.gaps;
    if (!run.first_gap_line) run.first_gap_line = line;
    run.worst_gap = std::max(run.worst_gap, dt);
  } else {
    g.joules += 0.5 * (g.last_p + p) * dt;
  }
  g.last_t = std::max(g.last_t, t);
  g.last_p = p;
}

// Timestamps of any supported form; a bare time of day rolls over to the next day when it goes
// back by more than 12 h.
struct StampParser {
  bool elapsed = false;  // plain numbers are seconds
  std::optional<double> last_clock;
  double day_offset = 0;

  std::optional<double> Parse(const std::string& stamp) {
    if (auto t = ParseLogTimeSeconds(stamp)) return t;
    if (elapsed) {
      auto v = ParseLogNumber(stamp);
      return v && *v >= 0 ? v : std::nullopt;
    }
    auto clock = ParseTimeOfDay(stamp);
    if (!clock) return std::nullopt;
    if (last_clock && *clock + day_offset < *last_clock - 43200) day_offset += 86400;
    last_clock = *clock + day_offset;
    return last_clock;
  }
};

// GPU states by id, at most kMaxGpus of them.
struct GpuTable {
  std::map<std::string, GpuState> gpus;
  bool full = false;

  GpuState* Get(const std::string& id, LogSummary& s, int line) {
    auto it = gpus.find(id);
    if (it != gpus.end()) return &it->second;
    if (gpus.size() >= kMaxGpus) {
      if (!full) s.Warn(line, "more than 1024 GPUs: rows of further GPUs skipped");
      full = true;
      return nullptr;
    }
    return &gpus[id];
  }
};

}  // namespace

PowerLogColumns FindPowerLogColumns(const CsvHeader& h) {
  PowerLogColumns c;
  c.time = h.FindAny({"timestamp", "time", "datetime", "date_time", "date", "time_stamp", "ts"});
  if (!c.time) c.time = FirstContaining(h, {"timestamp", "time", "date", "elapsed"});
  if (c.time) c.time_is_elapsed = ElapsedLike(h.names()[*c.time]);
  // The native names first, in order of preference; then anything power-like.
  for (std::string_view exact : {"power.draw [w]", "power.draw", "power.draw.average [w]", "power.draw.average",
                                 "power.draw.instant [w]", "power.draw.instant"}) {
    if (auto i = h.Find(exact)) {
      c.power = {*i};
      break;
    }
  }
  if (c.power.empty()) {
    for (size_t i = 0; i < h.names().size(); ++i) {
      bool mw = false;
      if (PowerLike(h.names()[i], &mw)) {
        c.power.push_back(i);
        c.milliwatts = c.milliwatts || mw;
      }
    }
  }
  c.gpu = h.FindAny({"index", "gpu_index", "gpu index", "gpu_id", "gpu id", "gpu", "device", "device_index",
                     "device_id", "uuid", "gpu_uuid", "pci.bus_id", "pci.bus", "bus_id"});
  c.name = h.FindAny({"name", "gpu_name", "gpu name", "gpu_model", "model"});
  return c;
}

std::optional<PowerLogColumns> NoHeaderPowerLogColumns(const std::vector<std::string>& fields) {
  PowerLogColumns c;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string f = Trim(fields[i]);
    if (!c.time && f.find(':') != std::string::npos && ParseLogTimeSeconds(f)) {
      c.time = i;
    } else if (f.size() > 2 && EndsWith(f, " W") && ParseLogNumber(f.substr(0, f.size() - 2))) {
      c.power.push_back(i);
    }
  }
  if (!c.time || c.power.size() != 1) return std::nullopt;
  return c;
}

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
                             std::to_string(headless->power.front() + 1) +
                             "; GPUs told apart by their order within each timestamp");
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

// The samples of every GPU, row by row, and their integration.
class PowerSamples {
 public:
  // The columns of the current header (a log may repeat its header with other columns).
  void SetColumns(const PowerLogColumns& c) { stamps_.elapsed = c.time_is_elapsed; }

  // One row: its timestamp, then one sample per power column (one GPU each) or per row.
  void AddRow(const PowerLogColumns& c, const std::vector<std::string>& names, const std::vector<std::string>& f,
              int ln, LogSummary& s) {
    const bool per_column = c.power.size() > 1;
    const double scale = c.milliwatts ? 1e-3 : 1.0;
    const std::string& stamp = f[*c.time];
    const std::optional<double> t = stamps_.Parse(stamp);
    if (!t) {
      s.Warn(ln, "unreadable timestamp '" + Snippet(stamp, 40) + "': row skipped");
      ++s.skipped_rows;
      return;
    }
    if (c.name && s.device_model.empty()) s.device_model = Snippet(f[*c.name], 120);
    if (!per_column && !c.gpu) position_ = stamp == last_stamp_ ? position_ + 1 : 0;
    last_stamp_ = stamp;
    bool any = false, dropped = false;
    for (size_t k = 0; k < c.power.size(); ++k) {
      auto p = ParseLogNumber(f[c.power[k]], true);
      if (p) *p *= scale;
      if (!p || *p < 0 || *p > kMaxWatts) continue;
      const std::string id = per_column ? names[c.power[k]] : c.gpu ? f[*c.gpu] : std::to_string(position_);
      GpuState* g = table_.Get(id, s, ln);
      if (!g) {
        dropped = true;
        continue;
      }
      AddSample(s, *g, run_, *t, *p, ln);
      any = true;
    }
    if (any) {
      ++s.rows;
    } else if (dropped) {
      ++s.skipped_rows;  // GPUs beyond the limit: warned about once
    } else {
      s.Warn(ln, "power '" + Snippet(f[c.power.front()], 40) + "' is not a wattage: row skipped");
      ++s.skipped_rows;
    }
  }

  // Warnings about gaps and clock jumps, then the totals over the GPUs.
  void Finish(LogSummary& s) const {
    if (run_.gaps) {
      s.Warn(run_.first_gap_line, std::to_string(run_.gaps) + " gap(s) longer than " + FormatNumber(kNvidiaSmiGapSeconds) +
                                      " s (longest " + FormatSig(run_.worst_gap, 3) + " s) were not integrated");
    }
    if (run_.backwards > 3) s.Warn(0, "the timestamp went back " + std::to_string(run_.backwards) + " times in all");
    double joules = 0;
    for (const auto& [id, g] : table_.gpus) {
      joules += g.joules;
      s.duration_s = std::max(s.duration_s, g.last_t - g.first_t);
    }
    s.runs = static_cast<int>(table_.gpus.size());
    s.device_count = static_cast<int>(table_.gpus.size());
    s.energy_total_kwh = joules / 3.6e6;
    s.gpu_kwh = s.energy_total_kwh;
    s.scope = EnergyScope::kAcceleratorMeasured;
    s.pue = 1.0;
  }

 private:
  GpuTable table_;
  Integration run_;
  StampParser stamps_;
  std::string last_stamp_;
  int position_ = 0;  // index of the GPU within rows sharing a timestamp (no index column)
};

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
  PowerLogColumns c = *columns;
  std::vector<std::string> names = csv.header().names();
  csv.SetKeyColumns({names[*c.time], names[c.power.front()]});
  int version = csv.header_version();
  if (c.power.size() > 1) {
    std::vector<std::string> cols;
    for (size_t i : c.power) cols.push_back(names[i]);
    s.Warn(csv.line(), "one GPU per power column: " + Snippet(Join(cols, ", "), 200));
  }
  PowerSamples samples;
  samples.SetColumns(c);
  while (csv.NextRow()) {
    if (csv.header_version() != version) {  // a new header naming the same time and power columns
      c = FindPowerLogColumns(csv.header());
      names = csv.header().names();
      version = csv.header_version();
      samples.SetColumns(c);
    }
    samples.AddRow(c, names, csv.fields(), csv.line(), s);
  }
  if (s.rows == 0) return csv.NoRows();
  samples.Finish(s);
  return s;
}

}  // namespace foreprint

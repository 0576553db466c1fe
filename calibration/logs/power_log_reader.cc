#include "calibration/logs/power_log_reader.h"

#include <string>
#include <vector>

#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "calibration/logs/power_log_layout.h"
#include "calibration/logs/power_series.h"
#include "core/text.h"

namespace foreprint {
namespace {

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

// Rows → samples of GPUs under a decided layout.
class PowerRows {
 public:
  PowerRows(PowerLogColumns c, std::vector<std::string> names, PowerLayout layout)
      : c_(std::move(c)), names_(std::move(names)), layout_(std::move(layout)), instants_(layout_) {
    for (int i = 0; i < layout_.per_instant; ++i) position_names_.push_back(std::to_string(i));
  }

  std::optional<size_t> time_column() const { return c_.time; }

  // A new header naming the same time and power columns: columns are found again by name.
  void NewHeader(const CsvHeader& h) {
    const std::string id_name = layout_.id_column ? names_[*layout_.id_column] : std::string();
    c_ = FindPowerLogColumns(h);
    names_ = h.names();
    if (!id_name.empty()) layout_.id_column = h.Find(id_name);
    layout_.scale.resize(c_.power.size(), layout_.scale.empty() ? 1.0 : layout_.scale.front());
  }

  void Add(const std::vector<std::string>& f, int ln, std::optional<double> t, LogSummary& s) {
    if (!t) {
      s.Warn(ln, "unreadable timestamp '" + Snippet(FieldAt(f, c_.time), 40) + "': row skipped");
      ++s.skipped_rows;
      return;
    }
    if (c_.name && s.device_model.empty()) s.device_model = Snippet(FieldAt(f, c_.name), 120);
    int position = 0;
    if (layout_.gpus == PowerLayout::Gpus::kPosition && (position = instants_.Position(*t)) < 0) {
      ++s.skipped_rows;  // a row beyond the instant's GPUs: counted in InstantCounter's warning
      return;
    }
    bool any = false, dropped = false, above = false;
    for (size_t k = 0; k < c_.power.size(); ++k) {
      auto p = ParseLogNumber(FieldAt(f, c_.power[k]), true);
      if (p) *p *= layout_.scale[k];
      if (!p || *p < 0 || *p > kMaxGpuWatts) {
        above = above || (p && *p > kMaxGpuWatts);
        continue;
      }
      if (!series_.Add(GpuOf(f, k, position), *t, *p, ln, s)) {
        dropped = true;
        continue;
      }
      any = true;
    }
    Count(any, dropped, above, f, ln, s);
  }

  Status Finish(LogSummary& s) {
    if (s.rows == 0) return Status();
    if (2 * above_ > s.rows + above_) {
      Error e = MakeError(std::to_string(above_) + " of " + std::to_string(s.rows + above_) +
                          " rows have power above 5000 W: is the power column in milliwatts?");
      return e.At(s.file);
    }
    if (layout_.gpus == PowerLayout::Gpus::kPosition) {
      if (Status st = instants_.Finish(s); !st) return st;
    }
    if (series_.merged_samples() > 0) {
      s.Warn(0, std::to_string(series_.merged_samples()) +
                    " sample(s) shared their GPU's timestamp with another (a clock coarser than the sampling): "
                    "each such group is one point at its mean power");
    }
    series_.Finish(s);
    return Status();
  }

 private:
  const std::string& GpuOf(const std::vector<std::string>& f, size_t k, int position) const {
    static const std::string kOne = "0";
    switch (layout_.gpus) {
      case PowerLayout::Gpus::kPerColumn: return names_[c_.power[k]];
      case PowerLayout::Gpus::kIdColumn: return FieldAt(f, layout_.id_column);
      case PowerLayout::Gpus::kPosition: return position_names_[static_cast<size_t>(position)];
      case PowerLayout::Gpus::kOne: break;
    }
    return kOne;
  }

  void Count(bool any, bool dropped, bool above, const std::vector<std::string>& f, int ln, LogSummary& s) {
    if (any) {
      ++s.rows;
    } else if (dropped) {
      ++s.skipped_rows;  // GPUs beyond the limit: warned about once
    } else {
      s.Warn(ln, "power '" + Snippet(FieldAt(f, c_.power.front()), 40) + "' is not a wattage: row skipped");
      ++s.skipped_rows;
      above_ += above;
    }
  }

  PowerLogColumns c_;
  std::vector<std::string> names_, position_names_;
  PowerLayout layout_;
  InstantCounter instants_;
  PowerSeries series_;
  long above_ = 0;  // rows skipped for power above kMaxGpuWatts
};

// Holds back the first rows of the current header, their timestamps parsed in order. A row under a
// new header ends the window (its timestamp is left unparsed: it is read under that header).
std::vector<PowerRow> ReadWindow(CsvLog& csv, StampParser& stamps, const PowerLogColumns& c, bool* header_changed) {
  std::vector<PowerRow> window;
  const int version = csv.header_version();
  while (window.size() < kLayoutWindowRows && csv.NextRow()) {
    window.push_back(PowerRow{csv.line(), csv.fields(), std::nullopt});
    if (csv.header_version() != version) {
      *header_changed = true;
      break;
    }
    window.back().t = stamps.Parse(FieldAt(window.back().fields, c.time));
  }
  return window;
}

}  // namespace

Status ReadPowerLogRows(CsvLog& csv, LogSummary& s, const PowerLogColumns& c) {
  StampParser stamps;
  stamps.elapsed = c.time_is_elapsed;
  const std::vector<std::string> names = csv.header().names();
  bool header_changed = false;
  std::vector<PowerRow> window = ReadWindow(csv, stamps, c, &header_changed);
  const size_t decided = window.size() - (header_changed ? 1 : 0);
  auto layout = DecidePowerLayout(c, names, std::vector<PowerRow>(window.begin(), window.begin() + decided), s);
  if (!layout) return layout.error();
  PowerRows rows(c, names, *layout);
  for (size_t i = 0; i < decided; ++i) rows.Add(window[i].fields, window[i].line, window[i].t, s);
  int version = header_changed ? -1 : csv.header_version();
  bool replay = header_changed;  // the window's last row, under a new header
  while (replay || csv.NextRow()) {
    if (csv.header_version() != version) {
      rows.NewHeader(csv.header());
      stamps.elapsed = FindPowerLogColumns(csv.header()).time_is_elapsed;
      version = csv.header_version();
    }
    const std::vector<std::string>& f = replay ? window.back().fields : csv.fields();
    const int line = replay ? window.back().line : csv.line();
    replay = false;
    rows.Add(f, line, stamps.Parse(FieldAt(f, rows.time_column())), s);
  }
  return rows.Finish(s);
}

}  // namespace foreprint

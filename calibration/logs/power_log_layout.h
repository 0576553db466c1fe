// power_log_layout.h — which GPU each row of a power log belongs to, and each power column's unit,
// decided from the log's first rows (a window of at most 256) before anything is integrated.
//
// GPUs, in this order:
//   • one power column per GPU ("GPU0,GPU1", "gpu0_power_w,gpu1_power_w"): each column is a GPU;
//   • a column that makes (timestamp, GPU) unique, whatever its name (index, gpu_index, gpu, uuid,
//     pci.bus_id, …, in that order of preference). A candidate whose value repeats within one
//     timestamp is not a GPU id — concurrent samples of different GPUs are never merged — and
//     neither is one whose values do not recur evenly (a utilisation column). When every candidate
//     repeats within a timestamp the log is refused;
//   • else the sampling period: the smallest G for which t[i+G] − t[i] is the same (±25 %) for 90 %
//     of the window's rows. Rows within half that period of an instant's first row are one sampling
//     instant (nvidia-smi stamps each GPU's query a few ms apart), and when every instant holds the
//     same number k > 1 of rows, GPU j is the j-th row of each instant. G = 1 is one GPU.
//   • Rows sharing a timestamp on a clock with whole seconds are ambiguous. When the count per second
//     varies (and is sometimes 1) they are one GPU sampled faster than the clock, averaged per
//     timestamp (power_series.h); when it is the same k > 1 every second they could be k GPUs or one
//     GPU sampled k times a second, and the log is refused. Instants whose row count varies on a
//     sub-second clock are refused too: GPUs cannot be told apart.
// Units, per column: mW when the name says so; a column in W (or without a unit) whose readable
// values in the window are mostly above kMaxGpuWatts while every one of them fits under it once
// divided by 1000 is read as mW, with a warning. Other values above kMaxGpuWatts are skipped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calibration/logs/log_summary.h"
#include "calibration/logs/power_log_columns.h"
#include "core/error.h"

namespace foreprint {

// No accelerator draws more: 3.5 × the highest TDP in hardware_db/devices.yaml (GB300, MI355X:
// 1,400 W). A larger reading is a misread unit (mW) or garbage.
inline constexpr double kMaxGpuWatts = 5000;
// Rows of a power log looked at before anything is integrated.
inline constexpr size_t kLayoutWindowRows = 256;

// A data row held back while the layout is decided; `t` is its parsed timestamp (null: unreadable).
struct PowerRow {
  int line = 0;
  std::vector<std::string> fields;
  std::optional<double> t;
};

struct PowerLayout {
  enum class Gpus { kOne, kPerColumn, kIdColumn, kPosition };
  Gpus gpus = Gpus::kOne;
  std::optional<size_t> id_column;  // kIdColumn
  int per_instant = 1;              // kPosition: GPUs (rows) per sampling instant
  double instant_s = 0;             // kPosition: rows within this of an instant's first row join it (0: equal times)
  int first_offset = 0;             // kPosition: GPU of the window's first row (the log may start mid-instant)
  std::vector<double> scale;        // per power column: 1 (W) or 1e-3 (mW)
};

// Decides the layout from `window` (rows of the current header), warning about what it assumed.
// An error when GPUs cannot be told apart.
Result<PowerLayout> DecidePowerLayout(const PowerLogColumns& c, const std::vector<std::string>& names,
                                      const std::vector<PowerRow>& window, LogSummary& s);

// Assigns each row of a kPosition log its GPU, instant by instant, and counts instants whose row
// count differs from the layout's.
class InstantCounter {
 public:
  explicit InstantCounter(const PowerLayout& layout) : layout_(layout) {}
  // The GPU (0-based position) of a row stamped `t`; -1 when the instant already has all its GPUs.
  int Position(double t);
  // An error when more than 10 % of the instants were irregular, else a warning when any were.
  Status Finish(LogSummary& s);

 private:
  const PowerLayout& layout_;
  bool started_ = false;
  double instant_t_ = 0;
  int next_ = 0, rows_ = 0;
  long instants_ = 0, irregular_ = 0;
};

}  // namespace foreprint

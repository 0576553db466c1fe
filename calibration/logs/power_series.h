// power_series.h — the energy of GPU power samples: per GPU, the trapezoid of power over time,
// summed over GPUs.
//
// Samples of one GPU that share a timestamp (a clock with whole seconds that a GPU is sampled
// faster than) are one point at their mean power. An interval longer than
// max(60 s, 10 × the GPU's typical interval — the median of its first 9 intervals) is a pause in
// the logging: it is not integrated and is reported; neither is an interval where the clock goes
// back. Memory: O(1) per GPU, at most 1024 GPUs (rows of further GPUs are refused, warned once).
#pragma once

#include <map>
#include <string>

#include "calibration/logs/log_summary.h"

namespace foreprint {

// Shortest pause in a power log that is not integrated (longer when the log samples slowly).
inline constexpr double kPowerLogGapSeconds = 60.0;

class PowerSeries {
 public:
  static constexpr size_t kMaxGpus = 1024;

  // A sample of `gpu` at `t` seconds, `watts` W, read from `line`; false when the GPU is beyond
  // the limit.
  bool Add(const std::string& gpu, double t, double watts, int line, LogSummary& s);
  // Closes every GPU's last point, warns about pauses and clock jumps, and writes energy, duration
  // (the longest GPU's), GPU count and the accelerator scope into `s`.
  void Finish(LogSummary& s);

  size_t gpus() const { return gpus_.size(); }
  long merged_samples() const { return merged_; }  // samples averaged with another of the same time

 private:
  static constexpr int kCadenceSamples = 9;
  struct Point {
    double t = 0, sum = 0;
    int n = 0, line = 0;
  };
  struct Gpu {
    double first_t = 0, last_t = 0, prev_t = 0, prev_p = 0, joules = 0;
    bool has_prev = false;
    Point pending;  // the latest timestamp's samples, not yet integrated
    double cadence[kCadenceSamples] = {};
    int cadence_n = 0;
    double typical = 0;  // the median of cadence, fixed once it is full
  };

  void Commit(Gpu& g, LogSummary& s);
  double Typical(Gpu& g, double dt);

  std::map<std::string, Gpu> gpus_;
  bool full_ = false;
  long merged_ = 0, gaps_ = 0, backwards_ = 0;
  double worst_gap_ = 0;
  int first_gap_line_ = 0;
};

}  // namespace foreprint

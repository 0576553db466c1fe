#include "calibration/logs/power_series.h"

#include <algorithm>

#include "core/text.h"

namespace foreprint {

bool PowerSeries::Add(const std::string& gpu, double t, double watts, int line, LogSummary& s) {
  auto it = gpus_.find(gpu);
  if (it == gpus_.end()) {
    if (gpus_.size() >= kMaxGpus) {
      if (!full_) s.Warn(line, "more than 1024 GPUs: rows of further GPUs skipped");
      full_ = true;
      return false;
    }
    Gpu& g = gpus_[gpu];
    g.first_t = g.last_t = t;
    g.pending = {t, watts, 1, line};
    if (!s.start_hours || t / 3600.0 < *s.start_hours) s.start_hours = t / 3600.0;
    return true;
  }
  Gpu& g = it->second;
  if (t == g.pending.t) {
    g.pending.sum += watts;
    ++g.pending.n;
    ++merged_;
    return true;
  }
  Commit(g, s);
  g.pending = {t, watts, 1, line};
  return true;
}

// The typical sampling interval: the median of the first intervals (including `dt` until there
// are enough).
double PowerSeries::Typical(Gpu& g, double dt) {
  if (g.cadence_n == kCadenceSamples) return g.typical;  // settled: the first intervals decide
  if (dt > 0) g.cadence[g.cadence_n++] = dt;
  double sorted[kCadenceSamples];
  const int n = std::min(g.cadence_n, kCadenceSamples);
  for (int i = 0; i < n; ++i) {  // insertion sort of at most 9 values
    int k = i;
    for (; k > 0 && sorted[k - 1] > g.cadence[i]; --k) sorted[k] = sorted[k - 1];
    sorted[k] = g.cadence[i];
  }
  g.typical = n ? sorted[n / 2] : 0.0;
  return g.typical;
}

// Integrates from the previous point to the pending one.
void PowerSeries::Commit(Gpu& g, LogSummary& s) {
  const Point& p = g.pending;
  const double watts = p.sum / p.n;
  if (!g.has_prev) {
    g.has_prev = true;
  } else {
    const double dt = p.t - g.prev_t;
    if (dt < 0) {
      if (++backwards_ <= 3) s.Warn(p.line, "timestamp goes back " + FormatSig(-dt, 3) + " s: interval not integrated");
    } else if (dt > std::max(kPowerLogGapSeconds, 10.0 * Typical(g, dt))) {
      ++gaps_;
      if (!first_gap_line_) first_gap_line_ = p.line;
      worst_gap_ = std::max(worst_gap_, dt);
    } else {
      g.joules += 0.5 * (g.prev_p + watts) * dt;
    }
  }
  g.prev_t = std::max(g.prev_t, p.t);
  g.prev_p = watts;
  g.last_t = std::max(g.last_t, p.t);
}

void PowerSeries::Finish(LogSummary& s) {
  double joules = 0;
  for (auto& [id, g] : gpus_) {
    Commit(g, s);
    joules += g.joules;
    s.duration_s = std::max(s.duration_s, g.last_t - g.first_t);
  }
  if (gaps_) {
    s.Warn(first_gap_line_, std::to_string(gaps_) + " gap(s) longer than " + FormatNumber(kPowerLogGapSeconds) +
                                " s (longest " + FormatSig(worst_gap_, 3) + " s) were not integrated");
  }
  if (backwards_ > 3) s.Warn(0, "the timestamp went back " + std::to_string(backwards_) + " times in all");
  s.runs = static_cast<int>(gpus_.size());
  s.device_count = static_cast<int>(gpus_.size());
  s.energy_total_kwh = joules / 3.6e6;
  s.gpu_kwh = s.energy_total_kwh;
  s.scope = EnergyScope::kAcceleratorMeasured;
  s.pue = 1.0;
}

}  // namespace foreprint

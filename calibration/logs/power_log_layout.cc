#include "calibration/logs/power_log_layout.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr int kMaxPeriodRows = 64;      // GPUs per sampling instant the period search tries
constexpr double kPeriodTolerance = 0.25;  // t[i+G] − t[i] within ±25 % of its median …
constexpr double kPeriodShare = 0.9;       // … for 90 % of the rows: a period
constexpr double kIrregularShare = 0.1;    // more irregular instants than this: refused

std::string Quoted(const std::string& name) { return "'" + Snippet(name, 40) + "'"; }

// ---- units -------------------------------------------------------------------------------------

double ColumnScale(size_t k, const PowerLogColumns& c, const std::vector<std::string>& names,
                   const std::vector<PowerRow>& window, LogSummary& s) {
  const PowerUnit unit = c.units.size() > k ? c.units[k] : PowerUnit::kUnstated;
  if (unit == PowerUnit::kMilliwatts) return 1e-3;
  long n = 0, above = 0, above_mw = 0;
  for (const auto& r : window) {
    auto v = ParseLogNumber(FieldAt(r.fields, c.power[k]), true);
    if (!v || *v < 0) continue;
    ++n;
    above += *v > kMaxGpuWatts;
    above_mw += *v > kMaxGpuWatts * 1000;
  }
  const std::string& name = names[c.power[k]];
  if (n > 0 && 2 * above > n && above_mw == 0) {
    s.Warn(window.front().line, "column " + Quoted(name) + ": " + std::to_string(above) + " of " + std::to_string(n) +
                                    " values in the first rows are above 5000 W and all fit once divided by 1000: "
                                    "read as milliwatts");
    return 1e-3;
  }
  if (unit == PowerUnit::kUnstated && !c.per_gpu_names) {
    s.Warn(window.front().line, "the unit of column " + Quoted(name) + " is not stated: read as W");
  }
  return 1.0;
}

// ---- GPU id columns ----------------------------------------------------------------------------

struct IdVerdict {
  bool ok = true, repeats = false;
  std::string why;  // for the warning or the error
};

IdVerdict JudgeIdColumn(size_t col, const PowerLogColumns& c, const std::vector<PowerRow>& window) {
  IdVerdict v;
  std::map<std::pair<std::string, std::string>, int> seen;  // (timestamp, id) → line
  std::map<std::string, long> count;
  for (const auto& r : window) {
    const std::string& stamp = FieldAt(r.fields, c.time);
    const std::string& id = FieldAt(r.fields, col);
    auto [it, fresh] = seen.emplace(std::make_pair(stamp, id), r.line);
    if (!fresh) {
      v.ok = false;
      v.repeats = true;
      v.why = "lines " + std::to_string(it->second) + " and " + std::to_string(r.line) + " share the timestamp '" +
              Snippet(stamp, 40) + "' and the value '" + Snippet(id, 40) + "'";
      return v;
    }
    ++count[id];
  }
  long lo = 0, hi = 0;
  for (const auto& [id, n] : count) {
    lo = lo ? std::min(lo, n) : n;
    hi = std::max(hi, n);
  }
  if (count.size() > 1 && hi - lo > std::max(1L, hi / 4)) {
    v.ok = false;
    v.why = "its " + std::to_string(count.size()) + " values recur from " + std::to_string(lo) + " to " +
            std::to_string(hi) + " times in the first rows, not evenly as GPUs do";
  }
  return v;
}

// The first candidate that passes; warnings for those passed over. An error when every candidate
// repeats a value within a timestamp. Null (no id column) when there is none or none passes.
Result<std::optional<size_t>> ChooseIdColumn(const PowerLogColumns& c, const std::vector<std::string>& names,
                                             const std::vector<PowerRow>& window, LogSummary& s) {
  std::vector<std::pair<size_t, IdVerdict>> rejected;
  for (size_t col : c.gpu_ids) {
    IdVerdict v = JudgeIdColumn(col, c, window);
    if (v.ok) {
      for (const auto& [r, why] : rejected) {
        s.Warn(window.front().line, "column " + Quoted(names[r]) + " is not a GPU id (" + why.why +
                                        "): GPUs told apart by " + Quoted(names[col]));
      }
      return std::optional<size_t>(col);
    }
    rejected.emplace_back(col, v);
  }
  for (const auto& [r, v] : rejected) {
    if (v.repeats) {
      Error e = MakeError("cannot tell the GPUs apart: column " + Quoted(names[r]) + " is not a GPU id (" + v.why +
                          ") and no other column names the GPU; log with --query-gpu=timestamp,index,power.draw");
      return e.At(s.file, window.front().line);
    }
    s.Warn(window.front().line, "column " + Quoted(names[r]) + " is not a GPU id (" + v.why + ")");
  }
  return std::optional<size_t>();
}

// ---- sampling instants -------------------------------------------------------------------------

double Median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Whether G rows per instant fit: every G rows the clock advances by one period m (±25 % for 90 %
// of the rows), and the steps between consecutive rows are either small (within an instant) or
// about m — one in G of them.
bool FitsPeriod(const std::vector<double>& t, int g, double* period) {
  const size_t n = t.size();
  std::vector<double> d;
  for (size_t i = 0; i + g < n; ++i) d.push_back(t[i + g] - t[i]);
  const double m = Median(d);
  if (m <= 0) return false;
  long regular = 0;
  for (double x : d) regular += std::abs(x - m) <= kPeriodTolerance * m;
  if (regular < kPeriodShare * static_cast<double>(d.size())) return false;
  std::vector<double> big;  // steps between instants
  for (size_t i = 1; i < n; ++i) {
    if (t[i] - t[i - 1] > kPeriodTolerance * m) big.push_back(t[i] - t[i - 1]);
  }
  const double share = static_cast<double>(big.size()) / static_cast<double>(n - 1);
  if (big.empty() || std::abs(share - 1.0 / g) > 1 - kPeriodShare) return false;
  if (std::abs(Median(big) - m) > kPeriodTolerance * m) return false;
  *period = m;
  return true;
}

// The sampling period and the rows per instant G (the smallest that fits), or 0.
double PeriodOver(const std::vector<double>& t, int* rows) {
  const int n = static_cast<int>(t.size());
  for (int g = 1; g <= std::min(kMaxPeriodRows, (n - 1) / 2); ++g) {
    double period = 0;
    if (FitsPeriod(t, g, &period)) {
      *rows = g;
      return period;
    }
  }
  return 0;
}

// Without a period: when many rows follow the one before within a tenth of the usual step (bursts,
// as GPUs queried one after another), a quarter of that step groups them; else 0 (equal times).
double BurstGap(const std::vector<double>& t) {
  std::vector<double> steps;
  for (size_t i = 1; i < t.size(); ++i) steps.push_back(t[i] - t[i - 1]);
  std::vector<double> sorted = steps;
  std::sort(sorted.begin(), sorted.end());
  const double usual = sorted[sorted.size() * 3 / 4];
  long bursts = 0;
  for (double d : steps) bursts += d > 0 && d < usual / 10;
  return bursts > 0 && bursts >= (1 - kPeriodShare) * static_cast<double>(steps.size()) ? usual / 4 : 0.0;
}

// Rows per instant: rows within `tol` of the instant's first row (equal times when tol is 0).
std::vector<int> InstantSizes(const std::vector<double>& t, double tol) {
  std::vector<int> sizes;
  double start = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (i == 0 || (tol > 0 ? t[i] - start > tol : t[i] != start)) {
      sizes.push_back(0);
      start = t[i];
    }
    ++sizes.back();
  }
  return sizes;
}

Result<PowerLayout> ByInstants(PowerLayout layout, const PowerLogColumns& c, const std::vector<PowerRow>& window,
                               LogSummary& s) {
  std::vector<double> t;
  bool sub_second = false;
  for (const auto& r : window) {
    if (!r.t) continue;
    t.push_back(*r.t);
    sub_second = sub_second || HasSubSecondDigits(FieldAt(r.fields, c.time));
  }
  int period_rows = 0;
  const double period = t.size() >= 3 ? PeriodOver(t, &period_rows) : 0.0;
  if (t.size() < 2 || period_rows == 1) return layout;  // one GPU, regularly sampled
  const double tol = period_rows > 1 ? period / 2 : BurstGap(t);
  const std::vector<int> sizes = InstantSizes(t, tol);
  // The window's first and last instants may be cut; the others decide.
  const size_t from = sizes.size() > 2 ? 1 : 0, to = sizes.size() > 2 ? sizes.size() - 1 : sizes.size();
  std::map<int, long> counts;
  for (size_t i = from; i < to; ++i) ++counts[sizes[i]];
  const int k = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  const bool same = counts.size() == 1;
  if (same && k == 1) return layout;
  const int first_line = window.front().line;
  if (same && !sub_second) {
    Error e = MakeError("cannot tell the GPUs apart: every whole-second timestamp holds " + std::to_string(k) +
                        " rows: " + std::to_string(k) + " GPUs, or one GPU sampled " + std::to_string(k) +
                        " times a second? Log an index column (--query-gpu=timestamp,index,power.draw)");
    return e.At(s.file, first_line);
  }
  if (same) {
    layout.gpus = PowerLayout::Gpus::kPosition;
    layout.per_instant = k;
    layout.instant_s = tol;
    layout.first_offset = sizes.front() < k ? k - sizes.front() : 0;
    s.Warn(first_line, "no GPU id column: " + std::to_string(k) +
                           " GPUs told apart by their order within each sampling instant (rows " +
                           (tol > 0 ? "less than " + FormatSig(tol, 2) + " s apart" : std::string("sharing a timestamp")) +
                           ")");
    return layout;
  }
  if (!sub_second && counts.begin()->first == 1) return layout;  // one GPU sampled faster than its clock
  Error e = MakeError("cannot tell the GPUs apart: sampling instants hold from " + std::to_string(counts.begin()->first) +
                      " to " + std::to_string(counts.rbegin()->first) +
                      " rows and no column names the GPU; log an index column (--query-gpu=timestamp,index,power.draw)");
  return e.At(s.file, first_line);
}

}  // namespace

Result<PowerLayout> DecidePowerLayout(const PowerLogColumns& c, const std::vector<std::string>& names,
                                      const std::vector<PowerRow>& window, LogSummary& s) {
  PowerLayout layout;
  if (window.empty()) {
    layout.scale.assign(c.power.size(), 1.0);
    return layout;
  }
  for (size_t k = 0; k < c.power.size(); ++k) layout.scale.push_back(ColumnScale(k, c, names, window, s));
  if (c.power.size() > 1) {
    std::vector<std::string> cols;
    for (size_t i : c.power) cols.push_back(names[i]);
    s.Warn(window.front().line, "one GPU per power column: " + Snippet(Join(cols, ", "), 200) +
                                    (c.per_gpu_names ? " (no unit in their names: read as W)" : ""));
    layout.gpus = PowerLayout::Gpus::kPerColumn;
    return layout;
  }
  auto id = ChooseIdColumn(c, names, window, s);
  if (!id) return id.error();
  if (*id) {
    layout.gpus = PowerLayout::Gpus::kIdColumn;
    layout.id_column = **id;
    return layout;
  }
  return ByInstants(layout, c, window, s);
}

int InstantCounter::Position(double t) {
  const bool fresh = !started_ || (layout_.instant_s > 0 ? t - instant_t_ > layout_.instant_s : t != instant_t_);
  if (fresh) {
    if (started_) {
      ++instants_;
      const int expected = instants_ == 1 ? layout_.per_instant - layout_.first_offset : layout_.per_instant;
      irregular_ += rows_ != expected;
    }
    next_ = started_ ? 0 : layout_.first_offset;
    started_ = true;
    instant_t_ = t;
    rows_ = 0;
  }
  ++rows_;
  if (next_ >= layout_.per_instant) return -1;
  return next_++;
}

Status InstantCounter::Finish(LogSummary& s) {
  if (started_ && rows_ > layout_.per_instant) ++irregular_;  // a last instant cut short is no evidence
  ++instants_;
  if (irregular_ == 0) return {};
  const std::string what = std::to_string(irregular_) + " of " + std::to_string(instants_) +
                           " sampling instants did not hold " + std::to_string(layout_.per_instant);
  if (irregular_ > kIrregularShare * static_cast<double>(instants_)) {
    Error e = MakeError(what + " rows: GPUs cannot be told apart by their order; log an index column");
    return e.At(s.file);
  }
  s.Warn(0, what + " rows: GPUs may be mixed up there");
  return {};
}

}  // namespace foreprint

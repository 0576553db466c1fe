#include "calibration/bootstrap.h"

#include <algorithm>

namespace foreprint {
namespace {

// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by the seed alone.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) by rejection (no modulo bias).
  std::size_t Below(std::size_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = Next(); while (x >= limit);
    return static_cast<std::size_t>(x % n);
  }
};

double MedianInPlace(std::vector<double>& v) {
  const std::size_t n = v.size(), mid = n / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  if (n % 2) return v[mid];
  const double upper = v[mid];
  return 0.5 * (*std::max_element(v.begin(), v.begin() + mid) + upper);
}

// The p-quantile of sorted values, linear between order statistics.
double Quantile(const std::vector<double>& sorted, double p) {
  const double pos = p * static_cast<double>(sorted.size() - 1);
  const std::size_t i = static_cast<std::size_t>(pos);
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
}

MedianInterval Interval(std::vector<double> medians) {
  std::sort(medians.begin(), medians.end());
  return {Quantile(medians, 0.05), Quantile(medians, 0.95)};
}

}  // namespace

BootstrapComparison BootstrapMedians(const std::vector<double>& ours, const std::vector<double>& theirs,
                                     int resamples, std::uint64_t seed) {
  BootstrapComparison r;
  const std::size_t n = std::min(ours.size(), theirs.size());
  if (n == 0 || resamples <= 0) return r;
  r.resamples = resamples;
  SplitMix64 rng{seed};
  std::vector<double> a(n), b(n), med_a, med_b;
  int lower = 0;
  for (int k = 0; k < resamples; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t j = rng.Below(n);
      a[i] = ours[j];
      b[i] = theirs[j];
    }
    med_a.push_back(MedianInPlace(a));
    med_b.push_back(MedianInPlace(b));
    lower += med_a.back() < med_b.back();
  }
  r.ours = Interval(med_a);
  r.theirs = Interval(med_b);
  r.share_ours_lower = static_cast<double>(lower) / resamples;
  return r;
}

}  // namespace foreprint

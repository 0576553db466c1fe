// bootstrap.h — how sure a leave-one-out median error is, and how sure a comparison of two methods
// on the same runs is: the runs are resampled with replacement (Efron's percentile bootstrap).
//
// Paired: each resample draws run indices once and takes both methods' errors of those runs, so the
// share of resamples in which one median is lower reflects the methods, not which runs were drawn.
// Deterministic: a fixed seed drives a SplitMix64 stream (same figures on every machine).
#pragma once

#include <cstdint>
#include <vector>

namespace foreprint {

inline constexpr int kBootstrapResamples = 10000;   // enough that the 5th/95th percentiles settle
inline constexpr std::uint64_t kBootstrapSeed = 1;  // fixed: the same figures on every run

struct MedianInterval {
  double lo = 0, hi = 0;  // 5th and 95th percentile of the resampled median: a 90 % interval
};

struct BootstrapComparison {
  int resamples = 0;
  MedianInterval ours, theirs;
  double share_ours_lower = 0;  // resamples in which median(ours) < median(theirs)
};

// `ours[i]` and `theirs[i]` are the two methods' errors on run i (same length; empty gives zeros).
BootstrapComparison BootstrapMedians(const std::vector<double>& ours, const std::vector<double>& theirs,
                                     int resamples = kBootstrapResamples, std::uint64_t seed = kBootstrapSeed);

}  // namespace foreprint

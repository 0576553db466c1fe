// bench_util.h — timing helpers for the benchmarks: best-of-N wall-clock per call.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace foreprint::bench {

// Runs `fn` `iterations` times per round, `rounds` rounds; returns the best mean seconds per call.
inline double SecondsPerCall(const std::function<void()>& fn, int iterations, int rounds = 5) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) fn();
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count() / iterations);
  }
  return best;
}

}  // namespace foreprint::bench

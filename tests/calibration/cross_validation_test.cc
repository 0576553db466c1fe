// The leave-one-out summary metrics on hand-computed cases.
#include "calibration/cross_validation.h"
#undef CHECK  // glog's, pulled in through Ceres

#include <catch2/catch.hpp>
#include <cmath>

using namespace foreprint;

TEST_CASE("Summarise: median |pred/actual − 1|, share within ±25 %, median |ln ratio|", "[calibration][cv]") {
  // ratios 0.5, 0.9, 1.2, 2.0 and 4.0:
  //   |r − 1|  = 0.5, 0.1, 0.2, 1.0, 3.0 → median 0.5; within ±25 %: 0.1 and 0.2 → 2/5
  //   |ln r|   = 0.693, 0.105, 0.182, 0.693, 1.386 → median ln 2
  const std::vector<double> actual = {10, 10, 10, 10, 10};
  const std::vector<double> predicted = {5, 9, 12, 20, 40};
  Metric m = Summarise(predicted, actual);
  CHECK(m.n == 5);
  CHECK(m.median_abs_err == Approx(0.5));
  CHECK(m.within_25 == Approx(0.4));
  CHECK(m.median_abs_log == Approx(std::log(2.0)));
  // Halving and doubling are the same miss in ln units, not in |r − 1| (0.5 vs 1.0).
  Metric half = Summarise({5}, {10}), twice = Summarise({20}, {10});
  CHECK(half.median_abs_log == Approx(twice.median_abs_log));
  CHECK(half.median_abs_err == Approx(0.5));
  CHECK(twice.median_abs_err == Approx(1.0));
}

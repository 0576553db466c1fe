// The paired bootstrap of median errors on cases whose resampling distribution is known exactly.
#include "calibration/bootstrap.h"

#include <catch2/catch.hpp>

using namespace foreprint;

TEST_CASE("bootstrap: constant errors give a point interval and a certain comparison", "[calibration][bootstrap]") {
  BootstrapComparison r = BootstrapMedians({0.2, 0.2, 0.2, 0.2}, {0.3, 0.3, 0.3, 0.3}, 500);
  CHECK(r.resamples == 500);
  CHECK(r.ours.lo == 0.2);
  CHECK(r.ours.hi == 0.2);
  CHECK(r.theirs.lo == 0.3);
  CHECK(r.share_ours_lower == 1.0);
  BootstrapComparison same = BootstrapMedians({0.2, 0.5}, {0.2, 0.5}, 500);
  CHECK(same.share_ours_lower == 0.0);  // never strictly lower than itself
}

TEST_CASE("bootstrap: resampled medians follow the exact resampling distribution", "[calibration][bootstrap]") {
  // Two runs with errors 0 and 1: a resample's median is 0 (p = 1/4), 0.5 (1/2) or 1 (1/4).
  // Against a constant 0.4, ours is lower exactly when both draws are run 0: p = 1/4.
  BootstrapComparison two = BootstrapMedians({0, 1}, {0.4, 0.4}, 20000);
  CHECK(two.ours.lo == 0.0);
  CHECK(two.ours.hi == 1.0);
  CHECK(two.share_ours_lower == Approx(0.25).margin(0.015));  // 3.5 standard errors
  // Three runs 1, 2, 3: the median is 1 when two or three draws are run 0: p = 7/27.
  BootstrapComparison three = BootstrapMedians({1, 2, 3}, {2, 2, 2}, 20000);
  CHECK(three.share_ours_lower == Approx(7.0 / 27.0).margin(0.015));
  CHECK(three.ours.lo == 1.0);
  CHECK(three.ours.hi == 3.0);
}

TEST_CASE("bootstrap: the seed fixes the figures; no runs give zeros", "[calibration][bootstrap]") {
  const std::vector<double> a = {0.1, 0.7, 0.3, 0.9, 0.2, 0.05, 1.4}, b = {0.2, 0.5, 0.6, 0.4, 0.3, 0.3, 0.8};
  BootstrapComparison x = BootstrapMedians(a, b, 2000, 7), y = BootstrapMedians(a, b, 2000, 7);
  CHECK(x.ours.lo == y.ours.lo);
  CHECK(x.ours.hi == y.ours.hi);
  CHECK(x.share_ours_lower == y.share_ours_lower);
  CHECK(x.ours.lo <= 0.3);  // the sample median lies inside its own 90 % interval
  CHECK(x.ours.hi >= 0.3);
  BootstrapComparison none = BootstrapMedians({}, {});
  CHECK(none.resamples == 0);
  CHECK(none.share_ours_lower == 0);
}

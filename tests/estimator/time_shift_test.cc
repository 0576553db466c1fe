#include "estimator/time_shift.h"

#include <catch2/catch.hpp>

using namespace foreprint;

// A hand-made hourly series with a known optimum: clean hours 5-7 (50 g/kWh), the rest 400.
TEST_CASE("flexible start finds the cleanest contiguous block", "[time_shift]") {
  std::vector<double> s(24, 400.0);
  s[5] = s[6] = s[7] = 50;
  ShiftChoice c = BestStart(s, 3);
  CHECK(c.offset_hours == 5);
  CHECK(c.mean_ci == Approx(50));
  CHECK(MeanOfFirst(s, 3) == Approx(400));
  // A 4-hour job must take one dirty hour: best is 5-8 or 4-7 (first wins): (3·50 + 400)/4.
  ShiftChoice d = BestStart(s, 4);
  CHECK(d.offset_hours == 4);
  CHECK(d.mean_ci == Approx(137.5));
}

TEST_CASE("pause-resume takes the cleanest hours anywhere in the window", "[time_shift]") {
  std::vector<double> s = {300, 10, 300, 20, 300, 30, 300};
  CHECK(PauseResumeMean(s, 3) == Approx(20));
  CHECK(BestStart(s, 3).mean_ci == Approx((10 + 300 + 20) / 3.0));
  // Pause-resume is never worse than flexible start, which is never worse than starting now.
  CHECK(PauseResumeMean(s, 3) <= BestStart(s, 3).mean_ci);
  CHECK(BestStart(s, 3).mean_ci <= MeanOfFirst(s, 3));
}

TEST_CASE("jobs longer than the window are refused by returning zero", "[time_shift]") {
  std::vector<double> s(10, 100.0);
  CHECK(PauseResumeMean(s, 11) == 0);
  CHECK(BestStart(s, 11).mean_ci == 0);
  CHECK(MeanOfFirst(s, 0) == 0);
}

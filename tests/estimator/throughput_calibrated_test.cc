#include "estimator/throughput_calibrated.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace foreprint;

TEST_CASE("without warm-up the wall time is C / (n·peak·u·g)", "[throughput]") {
  // 6.3e22 FLOP on 1000 devices × 312 TFLOP/s × 0.5 × 0.9 → 6.3e22 / 1.404e17 = 448,717.9 s.
  Seconds t = SolveWallTime(Flop(6.3e22), 1000, Tflops(312), 0.5, 0.9, Seconds(0));
  CHECK(t.value() == Approx(6.3e22 / (1000 * 312e12 * 0.5 * 0.9)));
}

TEST_CASE("warm-up adds its time constant for long runs and a sqrt law for short ones", "[throughput]") {
  // Long: T ≈ A + τw when A ≫ τw.
  const double a = 1e6, w = 3600;
  Seconds t = SolveWallTime(Flop(a * 1e12), 1, Tflops(1), 1, 1, Seconds(w));
  CHECK(t.value() == Approx(a + w).epsilon(1e-9));
  // Short: T − τw(1 − e^{−T/τw}) ≈ T²/(2τw) = A → T ≈ sqrt(2 A τw).
  Seconds s = SolveWallTime(Flop(0.01 * 1e12), 1, Tflops(1), 1, 1, Seconds(w));
  CHECK(s.value() == Approx(std::sqrt(2 * 0.01 * w)).epsilon(1e-3));
  // And the solution satisfies the equation exactly in between.
  double A = 2000;
  double T = SolveWallTime(Flop(A * 1e12), 1, Tflops(1), 1, 1, Seconds(w)).value();
  CHECK(T - w * (1 - std::exp(-T / w)) == Approx(A).epsilon(1e-12));
}

TEST_CASE("the MFU predictor adds its terms and the sigmoid maps them to (0, 1)", "[throughput]") {
  ThroughputParams p;
  p.family_logit["Ampere"] = -0.5;
  p.default_logit = -1;
  p.slope_log_params = 0.1;
  p.slope_log_count = -0.2;
  p.modality_offset["vision"] = 0.3;
  p.slope_year = 0.05;
  ThroughputFeatures f{"Ampere", "vision", 7e9, 2048, 2024};
  MfuTerms t = MfuLinearPredictor(p, f);
  CHECK(t.family == -0.5);
  CHECK(t.size == Approx(0.1 * std::log(7.0)));
  CHECK(t.scale == Approx(-0.2 * std::log(2.048)));
  CHECK(t.modality == 0.3);
  CHECK(t.year == Approx(0.1));
  f.family = "Unknown";
  f.modality = "text";
  CHECK(MfuLinearPredictor(p, f).family == -1);
  CHECK(MfuLinearPredictor(p, f).modality == 0);
  CHECK(Sigmoid(0) == 0.5);
  CHECK(Sigmoid(-800) >= 0);
  CHECK(Sigmoid(800) == 1);
  p.goodput_lambda = 0.0068;
  CHECK(Goodput(p, 16384) == Approx(1 / (1 + 0.0068 * 16.384)));
}

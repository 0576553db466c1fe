#include "estimator/throughput_oce.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/csv.h"
#include "core/quantity_parser.h"
#include "test_util.h"

using namespace foreprint;

TEST_CASE("OpenCarbonEval: small αT follows the series T = sqrt(2C'/α)", "[oce]") {
  // α = 1e-7, C = 1e15 FLOP → C' = 1000 TFLOP; αT ≈ 1.4e-2 ≪ 1.
  double lnT = OceLnDeviceSeconds(std::log(1e-7), Flop(1e15));
  double series = std::sqrt(2 * 1000 / 1e-7);
  CHECK(std::exp(lnT) == Approx(series).epsilon(0.01));
}

TEST_CASE("OpenCarbonEval: large αT follows the asymptote T ln(αT) ≈ C'", "[oce]") {
  // α = 1e100: f ≈ ln(αT) TFLOP/s, so T·(ln(αT) − 1) ≈ C' exactly enough for αT ≫ 1.
  const double ln_alpha = 100 * std::log(10.0);
  const double c_prime = 6.3e12;  // 6.3e24 FLOP
  double T = std::exp(OceLnDeviceSeconds(ln_alpha, Flop(6.3e24)));
  double lnaT = ln_alpha + std::log(T);
  CHECK(T * (lnaT - 1) == Approx(c_prime).epsilon(1e-9));
}

TEST_CASE("OpenCarbonEval stays finite for α 1e-7…1e300 and C 1e15…1e28", "[oce][property]") {
  double prev_lnT = 0;
  for (double lg_alpha = -7; lg_alpha <= 300; lg_alpha += 7.7) {
    bool first = true;
    for (double lg_c = 15; lg_c <= 28; lg_c += 0.5) {
      double lnT = OceLnDeviceSeconds(lg_alpha * std::log(10.0), Flop(std::pow(10.0, lg_c)));
      INFO("lg α = " << lg_alpha << ", lg C = " << lg_c);
      REQUIRE(std::isfinite(lnT));
      if (!first) REQUIRE(lnT > prev_lnT);  // more FLOPs, more time
      prev_lnT = lnT;
      first = false;
    }
  }
}

// Data: tests/data/oce_leaderboard.csv joins OpenCarbonEval's data/model_emission.csv (inputs) with
// the 67-row README leaderboard (expected tCO2eq), github.com/answers111/OpenCarbonEval @ 565876d.
TEST_CASE("OpenCarbonEval leaderboard: all 67 rows within 0.5 %", "[oce][reproduction]") {
  auto csv = CsvTable::Parse(test::ReadFixture("oce_leaderboard.csv"), "oce_leaderboard.csv");
  REQUIRE(csv.ok());
  REQUIRE(csv->rows() == 67);
  auto table = OceTable::Builtin();
  REQUIRE(table.ok());
  for (size_t r = 0; r < csv->rows(); ++r) {
    const OceDevice* d = (*table)->Find(csv->Get(r, "hardware"));
    INFO(csv->Get(r, "system") << " on " << csv->Get(r, "hardware"));
    REQUIRE(d != nullptr);
    double flops = *ParsePlainNumber(csv->Get(r, "flops"));
    double ci_kg = *ParsePlainNumber(csv->Get(r, "ci_kg_per_kwh"));
    OceResult o = OceDeviceHours(*d, Flop(flops));
    double t_co2 = o.device_hours_mean * d->tdp.value() / 1000 * ci_kg / 1000;
    double expected = *ParsePlainNumber(csv->Get(r, "expected_tco2e"));
    CHECK(t_co2 == Approx(expected).epsilon(0.005));
  }
}

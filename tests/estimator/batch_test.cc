#include "estimator/batch.h"

#include <catch2/catch.hpp>

using namespace foreprint;

namespace {

Estimate Fake(double scale, std::optional<double> market, std::optional<double> onsite) {
  Estimate e;
  e.device_hours = 100 * scale;
  e.energy_kwh.total = 1000 * scale;
  e.co2e_kg.operational = 300 * scale;
  e.co2e_kg.embodied = 10 * scale;
  e.co2e_kg.total = 310 * scale;
  e.co2e_kg.operational_market_based = market;
  e.p10 = {50 * scale, 600 * scale, 200 * scale, 180 * scale};
  e.p90 = {200 * scale, 1700 * scale, 500 * scale, 490 * scale};
  e.water.onsite_l = onsite;
  e.water.offsite_l = 3000 * scale;
  if (onsite) e.water.total_l = *onsite + 3000 * scale;
  return e;
}

}  // namespace

TEST_CASE("a batch total adds the runs, and their P10s and P90s", "[estimator][batch]") {
  BatchTotal t = SumEstimates({Fake(1, 5.0, 120.0), Fake(2, 8.0, 240.0)});
  CHECK(t.runs == 2);
  CHECK(t.device_hours == Approx(300));
  CHECK(t.energy_kwh == Approx(3000));
  CHECK(t.co2_total == Approx(930));
  CHECK(t.co2_operational + t.co2_embodied == Approx(t.co2_total));
  CHECK(t.p10.co2e_kg == Approx(600));
  CHECK(t.p90.co2e_kg == Approx(1500));
  CHECK(t.p10.co2e_kg <= t.co2_total);
  CHECK(t.co2_total <= t.p90.co2e_kg);
  CHECK(*t.co2_operational_market_based == Approx(13));
  CHECK(*t.water_total_l == Approx(360 + 9000));
  CHECK(t.notes.empty());
}

TEST_CASE("a batch total leaves out what not every run has, and says so", "[estimator][batch]") {
  BatchTotal t = SumEstimates({Fake(1, 5.0, std::nullopt), Fake(1, std::nullopt, 120.0)});
  CHECK(!t.co2_operational_market_based);
  CHECK(!t.water_onsite_l);
  CHECK(*t.water_offsite_l == Approx(6000));
  CHECK(!t.water_total_l);
  REQUIRE(t.notes.size() == 2);
  CHECK(t.notes[0] == "market-based total: not given, as not every run has datacenter.market_factor");
  CHECK(t.notes[1] == "water total: not given, as a run has a part without a source");
  BatchTotal none = SumEstimates({Fake(1, std::nullopt, 1.0)});
  CHECK(none.notes.empty());  // no run has a market factor: nothing to say
  CHECK(SumEstimates({}).runs == 0);
}

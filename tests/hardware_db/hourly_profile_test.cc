#include "hardware_db/hourly_profile.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/utc_time.h"

using namespace foreprint;

namespace {
// A hand-made profile: 100 g/kWh from 00 to 11 UTC, 300 g/kWh from 12 to 23, every month.
std::string TwoLevelCsv() {
  std::string s = "zone_eia_ba,month,hour_utc,ci_mean_gco2eq_per_kwh\n";
  for (int m = 1; m <= 12; ++m)
    for (int h = 0; h < 24; ++h) s += "TEST," + std::to_string(m) + "," + std::to_string(h) + "," + (h < 12 ? "100" : "300") + "\n";
  return s;
}
}  // namespace

TEST_CASE("hourly profile means weight the hours a run spans", "[hourly]") {
  auto p = HourlyProfiles::Parse(TwoLevelCsv(), "test.csv");
  REQUIRE(p.ok());
  const HourlyProfile* t = p->Find("TEST");
  REQUIRE(t);
  CHECK(t->annual_mean == Approx(200));
  double start = *ParseIsoUtc("2025-03-01T00:00Z");
  CHECK(t->MeanOver(start, 12).value() == Approx(100));
  CHECK(t->MeanOver(start + 12, 12).value() == Approx(300));
  CHECK(t->MeanOver(start, 24).value() == Approx(200));
  CHECK(t->MeanOver(start + 6, 12).value() == Approx(200));   // 6 h at 100, 6 h at 300
  CHECK(t->MeanOver(start + 11.5, 1).value() == Approx(200));  // half an hour each
  CHECK(t->MeanOver(start, 3 * 8760 + 12).value() == Approx((3 * 8760 * 200.0 + 12 * 100) / (3 * 8760 + 12)));
}

TEST_CASE("incomplete or out-of-range profiles are refused", "[hourly]") {
  CHECK(!HourlyProfiles::Parse("zone_eia_ba,month,hour_utc,ci_mean_gco2eq_per_kwh\nX,1,0,100\n", "p.csv").ok());
  CHECK(!HourlyProfiles::Parse("zone_eia_ba,month,hour_utc,ci_mean_gco2eq_per_kwh\nX,13,0,100\n", "p.csv").ok());
  CHECK(!HourlyProfiles::Parse("zone_eia_ba,month,hour\nX,1,0\n", "p.csv").ok());
}

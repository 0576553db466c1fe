// GHG Protocol Scope 2 dual reporting and the intervals of runs with given device-hours.
#include <catch2/catch.hpp>
#include <cmath>

#include "estimator/estimate.h"
#include "report/estimate_report.h"

using namespace foreprint;

namespace {

Result<Estimate> Run(const std::string& hardware, const std::string& datacenter) {
  auto c = RunConfig::Parse("name: t\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 2T\nhardware:\n"
                            "  device: A100-SXM4-40GB\n  count: 64\n" + hardware + "datacenter:\n  region: FR\n" +
                                datacenter + "embodied:\n  include: false\n",
                            "run.yaml", **DeviceDb::Builtin(), **RegionDb::Builtin());
  if (!c) return c.error();
  return RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
}

}  // namespace

TEST_CASE("market_factor adds a labelled market-based figure; the total stays location-based", "[estimate][scope2]") {
  const std::string hw = "  device_hours: 1000\n  power: tdp\n";
  auto loc = Run(hw, "  pue: 1.5\n  carbon_intensity: 100 g/kWh\n");
  auto both = Run(hw, "  pue: 1.5\n  carbon_intensity: 100 g/kWh\n  market_factor: 0.4 kg/kWh\n");
  REQUIRE(loc.ok());
  REQUIRE(both.ok());
  CHECK(!loc->co2e_kg.operational_market_based);
  REQUIRE(both->co2e_kg.operational_market_based);
  CHECK(*both->co2e_kg.operational_market_based == Approx(600 * 0.4));  // 600 kWh facility × 400 g/kWh
  CHECK(both->co2e_kg.total == Approx(loc->co2e_kg.total));
  CHECK(*both->market_factor_g_per_kwh == 400);

  auto j = EstimateJson(*both, false);
  CHECK(j["co2e_kg"]["operational_market_based"].get<double>() == Approx(240));
  CHECK(j["region"]["market_factor_g_per_kwh"] == 400);
  CHECK(j["co2e_kg"]["operational_basis"].get<std::string>().rfind("location-based", 0) == 0);
  CHECK(!EstimateJson(*loc, false)["co2e_kg"].contains("operational_market_based"));
  CHECK(MarketBasedLine(*both) ==
        "CO2e operational, market-based: 240 kg (400 g/kWh, datacenter.market_factor); location-based: 60.0 kg "
        "(100 g/kWh, used in the totals above). GHG Protocol Scope 2 dual reporting");
  CHECK(MarketBasedLine(*loc).empty());

  auto bad = Run(hw, "  market_factor: 3 kg/kWh\n");
  REQUIRE(!bad.ok());
  CHECK(bad.error().Format() == "run.yaml:13:18: datacenter.market_factor: '3 kg/kWh' is outside 0–2000 g/kWh");
  auto unitless = Run(hw, "  market_factor: 40\n");
  REQUIRE(!unitless.ok());
  CHECK(unitless.error().field == "datacenter.market_factor");
}

TEST_CASE("given device-hours: energy and CO2e keep the power model's spread", "[estimate][interval]") {
  const double sigma = (*EstimateInputs::Builtin()).params->uncertainty.sigma_log_power;
  REQUIRE(sigma > 0.2);
  const double lo = std::exp(-1.2815515655446004 * sigma), hi = std::exp(1.2815515655446004 * sigma);
  for (const char* power : {"  power: tdp\n", "  power: modeled\n"}) {
    INFO(power);
    auto e = Run(std::string("  device_hours: 1000\n") + power, "");
    REQUIRE(e.ok());
    CHECK(e->p10.device_hours == e->device_hours);  // hours given: no spread in time
    CHECK(e->p10.energy_kwh == Approx(e->energy_kwh.total * lo));
    CHECK(e->p90.energy_kwh == Approx(e->energy_kwh.total * hi));
    CHECK(e->p10.co2e_kg == Approx(e->co2e_kg.total * lo));
    CHECK(e->p90.co2e_kg == Approx(e->co2e_kg.total * hi));
  }
  auto fixed = Run("  device_hours: 1000\n  power: 300 W\n", "");  // the user's own wattage: taken as given
  REQUIRE(fixed.ok());
  CHECK(fixed->p10.energy_kwh == Approx(fixed->energy_kwh.total));
}

#include "estimator/water.h"

#include <catch2/catch.hpp>

#include "estimator/estimate.h"
#include "hardware_db/region_db.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const RegionDb& Regions() { return **RegionDb::Builtin(); }
const WaterDb& Water() { return **WaterDb::Builtin(); }
const Region& R(const char* id) { return *Regions().TryFind(id); }

}  // namespace

TEST_CASE("water: on-site = WUE × IT energy, off-site = EWIF × facility energy", "[estimator][water]") {
  // aws:us-east-1: WUE 0.12 L/kWh (AWS 2024 site row), grid US-VA EWIF 2.367 L/kWh (WRI, eGRID SRVC).
  // 1000 kWh IT at PUE 1.15 = 1150 kWh facility.
  WaterEstimate w = EstimateWater(R("aws:us-east-1"), Water(), KilowattHours(1000), KilowattHours(1150));
  REQUIRE(w.onsite_l);
  REQUIRE(w.offsite_l);
  REQUIRE(w.total_l);
  CHECK(*w.onsite_l == Approx(120));         // not × PUE (CodeCarbon's convention would give 138)
  CHECK(*w.offsite_l == Approx(2722.05));
  CHECK(*w.total_l == Approx(2842.05));
  CHECK(w.onsite_source.find("aws:us-east-1 (site)") == 0);
  CHECK(w.offsite_source.find("grid US-VA: WRI") == 0);
  CHECK(w.notes.empty());
}

TEST_CASE("water: a part without a source is empty, said so, and the total too", "[estimator][water]") {
  WaterEstimate us = EstimateWater(R("US"), Water(), KilowattHours(100), KilowattHours(158));
  CHECK(!us.onsite_l);
  REQUIRE(us.offsite_l);
  CHECK(*us.offsite_l == Approx(158 * 3.14));
  CHECK(!us.total_l);
  REQUIRE(us.notes.size() == 2);
  CHECK(us.notes[0] == "water on-site: no source for US (WUE is published by cloud operators; a region without one has no "
                       "on-site figure)");
  CHECK(us.notes[1] == "water total: not given, as a part has no source");

  WaterEstimate sg = EstimateWater(R("aws:ap-southeast-1"), Water(), KilowattHours(100), KilowattHours(115));
  CHECK(sg.onsite_l);  // AWS publishes Singapore's WUE
  CHECK(!sg.offsite_l);
  CHECK(sg.notes[0].rfind("water off-site: no source for grid SG", 0) == 0);

  WaterEstimate qc = EstimateWater(R("CA-QC"), Water(), KilowattHours(100), KilowattHours(100));
  CHECK(*qc.offsite_l == Approx(816.6));
  CHECK(qc.notes[1] == "water off-site: CA-QC has no factor of its own; the CA country average is used");

  WaterEstimate quiet = EstimateWater(R("US"), Water(), KilowattHours(100), KilowattHours(158), false);
  CHECK(quiet.notes.empty());  // sweeps skip the text
  CHECK(quiet.offsite_l);
}

TEST_CASE("estimate: water_l from the run's energy, with explain steps", "[estimator][water]") {
  auto c = RunConfig::Parse("name: w\nmodel:\n  kind: transformer\n  params: 1B\n  tokens: 20B\nhardware:\n"
                            "  device: A100-SXM4-80GB\n  count: 8\n  device_hours: 100\n  power: 400 W\n"
                            "datacenter:\n  region: azure:swedencentral\n  pue: 1.2\n",
                            "w.yaml", **DeviceDb::Builtin(), Regions());
  REQUIRE(c.ok());
  c->host_power_per_device = Watts(100);
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  // IT = 100 h × 500 W = 50 kWh; facility 60 kWh. WUE 0.03 (Microsoft EMEA), EWIF SE 6.032.
  CHECK(e->energy_kwh.total == Approx(60));
  CHECK(*e->water.onsite_l == Approx(1.5));
  CHECK(*e->water.offsite_l == Approx(361.92));
  CHECK(*e->water.total_l == Approx(363.42));
  bool step = false;
  for (const auto& s : e->explain) step = step || (s.quantity == "on-site water" && s.value == Approx(1.5));
  CHECK(step);
}

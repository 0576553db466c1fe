#include "hardware_db/water_db.h"

#include <catch2/catch.hpp>

#include "core/data_files.h"
#include "hardware_db/region_db.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const RegionDb& Regions() { return **RegionDb::Builtin(); }
const WaterDb& Water() { return **WaterDb::Builtin(); }
const Region& R(const char* id) { return *Regions().TryFind(id); }

const char* kSmall = R"(providers:
  - id: aws
    wue_l_per_kwh: 0.12
    year: 2025
    basis: "withdrawal"
    source: "Amazon"
    check: "read"
sites:
  - id: "aws:us-east-1"
    wue_l_per_kwh: 0.12
    scope: site
    year: 2024
    source: "AWS table"
    check: "read"
countries:
  - id: "US"
    ewif_l_per_kwh: 3.14
    ewif_gal_per_kwh: 0.83
    year: 2020
    basis: consumption
    source: "WRI"
    check: "read"
grid_regions:
  - id: "egrid:SRVC"
    ewif_l_per_kwh: 2.367
    year: 2020
    basis: consumption
    source: "WRI"
    check: "read"
default:
  ewif_l_per_kwh: 4.81
  year: 2020
  basis: consumption
  source: "WRI"
  check: "read"
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the built-in water factors load, every row cited", "[hardware_db][water]") {
  REQUIRE(WaterDb::Builtin().ok());
  CHECK(Water().providers().size() == 3);
  CHECK(Water().sites().size() >= 79);
  CHECK(Water().grids().size() >= 51);
  for (const auto* rows : {&Water().providers(), &Water().sites(), &Water().grids()}) {
    for (const auto& w : *rows) {
      INFO(w.id);
      CHECK(!w.source.empty());
      CHECK(w.l_per_kwh >= 0);
    }
  }
  for (const auto& w : Water().grids()) CHECK(w.basis == "consumption");
  CHECK(Water().default_ewif().l_per_kwh == 4.81);  // kept, not used by the lookups
}

TEST_CASE("on-site WUE: the site's figure, else the provider's, else no source", "[hardware_db][water]") {
  const WaterFactor* site = Water().OnsiteWue(R("aws:us-east-1"));
  REQUIRE(site);
  CHECK(site->l_per_kwh == 0.12);
  CHECK(site->scope == "site");
  const WaterFactor* geo = Water().OnsiteWue(R("azure:swedencentral"));
  REQUIRE(geo);
  CHECK(geo->l_per_kwh == 0.03);
  CHECK(geo->scope == "geography");
  const WaterFactor* fleet = Water().OnsiteWue(R("gcp:europe-west4"));
  REQUIRE(fleet);
  CHECK(fleet->id == "gcp");
  CHECK(fleet->l_per_kwh == 1.15);
  CHECK(Water().OnsiteWue(R("aws:me-south-1"))->id == "aws");  // no site row: AWS's fleet value
  CHECK(Water().OnsiteWue(R("US")) == nullptr);                // no operator: no on-site figure
  CHECK(Water().OnsiteWue(R("FR")) == nullptr);
}

TEST_CASE("off-site EWIF: the grid's row, else its country's, else nothing", "[hardware_db][water]") {
  EwifMatch va = Water().OffsiteEwif(R("aws:us-east-1"));  // grid US-VA (eGRID SRVC)
  REQUIRE(va.factor);
  CHECK(va.grid == "US-VA");
  CHECK(va.factor->l_per_kwh == 2.367);
  CHECK(!va.country_fallback);
  EwifMatch us = Water().OffsiteEwif(R("US"));
  REQUIRE(us.factor);
  CHECK(us.factor->l_per_kwh == 3.14);
  EwifMatch qc = Water().OffsiteEwif(R("CA-QC"));  // no provincial factor: Canada's
  REQUIRE(qc.factor);
  CHECK(qc.factor->id == "CA");
  CHECK(qc.country_fallback);
  EwifMatch nevada = Water().OffsiteEwif(R("US-NV"));  // split between subregions: the US row
  REQUIRE(nevada.factor);
  CHECK(nevada.factor->id == "US");
  CHECK(Water().OffsiteEwif(R("aws:ap-southeast-1")).factor == nullptr);  // Singapore: no WRI factor
  CHECK(Water().OffsiteEwif(R("aws:ap-southeast-1")).grid == "SG");
}

TEST_CASE("a malformed water file is reported with file, line and field", "[hardware_db][water]") {
  REQUIRE(WaterDb::Parse(kSmall, "w.yaml").ok());
  auto withdrawal = WaterDb::Parse(Replace(kSmall, "    basis: consumption\n    source: \"WRI\"",
                                           "    basis: withdrawal\n    source: \"WRI\""), "w.yaml");
  REQUIRE(!withdrawal.ok());
  CHECK(withdrawal.error().Format() ==
        "w.yaml:20:12: countries.US.basis: off-site factors must be basis: consumption (withdrawal factors are "
        "10–100× larger and not comparable)");
  auto gallons = WaterDb::Parse(Replace(kSmall, "ewif_gal_per_kwh: 0.83", "ewif_gal_per_kwh: 0.93"), "w.yaml");
  REQUIRE(!gallons.ok());
  CHECK(gallons.error().message == "ewif_gal_per_kwh × 3.785 L/gal = 3.520 L/kWh disagrees with ewif_l_per_kwh 3.14");
  CHECK(gallons.error().line == 18);
  auto twice = WaterDb::Parse(Replace(kSmall, "id: \"egrid:SRVC\"", "id: \"US\""), "w.yaml");
  REQUIRE(!twice.ok());
  CHECK(twice.error().message == "'US' appears twice in grids (ids must be unique)");
  auto scope = WaterDb::Parse(Replace(kSmall, "scope: site", "scope: campus"), "w.yaml");
  REQUIRE(!scope.ok());
  CHECK(scope.error().field == "sites.aws:us-east-1.scope");
  auto range = WaterDb::Parse(Replace(kSmall, "wue_l_per_kwh: 0.12\n    year: 2025", "wue_l_per_kwh: 120\n    year: 2025"),
                              "w.yaml");
  REQUIRE(!range.ok());
  CHECK(range.error().message == "value 120 is outside the plausible range 0 to 10");
  auto unsourced = WaterDb::Parse(Replace(kSmall, "    source: \"AWS table\"\n", ""), "w.yaml");
  REQUIRE(!unsourced.ok());
  CHECK(unsourced.error().message == "missing required key 'source'");
  auto via = WaterDb::Parse(Replace(kSmall, "    ewif_gal_per_kwh: 0.83\n", "    ewif_gal_per_kwh: 0.83\n    via: \"egrid:XXXX\"\n"),
                            "w.yaml");
  REQUIRE(!via.ok());
  CHECK(via.error().message == "via 'egrid:XXXX' is not a row of grid_regions");
}

TEST_CASE("water rows name real regions; JSON round-trips", "[hardware_db][water]") {
  auto text = ReadTextFile(test::SourcePath("hardware_db/water.yaml"));
  REQUIRE(text.ok());
  auto db = WaterDb::Parse(*text, "hardware_db/water.yaml");
  REQUIRE(db.ok());
  CHECK(db->CheckRegions(Regions(), "water.yaml").ok());
  auto typo = WaterDb::Parse(Replace(kSmall, "id: \"aws:us-east-1\"", "id: \"aws:us-east-9\""), "w.yaml");
  REQUIRE(typo.ok());
  auto st = typo->CheckRegions(Regions(), "w.yaml");
  REQUIRE(!st.ok());
  CHECK(st.error().Format() == "w.yaml:9: sites.aws:us-east-9: site 'aws:us-east-9' is not a cloud region id in regions.yaml");
  auto back = WaterDb::FromJson(db->ToJson(), "w.json");
  REQUIRE(back.ok());
  CHECK(back->ToJson() == db->ToJson());
  CHECK(back->OnsiteWue(R("aws:us-east-1"))->l_per_kwh == 0.12);
}

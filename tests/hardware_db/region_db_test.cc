#include "hardware_db/region_db.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/text.h"
#include "test_util.h"

using namespace foreprint;

namespace {
const RegionDb& Db() {
  auto db = RegionDb::Builtin();
  REQUIRE(db.ok());
  return **db;
}
// The id a query resolves to, or "(none)" — so a failed lookup fails the check, not the process.
std::string IdOf(const std::string& q) {
  const auto* x = Db().TryFind(q);
  return x ? x->id : "(none)";
}
}  // namespace

TEST_CASE("the region database has 250+ regions and 60+ cloud regions across three providers", "[hardware_db]") {
  CHECK(Db().regions().size() >= 250);
  std::map<std::string, int> providers;
  for (const auto& g : Db().regions()) if (g.kind == "cloud") ++providers[g.provider];
  CHECK(providers["aws"] + providers["gcp"] + providers["azure"] >= 60);
  CHECK(providers["aws"] >= 15);
  CHECK(providers["gcp"] >= 15);
  CHECK(providers["azure"] >= 15);
}

TEST_CASE("every region is cited and in range", "[hardware_db]") {
  for (const auto& g : Db().regions()) {
    INFO(g.id);
    CHECK(!g.source.empty());
    CHECK(g.ci.value() >= 0);
    CHECK(g.ci.value() <= 1500);
    CHECK(g.year >= 2000);
    SourcedValue pue = Db().PueFor(g);
    CHECK(pue.value >= 1.0);
    CHECK(pue.value <= 2.5);
    CHECK(!pue.source.empty());
    if (g.kind == "cloud") CHECK(Db().TryFind(g.grid) != nullptr);
  }
  CHECK(!Db().global_pue().source.empty());
  for (const char* p : {"aws", "gcp", "azure"}) CHECK(Db().provider_pue().count(p) == 1);
}

TEST_CASE("countries, US states, provinces and cloud regions resolve by id and alias", "[hardware_db]") {
  CHECK(IdOf("FR") == "FR");
  CHECK(IdOf("fra") == "FR");
  CHECK(IdOf("France") == "FR");
  for (const char* q : {"US", "US-CA", "CA-QC", "CA-AB", "aws:us-east-1", "gcp:europe-west1", "azure:westeurope"}) {
    INFO(q);
    REQUIRE(Db().TryFind(q) != nullptr);
  }
  CHECK(Db().TryFind("US")->kind == "country");
  CHECK(Db().TryFind("US-CA")->kind == "us-state");
  CHECK(Db().TryFind("CA-QC")->kind == "ca-province");
  CHECK(Db().TryFind("aws:us-east-1")->provider == "aws");
  CHECK(Db().TryFind("gcp:europe-west1")->provider == "gcp");
  CHECK(Db().TryFind("azure:westeurope")->provider == "azure");
  // Québec's hydro grid is far cleaner than Alberta's.
  CHECK(Db().TryFind("CA-QC")->ci < Db().TryFind("CA-AB")->ci);
}

TEST_CASE("cloud regions default to their provider's PUE, others to the global default", "[hardware_db]") {
  const Region* aws = Db().TryFind("aws:us-east-1");
  REQUIRE(aws);
  if (!aws->pue) CHECK(Db().PueFor(*aws).value == Db().provider_pue().at("aws").value);
  CHECK(Db().PueFor(*Db().TryFind("FR")).value == Db().global_pue().value);
}

TEST_CASE("ids and aliases are unique across the region file", "[hardware_db]") {
  std::map<std::string, std::string> owner;  // normalised key → id
  for (const auto& g : Db().regions()) {
    std::vector<std::string> keys = {g.id};
    keys.insert(keys.end(), g.aliases.begin(), g.aliases.end());
    for (const auto& k : keys) {
      INFO(g.id << ": " << k);
      auto [it, fresh] = owner.emplace(NormalizeKey(k), g.id);
      CHECK(it->second == g.id);
    }
  }
}

TEST_CASE("an unknown region is an error with suggestions", "[hardware_db]") {
  auto r = Db().Find("aws:us-east-7");
  REQUIRE(!r.ok());
  CHECK(r.error().message.rfind("unknown region 'aws:us-east-7' — did you mean: aws:us-east-1", 0) == 0);
}

TEST_CASE("a malformed region file is reported with file and line", "[hardware_db]") {
  std::string good = test::ReadFixture("regions_small.yaml");
  auto ok = RegionDb::Parse(good, "r.yaml");
  REQUIRE(ok.ok());
  CHECK(ok->PueFor(*ok->TryFind("aws:eu-west-3")).value == 1.15);
  CHECK(ok->PueFor(*ok->TryFind("US-CA")).value == 1.2);

  std::string ci = good;
  ci.replace(ci.find("ci_g_per_kwh: 200"), 17, "ci_g_per_kwh: 2000");
  auto r = RegionDb::Parse(ci, "r.yaml");
  REQUIRE(!r.ok());
  CHECK(r.error().Format() == "r.yaml:24:19: regions.US-CA.ci_g_per_kwh: value 2000 is outside the plausible range 0 to 1500");

  std::string grid = good;
  grid.replace(grid.find("grid: \"FR\""), 10, "grid: \"XX\"");
  auto g = RegionDb::Parse(grid, "r.yaml");
  REQUIRE(!g.ok());
  CHECK(g.error().Format() == "r.yaml:13: regions.aws:eu-west-3.grid: grid 'XX' is not a region in this file");

  std::string pue = good;
  pue.replace(pue.find("pue: 1.2"), 8, "pue: 3.2");
  CHECK(!RegionDb::Parse(pue, "r.yaml").ok());
}

TEST_CASE("the built-in (generated JSON) database equals hardware_db/regions.yaml", "[hardware_db]") {
  auto yaml = RegionDb::Parse(*ReadTextFile(test::SourcePath("hardware_db/regions.yaml")), "regions.yaml");
  REQUIRE(yaml.ok());
  REQUIRE(yaml->regions().size() == Db().regions().size());
  CHECK(yaml->global_pue().value == Db().global_pue().value);
  for (size_t i = 0; i < yaml->regions().size(); ++i) {
    const Region& a = yaml->regions()[i];
    const Region& b = Db().regions()[i];
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.aliases == b.aliases);
    CHECK(a.ci == b.ci);
    CHECK(a.year == b.year);
    CHECK(a.pue == b.pue);
    CHECK(a.grid == b.grid);
    CHECK(a.hourly_profile == b.hourly_profile);
    CHECK(a.source == b.source);
  }
}

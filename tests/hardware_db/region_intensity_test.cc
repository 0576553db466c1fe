#include "hardware_db/region_intensity.h"

#include <catch2/catch.hpp>

#include "core/data_files.h"
#include "core/utc_time.h"
#include "hardware_db/region_db.h"
#include "test_util.h"

using namespace foreprint;

namespace {
const RegionDb& Regions() { return **RegionDb::Builtin(); }
const HourlyProfiles* Profiles() { return *HourlyProfiles::Builtin(); }
}  // namespace

TEST_CASE("hourly profiles: both files load, every region's profile exists, 60+ regions have one", "[hourly]") {
  REQUIRE(Profiles());
  CHECK(Profiles()->Find("CISO"));                 // EIA-930
  CHECK(Profiles()->Find("DE"));                   // Electricity Maps
  CHECK(Profiles()->Find("DE")->dataset == "Electricity Maps 2024");
  CHECK(Profiles()->Find("CISO")->dataset == "EIA-930 2022");
  size_t with_profile = 0, cloud = 0;
  for (const auto& g : Regions().regions()) {
    if (g.hourly_profile.empty()) continue;
    ++with_profile;
    cloud += g.provider.empty() ? 0 : 1;
    INFO(g.id);
    CHECK(RegionIntensity::For(g, Profiles()).has_value());
  }
  CHECK(with_profile >= 60);
  CHECK(cloud >= 60);
}

TEST_CASE("a profile gives the shape; the region's annual value stays the level", "[hourly]") {
  const Region& de = *Regions().TryFind("aws:eu-central-1");
  auto hourly = RegionIntensity::For(de, Profiles());
  REQUIRE(hourly);
  CHECK(hourly->profile().id == "DE");
  const double start = *ParseIsoUtc("2025-01-01T00:00Z");
  // A whole (non-leap) year averages to the region's annual value, whatever the profile's level.
  CHECK(hourly->MeanOver(start, 8760).value() == Approx(de.ci.value()).epsilon(1e-9));
  // Hour by hour: profile value / profile mean × annual value.
  const double t = *ParseIsoUtc("2025-07-01T13:30Z");
  CHECK(hourly->At(t).value() == Approx(hourly->profile().ci[6][13] / hourly->profile().annual_mean * de.ci.value()));
  // The series walks the calendar: it matches At() hour by hour across a month and a year boundary.
  const double dec = *ParseIsoUtc("2025-12-31T20:00Z");
  auto s = hourly->Series(dec + 0.25, 30);
  for (int i = 0; i < 30; ++i) CHECK(s[i] == Approx(hourly->At(dec + i + 0.5).value()));
  CHECK(!RegionIntensity::For(*Regions().TryFind("HK"), Profiles()));
}

TEST_CASE("the embedded hourly profiles equal the CSV files they are built from", "[hourly]") {
  auto csv = HourlyProfiles::LoadFiles([](const char* path) -> Result<std::pair<std::string, std::string>> {
    auto text = ReadTextFile(test::SourcePath(path));
    if (!text) return text.error();
    return std::pair{*text, std::string(path)};
  });
  REQUIRE(csv.ok());
  REQUIRE(csv->all().size() == Profiles()->all().size());
  CHECK(csv->all().size() == 82);  // 8 EIA-930 balancing authorities + 74 Electricity Maps zones
  for (const auto& [id, p] : csv->all()) {
    const HourlyProfile* q = Profiles()->Find(id);
    REQUIRE(q);
    CHECK(q->dataset == p.dataset);
    CHECK(q->annual_mean == Approx(p.annual_mean).epsilon(1e-12));
    CHECK(q->ci == p.ci);
  }
}

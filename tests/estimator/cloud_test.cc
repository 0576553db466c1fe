// cloud_test.cc — renting: the instance config, cost in estimate and compare, what is offered where,
// and carbon-aware starts in regions with Electricity Maps profiles.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "core/utc_time.h"
#include "estimator/compare.h"
#include "estimator/estimate.h"
#include "report/svg_chart.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const DeviceDb& Devices() { return **DeviceDb::Builtin(); }
const RegionDb& Regions() { return **RegionDb::Builtin(); }

const char* kModel = "name: t\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 200B\n";

Result<RunConfig> Parse(const std::string& hardware, const std::string& region) {
  return RunConfig::Parse(std::string(kModel) + "hardware:\n" + hardware + "datacenter:\n  region: " + region + "\n",
                          "t.yaml", Devices(), Regions());
}

RunConfig Config(const std::string& hardware, const std::string& region) {
  auto c = Parse(hardware, region);
  INFO((c.ok() ? std::string() : c.error().Format()));
  REQUIRE(c.ok());
  return *c;
}

Estimate Run(const RunConfig& c) {
  auto e = RunEstimate(c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  return *e;
}

bool HasNote(const Estimate& e, const std::string& text) {
  for (const auto& n : e.notes) if (n.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("instance config resolves the device, the count and the host", "[cloud][config]") {
  RunConfig c = Config("  instance: p5.48xlarge\n  instances: 4\n", "aws:us-east-1");
  CHECK(c.device->id == "H100-SXM5-80GB");
  CHECK(c.count == 32);
  REQUIRE(c.instance);
  CHECK(c.instance->id == "p5.48xlarge");
  CHECK(c.instances == 4);
  Estimate e = Run(c);
  CHECK(e.count == 32);
  CHECK(e.host_power_w == Approx(192 * (0.74 + 0.5 * (3.5 - 0.74)) / 8));  // CCF host watts per H100
  REQUIRE(e.cost);
  CHECK(e.cost->instance == "p5.48xlarge");
  CHECK(e.cost->instances == 4);
  CHECK(e.cost->usd_per_instance_hour == 98.32);
  CHECK(e.cost->usd == Approx(e.wall_hours * 4 * 98.32));
  CHECK(e.cost->p10 <= e.cost->usd);
  CHECK(e.cost->usd <= e.cost->p90);
  // Host embodied carbon per device: the same LLMCarbon host over 8 devices (p5's host size).
  CHECK(e.co2e_kg.embodied_hosts > 0);
}

TEST_CASE("instance config errors: both forms, unknown id, a region without its price", "[cloud][config][errors]") {
  auto both = Parse("  instance: p5.48xlarge\n  instances: 1\n  device: H100\n  count: 8\n", "aws:us-east-1");
  REQUIRE(!both.ok());
  CHECK(both.error().message == "use either instance (with instances) or device (with count), not both");
  auto typo = Parse("  instance: p5.48xlarg\n  instances: 1\n", "aws:us-east-1");
  REQUIRE(!typo.ok());
  CHECK(typo.error().field == "hardware.instance");
  CHECK(typo.error().message.find("did you mean: p5.48xlarge") != std::string::npos);
  auto missing = Parse("  instance: p5.48xlarge\n", "aws:us-east-1");
  REQUIRE(!missing.ok());
  CHECK(missing.error().message == "missing required key 'instances'");
  auto elsewhere = Parse("  instance: p5.48xlarge\n  instances: 1\n", "gcp:us-central1");
  REQUIRE(!elsewhere.ok());
  CHECK(elsewhere.error().field == "datacenter.region");
  CHECK(elsewhere.error().message.find("instance p5.48xlarge is not priced in gcp:us-central1; it is in: ") == 0);
  auto stray = Parse("  device: H100\n  count: 8\n  instances: 2\n", "aws:us-east-1");
  REQUIRE(!stray.ok());
  CHECK(stray.error().field == "hardware.instances");
}

TEST_CASE("cost in estimate: cheapest instance for device + count, absent with a note without a price", "[cloud]") {
  Estimate gcp = Run(Config("  device: A100-SXM4-40GB\n  count: 16\n", "gcp:us-central1"));
  REQUIRE(gcp.cost);
  CHECK(gcp.cost->instance == "a2-megagpu-16g");  // one 16-GPU VM is cheaper than two 8-GPU ones here
  Estimate no_offer = Run(Config("  device: TPUv5p\n  count: 16\n", "aws:us-east-1"));
  CHECK(!no_offer.cost);
  CHECK(HasNote(no_offer, "cost not estimated for aws:us-east-1: no aws instance with TPUv5p is priced there"));
  Estimate not_cloud = Run(Config("  device: A100-SXM4-40GB\n  count: 16\n", "US"));
  CHECK(!not_cloud.cost);
  CHECK(!HasNote(not_cloud, "cost not estimated"));
}

TEST_CASE("compare --provider ranks only what the provider rents", "[cloud][compare]") {
  RunConfig c = Config("  device: A100-SXM4-80GB\n  count: 64\n", "US");
  CompareOptions o;
  for (const auto& d : Devices().devices()) o.devices.push_back(&d);
  o.device_selection = Selection::kSweep;
  for (const auto& g : Regions().regions()) if (g.provider == "azure") o.regions.push_back(&g);
  o.region_selection = Selection::kSweep;
  o.provider = "azure";
  o.count = 64;
  auto r = RunCompare(c, o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  REQUIRE(!r->rows.empty());
  CHECK(r->left_out > 0);
  for (const auto& row : r->rows) {
    CHECK(row.ranked);
    CHECK(row.availability == Availability::kOffered);
    CHECK(row.device != "TPUv5p");
    CHECK(row.device != "Gaudi3");
    CHECK(row.cost_usd.has_value());
  }
}

TEST_CASE("named options that are not offered are rows marked so, never ranked", "[cloud][compare]") {
  RunConfig c = Config("  device: A100-SXM4-80GB\n  count: 64\n", "US");
  CompareOptions o;
  o.devices = {Devices().TryFind("TPUv5p"), Devices().TryFind("H100-SXM5-80GB")};
  o.regions = {Regions().TryFind("aws:us-east-1"), Regions().TryFind("FR")};
  o.count = 64;
  auto r = RunCompare(c, o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 4);
  const CompareRow& last = r->rows.back();
  CHECK(last.device == "TPUv5p");
  CHECK(last.region == "aws:us-east-1");
  CHECK(!last.ranked);
  CHECK(last.rank == 0);
  CHECK(last.note.find("not offered") != std::string::npos);
  CHECK(!last.cost_usd);
  for (size_t i = 0; i + 1 < r->rows.size(); ++i) CHECK(r->rows[i].ranked);
  // With --provider, a named device offered nowhere gets one row without numbers.
  o.regions.clear();
  for (const auto& g : Regions().regions()) if (g.provider == "azure") o.regions.push_back(&g);
  o.region_selection = Selection::kSweep;
  o.provider = "azure";
  auto p = RunCompare(c, o, *EstimateInputs::Builtin());
  REQUIRE(p.ok());
  const CompareRow& none = p->rows.back();
  CHECK(none.device == "TPUv5p");
  CHECK(!none.evaluated);
  CHECK(!none.ranked);
}

TEST_CASE("compare --sort cost: cheapest first, options without a price last", "[cloud][compare]") {
  RunConfig c = Config("  device: A100-SXM4-80GB\n  count: 64\n", "US");
  CompareOptions o;
  o.devices = {Devices().TryFind("A100-SXM4-40GB"), Devices().TryFind("H100-SXM5-80GB"),
               Devices().TryFind("TPUv6e")};
  o.regions = {Regions().TryFind("gcp:us-central1"), Regions().TryFind("gcp:us-east4"), Regions().TryFind("FR")};
  o.sort = SortKey::kCost;
  o.count = 64;
  auto r = RunCompare(c, o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  double prev = 0;
  bool priceless_seen = false;
  for (const auto& row : r->rows) {
    if (!row.ranked) continue;
    if (!row.cost_usd) {
      priceless_seen = true;
      continue;
    }
    CHECK(!priceless_seen);
    CHECK(*row.cost_usd >= prev);
    prev = *row.cost_usd;
  }
  CHECK(priceless_seen);  // FR is not a cloud region: no price, ranked last
  // The chart adds a cost-vs-CO2e panel with its Pareto front when options have a price.
  const std::string svg = CompareSvg("cost", r->rows);
  CHECK(svg.find("Cost vs CO2e (Pareto front in black)") != std::string::npos);
  CHECK(svg.find("cost (USD, on-demand list price)") != std::string::npos);
}

TEST_CASE("a flexible start in a European cloud region with a profile saves CO2", "[cloud][hourly]") {
  RunConfig c = Config("  device: H100-SXM5-80GB\n  count: 512\n", "aws:eu-central-1");
  REQUIRE(c.region->hourly_profile == "DE");
  CompareOptions o;
  o.start_hours = *ParseIsoUtc("2025-03-03T06:00Z");
  o.window_hours = 24 * 14;
  o.strategy = ShiftStrategy::kFlexibleStart;
  auto r = RunCompare(c, o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  REQUIRE(r->rows[0].saving_pct);
  CHECK(*r->rows[0].saving_pct > 0);
  CHECK(*r->rows[0].saving_kg > 0);
}

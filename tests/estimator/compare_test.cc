#include "estimator/compare.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "report/svg_chart.h"
#include "core/text.h"
#include "core/utc_time.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const DeviceDb& Devices() { return **DeviceDb::Builtin(); }
const RegionDb& Regions() { return **RegionDb::Builtin(); }

RunConfig Config(const std::string& extra_datacenter = "") {
  auto c = RunConfig::Parse("name: t\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 200B\nhardware:\n"
                            "  device: A100-SXM4-80GB\n  count: 64\ndatacenter:\n  region: US\n" + extra_datacenter,
                            "t.yaml", Devices(), Regions());
  REQUIRE(c.ok());
  return *c;
}

}  // namespace

TEST_CASE("compare ranks regions by CO2: cleaner grids first, same energy", "[compare]") {
  CompareOptions o;
  o.regions = {Regions().TryFind("FR"), Regions().TryFind("US"), Regions().TryFind("CA-QC")};
  auto r = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 3);
  for (size_t i = 1; i < r->rows.size(); ++i) {
    CHECK(r->rows[i - 1].co2_total <= r->rows[i].co2_total);
    CHECK(r->rows[i].rank == static_cast<int>(i + 1));
  }
  CHECK(r->rows.back().region == "US");
  CHECK(r->evaluated == 4);  // the baseline plus three options
}

TEST_CASE("same-peak scales the device count to the config's aggregate peak", "[compare]") {
  CompareOptions o;
  o.devices = {Devices().TryFind("H100-SXM5-80GB"), Devices().TryFind("V100-SXM2-32GB")};
  o.same_peak = true;
  o.sort = SortKey::kTime;
  auto r = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  const double a100 = 64 * 312.0;
  for (const auto& row : r->rows) {
    const Device* d = Devices().TryFind(row.device);
    CHECK(row.count == std::ceil(a100 / (d->TrainingPeak().value() / 1e12) - 1e-9));
  }
}

TEST_CASE("options that cannot hold the model are flagged, not dropped", "[compare]") {
  // 7B × 16 bytes = 112 GB: one 80 GB device is too small, two are enough.
  CompareOptions o;
  o.count = 1;
  auto one = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(one.ok());
  REQUIRE(one->rows.size() == 1);
  CHECK(!one->rows[0].feasible);
  CHECK(one->rows[0].memory_needed_gb == Approx(112));
  o.count = 2;
  CHECK(RunCompare(Config(), o, *EstimateInputs::Builtin())->rows[0].feasible);
}

TEST_CASE("time shifting saves CO2 on an hourly profile and reports it", "[compare]") {
  CompareOptions o;
  o.regions = {Regions().TryFind("US-CA")};
  o.start_hours = *ParseIsoUtc("2025-06-01T00:00Z");
  o.window_hours = 24 * 60;
  o.count = 2048;
  for (auto strategy : {ShiftStrategy::kFlexibleStart, ShiftStrategy::kPauseResume}) {
    o.strategy = strategy;
    auto r = RunCompare(Config(), o, *EstimateInputs::Builtin());
    REQUIRE(r.ok());
    REQUIRE(r->rows[0].saving_pct.has_value());
    CHECK(*r->rows[0].saving_pct >= 0);
    CHECK(*r->rows[0].saving_kg >= 0);
  }
  o.window_hours = 1;
  auto short_window = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(!short_window.ok());
  CHECK(short_window.error().field == "--window");
  o.window_hours = 100;
  o.regions = {Regions().TryFind("HK")};
  auto no_profile = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(!no_profile.ok());
  CHECK(no_profile.error().field == "--strategy");
}

TEST_CASE("the SVG chart is XML with one bar per row and a Pareto front", "[compare][svg]") {
  CompareOptions o;
  o.devices = {Devices().TryFind("A100-SXM4-80GB"), Devices().TryFind("H100-SXM5-80GB")};
  o.regions = {Regions().TryFind("FR"), Regions().TryFind("US")};
  auto r = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  std::string svg = CompareSvg("test <&> chart", r->rows);
  CHECK(svg.rfind("<?xml version=\"1.0\"", 0) == 0);
  CHECK(svg.find("version=\"1.1\"") != std::string::npos);
  CHECK(svg.find("test &lt;&amp;&gt; chart") != std::string::npos);
  size_t bars = 0;
  for (size_t p = svg.find("<g class=\"bar\">"); p != std::string::npos; p = svg.find("<g class=\"bar\">", p + 1)) ++bars;
  CHECK(bars == r->rows.size());
  CHECK(svg.find("class=\"pareto\"") != std::string::npos);
  CHECK(svg.find("http://") == svg.find("http://www.w3.org/2000/svg"));  // no external assets
}

TEST_CASE("the Pareto front keeps exactly the non-dominated options", "[compare][svg]") {
  std::vector<CompareRow> rows(4);
  rows[0].wall_hours = 10, rows[0].co2_total = 100;
  rows[1].wall_hours = 20, rows[1].co2_total = 50;
  rows[2].wall_hours = 30, rows[2].co2_total = 60;  // dominated by 1
  rows[3].wall_hours = 5, rows[3].co2_total = 200;
  auto f = ParetoFront(rows);
  std::sort(f.begin(), f.end());
  CHECK(f == std::vector<size_t>{0, 1, 3});
}

namespace {

// A minimal XML well-formedness check: balanced tags, quoted attributes, known entities.
bool WellFormedXml(const std::string& x, std::string* why) {
  std::vector<std::string> stack;
  size_t i = 0;
  auto fail = [&](const std::string& m) {
    *why = m + " at byte " + std::to_string(i);
    return false;
  };
  if (x.rfind("<?xml", 0) == 0) i = x.find("?>") + 2;
  while (i < x.size()) {
    if (x[i] == '&') {
      size_t semi = x.find(';', i);
      if (semi == std::string::npos) return fail("bare &");
      const std::string ent = x.substr(i, semi - i + 1);
      if (ent != "&amp;" && ent != "&lt;" && ent != "&gt;" && ent != "&quot;" && ent != "&apos;") return fail(ent);
      i = semi + 1;
    } else if (x[i] == '<') {
      size_t end = x.find('>', i);
      if (end == std::string::npos) return fail("unclosed tag");
      std::string tag = x.substr(i + 1, end - i - 1);
      if (tag.empty()) return fail("empty tag");
      bool closing = tag[0] == '/', self = tag.back() == '/';
      std::string name = tag.substr(closing ? 1 : 0, tag.find_first_of(" /\n", closing ? 1 : 0) - (closing ? 1 : 0));
      // Attributes: an even number of double quotes, no '<' inside.
      if (std::count(tag.begin(), tag.end(), '"') % 2 || tag.find('<') != std::string::npos) return fail("attribute");
      if (closing) {
        if (stack.empty() || stack.back() != name) return fail("mismatched </" + name + ">");
        stack.pop_back();
      } else if (!self) {
        stack.push_back(name);
      }
      i = end + 1;
    } else if (x[i] == '>') {
      return fail("stray >");
    } else {
      ++i;
    }
  }
  if (!stack.empty()) return fail("unclosed <" + stack.back() + ">");
  return true;
}

}  // namespace

TEST_CASE("the SVG chart is well-formed XML", "[compare][svg]") {
  CompareOptions o;
  o.devices = {Devices().TryFind("A100-SXM4-80GB"), Devices().TryFind("H100-SXM5-80GB"), Devices().TryFind("TPUv4")};
  o.regions = {Regions().TryFind("FR"), Regions().TryFind("US"), Regions().TryFind("aws:us-east-1")};
  auto r = RunCompare(Config(), o, *EstimateInputs::Builtin());
  REQUIRE(r.ok());
  std::string why;
  CHECK(WellFormedXml(CompareSvg("a <chart> & \"quotes\"", r->rows), &why));
  INFO(why);
  std::string broken = "<svg><g></svg>";
  CHECK(!WellFormedXml(broken, &why));
}

TEST_CASE("time shifting on a hand-made profile finds the known optimum and its saving", "[compare]") {
  // CISO replaced by a profile that is 100 g/kWh from 10 to 13 UTC and 500 g/kWh otherwise.
  std::string csv = "zone_eia_ba,month,hour_utc,ci_mean_gco2eq_per_kwh\n";
  for (int m = 1; m <= 12; ++m)
    for (int h = 0; h < 24; ++h) csv += "CISO," + std::to_string(m) + "," + std::to_string(h) + "," +
                                          (h >= 10 && h < 14 ? "100" : "500") + "\n";
  auto profiles = HourlyProfiles::Parse(csv, "hand-made.csv");
  REQUIRE(profiles.ok());
  EstimateInputs in = *EstimateInputs::Builtin();
  in.profiles = &*profiles;
  RunConfig c = Config();
  c.embodied.include = false;
  c.mfu = 0.5;
  // 7B × 200B tokens = 8.4e21 FLOP; find the device count that makes a job of at most 4 hours.
  c.count = std::ceil(8.4e21 / (312e12 * 0.5 * 0.99) / (3.0 * 3600));  // warm-up adds ~0.5 h
  CompareOptions o;
  o.regions = {Regions().TryFind("US-CA")};
  o.start_hours = *ParseIsoUtc("2025-06-01T00:00Z");
  o.window_hours = 24;
  o.strategy = ShiftStrategy::kFlexibleStart;
  auto r = RunCompare(c, o, in);
  REQUIRE(r.ok());
  const CompareRow& row = r->rows[0];
  REQUIRE(row.wall_hours <= 4);
  // Best start: 10:00 UTC; whole hours at 100 g/kWh instead of 500, in the profile's units; the region's
  // intensity is the shape × its annual value (annual mean of the profile: (4·100 + 20·500)/24).
  const double scale = Regions().TryFind("US-CA")->ci.value() / ((4 * 100.0 + 20 * 500.0) / 24);
  CHECK(FormatIsoUtc(*row.start_hours) == "2025-06-01T10:00Z");
  CHECK(row.co2_operational == Approx(row.energy_kwh * 0.100 * scale));
  CHECK(*row.saving_kg == Approx(row.energy_kwh * (0.500 - 0.100) * scale));
  CHECK(*row.saving_pct == Approx(80.0));  // no embodied: 400 of 500
  o.strategy = ShiftStrategy::kPauseResume;
  auto p = RunCompare(c, o, in);
  REQUIRE(p.ok());
  CHECK(*p->rows[0].saving_pct == Approx(80.0));
}

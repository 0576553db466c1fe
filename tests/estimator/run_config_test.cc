#include "estimator/run_config.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace foreprint;

namespace {

struct Dbs {
  DeviceDb devices;
  RegionDb regions;
};

const Dbs& Fixture() {
  static Dbs dbs{*DeviceDb::Parse(test::ReadFixture("devices_small.yaml"), "devices_small.yaml"),
                 *RegionDb::Parse(test::ReadFixture("regions_small.yaml"), "regions_small.yaml")};
  return dbs;
}

Result<RunConfig> Parse(const std::string& yaml) {
  return RunConfig::Parse(yaml, "run.yaml", Fixture().devices, Fixture().regions);
}

const char* kGood = R"(name: test
model:
  kind: transformer
  params: 7B
  tokens: 2T
hardware:
  device: A100-SXM4-40GB
  count: 64
datacenter:
  region: FR
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("a minimal config loads with its defaults", "[config]") {
  auto c = Parse(kGood);
  REQUIRE(c.ok());
  CHECK(c->name == "test");
  CHECK(c->device->id == "A100-SXM4-40GB");
  CHECK(c->count == 64);
  CHECK(c->region->id == "FR");
  CHECK(c->power == PowerMode::kModeled);
  CHECK(c->workload.flops.value() == Approx(8.4e22));
  CHECK(!c->pue);
  CHECK(c->embodied.include);
}

TEST_CASE("power, intensity, start and embodied options are read with units", "[config]") {
  std::string y = std::string(kGood) +
                  "  pue: 1.1\n  carbon_intensity: 0.385 kg/kWh\n  start: 2025-03-01T00:00Z\n"
                  "embodied:\n  include: false\n  lifetime_years: 6\n";
  y = Replace(y, "  count: 64\n", "  count: 64\n  power: 350 W\n  host_power_per_device: 0.1 kW\n  dtype: fp16\n");
  auto c = Parse(y);
  REQUIRE(c.ok());
  CHECK(c->power == PowerMode::kFixed);
  CHECK(c->fixed_power.value() == 350);
  CHECK(c->host_power_per_device->value() == Approx(100));
  CHECK(c->dtype == "fp16");
  CHECK(*c->pue == 1.1);
  CHECK(c->carbon_intensity->value() == Approx(385));
  CHECK(c->start_hours.has_value());
  CHECK(!c->embodied.include);
  CHECK(*c->embodied.lifetime_years == 6);
}

TEST_CASE("an unknown device names file, line, column, field and suggests", "[config][errors]") {
  auto c = Parse(Replace(kGood, "A100-SXM4-40GB", "H10"));
  REQUIRE(!c.ok());
  CHECK(c.error().Format() == "run.yaml:7:11: hardware.device: unknown device 'H10' — did you mean: H100-SXM5-80GB");
}

TEST_CASE("an unknown region is an error, never a default", "[config][errors]") {
  auto c = Parse(Replace(kGood, "region: FR", "region: Frnace"));
  REQUIRE(!c.ok());
  CHECK(c.error().Format() == "run.yaml:10:11: datacenter.region: unknown region 'Frnace' — did you mean: FR");
}

TEST_CASE("missing keys, bad numbers and typos are located", "[config][errors]") {
  auto missing = Parse(Replace(kGood, "  tokens: 2T\n", ""));
  REQUIRE(!missing.ok());
  CHECK(missing.error().Format().rfind("run.yaml:3:3: model.tokens: missing:", 0) == 0);

  auto zero = Parse(Replace(kGood, "count: 64", "count: 0"));
  CHECK(zero.error().Format() == "run.yaml:8:10: hardware.count: must be greater than zero, found '0'");

  auto negative = Parse(Replace(kGood, "params: 7B", "params: -7B"));
  CHECK(negative.error().field == "model.params");

  auto unit = Parse(Replace(kGood, "tokens: 2T", "tokens: 2Q"));
  CHECK(unit.error().Format() == "run.yaml:5:11: model.tokens: '2Q': unknown suffix 'Q' (use K, M, B, T, P or E, e.g. 7B, 2T, 1.2e24)");

  auto absurd = Parse(Replace(kGood, "params: 7B", "params: 7e18"));
  CHECK(absurd.error().message.find("implausibly large") != std::string::npos);

  auto typo = Parse(Replace(kGood, "  device:", "  devcie:"));
  CHECK(typo.error().Format() == "run.yaml:7:3: hardware.devcie: unknown key 'devcie' — did you mean 'device'?");

  auto fraction = Parse(Replace(kGood, "count: 64", "count: 6.5"));
  CHECK(fraction.error().message == "must be a whole number");

  auto power = Parse(Replace(kGood, "  count: 64\n", "  count: 64\n  power: lots\n"));
  CHECK(power.error().field == "hardware.power");

  auto ci = Parse(std::string(kGood) + "  carbon_intensity: 385\n");
  CHECK(ci.error().message.find("has no unit") != std::string::npos);

  auto pue = Parse(std::string(kGood) + "  pue: 0.9\n");
  CHECK(pue.error().field == "datacenter.pue");

  auto start = Parse(std::string(kGood) + "  start: yesterday\n");
  CHECK(start.error().field == "datacenter.start");

  auto dtype = Parse(Replace(kGood, "  count: 64\n", "  count: 64\n  dtype: fp8\n"));
  CHECK(dtype.error().message == "A100-SXM4-40GB has no published fp8 peak (it has: bf16, fp16, fp32, int8, tf32)");
}

TEST_CASE("malformed YAML is an error with position, not a crash", "[config][errors]") {
  auto c = Parse("name: [unclosed\nmodel: {\n");
  REQUIRE(!c.ok());
  CHECK(c.error().file == "run.yaml");
  CHECK(c.error().line > 0);
  CHECK(c.error().message.rfind("malformed YAML", 0) == 0);
  CHECK(!Parse("").ok());
  CHECK(!Parse("- a list\n- not a mapping\n").ok());
  CHECK(!Parse("model: 5\nhardware: {device: A100-SXM4-40GB, count: 1}\ndatacenter: {region: FR}\n").ok());
}

TEST_CASE("device-hours given: a workload without FLOPs is allowed", "[config]") {
  auto c = Parse(Replace(kGood, "  tokens: 2T\n", "").append("").replace(0, 0, ""));
  CHECK(!c.ok());
  std::string y = Replace(Replace(kGood, "  tokens: 2T\n", ""), "  count: 64\n", "  count: 64\n  device_hours: 1000\n");
  auto d = Parse(y);
  REQUIRE(d.ok());
  CHECK(*d->device_hours == 1000);
  CHECK(d->workload.flops.value() == 0);
}

TEST_CASE("setting and model.training are read; bad values are located", "[config]") {
  auto def = Parse(kGood);
  REQUIRE(def.ok());
  CHECK(def->setting == Setting::kProduction);
  CHECK(def->workload_spec.training == Training::kPreTraining);
  auto bench = Parse(Replace(kGood, "name: test\n", "name: test\nsetting: benchmark\n"));
  REQUIRE(bench.ok());
  CHECK(bench->setting == Setting::kBenchmark);
  auto lora = Parse(Replace(kGood, "  tokens: 2T\n", "  tokens: 2T\n  training: lora\n"));
  REQUIRE(lora.ok());
  CHECK(lora->workload.flops.value() == Approx(4 * 7e9 * 2e12));
  auto bad = Parse(Replace(kGood, "name: test\n", "name: test\nsetting: mlperf\n"));
  REQUIRE(!bad.ok());
  CHECK(bad.error().message == "unknown value 'mlperf' (one of: production, benchmark; default production)");
  CHECK(bad.error().line == 2);
  auto bad_tr = Parse(Replace(kGood, "  tokens: 2T\n", "  tokens: 2T\n  training: lorra\n"));
  REQUIRE(!bad_tr.ok());
  CHECK(bad_tr.error().message.find("did you mean 'lora'") != std::string::npos);
}

#include "estimator/model_params.h"
#include "estimator/params_yaml.h"

#include <catch2/catch.hpp>
#include <string>

using namespace foreprint;

namespace {

// A small, complete fitted.yaml: two covariance names, so a 2 × 2 matrix.
const char* kYaml = R"(status: "fitted"
generated: "2026-01-01"
dataset_sha256: "abc"
throughput:
  family_logit:
    "Ampere": -0.8
  default_logit: -0.85
  slope_log_params: 0.01
  slope_log_count: -0.02
  modality_offset:
    "vision": -0.1
  slope_year: 0.03
  warmup_hours: 0.5
  goodput_lambda: 0.006
  reference_year: 2024
power:
  p0: 0.35
  p1: 0.41
  p_max: 1.2
  host_w_per_device: 70
  family_offset:
    "Volta": -0.01
uncertainty:
  sigma_log_time: 0.58
  sigma_log_power: 0.34
covariance:
  names: ["default_logit", "p0"]
  matrix: |
    0.25 0.01
    0.01 0.04
sources:
  p0: "fit"
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("fitted.yaml: every section is read and ToYaml reads back the same", "[model_params]") {
  auto p = ModelParams::Parse(kYaml, "fitted.yaml");
  REQUIRE(p.ok());
  CHECK(p->status == "fitted");
  CHECK(p->throughput.family_logit.at("Ampere") == -0.8);
  CHECK(p->throughput.modality_offset.at("vision") == -0.1);
  CHECK(p->throughput.goodput_lambda == 0.006);
  CHECK(p->throughput.reference_year == 2024);
  CHECK(p->power.host_w_per_device == 70);
  CHECK(p->power.family_offset.at("Volta") == -0.01);
  CHECK(p->uncertainty.sigma_log_power == 0.34);
  REQUIRE(p->covariance.size() == 2);
  CHECK(p->covariance[0][1] == 0.01);
  CHECK(p->covariance[1][1] == 0.04);
  CHECK(p->CovIndex("p0") == 1);
  CHECK(p->CovIndex("p1") == -1);
  CHECK(p->sources.at("p0") == "fit");

  auto again = ModelParams::Parse(p->ToYaml(), "again.yaml");
  REQUIRE(again.ok());
  CHECK(again->ToYaml() == p->ToYaml());
  CHECK(again->covariance == p->covariance);
  CHECK(again->throughput.family_logit == p->throughput.family_logit);
}

TEST_CASE("fitted.yaml errors name the file, line and field", "[model_params]") {
  SECTION("a missing number") {
    auto p = ModelParams::Parse(Replace(kYaml, "  slope_year: 0.03\n", ""), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("f.yaml:") == 0);
    CHECK(p.error().Format().find("slope_year") != std::string::npos);
  }
  SECTION("a number out of its range") {
    auto p = ModelParams::Parse(Replace(kYaml, "p_max: 1.2", "p_max: 7"), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("p_max") != std::string::npos);
  }
  SECTION("a covariance row with too few values") {
    auto p = ModelParams::Parse(Replace(kYaml, "0.01 0.04", "0.01"), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("covariance.matrix") != std::string::npos);
    CHECK(p.error().Format().find("row 2 has 1 values, expected 2") != std::string::npos);
  }
  SECTION("a covariance matrix with too few rows") {
    auto p = ModelParams::Parse(Replace(kYaml, "    0.01 0.04\n", ""), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("expected 2 rows, found 1") != std::string::npos);
  }
  SECTION("a covariance cell that is not a number") {
    auto p = ModelParams::Parse(Replace(kYaml, "0.25 0.01", "0.25 x"), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("covariance.matrix") != std::string::npos);
  }
  SECTION("a family logit that is not a number") {
    auto p = ModelParams::Parse(Replace(kYaml, "\"Ampere\": -0.8", "\"Ampere\": high"), "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("throughput.family_logit.Ampere") != std::string::npos);
  }
  SECTION("an unknown top-level key") {
    auto p = ModelParams::Parse(std::string(kYaml) + "extra: 1\n", "f.yaml");
    REQUIRE(!p.ok());
    CHECK(p.error().Format().find("extra") != std::string::npos);
  }
}

TEST_CASE("the built-in fitted.yaml parses and is fitted", "[model_params]") {
  auto p = ModelParams::Builtin();
  REQUIRE(p.ok());
  CHECK((*p)->status == "fitted");
  CHECK((*p)->covariance.size() == (*p)->covariance_names.size());
  CHECK(!(*p)->throughput.family_logit.empty());
}

TEST_CASE("a covariance may be written as its lower triangle; point values skip it", "[model_params]") {
  const std::string full = Replace(kYaml, "0.01 0.04", "0.01 0.04");
  const std::string lower = Replace(Replace(kYaml, "0.25 0.01\n", "0.25\n"), "0.01 0.04", "0.01 0.04");
  auto a = ModelParams::Parse(full, "full.yaml");
  auto b = ModelParams::Parse(lower, "lower.yaml");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->covariance == b->covariance);
  CHECK(b->covariance[0][1] == 0.01);
  // The same file without its covariance block: every other value unchanged.
  const std::string cut = WithoutTopLevelKey(full, "covariance");
  CHECK(cut.find("covariance") == std::string::npos);
  auto c = ModelParams::Parse(cut, "cut.yaml");
  REQUIRE(c.ok());
  CHECK(c->covariance.empty());
  CHECK(c->ToYaml().find("p_max") != std::string::npos);
  CHECK(c->power.p1 == a->power.p1);
  CHECK(c->sources == a->sources);
  CHECK(WithoutTopLevelKey("a: 1\n", "covariance") == "a: 1\n");
  CHECK(WithoutTopLevelKey("a: 1\ncovariance:\n  x: 1\n", "covariance") == "a: 1\n");
  auto builtin = ModelParams::Builtin();
  auto point = ModelParams::BuiltinPointValues();
  REQUIRE(point.ok());
  CHECK((*point)->covariance.empty());
  CHECK((*point)->power.host_w_per_device == (*builtin)->power.host_w_per_device);
  CHECK((*point)->throughput.family_logit == (*builtin)->throughput.family_logit);
}

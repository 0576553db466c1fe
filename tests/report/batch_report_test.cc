#include "report/batch_report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "report/estimate_report.h"
#include "test_util.h"

using namespace foreprint;

namespace {

Estimate Make(const std::string& yaml) {
  auto c = RunConfig::Parse(yaml, "run.yaml", **DeviceDb::Builtin(), **RegionDb::Builtin());
  REQUIRE(c.ok());
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  return *e;
}

std::vector<Estimate> Runs() {
  return {Make("name: a\nmodel:\n  kind: transformer\n  params: 1B\n  tokens: 20B\nhardware:\n  device: A100-SXM4-80GB\n"
               "  count: 8\ndatacenter:\n  region: aws:us-east-1\n"),
          Make("name: b\nmodel:\n  kind: transformer\n  params: 3B\n  tokens: 60B\nhardware:\n  device: H100-SXM5-80GB\n"
               "  count: 16\ndatacenter:\n  region: FR\n")};
}

}  // namespace

TEST_CASE("batch text: a row per run and a total, notes named by run", "[report][batch]") {
  const auto runs = Runs();
  std::ostringstream out;
  RenderBatchText(runs, SumEstimates(runs), out);
  const std::string s = out.str();
  CHECK(s.rfind("run", 0) == 0);
  CHECK(s.find("8 × A100-SXM4-80GB") != std::string::npos);
  CHECK(s.find("total (2 runs)") != std::string::npos);
  CHECK(s.find("note (b): water on-site: no source for FR") != std::string::npos);
  CHECK(s.find("note (total): water total: not given") != std::string::npos);
  CHECK(s.find(kBatchIntervalMethod) != std::string::npos);
}

TEST_CASE("batch CSV: plain numbers, total last, empty where no source", "[report][batch]") {
  const auto runs = Runs();
  std::ostringstream out;
  RenderBatchCsv(runs, SumEstimates(runs), out);
  std::istringstream lines(out.str());
  std::string header, a, b, total, extra;
  std::getline(lines, header);
  std::getline(lines, a);
  std::getline(lines, b);
  std::getline(lines, total);
  CHECK(!std::getline(lines, extra));
  CHECK(header.rfind("name,device,count,region,device_hours,", 0) == 0);
  CHECK(a.rfind("a,A100-SXM4-80GB,8,aws:us-east-1,", 0) == 0);
  CHECK(total.rfind("total,,,,", 0) == 0);
  CHECK(a.back() != ',');  // aws:us-east-1: on-site and off-site water, so a water total
  CHECK(b.back() == ',');  // FR: no on-site source, so no water total
}

TEST_CASE("batch JSON: runs are the single-run objects; the total adds them", "[report][batch]") {
  const auto runs = Runs();
  const auto j = BatchJson(runs, SumEstimates(runs), false);
  REQUIRE(j["runs"].size() == 2);
  CHECK(j["runs"][0] == EstimateJson(runs[0], false));
  CHECK(j["total"]["runs"] == 2);
  CHECK(j["total"]["co2e_kg"]["total"].get<double>() ==
        Approx(runs[0].co2e_kg.total + runs[1].co2e_kg.total));
  CHECK(j["total"]["interval"]["p90"]["co2e_kg"].get<double>() == Approx(runs[0].p90.co2e_kg + runs[1].p90.co2e_kg));
  CHECK(j["total"]["co2e_kg"]["operational_market_based"].is_null());
  CHECK(j["total"]["water_l"]["total"].is_null());
  CHECK(j["total"]["water_l"]["offsite"].get<double>() ==
        Approx(*runs[0].water.offsite_l + *runs[1].water.offsite_l));
}

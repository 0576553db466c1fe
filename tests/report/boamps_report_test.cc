#include "report/boamps_report.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace foreprint;

namespace {

nlohmann::ordered_json Report(const std::string& yaml, const std::string& datetime = "2026-01-01 00:00:00") {
  auto c = RunConfig::Parse(yaml, "run.yaml", **DeviceDb::Builtin(), **RegionDb::Builtin());
  REQUIRE(c.ok());
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  return BoampsJson(BoampsForTraining(*c, *e, **RegionDb::Builtin(), {"9.9.9", datetime}));
}

const char* kRun = "name: r\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 2T\nhardware:\n"
                   "  device: A100-SXM4-80GB\n  count: 512\ndatacenter:\n  region: aws:us-east-1\n"
                   "  start: 2025-03-01T06:30Z\n";

}  // namespace

TEST_CASE("BoAmps: a draft training report measured by 'foreprint estimate'", "[report][boamps]") {
  auto j = Report(kRun);
  CHECK(j["header"]["reportStatus"] == "draft");
  CHECK(j["header"]["reportDatetime"] == "2026-01-01 00:00:00");
  CHECK(j["header"]["formatVersion"] == "0.1");
  const std::string id = j["header"]["reportId"];
  CHECK(id.size() == 36);
  CHECK(id[14] == '8');  // RFC 9562 version 8: derived from the content
  CHECK(Report(kRun, "2030-06-06 06:06:06")["header"]["reportId"] == id);  // the date does not change it
  CHECK(j["task"]["taskStage"] == "training");
  CHECK(j["task"]["algorithms"][0]["algorithmType"] == "llm");
  CHECK(j["task"]["algorithms"][0]["parametersNumber"] == 7);
  CHECK(j["task"]["algorithms"][0]["quantization"] == "bf16");
  CHECK(j["task"]["dataset"][0]["dataType"] == "token");
  CHECK(j["task"]["dataset"][0]["dataQuantity"] == 2e12);
  CHECK(j["task"]["taskDescription"].get<std::string>().rfind("A-priori estimate by foreprint (not a measurement)", 0) == 0);
  const auto& m = j["measures"][0];
  CHECK(m["measurementMethod"] == "foreprint estimate");
  CHECK(m["version"] == "9.9.9");
  CHECK(m["powerConsumption"].get<double>() > 1e4);
  CHECK(m["measurementDateTime"] == "2025-03-01 06:30:00");
  CHECK(j["infrastructure"]["infraType"] == "publicCloud");
  CHECK(j["infrastructure"]["cloudProvider"] == "aws");
  const auto& gpu = j["infrastructure"]["components"][0];
  CHECK(gpu["componentType"] == "gpu");
  CHECK(gpu["nbComponent"] == 512);
  CHECK(gpu["nbComponent"].is_number_integer());
  CHECK(gpu["memorySize"] == 80);
  CHECK(gpu["manufacturer"] == "NVIDIA");
  CHECK(j["environment"]["country"] == "United States");
  CHECK(j["environment"]["powerSourceCarbonIntensity"].get<double>() > 0);
  CHECK(j["quality"] == "low");  // an a-priori band is wider than ±50 %
}

TEST_CASE("BoAmps: powerConsumption is IT energy; fine-tuning and non-cloud regions", "[report][boamps]") {
  auto c = RunConfig::Parse("name: ft\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 1B\n  training: lora\n"
                            "hardware:\n  device: TPUv4\n  count: 8\ndatacenter:\n  region: CA-QC\n  pue: 1.5\n",
                            "run.yaml", **DeviceDb::Builtin(), **RegionDb::Builtin());
  REQUIRE(c.ok());
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  auto j = BoampsJson(BoampsForTraining(*c, *e, **RegionDb::Builtin(), {"1", "2026-01-01 00:00:00"}));
  CHECK(j["measures"][0]["powerConsumption"].get<double>() ==
        Approx(e->energy_kwh.accelerators + e->energy_kwh.host));
  CHECK(j["measures"][0]["powerConsumption"].get<double>() == Approx(e->energy_kwh.total / 1.5));
  CHECK(j["task"]["taskStage"] == "finetuning");
  CHECK(j["task"]["algorithms"][0]["optimizer"] == "lora");
  CHECK(j["infrastructure"]["infraType"] == "other");
  CHECK(!j["infrastructure"].contains("cloudProvider"));
  CHECK(j["infrastructure"]["components"][0]["componentType"] == "tpu");
  CHECK(j["environment"]["country"] == "Canada");
  CHECK(!j["measures"][0].contains("measurementDateTime"));
}

TEST_CASE("BoAmps quality follows the schema's ±10 / ±25 / ±50 % levels", "[report][boamps]") {
  CHECK(BoampsQuality(100, 92, 109) == "high");
  CHECK(BoampsQuality(100, 80, 120) == "medium");
  CHECK(BoampsQuality(100, 65, 154) == "low");
  CHECK(BoampsQuality(0, 0, 0) == "low");
}

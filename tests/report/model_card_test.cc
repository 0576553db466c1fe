#include "report/model_card.h"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "test_util.h"

using namespace foreprint;

namespace {

struct Run {
  RunConfig config;
  Estimate estimate;
};

Run Make(const std::string& yaml) {
  auto c = RunConfig::Parse(yaml, "run.yaml", **DeviceDb::Builtin(), **RegionDb::Builtin());
  REQUIRE(c.ok());
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  return {*c, *e};
}

// The YAML between the first two "---" lines.
YAML::Node FrontMatter(const std::string& card) {
  REQUIRE(card.rfind("---\n", 0) == 0);
  const size_t end = card.find("\n---\n", 4);
  REQUIRE(end != std::string::npos);
  return YAML::Load(card.substr(4, end - 4));
}

const char* kLlama = "name: llama\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 2T\nhardware:\n"
                     "  device: A100-SXM4-80GB\n  count: 512\ndatacenter:\n  region: aws:us-east-1\n";

}  // namespace

TEST_CASE("model card: the Hub's co2_eq_emissions block, emissions in grams", "[report][model-card]") {
  Run r = Make(kLlama);
  const std::string card = ModelCard(r.config, r.estimate, "9.9.9");
  YAML::Node co2 = FrontMatter(card)["co2_eq_emissions"];
  REQUIRE(co2.IsMap());
  const double grams = co2["emissions"].as<double>();
  CHECK(grams == Approx(r.estimate.co2e_kg.operational * 1000).epsilon(0.005));  // 3 significant digits
  CHECK(co2["source"].as<std::string>() == "foreprint 9.9.9 (a-priori estimate)");
  CHECK(co2["training_type"].as<std::string>() == "pre-training");
  CHECK(co2["geographical_location"].as<std::string>() ==
        "AWS US East (N. Virginia), Northern Virginia, USA (aws:us-east-1)");
  CHECK(co2["hardware_used"].as<std::string>() == "512 x A100-SXM4-80GB");
  for (const char* key : {"emissions", "source", "training_type", "geographical_location", "hardware_used"}) {
    CHECK(co2[key].IsDefined());
  }
  CHECK(co2.size() == 5);
}

TEST_CASE("model card: the template's Environmental Impact bullets, with the band", "[report][model-card]") {
  Run r = Make(kLlama);
  const std::string card = ModelCard(r.config, r.estimate, "9.9.9");
  CHECK(card.find("\n## Environmental Impact\n") != std::string::npos);
  CHECK(card.find("[Lacoste et al. (2019)](https://arxiv.org/abs/1910.09700)") != std::string::npos);
  for (const char* bullet : {"- **Hardware Type:** 512 × A100-SXM4-80GB\n", "- **Hours used:** ",
                             "- **Cloud Provider:** Amazon Web Services\n",
                             "- **Compute Region:** AWS US East (N. Virginia), Northern Virginia, USA (aws:us-east-1)\n",
                             "- **Carbon Emitted:** ", "- **Energy:** ", "- **Water:** "}) {
    INFO(bullet);
    CHECK(card.find(bullet) != std::string::npos);
  }
  CHECK(card.find("CO2eq operational, location-based") != std::string::npos);
  CHECK(card.find("P10–P90") != std::string::npos);
  CHECK(card.find("a-priori estimate, not a measurement") != std::string::npos);
}

TEST_CASE("model card: fine-tuning, no cloud, market-based and missing water said", "[report][model-card]") {
  Run r = Make("name: ft\nmodel:\n  kind: transformer\n  params: 7B\n  tokens: 1B\n  training: lora\nhardware:\n"
               "  device: H100-SXM5-80GB\n  count: 8\ndatacenter:\n  region: FR\n  market_factor: 20 g/kWh\n");
  const std::string card = ModelCard(r.config, r.estimate, "1.0");
  CHECK(FrontMatter(card)["co2_eq_emissions"]["training_type"].as<std::string>() == "fine-tuning");
  CHECK(card.find("- **Cloud Provider:** [More Information Needed]\n") != std::string::npos);
  CHECK(card.find("market-based (GHG Protocol Scope 2, 20.0 g/kWh)") != std::string::npos);
  CHECK(card.find("- **Water:** not estimated (on-site no source, off-site ") != std::string::npos);
}

// Golden tests of the reports people publish: batches, model cards, BoAmps, Scope 2, water,
// compare's window rows and chart (issue 16), run in-process.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/data_files.h"
#include "test_util.h"

using foreprint::test::Cli;
using foreprint::test::SourcePath;
using foreprint::test::TestData;
using Json = nlohmann::json;

namespace {

size_t Lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("estimate with several configs: a row per run and a total, in every format", "[cli][batch]") {
  const std::string a = SourcePath("examples/llama-2-7b.yaml"), b = SourcePath("examples/bloom-176b.yaml");
  auto table = Cli({"estimate", a, b});
  REQUIRE(table.code == 0);
  CHECK(table.out.rfind("run ", 0) == 0);
  CHECK(table.out.find("llama-2-7b ") != std::string::npos);
  CHECK(table.out.find("bloom-176b ") != std::string::npos);
  CHECK(table.out.find("total (2 runs)") != std::string::npos);

  auto csv = Cli({"estimate", a, b, "--csv"});
  REQUIRE(csv.code == 0);
  CHECK(Lines(csv.out) == 4);  // header, two runs, total
  auto md = Cli({"estimate", a, b, "--markdown"});
  REQUIRE(md.code == 0);
  CHECK(md.out.rfind("| run |", 0) == 0);

  auto json = Cli({"estimate", a, b, "--json"});
  REQUIRE(json.code == 0);
  Json j = Json::parse(json.out);
  REQUIRE(j["runs"].size() == 2);
  // Each run is the single-config object, byte for byte.
  CHECK(j["runs"][0] == Json::parse(Cli({"estimate", a, "--json"}).out));
  CHECK(j["runs"][1] == Json::parse(Cli({"estimate", b, "--json"}).out));
  CHECK(j["total"]["co2e_kg"]["total"].get<double>() ==
        Approx(j["runs"][0]["co2e_kg"]["total"].get<double>() + j["runs"][1]["co2e_kg"]["total"].get<double>()));
}

TEST_CASE("a single config keeps its object; a directory is its sorted *.yaml files", "[cli][batch]") {
  auto one = Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--json"});
  REQUIRE(one.code == 0);
  CHECK(!Json::parse(one.out).contains("runs"));
  auto dir = Cli({"estimate", SourcePath("examples"), "--json"});
  REQUIRE(dir.code == 0);
  Json j = Json::parse(dir.out);
  REQUIRE(j["runs"].size() == 8);
  CHECK(j["runs"][0]["name"] == "bert-base");       // bert-base.yaml sorts first
  CHECK(j["runs"][7]["name"] == "vit-l16");         // vit-l16-tpuv3.yaml last
  auto mixed = Cli({"estimate", TestData("batch"), SourcePath("examples/bert-base.yaml"), "--csv"});
  REQUIRE(mixed.code == 0);
  CHECK(Lines(mixed.out) == 5);
  CHECK(mixed.out.find("\nlora-7b-sweden,") != std::string::npos);
}

TEST_CASE("a batch with bad configs: every error on stderr, nothing on stdout, exit 2", "[cli][batch][errors]") {
  auto r = Cli({"estimate", TestData("batch_bad"), "no/such.yaml", TestData("include_check"), "--json"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("b-unknown-device.yaml:7:11: hardware.device: unknown device 'H10'") != std::string::npos);
  CHECK(r.err.find("c-unclosed.yaml:4:11: malformed YAML: '{' is never closed") != std::string::npos);
  CHECK(r.err.find("error: no/such.yaml: cannot open file") != std::string::npos);
  CHECK(r.err.find("include_check: no *.yaml files in this directory") != std::string::npos);
  size_t errors = 0;
  for (size_t p = r.err.find("error: "); p != std::string::npos; p = r.err.find("error: ", p + 1)) ++errors;
  CHECK(errors == 4);
  auto card = Cli({"estimate", TestData("batch"), "--model-card"});
  CHECK(card.code == 2);
  CHECK(card.err == "error: --model-card: --model-card describes one run: give one config file, not a batch\n");
}

TEST_CASE("estimate --model-card prints the Hub block in grams and the Environmental Impact section", "[cli][model-card]") {
  auto r = Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--model-card"});
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("---\nco2_eq_emissions:\n  emissions: ", 0) == 0);
  CHECK(r.out.find("  source: \"foreprint 0.1.0 (a-priori estimate)\"\n") != std::string::npos);
  CHECK(r.out.find("  training_type: \"pre-training\"\n") != std::string::npos);
  CHECK(r.out.find("  hardware_used: \"512 x A100-SXM4-80GB\"\n") != std::string::npos);
  CHECK(r.out.find("## Environmental Impact") != std::string::npos);
  auto json = Json::parse(Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--json"}).out);
  const std::string grams = r.out.substr(r.out.find("emissions: ") + 11, r.out.find('\n', 30) - r.out.find("emissions: ") - 11);
  CHECK(std::stod(grams) == Approx(json["co2e_kg"]["operational"].get<double>() * 1000).epsilon(0.005));
  CHECK(Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--model-card", "--json"}).code == 2);
}

TEST_CASE("estimate --boamps prints a report whose date SOURCE_DATE_EPOCH fixes", "[cli][boamps]") {
  setenv("SOURCE_DATE_EPOCH", "1767225600", 1);  // 2026-01-01T00:00:00Z
  auto r = Cli({"estimate", SourcePath("examples/stable-diffusion.yaml"), "--boamps"});
  auto again = Cli({"estimate", SourcePath("examples/stable-diffusion.yaml"), "--boamps"});
  unsetenv("SOURCE_DATE_EPOCH");
  REQUIRE(r.code == 0);
  CHECK(r.out == again.out);
  Json j = Json::parse(r.out);
  CHECK(j["header"]["reportDatetime"] == "2026-01-01 00:00:00");
  CHECK(j["measures"][0]["measurementMethod"] == "foreprint estimate");
  CHECK(j["task"]["taskStage"] == "training");
  CHECK(j["infrastructure"]["cloudProvider"] == "aws");
}

TEST_CASE("market_factor: labelled market-based line beside the location-based figure", "[cli][scope2]") {
  auto r = Cli({"estimate", TestData("batch/lora-market.yaml")});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("CO2e operational, market-based: ") != std::string::npos);
  CHECK(r.out.find("(10.0 g/kWh, datacenter.market_factor); location-based: ") != std::string::npos);
  auto j = Json::parse(Cli({"estimate", TestData("batch/lora-market.yaml"), "--json"}).out);
  CHECK(j["co2e_kg"]["operational_market_based"].get<double>() ==
        Approx(j["energy_kwh"]["total"].get<double>() * 0.010));
}

TEST_CASE("water_l in the JSON and the convention in --explain", "[cli][water]") {
  const std::string cfg = SourcePath("examples/llama-2-7b-finetune.yaml");  // aws:us-west-1
  auto j = Json::parse(Cli({"estimate", cfg, "--json"}).out);
  const auto& w = j["water_l"];
  CHECK(w["onsite"].get<double>() ==
        Approx((j["energy_kwh"]["accelerators"].get<double>() + j["energy_kwh"]["host"].get<double>()) * 0.51));
  CHECK(w["offsite"].get<double>() == Approx(j["energy_kwh"]["total"].get<double>() * 5.189));
  CHECK(w["total"].get<double>() == Approx(w["onsite"].get<double>() + w["offsite"].get<double>()));
  CHECK(w["sources"]["onsite"].get<std::string>().find("AWS") != std::string::npos);
  auto ex = Cli({"estimate", cfg, "--explain"});
  CHECK(ex.out.find("on-site water") != std::string::npos);
  CHECK(ex.out.find("Water: on-site = WUE × IT energy") != std::string::npos);
  CHECK(ex.out.find("CodeCarbon multiplies WUE by PUE-scaled energy") != std::string::npos);
  auto us = Json::parse(Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--json"}).out);
  CHECK(us["water_l"]["onsite"].is_null());
  CHECK(us["water_l"]["total"].is_null());
  CHECK(us["water_l"]["notes"][0].get<std::string>().rfind("water on-site: no source for US", 0) == 0);
}

TEST_CASE("compare: an option that cannot finish within the window is a marked row", "[cli][compare]") {
  const std::string cfg = SourcePath("examples/llama-2-7b-finetune.yaml");
  // 8 × V100 takes longer than the 24 h window; 8 × H100 fits.
  auto r = Cli({"compare", cfg, "--devices", "H100-SXM5-80GB,V100-SXM2-16GB", "--regions", "US-CA", "--window", "24",
                "--strategy", "flexible-start", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j["rows"].size() == 2);
  CHECK(j["rows"][0]["status"] == "ok");
  CHECK(j["rows"][1]["status"] == "exceeds window");
  CHECK(j["rows"][1]["device"] == "V100-SXM2-16GB");
  CHECK(j["rows"][1]["note"].get<std::string>().rfind("exceeds window: runs ", 0) == 0);
  CHECK(j["rows"][1]["saving_pct"].is_null());
  CHECK(j["rows"][0]["co2e_kg"]["p10"].get<double>() < j["rows"][0]["co2e_kg"]["total"].get<double>());
  auto text = Cli({"compare", cfg, "--devices", "H100-SXM5-80GB,V100-SXM2-16GB", "--regions", "US-CA", "--window",
                   "24", "--strategy", "flexible-start"});
  REQUIRE(text.code == 0);
  CHECK(text.out.find("exceeds window") != std::string::npos);
}

TEST_CASE("compare --svg: whiskers and unclipped labels", "[cli][compare][svg]") {
  const std::string svg = (std::filesystem::temp_directory_path() / "foreprint-test-whiskers.svg").string();
  auto r = Cli({"compare", SourcePath("examples/llama-2-7b.yaml"), "--devices", "H100-SXM5-80GB", "--count", "1024",
                "--regions", "azure:swedencentral,US", "--svg", svg});
  REQUIRE(r.code == 0);
  auto text = foreprint::ReadTextFile(svg);
  REQUIRE(text.ok());
  CHECK(text->find("class=\"whisker\"") != std::string::npos);
  CHECK(text->find("1024 × H100-SXM5-80GB @ azure:swedencentral") != std::string::npos);
  std::remove(svg.c_str());
}

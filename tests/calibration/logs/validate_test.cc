#include "temp_path.h"
#include "calibration/validate.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "calibration/logs/log_reader.h"
#include "test_util.h"

using namespace foreprint;

namespace {
Estimate MakeEstimate() {
  Estimate e;
  e.energy_kwh.accelerators = 100;
  e.energy_kwh.host = 20;
  e.energy_kwh.facility_overhead = 12;
  e.energy_kwh.total = 132;
  e.p10.energy_kwh = 66;   // ×0.5
  e.p90.energy_kwh = 264;  // ×2
  e.wall_hours = 10;
  return e;
}
}  // namespace

TEST_CASE("measurements are compared in their own scope", "[logs][validate]") {
  LogSummary gpu;
  gpu.scope = EnergyScope::kAcceleratorMeasured;
  gpu.energy_total_kwh = 80;
  Validation v = CompareWithEstimate(gpu, MakeEstimate());
  CHECK(v.predicted_kwh == 100);
  CHECK(v.ratio == Approx(0.8));
  CHECK(v.p10_kwh == Approx(50));
  CHECK(v.inside);
  LogSummary it;
  it.scope = EnergyScope::kItMeasured;
  it.energy_total_kwh = 300;
  v = CompareWithEstimate(it, MakeEstimate());
  CHECK(v.predicted_kwh == 120);
  CHECK(v.p90_kwh == Approx(240));
  CHECK(!v.inside);
  LogSummary ct;
  ct.scope = EnergyScope::kFacilityMeasured;
  ct.pue = 1.58;
  ct.energy_total_kwh = 120 * 1.58;
  v = CompareWithEstimate(ct, MakeEstimate());
  CHECK(v.predicted_kwh == Approx(120 * 1.58));
  CHECK(v.ratio == Approx(1.0));
}

TEST_CASE("validate CLI: summary, JSON with prediction, exit codes", "[logs][validate][cli]") {
  auto r = test::Cli({"validate", "--log", test::TestData("logs/codecarbon/08-IlayMalinyak-LightSpec.csv"), "--json"});
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 1);
  for (const char* k : {"file", "format", "rows", "skipped_rows", "duration_s", "energy_kwh", "co2e_kg", "warnings"}) {
    CHECK(j[0].contains(k));
  }
  CHECK(j[0]["energy_kwh"].get<double>() == Approx(0.2694248936613681));
  auto with = test::Cli({"validate", "--log", test::TestData("logs/nvidia-smi/01-PranavDani-Flame.csv"), "--config",
                         test::SourcePath("examples/llama-2-7b-finetune.yaml"), "--json"});
  REQUIRE(with.code == 0);
  auto w = nlohmann::json::parse(with.out);
  CHECK(w[0]["prediction"]["scope"] == "accelerators");
  CHECK(w[0]["ratio"].is_number());
  CHECK(w[0]["inside_p10_p90"].is_boolean());
  REQUIRE(w[0]["prediction"]["notes"].size() == 1);
  CHECK(w[0]["prediction"]["notes"][0] == "the log saw 1 GPU(s), the config runs 8: the two describe different jobs");
  auto text = test::Cli({"validate", "--log", test::TestData("logs/nvidia-smi/01-PranavDani-Flame.csv"), "--config",
                         test::SourcePath("examples/llama-2-7b-finetune.yaml")});
  REQUIRE(text.code == 0);
  CHECK(text.out.find("in P10-P90") != std::string::npos);
  CHECK(text.out.find("note: ") != std::string::npos);
  auto none = test::Cli({"validate", "--log", test::TestData("logs/carbontracker/01-StrombergNLP-Low-Carbon-NLP.log")});
  CHECK(none.code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("NoComponentsAvailableError") != std::string::npos);
  auto some = test::Cli({"validate", "--log", test::TestData("logs")});
  CHECK(some.code == 0);
  CHECK(some.err.find("warning:") != std::string::npos);
  CHECK(test::Cli({"validate", "--log", "no/such/file.csv"}).code == 2);
  CHECK(test::Cli({"validate", "--log", test::TestData("logs/codecarbon/08-IlayMalinyak-LightSpec.csv"), "--format",
                   "nvidia-smi"}).code == 2);
}

TEST_CASE("validate --emit-run output is accepted by calibrate --runs", "[logs][validate][cli]") {
  auto r = test::Cli({"validate", "--log", test::TestData("logs/codecarbon/08-IlayMalinyak-LightSpec.csv"), "--config",
                      test::SourcePath("examples/llama-2-7b-finetune.yaml"), "--emit-run"});
  REQUIRE(r.code == 0);
  auto runs = ParseRuns(r.out, "emitted.csv");
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  const RunRecord& run = runs->front();
  CHECK(run.device == "A100-SXM4-80GB");
  CHECK(*run.count == 8);
  CHECK(*run.energy_kwh == Approx(0.2694248936613681));
  CHECK(run.energy_scope == EnergyScope::kItMeasured);
  CHECK(*run.device_hours == Approx(3073.618342992384 / 3600 * 8));
  CHECK(*run.flops == Approx(4.2e19));
  const auto path = (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + "emitted.csv")).string();
  std::ofstream(path) << r.out;
  auto cal = test::Cli({"calibrate", "--runs", path});
  std::remove(path.c_str());
  CHECK(cal.code == 0);
  CHECK(cal.out.find("runs with measured energy") != std::string::npos);
}

TEST_CASE("the device a log names is found in the database", "[logs][validate]") {
  auto devices = DeviceDb::Builtin();
  REQUIRE(devices.ok());
  LogSummary s;
  for (const char* name : {"1 x NVIDIA A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB", "2 x NVIDIA A100-SXM4-40GB, 1 x X"}) {
    INFO(name);
    s.device_model = name;
    const Device* d = DeviceFromLog(s, **devices);
    REQUIRE(d);
    CHECK(d->id == "A100-SXM4-40GB");
  }
  s.device_model = "Tesla V100-PCIE-32GB";
  REQUIRE(DeviceFromLog(s, **devices));
  s.device_model = "GeForce GTX 9999 Ultra";
  CHECK(!DeviceFromLog(s, **devices));
  s.device_model = "";
  CHECK(!DeviceFromLog(s, **devices));
}

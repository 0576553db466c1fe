// Golden tests of the command line, run in-process (cli/app.h).
#include "temp_path.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "estimator/model_params.h"
#include "test_util.h"

using foreprint::test::Cli;
using foreprint::test::SourcePath;
using foreprint::test::TestData;
using Json = nlohmann::json;

TEST_CASE("hardware list --json: 45+ devices with TDP, peaks and sources", "[cli]") {
  auto r = Cli({"hardware", "list", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j.is_array());
  CHECK(j.size() >= 45);
  for (const auto& d : j) {
    CHECK(d["tdp_w"].is_number());
    CHECK(d["source"].is_string());
    CHECK(d["peak_tflops"].is_object());
  }
}

TEST_CASE("hardware show takes aliases and prints one JSON object", "[cli]") {
  auto r = Cli({"hardware", "show", "NVIDIA A100 SXM4 80 GB", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  CHECK(j["id"] == "A100-SXM4-80GB");
  CHECK(j["peak_tflops"]["bf16"] == 312);
  CHECK(j["tdp_w"] == 400);
  auto text = Cli({"hardware", "show", "h100-sxm5-80gb"});
  CHECK(text.code == 0);
  CHECK(text.out.rfind("H100-SXM5-80GB — NVIDIA", 0) == 0);
}

TEST_CASE("unknown ids exit 2 with suggestions and print nothing on stdout", "[cli][errors]") {
  auto r = Cli({"hardware", "show", "H10"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("error: unknown device 'H10' — did you mean: H100-SXM5-80GB, H100-SXM5-96GB, H100-PCIe-80GB", 0) == 0);
  auto g = Cli({"regions", "show", "aws:us-east-7"});
  CHECK(g.code == 2);
  CHECK(g.out.empty());
  CHECK(g.err.find("did you mean: aws:us-east-1") != std::string::npos);
}

TEST_CASE("regions list filters by provider and search text", "[cli]") {
  auto all = Cli({"regions", "list", "--json"});
  REQUIRE(all.code == 0);
  Json j = Json::parse(all.out);
  CHECK(j.size() >= 250);
  int cloud = 0;
  for (const auto& g : j) cloud += g["kind"] == "cloud";
  CHECK(cloud >= 60);
  auto aws = Json::parse(Cli({"regions", "list", "--provider", "aws", "--json"}).out);
  CHECK(aws.size() >= 15);
  for (const auto& g : aws) CHECK(g["provider"] == "aws");
  auto fr = Json::parse(Cli({"regions", "list", "--search", "france", "--json"}).out);
  REQUIRE(!fr.empty());
  CHECK(fr[0]["id"] == "FR");
  auto show = Json::parse(Cli({"regions", "show", "FRA", "--json"}).out);
  CHECK(show["id"] == "FR");
  CHECK(show["default_pue"]["value"].is_number());
  CHECK(Cli({"regions", "list", "--provider", "ibm"}).code == 2);
}

TEST_CASE("every example satisfies the estimate JSON contract", "[cli][contract]") {
  for (const char* ex : {"llama-2-7b", "mixtral-moe", "bloom-176b", "vit-l16-tpuv3", "resnet50-imagenet",
                         "stable-diffusion", "llama-2-7b-finetune", "bert-base"}) {
    INFO(ex);
    auto r = Cli({"estimate", SourcePath(std::string("examples/") + ex + ".yaml"), "--json"});
    REQUIRE(r.code == 0);
    Json j = Json::parse(r.out);
    for (const char* k : {"name", "throughput_model", "workload", "device", "region", "device_hours", "wall_hours",
                          "energy_kwh", "co2e_kg", "interval"}) {
      CHECK(j.contains(k));
    }
    CHECK(j["workload"]["kind"].is_string());
    CHECK(j["workload"]["flops"].is_number());
    CHECK(j["device"]["id"].is_string());
    CHECK(j["device"]["count"].is_number());
    CHECK(j["region"]["ci_g_per_kwh"].is_number());
    CHECK(j["region"]["pue"].is_number());
    const auto& e = j["energy_kwh"];
    CHECK(e["total"].get<double>() == Approx(e["accelerators"].get<double>() + e["host"].get<double>() +
                                             e["facility_overhead"].get<double>()));
    const auto& c = j["co2e_kg"];
    CHECK(c["total"].get<double>() == Approx(c["operational"].get<double>() + c["embodied"].get<double>()));
    for (const char* q : {"device_hours", "energy_kwh", "co2e_kg"}) {
      CHECK(j["interval"]["p10"][q].get<double>() <= j["interval"]["p90"][q].get<double>());
    }
    CHECK(j["interval"]["p10"]["co2e_kg"].get<double>() <= c["total"].get<double>());
    CHECK(c["total"].get<double>() <= j["interval"]["p90"]["co2e_kg"].get<double>());
  }
}

TEST_CASE("estimate output formats", "[cli]") {
  const std::string cfg = SourcePath("examples/llama-2-7b.yaml");
  auto table = Cli({"estimate", cfg});
  REQUIRE(table.code == 0);
  CHECK(table.out.find("device-hours") != std::string::npos);
  CHECK(table.out.find("CO2e total") != std::string::npos);
  auto csv = Cli({"estimate", cfg, "--csv"});
  REQUIRE(csv.code == 0);
  CHECK(csv.out.rfind("name,throughput_model,workload_kind,flops,", 0) == 0);
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 2);
  auto md = Cli({"estimate", cfg, "--markdown"});
  CHECK(md.out.rfind("### llama-2-7b", 0) == 0);
  auto ex = Cli({"estimate", cfg, "--explain"});
  for (const char* step : {"training compute", "device-hours", "device power", "PUE", "grid carbon intensity",
                           "total emissions"}) {
    CHECK(ex.out.find(step) != std::string::npos);
  }
  auto exj = Json::parse(Cli({"estimate", cfg, "--json", "--explain"}).out);
  CHECK(exj["explain"].size() >= 10);
  CHECK(Cli({"estimate", cfg, "--json", "--csv"}).code == 2);
}

TEST_CASE("estimate errors: missing file, bad config, exit code 2, nothing on stdout", "[cli][errors]") {
  auto missing = Cli({"estimate", "no/such/file.yaml"});
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == "error: no/such/file.yaml: cannot open file (does it exist and is it readable?)\n");
  auto bad = Cli({"estimate", foreprint::test::TestData("bad_device.yaml")});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("bad_device.yaml:8:11: hardware.device: unknown device 'H10' — did you mean: H100-SXM5-80GB") !=
        std::string::npos);
  CHECK(Cli({"estimate"}).code == 2);
  CHECK(Cli({"frobnicate"}).code == 2);
}

TEST_CASE("help and version exit 0 and show examples", "[cli]") {
  auto h = Cli({"--help"});
  CHECK(h.code == 0);
  CHECK(h.out.find("Examples:") != std::string::npos);
  auto eh = Cli({"estimate", "--help"});
  CHECK(eh.code == 0);
  CHECK(eh.out.find("foreprint estimate examples/llama-2-7b.yaml") != std::string::npos);
  CHECK(Cli({"--version"}).out.find("foreprint") != std::string::npos);
}

TEST_CASE("compare: JSON rows sorted by CO2, baseline, SVG written, bad lists rejected", "[cli][compare]") {
  const std::string cfg = SourcePath("examples/llama-2-7b.yaml");
  auto r = Cli({"compare", cfg, "--devices", "A100-SXM4-80GB,H100-SXM5-80GB", "--regions", "FR,US,SE", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j["rows"].size() == 6);
  CHECK(j["baseline"]["device"] == "A100-SXM4-80GB");
  double prev = 0;
  for (const auto& row : j["rows"]) {
    for (const char* k : {"rank", "device", "count", "region", "start", "wall_hours", "device_hours", "energy_kwh",
                          "co2e_kg", "feasible", "saving_pct"}) {
      CHECK(row.contains(k));
    }
    CHECK(row["co2e_kg"]["total"].get<double>() >= prev);
    prev = row["co2e_kg"]["total"].get<double>();
  }
  const std::string svg = (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + "compare.svg")).string();
  std::remove(svg.c_str());
  auto s = Cli({"compare", cfg, "--devices", "A100-SXM4-80GB,H100-SXM5-80GB", "--regions", "FR,US", "--svg", svg});
  REQUIRE(s.code == 0);
  auto text = foreprint::ReadTextFile(svg);
  REQUIRE(text.ok());
  CHECK(text->find("<svg") != std::string::npos);
  std::remove(svg.c_str());

  auto bad = Cli({"compare", cfg, "--devices", "A100-SXM4-80GB,H10"});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("--devices: unknown device 'H10' — did you mean: H100-SXM5-80GB") != std::string::npos);
  auto empty = Cli({"compare", cfg, "--regions", ","});
  CHECK(empty.code == 2);
  CHECK(empty.err.find("--regions: the list is empty") != std::string::npos);
  auto no_profile = Cli({"compare", cfg, "--regions", "HK", "--start", "2025-01-01", "--window", "2000", "--strategy",
                         "flexible-start"});
  CHECK(no_profile.code == 2);
  CHECK(no_profile.err.find("hourly profile") != std::string::npos);
  auto short_window = Cli({"compare", cfg, "--regions", "US-CA", "--start", "2025-01-01", "--window", "10",
                           "--strategy", "pause-resume"});
  CHECK(short_window.code == 2);
  CHECK(short_window.err.find("longer than the --window of 10 h") != std::string::npos);
  // A failed run leaves no chart behind.
  auto failed_svg = Cli({"compare", cfg, "--regions", "US-CA", "--start", "2025-01-01", "--window", "10", "--strategy",
                         "pause-resume", "--svg", svg});
  CHECK(failed_svg.code == 2);
  CHECK(!foreprint::ReadTextFile(svg).ok());
}

TEST_CASE("calibrate --cv prints the leave-one-out table and --out writes a loadable fit", "[cli][calibrate]") {
  auto r = Cli({"calibrate", "--cv"});
  REQUIRE(r.code == 0);
  for (const char* s : {"family_logit.Ampere", "Leave-one-out", "OpenCarbonEval, released α", "static 30 % MFU",
                        "TDP × hours", "P10–P90 coverage", "mean |error|"}) {
    CHECK(r.out.find(s) != std::string::npos);
  }
  const std::string out = (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + "fitted.yaml")).string();
  auto w = Cli({"calibrate", "--out", out});
  REQUIRE(w.code == 0);
  auto text = foreprint::ReadTextFile(out);
  REQUIRE(text.ok());
  auto params = foreprint::ModelParams::Parse(*text, out);
  REQUIRE(params.ok());
  CHECK(params->status == "fitted");
  CHECK(params->uncertainty.sigma_log_time > 0);
  CHECK(params->dataset_sha256.size() == 64);
  std::remove(out.c_str());
  CHECK(Cli({"calibrate", "--runs", "no/such.csv"}).code == 2);
}

TEST_CASE("calibrate --prior changes the fit it names and rejects bad names and widths", "[cli][calibrate][errors]") {
  // Published runs only: with MLPerf's 846 rows the data, not the prior, determine the slope.
  auto base = Cli({"calibrate", "--json", "--without-mlperf"});
  auto loose = Cli({"calibrate", "--json", "--without-mlperf", "--prior", "slope_log_params=1000", "--prior",
                    "slope_log_count=1000"});
  REQUIRE(base.code == 0);
  REQUIRE(loose.code == 0);
  auto se = [](const std::string& out) {
    return nlohmann::json::parse(out)["std_error"]["slope_log_params"]["std_error"].get<double>();
  };
  CHECK(se(loose.out) > 1.5 * se(base.out));  // a wider prior leaves the slope less determined
  CHECK(nlohmann::json::parse(loose.out)["fitted_yaml"].get<std::string>().find("--prior slope_log_params=1000") !=
        std::string::npos);

  auto typo = Cli({"calibrate", "--prior", "slope=0.1"});
  CHECK(typo.code == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err.find("unknown prior 'slope' — did you mean: slope_log_count") != std::string::npos);
  for (const char* bad : {"slope_year=-1", "slope_year=0", "slope_year=abc", "slope_year=nan", "slope_year=", "slope_year"}) {
    INFO(bad);
    auto r = Cli({"calibrate", "--prior", bad});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("--prior") != std::string::npos);
  }
}

TEST_CASE("estimate, compare and validate --fitted FILE use a refitted parameter file", "[cli][calibrate]") {
  namespace fs = std::filesystem;
  const std::string same = (fs::temp_directory_path() / (foreprint::test::TempPrefix() + "same.yaml")).string();
  const std::string other = (fs::temp_directory_path() / (foreprint::test::TempPrefix() + "other.yaml")).string();
  REQUIRE(Cli({"calibrate", "--out", same}).code == 0);
  // A refit with a loose size prior: a different fit (the slope moves), as a user's own runs would give.
  REQUIRE(Cli({"calibrate", "--prior", "slope_log_params=1", "--out", other}).code == 0);
  const std::string config = SourcePath("examples/llama-2-7b.yaml");
  auto device_hours = [](const foreprint::test::CliRun& r) { return nlohmann::json::parse(r.out)["device_hours"].get<double>(); };

  auto builtin = Cli({"estimate", config, "--json"});
  auto with_same = Cli({"estimate", config, "--json", "--fitted", same});
  auto with_other = Cli({"estimate", config, "--json", "--fitted", other});
  REQUIRE(builtin.code == 0);
  REQUIRE(with_same.code == 0);
  REQUIRE(with_other.code == 0);
  CHECK(device_hours(with_same) == Approx(device_hours(builtin)).epsilon(1e-9));  // same data, same fit
  CHECK(std::fabs(device_hours(with_other) / device_hours(builtin) - 1) > 1e-3);
  auto explain = Cli({"estimate", config, "--explain", "--fitted", other});
  CHECK(explain.out.find(other + " (fitted)") != std::string::npos);  // the trail names the file used

  auto cmp = Cli({"compare", config, "--json", "--fitted", other});
  REQUIRE(cmp.code == 0);
  CHECK(nlohmann::json::parse(cmp.out)["baseline"]["device_hours"].get<double>() ==
        Approx(device_hours(with_other)).epsilon(1e-9));
  auto val = Cli({"validate", "--log", TestData("logs/codecarbon/02-huggingface-peft.csv"), "--config", config, "--fitted", other});
  CHECK(val.code == 0);

  auto missing = Cli({"estimate", config, "--fitted", "no/such/fitted.yaml"});
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err.find("no/such/fitted.yaml") != std::string::npos);
  auto damaged = Cli({"estimate", config, "--fitted", config});  // a run config is not a parameter file
  CHECK(damaged.code == 2);
  CHECK(damaged.out.empty());
  CHECK(damaged.err.find(config + ":") != std::string::npos);
  std::remove(same.c_str());
  std::remove(other.c_str());
}

TEST_CASE("regions list --json says which regions have an hourly profile", "[cli][hourly]") {
  auto all = Json::parse(Cli({"regions", "list", "--json"}).out);
  int hourly = 0;
  for (const auto& g : all) {
    REQUIRE(g["hourly"].is_boolean());
    CHECK(g["hourly"].get<bool>() == !g["hourly_profile"].is_null());
    hourly += g["hourly"].get<bool>();
  }
  CHECK(hourly >= 60);
  auto de = Json::parse(Cli({"regions", "show", "aws:eu-central-1", "--json"}).out);
  CHECK(de["hourly"] == true);
  CHECK(de["hourly_profile"] == "DE");
  auto hk = Json::parse(Cli({"regions", "show", "HK", "--json"}).out);
  CHECK(hk["hourly"] == false);
  auto text = Cli({"regions", "show", "aws:eu-central-1"});
  CHECK(text.out.find("Electricity Maps 2024 zone DE") != std::string::npos);
}

TEST_CASE("hardware instances lists rentable types and their prices", "[cli][cloud]") {
  auto r = Cli({"hardware", "instances", "--provider", "gcp", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  CHECK(j.size() == 28);
  for (const auto& in : j) CHECK(in["provider"] == "gcp");
  auto here = Cli({"hardware", "instances", "--region", "aws:us-east-1", "--device", "H100"});
  REQUIRE(here.code == 0);
  CHECK(here.out.find("p5.48xlarge") != std::string::npos);
  CHECK(here.out.find("98.32 (aws:us-east-1)") != std::string::npos);
}

TEST_CASE("compare: cost column, --sort cost, --provider ranks only rentable options", "[cli][compare][cloud]") {
  const std::string cfg = SourcePath("examples/llama-2-7b.yaml");
  auto r = Cli({"compare", cfg, "--all-devices", "--provider", "azure", "--count", "64", "--sort", "cost", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(!j["rows"].empty());
  CHECK(j["left_out"].get<int>() > 0);
  double prev = 0;
  for (const auto& row : j["rows"]) {
    CHECK(row["device"] != "TPUv5p");
    CHECK(row["device"] != "Gaudi3");
    CHECK(row["availability"] == "offered");
    REQUIRE(row["cost_usd"].is_number());
    CHECK(row["cost_usd"].get<double>() >= prev);
    prev = row["cost_usd"].get<double>();
  }
  auto text = Cli({"compare", cfg, "--devices", "H100-SXM5-80GB,TPUv5p", "--regions", "aws:us-east-1,FR"});
  REQUIRE(text.code == 0);
  CHECK(text.out.find("not offered: no aws instance with TPUv5p in aws:us-east-1") != std::string::npos);
  CHECK(text.out.find("× p5.48xlarge") != std::string::npos);
}

namespace {

// Writes `text` to a temporary config and returns its path.
std::string TempConfig(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + name + ".yaml")).string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("serving: estimate --json satisfies the serving contract; training + serving adds the life cycle", "[cli][serving][contract]") {
  auto r = Cli({"estimate", SourcePath("examples/llama-3.1-70b-serving.yaml"), "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  CHECK(j["name"] == "llama-3.1-70b-chat");
  CHECK(!j.contains("device_hours"));  // no training run
  const auto& s = j["serving"];
  for (const char* k : {"accelerator_j_per_output_token", "output_tokens_per_s_per_replica", "busy_fraction", "devices",
                        "device_hours", "energy_kwh", "energy_per_request_wh", "energy_per_1k_output_tokens_wh",
                        "co2e_kg", "co2e_per_request_g", "interval"}) {
    INFO(k);
    CHECK(s.contains(k));
  }
  CHECK(s["devices"] == 8);
  const auto& e = s["energy_kwh"];
  CHECK(e["total"].get<double>() == Approx(e["accelerators"].get<double>() + e["host"].get<double>() +
                                           e["facility_overhead"].get<double>()));
  const auto& c = s["co2e_kg"];
  CHECK(c["total"].get<double>() == Approx(c["operational"].get<double>() + c["embodied"].get<double>()));
  CHECK(s["interval"]["p10"]["co2e_kg"].get<double>() < c["total"].get<double>());
  CHECK(c["total"].get<double>() < s["interval"]["p90"]["co2e_kg"].get<double>());
  CHECK(s["busy_fraction"].get<double>() <= 1);

  auto both = Cli({"estimate", SourcePath("examples/llama-3.1-8b-lifecycle.yaml"), "--json"});
  REQUIRE(both.code == 0);
  Json b = Json::parse(both.out);
  CHECK(b.contains("device_hours"));  // the training contract is unchanged
  CHECK(b.contains("serving"));
  const auto& l = b["lifecycle"];
  for (const char* k : {"training_co2e_kg", "serving_co2e_kg", "total_co2e_kg", "serving_overtakes_training_day"}) {
    INFO(k);
    CHECK(l.contains(k));
  }
  CHECK(l["total_co2e_kg"].get<double>() ==
        Approx(b["co2e_kg"]["total"].get<double>() + b["serving"]["co2e_kg"]["total"].get<double>()));
  // A training-only config prints no serving keys.
  Json t = Json::parse(Cli({"estimate", SourcePath("examples/llama-2-7b.yaml"), "--json"}).out);
  CHECK(!t.contains("serving"));
  CHECK(!t.contains("lifecycle"));
}

TEST_CASE("serving: text, CSV, Markdown and --explain", "[cli][serving]") {
  const std::string cfg = SourcePath("examples/llama-3.1-70b-serving.yaml");
  auto text = Cli({"estimate", cfg});
  REQUIRE(text.code == 0);
  for (const char* s : {"energy per request", "accelerators, idle", "host (CPU, DRAM, NIC)", "J per output token at the cap",
                        "EcoLogits"}) {
    INFO(s);
    CHECK(text.out.find(s) != std::string::npos);
  }
  auto csv = Cli({"estimate", cfg, "--csv"});
  REQUIRE(csv.code == 0);
  CHECK(csv.out.rfind("name,region,ci_g_per_kwh,pue,device,", 0) == 0);
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 2);
  auto both = Cli({"estimate", SourcePath("examples/llama-3.1-8b-lifecycle.yaml"), "--csv"});
  REQUIRE(both.code == 0);
  CHECK(both.out.rfind("name,throughput_model,", 0) == 0);
  CHECK(both.out.find("serving_accelerator_j_per_output_token") != std::string::npos);
  CHECK(both.out.find("lifecycle_total_co2e_kg") != std::string::npos);
  auto md = Cli({"estimate", cfg, "--markdown"});
  CHECK(md.out.rfind("### llama-3.1-70b-chat (serving)", 0) == 0);
  auto ex = Cli({"estimate", cfg, "--explain"});
  for (const char* step : {"decode J per output token at the cap", "prefill J per input token", "batch the load sustains",
                           "busy share", "idle power", "host power", "grid carbon intensity", "EcoLogits"}) {
    INFO(step);
    CHECK(ex.out.find(step) != std::string::npos);
  }
  auto life = Cli({"estimate", SourcePath("examples/llama-3.1-8b-lifecycle.yaml")});
  CHECK(life.out.find("life cycle: training") != std::string::npos);
}

TEST_CASE("serving: bad input exits 2 naming the field at file:line:column, nothing on stdout", "[cli][serving][errors]") {
  struct Case {
    const char* name;
    const char* serving;
    const char* expect;
  };
  const Case cases[] = {
      {"no-load", "  device: H100-SXM5-80GB\n  requests_per_day: 0\n  days: 30\n",
       ":5:21: serving.requests_per_day: must be greater than zero, found '0'"},
      {"no-load-key", "  device: H100-SXM5-80GB\n  days: 30\n",
       ":4:3: serving.requests_per_day: no load: give requests_per_day or requests_per_second (> 0)"},
      {"zero-days", "  device: H100-SXM5-80GB\n  requests_per_day: 1000\n  days: 0\n",
       ":6:9: serving.days: must be greater than zero, found '0'"},
      {"batch-zero", "  device: H100-SXM5-80GB\n  max_batch: 0\n  requests_per_day: 1000\n  days: 30\n",
       ":5:14: serving.max_batch: must be greater than zero, found '0'"},
      {"small-replica", "  device: H100-SXM5-80GB\n  devices_per_replica: 1\n  requests_per_day: 1000\n  days: 30\n",
       ":5:24: serving.devices_per_replica: a replica of 1 × H100-SXM5-80GB (80 GB) cannot hold the weights (70B params × "
       "2 bytes = 140 GB): it needs at least 2 devices, 4 with room for the KV cache"},
      {"both-loads", "  device: H100-SXM5-80GB\n  requests_per_day: 1000\n  requests_per_second: 1\n  days: 30\n",
       ":6:24: serving.requests_per_second: give requests_per_day or requests_per_second, not both"},
      {"batching", "  device: H100-SXM5-80GB\n  batching: continous\n  requests_per_day: 1000\n  days: 30\n",
       ":5:13: serving.batching: unknown value 'continous' — did you mean 'continuous'?"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string path =
        TempConfig(c.name, std::string("name: bad\nmodel: {params: 70B}\nserving:\n") + c.serving + "datacenter: {region: FR}\n");
    auto r = Cli({"estimate", path});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("error: " + path + c.expect) == 0);
    std::remove(path.c_str());
  }
  const std::string no_params = TempConfig("no-params", "model: {active_params: 7B}\nserving:\n  device: H100\n"
                                                        "  requests_per_day: 10\n  days: 1\ndatacenter: {region: FR}\n");
  auto r = Cli({"estimate", no_params});
  CHECK(r.code == 2);
  CHECK(r.err.find(":1:8: model.params: missing: model.params") != std::string::npos);
  std::remove(no_params.c_str());
}

TEST_CASE("calibrate --serving: the leave-one-model-out table, --out loads with --serving-fitted", "[cli][serving][calibrate]") {
  auto r = Cli({"calibrate", "--serving", "--cv"});
  REQUIRE(r.code == 0);
  for (const char* s : {"Leave-one-model-out", "J/token: foreprint", "EcoLogits B=64", "mlenergy-v3 H100-SXM5-80GB",
                        "prefill scale"}) {
    INFO(s);
    CHECK(r.out.find(s) != std::string::npos);
  }
  const std::string out = (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + "serving-fitted.yaml")).string();
  REQUIRE(Cli({"calibrate", "--serving", "--out", out}).code == 0);
  const std::string cfg = SourcePath("examples/llama-3.1-70b-serving.yaml");
  auto builtin = Json::parse(Cli({"estimate", cfg, "--json"}).out);
  auto with_file = Cli({"estimate", cfg, "--json", "--serving-fitted", out});
  REQUIRE(with_file.code == 0);
  CHECK(Json::parse(with_file.out)["serving"]["energy_kwh"]["total"].get<double>() ==
        Approx(builtin["serving"]["energy_kwh"]["total"].get<double>()).epsilon(1e-9));
  std::remove(out.c_str());
  auto bad = Cli({"calibrate", "--serving", "--prior", "slope_year=1"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--serving: --runs, --prior and --without-mlperf apply to the training fit") != std::string::npos);
  auto help = Cli({"calibrate", "--help"});
  CHECK(help.out.find("--serving") != std::string::npos);
}

TEST_CASE("compare works on a serving deployment: devices × regions", "[cli][serving][compare]") {
  const std::string cfg = SourcePath("examples/llama-3.1-70b-serving.yaml");
  auto r = Cli({"compare", cfg, "--devices", "H100-SXM5-80GB,A100-SXM4-80GB,H200-SXM-141GB", "--regions",
                "aws:us-east-1,FR,SE", "--json"});
  REQUIRE(r.code == 0);
  Json j = Json::parse(r.out);
  REQUIRE(j["rows"].size() == 9);
  CHECK(j["baseline"]["device"] == "H100-SXM5-80GB");
  CHECK(j["baseline"]["count"] == 8);
  double prev = 0;
  for (const auto& row : j["rows"]) {
    CHECK(row["co2e_kg"]["total"].get<double>() >= prev);
    prev = row["co2e_kg"]["total"].get<double>();
    CHECK(row["wall_hours"] == 365 * 24);
    CHECK(row["feasible"] == true);
  }
  auto shift = Cli({"compare", cfg, "--start", "2025-01-01", "--window", "1000", "--strategy", "flexible-start"});
  CHECK(shift.code == 2);
  CHECK(shift.err.find("--strategy: time shifting applies to training runs") != std::string::npos);
  auto training_only = Cli({"compare", SourcePath("examples/llama-2-7b.yaml"), "--serving"});
  CHECK(training_only.code == 2);
  CHECK(training_only.err.find("this config has no serving: section") != std::string::npos);
  auto life = Cli({"compare", SourcePath("examples/llama-3.1-8b-lifecycle.yaml"), "--serving", "--regions", "FR,US", "--json"});
  REQUIRE(life.code == 0);
  CHECK(Json::parse(life.out)["rows"].size() == 2);
}

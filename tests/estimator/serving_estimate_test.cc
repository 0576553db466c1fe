// The serving model and estimate: BLOOM's API as a validation, the shape of the curves, the load
// model, the defaults, the bookkeeping and the life cycle.
#include "estimator/serving_estimate.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "estimator/model_params.h"
#include "estimator/serving_model.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const DeviceDb& Devices() { return **DeviceDb::Builtin(); }
const RegionDb& Regions() { return **RegionDb::Builtin(); }

RunConfig Parse(const std::string& yaml) {
  auto c = RunConfig::Parse(yaml, "serve.yaml", Devices(), Regions());
  INFO((c.ok() ? std::string() : c.error().Format()));
  REQUIRE(c.ok());
  return *c;
}

Result<ServingEstimate> Serve(const RunConfig& c) {
  auto in = EstimateInputs::Builtin();
  REQUIRE(in.ok());
  return RunServingEstimate(c, {}, *in);
}

ServingEstimate ServeOk(const std::string& yaml) {
  auto e = Serve(Parse(yaml));
  INFO((e.ok() ? std::string() : e.error().Format()));
  REQUIRE(e.ok());
  return *e;
}

std::string Deployment(const std::string& model, const std::string& serving, const std::string& datacenter = "") {
  return "name: s\nmodel: " + model + "\nserving:\n" + serving + "datacenter:\n  region: FR\n" + datacenter;
}

// The measured BLOOM API deployment (examples/bloom-api-serving.yaml; shared/reference/mlenergy/README.md).
constexpr double kBloomMeasuredItKwh = 864.25;

RunConfig Bloom() {
  auto c = RunConfig::Load(test::SourcePath("examples/bloom-api-serving.yaml"), Devices(), Regions());
  REQUIRE(c.ok());
  return *c;
}

ReplicaModel Replica(const std::string& device, double n, double active, double total, const std::string& precision = "bf16") {
  auto in = EstimateInputs::Builtin();
  REQUIRE(in.ok());
  auto sp = in->Serving();
  REQUIRE(sp.ok());
  auto m = ReplicaModel::Make(**sp, *in->params, Devices(), **Devices().Find(device), n, active, total, precision);
  REQUIRE(m.ok());
  return *m;
}

}  // namespace

TEST_CASE("BLOOM's API: IT energy within ±20 % of the measured 864 kWh, idle ≥ 70 % of it", "[serving][validation]") {
  RunConfig c = Bloom();
  auto e = Serve(c);
  REQUIRE(e.ok());
  const double it = e->energy_kwh.accelerators + e->energy_kwh.host;
  INFO("predicted IT energy " << it << " kWh (accelerators " << e->energy_kwh.accelerators << ", host "
                              << e->energy_kwh.host << ")");
  CHECK(e->pue == 1.0);
  CHECK(e->energy_kwh.total == Approx(it));
  CHECK(std::fabs(it / kBloomMeasuredItKwh - 1) <= 0.20);
  CHECK(e->busy_fraction < 0.5);   // the replica idles most of the time
  CHECK(e->effective_batch == 1);  // served without batching

  // (Almost) no load: one request a day. The provisioned, idle hardware draws most of the energy.
  c.serving->requests_per_second = 1.0 / 86400;
  auto idle = Serve(c);
  REQUIRE(idle.ok());
  const double idle_it = idle->energy_kwh.accelerators + idle->energy_kwh.host;
  INFO("no-load IT energy " << idle_it << " kWh");
  CHECK(idle_it >= 0.70 * kBloomMeasuredItKwh);
  CHECK(idle_it < it);
}

TEST_CASE("J per output token falls as the batch cap rises and rises with active parameters", "[serving][property]") {
  for (const char* device : {"H100-SXM5-80GB", "A100-SXM4-40GB", "A100-SXM4-80GB", "B200", "MI300X"}) {
    INFO(device);
    for (double params : {8e9, 70e9, 405e9}) {
      INFO(params);
      ReplicaModel m = Replica(device, 8, params, params);
      double prev_j = 1e300, prev_t = 0;
      for (double b : {1.0, 2.0, 8.0, 32.0, 128.0, 512.0, 2048.0, 3072.0, 8192.0}) {
        const DecodeRate r = m.Decode(b);
        CHECK(r.j_per_token <= prev_j);
        CHECK(r.tokens_per_s >= prev_t);
        prev_j = r.j_per_token;
        prev_t = r.tokens_per_s;
      }
    }
    for (double b : {1.0, 64.0, 1024.0}) {
      double prev = 0;
      for (double params : {1e9, 3e9, 8e9, 30e9, 70e9, 200e9, 405e9}) {
        const double j = Replica(device, 8, params, params).RequestJoules(b, 100, 400);
        CHECK(j > prev);
        prev = j;
      }
    }
  }
  // Per request, and through the whole estimate: a larger cap never costs more at the cap.
  double prev = 1e300;
  for (int cap : {8, 32, 128, 512, 2048}) {
    const auto e = ServeOk(Deployment("{params: 70B}", "  device: H100-SXM5-80GB\n  max_batch: " + std::to_string(cap) +
                                                           "\n  requests_per_day: 1M\n  days: 30\n"));
    CHECK(e.accelerator_j_per_output_token < prev);
    prev = e.accelerator_j_per_output_token;
  }
}

TEST_CASE("the load sets the batch: one sequence and idle time at low load, up to the cap at capacity", "[serving]") {
  const std::string base = "  device: H100-SXM5-80GB\n  devices_per_replica: 1\n  replicas: 1\n  max_batch: 256\n"
                           "  input_tokens: 200\n  output_tokens: 400\n  days: 10\n";
  const auto low = ServeOk(Deployment("{params: 8B}", base + "  requests_per_day: 100\n"));
  CHECK(low.effective_batch == 1);
  CHECK(low.busy_fraction < 0.05);
  CHECK(low.energy_kwh.accelerators_idle > low.energy_kwh.accelerators_busy);
  const auto mid = ServeOk(Deployment("{params: 8B}", base + "  requests_per_day: 200000\n"));
  CHECK(mid.effective_batch > 1);
  CHECK(mid.effective_batch < 256);
  CHECK(mid.busy_fraction == 1);
  CHECK(mid.energy_kwh.accelerators_idle == 0);
  CHECK(mid.accelerator_j_per_output_token_at_load > mid.accelerator_j_per_output_token);
  // At the capacity the default replica count provides, the batch is close to the cap.
  const double capacity_per_day = 86400 * mid.output_tokens_per_s_per_replica / 400;
  const auto full = ServeOk(Deployment(
      "{params: 8B}", base + "  requests_per_day: " + std::to_string(0.999 * capacity_per_day) + "\n"));
  CHECK(full.effective_batch > 200);
  // A load above capacity needs more replicas: an error naming serving.replicas and how many.
  auto over = Serve(Parse(Deployment("{params: 8B}", base + "  requests_per_day: " +
                                                         std::to_string(2.5 * capacity_per_day) + "\n")));
  REQUIRE(!over.ok());
  CHECK(over.error().field == "serving.replicas");
  CHECK(over.error().line == 6);
  CHECK(over.error().column == 13);
  CHECK(over.error().message.find("it needs at least 3 replicas") != std::string::npos);
}

TEST_CASE("defaults: devices per replica from memory, replicas from the load, tokens and cap stated", "[serving]") {
  // 1.2 × weights, rounded up to a power of two (EcoLogits' rule): 70B bf16 = 140 GB → 168 GB → 4 × 80 GB.
  const Device& h100 = **Devices().Find("H100-SXM5-80GB");
  const Device& a100 = **Devices().Find("A100-SXM4-40GB");
  CHECK(DefaultDevicesPerReplica(70e9 * 2, h100) == 4);
  CHECK(DefaultDevicesPerReplica(8e9 * 2, h100) == 1);
  CHECK(DefaultDevicesPerReplica(70e9 * 1, h100) == 2);
  CHECK(DefaultDevicesPerReplica(176e9 * 2, a100) == 16);
  CHECK(MinDevicesForWeights(70e9 * 2, h100) == 2);
  const auto e = ServeOk(Deployment("{params: 70B}", "  device: H100-SXM5-80GB\n  requests_per_day: 1M\n  days: 30\n"));
  CHECK(e.devices_per_replica == 4);
  CHECK(e.max_batch == 256);
  CHECK(e.replicas >= 1);
  CHECK(e.busy_fraction <= 1);
  CHECK(e.input_tokens == 116);
  CHECK(e.output_tokens == 588);
  CHECK(e.weight_precision == "bf16");
  CHECK(e.active_params == 70e9);
  // Enough replicas: the load is within their capacity at the cap.
  CHECK(e.requests_per_s / e.replicas <= e.output_tokens_per_s_per_replica / e.output_tokens * (1 + 1e-9));
  int defaults_noted = 0;
  for (const auto& n : e.notes) {
    defaults_noted += n.rfind("devices_per_replica not given", 0) == 0 || n.rfind("replicas not given", 0) == 0 ||
                      n.rfind("max_batch not given", 0) == 0 || n.rfind("tokens per request not given", 0) == 0 ||
                      n.rfind("weight_precision not given", 0) == 0;
  }
  CHECK(defaults_noted == 5);
}

TEST_CASE("serving bookkeeping: parts add up, per-request figures, interval brackets the estimate", "[serving]") {
  const auto e = ServeOk(Deployment("{params: 70B, active_params: 70B, weight_precision: fp8}",
                                    "  device: H100-SXM5-80GB\n  devices_per_replica: 2\n  replicas: 3\n"
                                    "  max_batch: 128\n  input_tokens: 1000\n  output_tokens: 350\n"
                                    "  requests_per_day: 100000\n  days: 365\n",
                                    "  pue: 1.2\n"));
  CHECK(e.devices == 6);
  CHECK(e.device_hours == Approx(6 * 365 * 24));
  CHECK(e.energy_kwh.accelerators == Approx(e.energy_kwh.accelerators_busy + e.energy_kwh.accelerators_idle));
  CHECK(e.energy_kwh.facility_overhead == Approx(0.2 * (e.energy_kwh.accelerators + e.energy_kwh.host)));
  CHECK(e.energy_kwh.total == Approx(e.energy_kwh.accelerators + e.energy_kwh.host + e.energy_kwh.facility_overhead));
  CHECK(e.co2e_kg.total == Approx(e.co2e_kg.operational + e.co2e_kg.embodied));
  CHECK(e.co2e_kg.operational == Approx(e.energy_kwh.total * e.ci_g_per_kwh / 1000));
  const double requests = 100000 * 365.0;
  CHECK(e.energy_per_request_wh == Approx(e.energy_kwh.total * 1000 / requests));
  CHECK(e.energy_per_1k_output_tokens_wh == Approx(e.energy_kwh.total * 1000 / (requests * 0.35)));
  CHECK(e.co2e_per_request_g == Approx(e.co2e_kg.total * 1000 / requests));
  const double host_w = (*ModelParams::Builtin())->power.host_w_per_device;  // fitted.yaml host share
  CHECK(e.energy_kwh.host == Approx(6 * host_w * 365 * 24 / 1000).epsilon(1e-6));
  CHECK(e.p10.energy_kwh < e.energy_kwh.total);
  CHECK(e.energy_kwh.total < e.p90.energy_kwh);
  CHECK(e.p10.co2e_kg < e.co2e_kg.total);
  CHECK(e.co2e_kg.total < e.p90.co2e_kg);
  CHECK(e.p10.accelerator_j_per_output_token < e.accelerator_j_per_output_token);
  // The same inputs through EcoLogits: 4 GPUs for 70B (1.2 × 140 GB / 80 GB → 3 → 4), B = 64.
  CHECK(e.ecologits.gpus == 4);
  CHECK(e.ecologits.batch == 64);
  CHECK(e.ecologits.energy_wh > 0);
}

TEST_CASE("EcoLogits' published formula, re-implemented", "[serving][ecologits]") {
  // f_E = α·e^(β·B)·P + γ Wh per output token per GPU; request = PUE·(server + GPUs·O·f_E).
  const auto r = EcoLogits(70e9, 70e9, 350, 1.2);
  const double f_e = 1.1665273e-6 * std::exp(-1.1205921e-2 * 64) * 70 + 4.0529281e-5;
  const double latency = 6.78e-4 * 70 + 3.12e-4 * 64 + 1.94e-2;
  const double server_wh = 350 * latency * 1200 * 4 / 8 / 64 / 3600;
  CHECK(r.gpus == 4);
  CHECK(r.gpu_wh_per_output_token == Approx(f_e));
  CHECK(r.accelerator_j_per_output_token == Approx(4 * f_e * 3600));
  CHECK(r.output_tokens_per_s == Approx(64 / latency));
  CHECK(r.energy_wh == Approx(1.2 * (server_wh + 4 * 350 * f_e)));
  // A row's own batch and GPU count.
  const auto row = EcoLogits(8e9, 8e9, 100, 1.0, 256, 1);
  CHECK(row.gpus == 1);
  CHECK(row.gpu_wh_per_output_token == Approx(1.1665273e-6 * std::exp(-1.1205921e-2 * 256) * 8 + 4.0529281e-5));
  CHECK(EcoLogits(405e9, 405e9, 1, 1).gpus == 16);  // 1.2 × 810 GB / 80 → 13 → 16
}

TEST_CASE("devices without measured serving runs are scaled and say so", "[serving]") {
  const auto e = ServeOk(Deployment("{params: 70B}", "  device: B200\n  requests_per_day: 1M\n  days: 30\n"));
  CHECK(e.measured_device_id == "H100-SXM5-80GB");
  bool noted = false;
  for (const auto& n : e.notes) noted = noted || n.find("an extrapolation") != std::string::npos;
  CHECK(noted);
  // Same family as a measured device: scaled from it (A100-SXM4-80GB from A100-SXM4-40GB) by bandwidth.
  ReplicaModel a80 = Replica("A100-SXM4-80GB", 4, 70e9, 70e9);
  ReplicaModel a40 = Replica("A100-SXM4-40GB", 4, 70e9, 70e9);
  CHECK(a80.measured().id == "A100-SXM4-40GB");
  CHECK(a80.ratio_basis() == "memory bandwidth");
  CHECK(a80.Decode(64).tokens_per_s == Approx(a40.Decode(64).tokens_per_s * 2039.0 / 1555.0).epsilon(0.01));
  CHECK(!a40.extrapolated());
}

TEST_CASE("life cycle: training + serving, and the day serving passes training", "[serving][lifecycle]") {
  Estimate training;
  training.co2e_kg.total = 1000;
  ServingEstimate serving;
  serving.days = 365;
  serving.co2e_kg.total = 730;  // 2 kg a day
  Lifecycle l = CombineLifecycle(training, serving);
  CHECK(l.total_co2e_kg == 1730);
  REQUIRE(!l.serving_overtakes_training_day);  // day 501, after the deployment
  CHECK(l.overtake_day_unbounded == 501);
  serving.co2e_kg.total = 3650;  // 10 kg a day: passes 1000 kg on day 101
  l = CombineLifecycle(training, serving);
  REQUIRE(l.serving_overtakes_training_day);
  CHECK(*l.serving_overtakes_training_day == 101);

  // From a config with both: the lifecycle example.
  auto c = RunConfig::Load(test::SourcePath("examples/llama-3.1-8b-lifecycle.yaml"), Devices(), Regions());
  REQUIRE(c.ok());
  CHECK(c->has_training);
  REQUIRE(c->serving);
  auto in = EstimateInputs::Builtin();
  auto t = RunEstimate(*c, {}, *in);
  auto s = RunServingEstimate(*c, {}, *in);
  REQUIRE(t.ok());
  REQUIRE(s.ok());
  CHECK(CombineLifecycle(*t, *s).total_co2e_kg == Approx(t->co2e_kg.total + s->co2e_kg.total));
}

TEST_CASE("serving_fitted.yaml round-trips and the serving-only config needs no hardware", "[serving]") {
  auto p = ServingParams::Builtin();
  REQUIRE(p.ok());
  CHECK((*p)->status == "fitted");
  auto again = ServingParams::Parse((*p)->ToYaml(), "again.yaml");
  REQUIRE(again.ok());
  CHECK(again->ToYaml() == (*p)->ToYaml());
  CHECK(again->j == (*p)->j);
  CHECK(again->covariance == (*p)->covariance);
  const RunConfig c = Parse(Deployment("{params: 7B}", "  device: H100\n  requests_per_second: 2\n  days: 1\n"));
  CHECK(!c.has_training);
  CHECK(c.device == nullptr);
  auto in = EstimateInputs::Builtin();
  auto training = RunEstimate(c, {}, *in);
  REQUIRE(!training.ok());
  CHECK(training.error().message.find("no training run") != std::string::npos);
}

TEST_CASE("serving uses the hourly profile over the deployment when datacenter.start is given", "[serving]") {
  const std::string serving = "  device: H100-SXM5-80GB\n  requests_per_day: 1M\n  days: 30\n";
  const auto annual = ServeOk("name: s\nmodel: {params: 8B}\nserving:\n" + serving + "datacenter:\n  region: US-CA\n");
  const auto hourly = ServeOk("name: s\nmodel: {params: 8B}\nserving:\n" + serving +
                              "datacenter:\n  region: US-CA\n  start: 2025-06-01T00:00Z\n");
  CHECK(annual.ci_g_per_kwh != hourly.ci_g_per_kwh);
  bool eia = false;
  for (const auto& s : hourly.explain) eia = eia || s.source.find("EIA-930") != std::string::npos;
  CHECK(eia);
  CHECK(hourly.energy_kwh.total == Approx(annual.energy_kwh.total));
}

#include "estimator/estimate.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "hardware_db/region_intensity.h"
#include "report/estimate_report.h"
#include "core/utc_time.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const DeviceDb& Devices() { return **DeviceDb::Builtin(); }
const RegionDb& Regions() { return **RegionDb::Builtin(); }

// Hand-computable parameters: no warm-up, no goodput loss, power share 0.5 + 0.5·u, 100 W host.
ModelParams SimpleParams() {
  ModelParams p;
  p.status = "test";
  p.throughput.default_logit = 0;  // u = 0.5
  p.throughput.warmup_hours = 0;
  p.throughput.goodput_lambda = 0;
  p.throughput.reference_year = 2022;
  p.power.p0 = 0.5;
  p.power.p1 = 0.5;
  p.power.p_max = 1.2;
  p.power.host_w_per_device = 100;
  p.uncertainty.sigma_log_time = 0.5;
  p.uncertainty.sigma_log_power = 0.2;
  return p;
}

Result<Estimate> Run(const std::string& yaml, const ModelParams* params = nullptr,
                     ThroughputModelKind kind = ThroughputModelKind::kCalibrated) {
  auto c = RunConfig::Parse(yaml, "run.yaml", Devices(), Regions());
  REQUIRE(c.ok());
  auto in = EstimateInputs::Builtin();
  REQUIRE(in.ok());
  if (params) in->params = params;
  EstimateOptions o;
  o.throughput_model = kind;
  return RunEstimate(*c, o, *in);
}

std::string Config(const std::string& hardware_extra, const std::string& datacenter_extra,
                   const std::string& model = "  kind: transformer\n  params: 7B\n  tokens: 2T\n") {
  return "name: t\nmodel:\n" + model + "hardware:\n  device: A100-SXM4-40GB\n  count: 64\n" + hardware_extra +
         "datacenter:\n  region: FR\n" + datacenter_extra;
}

}  // namespace

TEST_CASE("given device-hours at TDP: energy and CO2 by hand", "[estimate]") {
  // 1000 device-hours × 400 W = 400 kWh; × PUE 1.5 = 600 kWh; × 100 g/kWh = 60 kg.
  auto e = Run(Config("  device_hours: 1000\n  power: tdp\n", "  pue: 1.5\n  carbon_intensity: 100 g/kWh\n") +
               "embodied:\n  include: false\n");
  REQUIRE(e.ok());
  CHECK(e->throughput_model == "given");
  CHECK(e->device_hours == 1000);
  CHECK(e->wall_hours == Approx(1000.0 / 64));
  CHECK(e->energy_kwh.accelerators == Approx(400));
  CHECK(e->energy_kwh.host == 0);
  CHECK(e->energy_kwh.facility_overhead == Approx(200));
  CHECK(e->energy_kwh.total == Approx(600));
  CHECK(e->co2e_kg.operational == Approx(60));
  CHECK(e->co2e_kg.embodied == 0);
  CHECK(e->co2e_kg.total == Approx(60));
  // TDP × hours is itself an estimate of the energy: the band is the power model's (sigma_log_power).
  CHECK(e->p10.co2e_kg < 60);
  CHECK(e->p90.co2e_kg > 60);
}

TEST_CASE("calibrated model with hand-set parameters", "[estimate]") {
  ModelParams p = SimpleParams();
  // u = σ(0) = 0.5 → device-hours = 8.4e22 / (312e12 × 0.5) / 3600 = 149,572.65 h.
  auto e = Run(Config("", "  pue: 1.2\n  carbon_intensity: 50 g/kWh\n") + "embodied:\n  include: false\n", &p);
  REQUIRE(e.ok());
  const double dh = 8.4e22 / (312e12 * 0.5) / 3600;
  CHECK(e->device_hours == Approx(dh));
  CHECK(e->wall_hours == Approx(dh / 64));
  // Device power: idle + (TDP − idle) × (0.5 + 0.5 × 0.5) with the database's A100 idle.
  const Device* a100 = Devices().TryFind("A100-SXM4-40GB");
  const double watts = a100->idle.value() + (400 - a100->idle.value()) * 0.75;
  CHECK(e->device_power_w == Approx(watts));
  CHECK(e->energy_kwh.accelerators == Approx(watts * dh / 1000));
  CHECK(e->energy_kwh.host == Approx(100 * dh / 1000));
  CHECK(e->energy_kwh.total == Approx((watts + 100) * dh / 1000 * 1.2));
  CHECK(e->co2e_kg.operational == Approx(e->energy_kwh.total * 0.05));
  // Interval: ln-normal with σ_time 0.5 (no covariance) → P90/P50 = e^{1.2816·0.5}.
  CHECK(e->p90.device_hours / e->device_hours == Approx(std::exp(1.2815515655 * 0.5)));
  CHECK(e->p10.device_hours < e->device_hours);
}

TEST_CASE("embodied carbon is amortised over the lifetime", "[estimate]") {
  // 64 devices, 1000 h of wall time: (64 × 20 + 64/8 × 828.07) kg × 1000 / (5 × 8766).
  auto e = Run(Config("  device_hours: 64000\n  power: tdp\n", "  pue: 1.0\n") +
               "embodied:\n  device_kgco2e: 20\n");
  REQUIRE(e.ok());
  const double share = 1000.0 / (5 * 8766.0);
  CHECK(e->co2e_kg.embodied_devices == Approx(64 * 20 * share));
  CHECK(e->co2e_kg.embodied_hosts == Approx(8 * 828.07 * share));
  CHECK(e->co2e_kg.total == Approx(e->co2e_kg.operational + e->co2e_kg.embodied));
}

TEST_CASE("BLOOM-176B reproduces Luccioni et al. 2023", "[estimate][reproduction]") {
  auto c = RunConfig::Load(test::SourcePath("examples/bloom-176b.yaml"), Devices(), Regions());
  REQUIRE(c.ok());
  auto e = RunEstimate(*c, EstimateOptions(), *EstimateInputs::Builtin());
  REQUIRE(e.ok());
  // Dynamic consumption: 1,082,990 h × 400 W × 57 g/kWh = 24.69 t (paper: 24.7 t).
  CHECK(e->co2e_kg.accelerators == Approx(24700).epsilon(0.03));
  // Idle/infrastructure 14.6 t, embodied 11.2 t, total 50.5 t.
  CHECK(e->co2e_kg.host == Approx(14600).epsilon(0.05));
  CHECK(e->co2e_kg.embodied == Approx(11200).epsilon(0.05));
  CHECK(e->co2e_kg.total == Approx(50500).epsilon(0.10));
}

TEST_CASE("OpenCarbonEval mode through a config matches the leaderboard row", "[estimate][reproduction]") {
  // Llama 3-70B: 6.3e24 FLOP on "NVIDIA H100 SXM5", 0.409 kg/kWh → 1896.61 t.
  std::string y =
      "name: llama3\nmodel:\n  kind: flops\n  flops: 6.30000000001e+24\nhardware:\n  device: NVIDIA H100 SXM5\n"
      "  count: 1\n  power: tdp\ndatacenter:\n  region: US\n  pue: 1.0\n  carbon_intensity: 0.409 kg/kWh\n"
      "embodied:\n  include: false\n";
  auto e = Run(y, nullptr, ThroughputModelKind::kOce);
  REQUIRE(e.ok());
  CHECK(e->throughput_model == "oce");
  CHECK(e->co2e_kg.total / 1000 == Approx(1896.61).epsilon(0.005));
  CHECK(e->p10.device_hours <= e->device_hours);
  CHECK(e->p90.device_hours >= e->device_hours);
}

TEST_CASE("a start time uses the hourly profile of the region", "[estimate]") {
  std::string y = "name: t\nmodel:\n  kind: transformer\n  params: 1B\n  tokens: 1B\nhardware:\n"
                  "  device: A100-SXM4-40GB\n  count: 8\n  device_hours: 96\n  power: tdp\ndatacenter:\n"
                  "  region: US-CA\n  start: 2025-03-01T00:00Z\n";
  auto e = Run(y);
  REQUIRE(e.ok());
  const HourlyProfile* ciso = (*HourlyProfiles::Builtin())->Find("CISO");
  REQUIRE(ciso);
  // The profile's shape scaled to the region's annual value (hardware_db/region_intensity.h).
  const Region& ca = *Regions().TryFind("US-CA");
  CHECK(e->ci_g_per_kwh ==
        Approx(ciso->MeanOver(*ParseIsoUtc("2025-03-01T00:00Z"), 12).value() / ciso->annual_mean * ca.ci.value()));
}

TEST_CASE("estimate properties: monotone, additive, bracketed, deterministic", "[estimate][property]") {
  double prev_dh = 0;
  for (const char* tokens : {"100B", "300B", "1T", "3T"}) {
    auto e = Run(Config("", "", std::string("  kind: transformer\n  params: 7B\n  tokens: ") + tokens + "\n"));
    REQUIRE(e.ok());
    CHECK(e->device_hours > prev_dh);
    prev_dh = e->device_hours;
    CHECK(e->energy_kwh.total ==
          Approx(e->energy_kwh.accelerators + e->energy_kwh.host + e->energy_kwh.facility_overhead));
    CHECK(e->co2e_kg.total == Approx(e->co2e_kg.operational + e->co2e_kg.embodied));
    CHECK(e->p10.device_hours <= e->device_hours);
    CHECK(e->device_hours <= e->p90.device_hours);
    CHECK(e->p10.energy_kwh <= e->energy_kwh.total);
    CHECK(e->energy_kwh.total <= e->p90.energy_kwh);
    CHECK(e->p10.co2e_kg <= e->co2e_kg.total);
    CHECK(e->co2e_kg.total <= e->p90.co2e_kg);
  }
  double prev_op = -1;
  for (int ci : {0, 50, 300, 900}) {
    auto e = Run(Config("", "  carbon_intensity: " + std::to_string(ci) + " g/kWh\n"));
    REQUIRE(e.ok());
    CHECK(e->co2e_kg.operational > prev_op);
    prev_op = e->co2e_kg.operational;
  }
  auto a = Run(Config("", "")), b = Run(Config("", ""));
  CHECK(EstimateJson(*a, true).dump() == EstimateJson(*b, true).dump());
}

TEST_CASE("a device family without calibration runs is said so in the notes", "[estimate]") {
  ModelParams p = SimpleParams();
  p.throughput.family_logit = {{"Ampere", 0.0}};
  auto has_note = [](const Estimate& e, const std::string& part) {
    for (const auto& n : e.notes)
      if (n.find(part) != std::string::npos) return true;
    return false;
  };
  auto seen = Run(Config("", ""), &p);  // A100: Ampere is fitted
  REQUIRE(seen.ok());
  CHECK(!has_note(*seen, "in the calibration data"));
  std::string h100 = Config("", "");
  h100.replace(h100.find("A100-SXM4-40GB"), 14, "H100-SXM5-80GB");
  auto unseen = Run(h100, &p);
  REQUIRE(unseen.ok());
  CHECK(has_note(*unseen, "no Hopper run (published or MLPerf Training) in the calibration data"));
  std::string with_mfu = h100;
  with_mfu.replace(with_mfu.find("  count: 64\n"), 12, "  count: 64\n  mfu: 0.4\n");
  auto own = Run(with_mfu, &p);  // the user's own MFU: no family level is used
  REQUIRE(own.ok());
  CHECK(!has_note(*own, "in the calibration data"));
}

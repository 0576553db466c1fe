// Ceres pulls in glog, whose CHECK macro would shadow Catch's: include it first and drop it.
#include "calibration/cost_functors.h"
#include "calibration/cross_validation.h"
#include "calibration/fitter.h"
#include "estimator/power_model.h"
#undef CHECK

#include <catch2/catch.hpp>
#include <cmath>

using namespace foreprint;

TEST_CASE("TimeResidual: hand-computed residual without warm-up", "[calibration][functor]") {
  // η = 0 → u = 0.5; λ = 0 → g = 1; τ_w → 0. C = 3.6e18, n = 1, peak = 1e12:
  // T = C / (peak · u) = 7.2e6 s = 2000 h; actual 1000 h → r = ln 2.
  TimeObservation o;
  o.flops = 3.6e18;
  o.count = 1;
  o.peak_flops = 1e12;
  o.log_params = 0;
  o.year_offset = 0;
  o.actual_device_hours = 1000;
  TimeResidual f(o);
  double fam = 0, sp = 0, sc = 0, mod = 0, sy = 0, logw = std::log(1e-9), lam = 0, wk = 0, pr = 0, lv = 0, dt = 0,
         sl = 0, r = 0;
  REQUIRE(f(&fam, &sp, &sc, &mod, &sy, &logw, &lam, &wk, &pr, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(2.0)).epsilon(1e-9));
  // With a 1-hour warm-up the run takes about one hour longer: ln(2001/1000).
  double logw1 = 0;
  REQUIRE(f(&fam, &sp, &sc, &mod, &sy, &logw1, &lam, &wk, &pr, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(2001.0 / 1000.0)).epsilon(1e-6));
  // Goodput λ = 1 at n = 1: g = 1/1.001, the run is 0.1 % longer.
  double lam1 = 1;
  REQUIRE(f(&fam, &sp, &sc, &mod, &sy, &logw, &lam1, &wk, &pr, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(2.0 * 1.001)).epsilon(1e-9));
  // A precision offset of ln 3 (u = σ(ln 3) = 3/4): T = 3.6e18 / 0.75e12 s = 1333.3 h.
  double pr3 = std::log(3.0);
  REQUIRE(f(&fam, &sp, &sc, &mod, &sy, &logw, &lam, &wk, &pr3, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(4000.0 / 3 / 1000.0)).epsilon(1e-9));
}

TEST_CASE("TimeResidual: the benchmark setting drops goodput; level, detail and slope add to η",
          "[calibration][functor]") {
  // n = 1000 (ln(n/1e3) = 0, so the slope has no effect), λ = 1 would make g = 1/2 in production;
  // benchmark ignores it. level + detail = ln 3 → u = 3/4: T = 3.6e21/(1000·1e12·0.75) s, 1.333e6 device-h.
  TimeObservation o;
  o.flops = 3.6e21;
  o.count = 1000;
  o.peak_flops = 1e12;
  o.actual_device_hours = 1e6;
  o.benchmark = true;
  TimeResidual f(o);
  double fam = 0, sp = 0, sc = 0, mod = 0, sy = 0, logw = std::log(1e-9), lam = 1, wk = 0, pr = 0,
         lv = std::log(3.0) - 0.25, dt = 0.25, sl = 5, r = 0;
  REQUIRE(f(&fam, &sp, &sc, &mod, &sy, &logw, &lam, &wk, &pr, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(4.0 / 3)).epsilon(1e-9));
  // At n = 8000 the slope adds 5·ln 8 to η: u → σ(ln 3 + 5 ln 8) ≈ 1, T = C/(n·peak) = 450 s → 1000 device-h.
  o.count = 8000;
  TimeResidual big(o);
  REQUIRE(big(&fam, &sp, &sc, &mod, &sy, &logw, &lam, &wk, &pr, &lv, &dt, &sl, &r));
  CHECK(r == Approx(std::log(1000.0 / 1e6) + std::log(1 + std::exp(-(std::log(3.0) + 5 * std::log(8.0))))).epsilon(1e-9));
  // The same run in production, with zero blocks for level, detail and slope: u = σ(0) = 1/2 and
  // g = 1/(1 + 1·1000/1000) = 1/2: device-hours = 3.6e21/(1e12·0.5·0.5)/3600 = 4e6.
  o.count = 1000;
  o.benchmark = false;
  TimeResidual p(o);
  double zero = 0;
  REQUIRE(p(&fam, &sp, &sc, &mod, &sy, &logw, &lam, &wk, &pr, &zero, &zero, &zero, &r));
  CHECK(r == Approx(std::log(4.0)).epsilon(1e-9));
}

TEST_CASE("TimeResidual: automatic derivatives match finite differences", "[calibration][functor]") {
  TimeObservation o{1e21, 64, 312e12, std::log(7.0), 2, 500, true};
  auto* cost = TimeResidual::Create(o);
  constexpr int kBlocks = 12;
  double p[kBlocks] = {-0.8, 0.05, -0.1, 0.2, 0.03, std::log(0.5), 0.01, -0.3, -0.6, 0.4, 0.2, -0.05};
  const double* params[kBlocks];
  for (int i = 0; i < kBlocks; ++i) params[i] = &p[i];
  double r = 0, jac[kBlocks][1];
  double* jacs[kBlocks];
  for (int i = 0; i < kBlocks; ++i) jacs[i] = jac[i];
  REQUIRE(cost->Evaluate(params, &r, jacs));
  for (int i = 0; i < kBlocks; ++i) {
    double h = 1e-6, rp = 0, rm = 0;
    p[i] += h;
    cost->Evaluate(params, &rp, nullptr);
    p[i] -= 2 * h;
    cost->Evaluate(params, &rm, nullptr);
    p[i] += h;
    INFO("parameter " << i);
    CHECK(jac[i][0] == Approx((rp - rm) / (2 * h)).epsilon(1e-4).margin(1e-8));
  }
  delete cost;
}

TEST_CASE("EnergyResidual: hand-computed residuals in each scope", "[calibration][functor]") {
  // idle 50, TDP 400, p0 0.5, p1 0.5, u 0.4 → P = 50 + 350 × 0.7 = 295 W; host 100 W; 1000 h.
  EnergyObservation o{1000, 400, 50, 0.4, 1.0, false, 295};
  double p0 = 0.5, p1 = 0.5, fam = 0, host = 100, r = 1;
  EnergyResidual{o}(&p0, &p1, &fam, &host, &r);
  CHECK(r == Approx(0).margin(1e-12));  // accelerator scope: 295 kWh
  o.with_host = true;
  o.pue = 1.1;
  o.measured_kwh = 395 * 1.1;  // facility: (295 + 100) W × 1000 h × 1.1
  EnergyResidual{o}(&p0, &p1, &fam, &host, &r);
  CHECK(r == Approx(0).margin(1e-12));
  o.measured_kwh = 395 * 1.1 / 2;
  EnergyResidual{o}(&p0, &p1, &fam, &host, &r);
  CHECK(r == Approx(std::log(2.0)));
  // A family offset of +0.1 raises the share from 0.7 to 0.8: P = 50 + 350 × 0.8 = 330 W.
  double fam1 = 0.1;
  o.measured_kwh = (330 + 100) * 1.1;
  EnergyResidual{o}(&p0, &p1, &fam1, &host, &r);
  CHECK(r == Approx(0).margin(1e-12));
}

TEST_CASE("priors are Gaussian residual blocks", "[calibration][functor]") {
  double x = 1.5, r = 0;
  PriorResidual{1.0, 0.25}(&x, &r);
  CHECK(r == Approx(2.0));
  double a = 0.3, b = -0.2;
  DifferencePrior{0.5}(&a, &b, &r);
  CHECK(r == Approx(1.0));
}

namespace {

// A synthetic dataset generated from known parameters: the fit must recover them.
struct Synthetic {
  std::vector<RunRecord> records;
  Device a, b;
};

Synthetic MakeSynthetic(const ModelParams& truth) {
  Synthetic s;
  s.a.id = "DEV-A";
  s.a.family = "FamA";
  s.a.tdp = Watts(400);
  s.a.idle = Watts(50);
  s.a.peak_tflops["bf16"] = 312;
  s.b = s.a;
  s.b.id = "DEV-B";
  s.b.family = "FamB";
  s.b.peak_tflops["bf16"] = 989;
  s.b.tdp = Watts(700);
  s.b.idle = Watts(70);
  const double sizes[] = {1e8, 1e9, 7e9, 7e10, 5e11};
  const double counts[] = {8, 64, 512, 4096};
  const int years[] = {2019, 2021, 2023, 2025};
  int k = 0;
  for (const Device* d : {&s.a, &s.b}) {
    for (double n : sizes) {
      for (double c : counts) {
        RunRecord r;
        r.name = "syn" + std::to_string(k);
        r.modality = k % 3 == 0 ? "vision" : "text";
        r.device = d->id;
        r.params = n;
        r.flops = 6 * n * 20 * n;
        r.count = c;
        r.year = years[(k / 4 + k / 20) % 4];  // not collinear with the count
        ThroughputFeatures f{d->family, r.modality, n, c, static_cast<double>(*r.year)};
        auto p = PredictThroughput(truth.throughput, f, Flop(*r.flops), d->TrainingPeak());
        r.device_hours = c * InHours(p.wall);
        // Measured accelerator energy from the true power model.
        double watts = ModeledDevicePower(d->tdp, d->idle, truth.power,
                                          *r.flops / (*r.device_hours * 3600 * d->TrainingPeak().value()), d->family)
                           .value();
        r.energy_kwh = watts * *r.device_hours / 1000;
        r.energy_scope = k % 2 ? EnergyScope::kAcceleratorMeasured : EnergyScope::kItMeasured;
        if (r.energy_scope == EnergyScope::kItMeasured) *r.energy_kwh += truth.power.host_w_per_device * *r.device_hours / 1000;
        r.source = "synthetic";
        s.records.push_back(r);
        ++k;
      }
    }
  }
  return s;
}

// PrepareRuns looks devices up by id: a database with the two synthetic devices.
Result<DeviceDb> SyntheticDb(const Synthetic& s) {
  std::string yaml = "devices:\n";
  for (const Device* d : {&s.a, &s.b}) {
    yaml += "  - {id: " + d->id + ", vendor: X, family: " + d->family + ", release_year: 2020, form_factor: X, tdp_w: " +
            std::to_string(d->tdp.value()) + ", idle_w: " + std::to_string(d->idle.value()) +
            ", peak_tflops: {bf16: " + std::to_string(d->peak_tflops.at("bf16")) +
            "}, memory_gb: 80, memory_bw_gbps: 2000, embodied_kgco2e: 20, source: synthetic}\n";
  }
  return DeviceDb::Parse(yaml, "synthetic.yaml");
}

// The parameters the synthetic runs are generated from.
ModelParams SyntheticTruth() {
  ModelParams truth;
  truth.throughput.family_logit = {{"FamA", -0.4}, {"FamB", -1.0}};
  truth.throughput.default_logit = -0.7;
  truth.throughput.slope_log_params = 0.1;
  truth.throughput.slope_log_count = -0.15;
  truth.throughput.modality_offset = {{"text", 0}, {"vision", -0.5}};
  truth.throughput.slope_year = 0.05;
  truth.throughput.warmup_hours = 2;
  truth.throughput.goodput_lambda = 0.02;
  truth.power.p0 = 0.4;
  truth.power.p1 = 0.8;
  truth.power.p_max = 1.2;
  truth.power.host_w_per_device = 120;
  truth.power.family_offset = {{"FamA", 0.0}, {"FamB", -0.1}};
  return truth;
}

}  // namespace

TEST_CASE("a fit on synthetic data recovers the parameters that generated it", "[calibration][fit]") {
  const ModelParams truth = SyntheticTruth();
  Synthetic s = MakeSynthetic(truth);
  auto db = SyntheticDb(s);
  REQUIRE(db.ok());
  auto prepared = PrepareRuns(s.records, *db);
  FitOptions opts;
  opts.prior_sd_scale = 1000;  // let the data speak: the test is about the machinery
  auto fit = Fit(prepared, {}, opts);
  REQUIRE(fit.ok());
  const auto& t = fit->params.throughput;
  INFO(fit->params.ToYaml());
  // Production runs only: the family's level is θ_family + δ_family (the split between them is the priors').
  auto level = [&](const std::string& fam) { return t.family_logit.at(fam) + t.production_family_offset.at(fam); };
  CHECK(level("FamA") == Approx(-0.4).margin(0.02));
  CHECK(level("FamB") == Approx(-1.0).margin(0.02));
  CHECK(t.slope_log_params == Approx(0.1).margin(0.01));
  CHECK(t.slope_log_count == Approx(-0.15).margin(0.01));
  CHECK(t.modality_offset.at("vision") == Approx(-0.5).margin(0.02));
  CHECK(t.slope_year == Approx(0.05).margin(0.01));
  CHECK(t.warmup_hours == Approx(2).epsilon(0.1));
  CHECK(t.goodput_lambda == Approx(0.02).margin(0.005));
  CHECK(fit->params.power.p0 == Approx(0.4).margin(0.02));
  CHECK(fit->params.power.p1 == Approx(0.8).margin(0.05));
  CHECK(fit->params.power.host_w_per_device == Approx(120).margin(5));
  CHECK(fit->params.power.family_offset.at("FamB") - fit->params.power.family_offset.at("FamA") ==
        Approx(-0.1).margin(0.02));
  CHECK(fit->std_error.at("slope_log_params") > 0);
  // Every prediction under the fitted parameters reproduces the synthetic hours.
  for (const auto& r : prepared) CHECK(PredictDeviceHours(fit->params, r) == Approx(*r.run->device_hours).epsilon(0.01));
}

TEST_CASE("a prior override (calibrate --prior) replaces that prior's width and only that one", "[calibration][fit]") {
  FitOptions opts;
  CHECK(PriorSd("slope_log_params", opts) == Priors().at("slope_log_params").sd);
  opts.prior_sd["slope_log_params"] = 0.25;
  opts.prior_sd_scale = 2;
  CHECK(PriorSd("slope_log_params", opts) == 0.5);
  CHECK(PriorSd("slope_year", opts) == 2 * Priors().at("slope_year").sd);

  // On synthetic data whose true size slope is 0.1, a pinning prior (sd 1e-6 × 1000) holds the
  // slope at the prior mean 0 while the other slopes stay free.
  Synthetic s = MakeSynthetic(SyntheticTruth());
  auto db = SyntheticDb(s);
  REQUIRE(db.ok());
  auto prepared = PrepareRuns(s.records, *db);
  FitOptions pinned;
  pinned.prior_sd_scale = 1000;
  pinned.covariance = false;
  pinned.prior_sd["slope_log_params"] = 1e-6;
  auto fit = Fit(prepared, {}, pinned);
  REQUIRE(fit.ok());
  CHECK(fit->params.throughput.slope_log_params == Approx(Priors().at("slope_log_params").mean).margin(0.005));
  CHECK(fit->params.throughput.slope_log_count < -0.05);
}

TEST_CASE("leave-one-out on synthetic runs: exact per run; with the device family held out, the other family's level",
          "[calibration][cv]") {
  const ModelParams truth = SyntheticTruth();
  Synthetic s = MakeSynthetic(truth);
  std::vector<RunRecord> subset;  // every fourth run: 40 runs, both families, all sizes
  for (size_t i = 0; i < s.records.size(); i += 4) subset.push_back(s.records[i]);
  auto db = SyntheticDb(s);
  REQUIRE(db.ok());
  auto oce = OceTable::Parse("hardware,lg_alpha_lo,lg_alpha_hi,tdp_w,source\n", "empty.csv");
  REQUIRE(oce.ok());
  auto prepared = PrepareRuns(subset, *db);
  FitOptions opts;
  opts.prior_sd_scale = 1000;
  auto full = Fit(prepared, {}, opts);
  REQUIRE(full.ok());
  auto cv = LeaveOneOut(prepared, *full, *oce, *db, opts);
  REQUIRE(cv.ok());
  REQUIRE(cv->time.size() == subset.size());
  CHECK(cv->foreprint_all.median_abs_err < 0.01);  // noise-free runs: any one is predicted by the others
  // FamA (true logit −0.4) predicted from FamB alone (−1.0) gets a lower MFU, so takes longer; and the reverse.
  // The ratio σ(η)/σ(η ∓ 0.6) is furthest from 1 at low η and nears 1 as the MFU saturates.
  for (size_t i = 0; i < cv->time.size(); ++i) {
    const TimeCvRow& row = cv->time[i];
    INFO(row.name << " on " << row.device);
    const double ratio = row.foreprint_family_out / row.actual;
    if (row.device == "DEV-A") CHECK(ratio > 1.05);
    else CHECK(ratio < 0.95);
  }
  CHECK(cv->foreprint_family_out.n == static_cast<int>(subset.size()));
  CHECK(cv->foreprint_family_out.median_abs_err > 0.2);
}

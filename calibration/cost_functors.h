// cost_functors.h — the residuals the calibration minimises (Ceres Solver, automatic derivatives).
//
// TimeResidual    r = ln(predicted device-hours / actual device-hours)
//     η = θ_family + θ_N·ln(N/1e9) + θ_n·ln(n/1e3) + θ_modality + θ_year·(year − 2022) + θ_precision
//         + θ_workload + θ_level + θ_detail + θ_slope·ln(n/1e3),  u = σ(η)
//     the last three by setting — production: 0, δ_family (the family's production deviation), 0;
//     benchmark: θ_bench, θ_benchmark[MLPerf benchmark], θ_bench,n (θ_workload is 0: the benchmark's
//     own offset replaces it)
//     production: g = 1 / (1 + λ·n/1000), τ_w = e^{ℓ} hours;  benchmark: g = 1, τ_w = e^{ℓ_bench} hours
//     A = C / (n·peak(dtype)·u·g)
//   T is found in double precision and then refined by one Newton step in Jet arithmetic, which
//   carries the exact implicit derivative dT/dθ = −(∂F/∂θ)/(∂F/∂T).
// EnergyResidual  r = ln(predicted energy / measured energy), in the run's own scope:
//     P_dev = P_idle + (TDP − P_idle)·(p0 + p1·u + δ_family)      (u = the run's achieved MFU)
//     accelerator-measured: dh·P_dev;  it-measured: dh·(P_dev + h);  facility-measured: dh·(P_dev + h)·PUE
// ServingResidual two residuals per measured serving row (estimator/serving_model.h):
//     r_J = [ln(e^{β·x} + κ·s_J) − ln J_measured] / σ_J      s_J = (I/O) · J_pf at κ = 1
//     r_T = [−ln(e^{−γ·x} + κ·s_T) − ln T_measured] / σ_T    s_T = (I/O) · t_pf at κ = 1
//   β, γ the two curves' coefficients, κ = e^{ℓ} the prefill scale, x the row's regressors at its
//   batch cap (ServingTerms), I and O its mean input and output tokens; σ scales the two targets.
// PriorResidual   r = (θ − μ) / σ   (a weak Gaussian prior as one more residual block)
// DifferencePrior r = (θ_a − θ_b) / σ   (partial pooling of a family toward the common logit)
#pragma once

#include <ceres/ceres.h>

#include <cmath>
#include <utility>
#include <vector>

#include "estimator/throughput_calibrated.h"

namespace foreprint {

struct TimeObservation {
  double flops = 0;
  double count = 1;
  double peak_flops = 0;      // FLOP/s per device
  double log_params = 0;      // ln(N / 1e9)
  double year_offset = 0;     // year − 2022
  double actual_device_hours = 0;
  bool benchmark = false;     // setting: benchmark (MLPerf) — g = 1, the benchmark warm-up and offsets
};

struct TimeResidual {
  explicit TimeResidual(TimeObservation o) : obs(o) {}

  // The fitter passes the blocks the run's setting uses (see the formula above); constant zeros
  // stand in for the terms a setting does not have. `log_warmup_hours` is the setting's warm-up.
  template <typename T>
  bool operator()(const T* family, const T* slope_params, const T* slope_count, const T* modality,
                  const T* slope_year, const T* log_warmup_hours, const T* lambda, const T* workload,
                  const T* precision, const T* level, const T* detail, const T* slope, T* residual) const {
    using std::exp;
    using std::log;
    const double n = obs.count;
    const double ln_n = std::log(n / 1e3);
    T eta = family[0] + slope_params[0] * obs.log_params + slope_count[0] * ln_n + modality[0] +
            slope_year[0] * obs.year_offset + workload[0] + precision[0] + level[0] + detail[0] + slope[0] * ln_n;
    T u = T(1.0) / (T(1.0) + exp(-eta));
    T g = obs.benchmark ? T(1.0) : T(1.0) / (T(1.0) + lambda[0] * (n / 1000.0));
    T w = exp(log_warmup_hours[0]) * 3600.0;
    T a = obs.flops / (n * obs.peak_flops * u * g);
    double t0 = SolveWallTime(Flop(obs.flops), n, FlopPerSecond(obs.peak_flops), Value(u), Value(g),
                              Seconds(Value(w)))
                    .value();
    // One Newton step in T-typed arithmetic at the converged t0 (F(t0) ≈ 0 in value).
    T e = exp(T(-t0) / w);
    T f = T(t0) - w * (T(1.0) - e) - a;
    T df = T(1.0) - e;
    T wall = T(t0) - f / df;
    residual[0] = log(n * wall / 3600.0) - log(obs.actual_device_hours);
    return true;
  }

  static ceres::CostFunction* Create(const TimeObservation& o) {
    return new ceres::AutoDiffCostFunction<TimeResidual, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1>(new TimeResidual(o));
  }

  static double Value(double x) { return x; }
  template <typename J>
  static double Value(const J& x) { return x.a; }

  TimeObservation obs;
};

struct EnergyObservation {
  double device_hours = 0;
  double tdp_w = 0, idle_w = 0;
  double mfu = 0;          // achieved
  double pue = 1;          // applied only for facility-measured
  bool with_host = false;  // it- and facility-measured include the host
  double measured_kwh = 0;
};

struct EnergyResidual {
  explicit EnergyResidual(EnergyObservation o) : obs(o) {}

  template <typename T>
  bool operator()(const T* p0, const T* p1, const T* family_offset, const T* host_w, T* residual) const {
    using std::log;
    T device = obs.idle_w + (obs.tdp_w - obs.idle_w) * (p0[0] + p1[0] * obs.mfu + family_offset[0]);
    T power = obs.with_host ? device + host_w[0] : device;
    T kwh = power * obs.device_hours * obs.pue / 1000.0;
    residual[0] = log(kwh) - std::log(obs.measured_kwh);
    return true;
  }

  static ceres::CostFunction* Create(const EnergyObservation& o) {
    return new ceres::AutoDiffCostFunction<EnergyResidual, 1, 1, 1, 1, 1>(new EnergyResidual(o));
  }

  EnergyObservation obs;
};

struct ServingObservation {
  std::vector<double> x;        // regressor values, in the order of the coefficient blocks
  double prefill_j = 0;         // s_J: prefill joules per output token at κ = 1
  double prefill_s = 0;         // s_T: prefill replica-seconds per output token at κ = 1
  double j = 0, t = 0;          // measured J per output token and output tokens/s
  double scale_j = 1, scale_t = 1;
};

struct ServingResidual {
  explicit ServingResidual(ServingObservation o) : obs(std::move(o)) {}

  // p[0] = β (x.size()), p[1] = γ (x.size()), p[2] = ℓ (1).
  template <typename T>
  bool operator()(T const* const* p, T* residual) const {
    using std::exp;
    using std::log;
    T lj = T(0.0), lt = T(0.0);
    for (size_t k = 0; k < obs.x.size(); ++k) {
      lj += p[0][k] * obs.x[k];
      lt += p[1][k] * obs.x[k];
    }
    const T kappa = exp(p[2][0]);
    residual[0] = (log(exp(lj) + kappa * obs.prefill_j) - std::log(obs.j)) / obs.scale_j;
    residual[1] = (-log(exp(-lt) + kappa * obs.prefill_s) - std::log(obs.t)) / obs.scale_t;
    return true;
  }

  static ceres::CostFunction* Create(const ServingObservation& o) {
    auto* f = new ceres::DynamicAutoDiffCostFunction<ServingResidual, 8>(new ServingResidual(o));
    f->AddParameterBlock(static_cast<int>(o.x.size()));
    f->AddParameterBlock(static_cast<int>(o.x.size()));
    f->AddParameterBlock(1);
    f->SetNumResiduals(2);
    return f;
  }

  ServingObservation obs;
};

struct PriorResidual {
  PriorResidual(double mean, double sd) : mu(mean), sigma(sd) {}
  template <typename T>
  bool operator()(const T* x, T* residual) const {
    residual[0] = (x[0] - mu) / sigma;
    return true;
  }
  static ceres::CostFunction* Create(double mean, double sd) {
    return new ceres::AutoDiffCostFunction<PriorResidual, 1, 1>(new PriorResidual(mean, sd));
  }
  double mu, sigma;
};

struct DifferencePrior {
  explicit DifferencePrior(double sd) : sigma(sd) {}
  template <typename T>
  bool operator()(const T* a, const T* b, T* residual) const {
    residual[0] = (a[0] - b[0]) / sigma;
    return true;
  }
  static ceres::CostFunction* Create(double sd) {
    return new ceres::AutoDiffCostFunction<DifferencePrior, 1, 1, 1>(new DifferencePrior(sd));
  }
  double sigma;
};

}  // namespace foreprint

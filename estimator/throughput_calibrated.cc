#include "estimator/throughput_calibrated.h"

#include <cmath>

namespace foreprint {

double Sigmoid(double eta) {
  return eta >= 0 ? 1.0 / (1.0 + std::exp(-eta)) : std::exp(eta) / (1.0 + std::exp(eta));
}

MfuTerms MfuLinearPredictor(const ThroughputParams& p, const ThroughputFeatures& f) {
  MfuTerms t;
  auto fam = p.family_logit.find(f.family);
  t.family = fam == p.family_logit.end() ? p.default_logit : fam->second;
  t.size = p.slope_log_params * std::log(f.params / 1e9);
  t.scale = p.slope_log_count * std::log(f.count / 1e3);
  auto mod = p.modality_offset.find(f.modality);
  t.modality = mod == p.modality_offset.end() ? 0.0 : mod->second;
  t.year = p.slope_year * (f.year - 2022.0);
  auto work = p.workload_offset.find(f.workload);
  t.workload = work == p.workload_offset.end() || f.setting == Setting::kBenchmark ? 0.0 : work->second;
  auto prec = p.precision_offset.find(f.dtype);
  t.precision = prec == p.precision_offset.end() ? 0.0 : prec->second;
  if (f.setting == Setting::kBenchmark) {
    t.setting = p.benchmark_offset + p.benchmark_slope_log_count * std::log(f.count / 1e3);
    auto cls = p.benchmark_class_offset.find(f.benchmark);
    if (cls != p.benchmark_class_offset.end()) t.setting += cls->second;
  } else {
    auto dev = p.production_family_offset.find(f.family);
    if (dev != p.production_family_offset.end()) t.setting = dev->second;
  }
  return t;
}

double Goodput(const ThroughputParams& p, double count, Setting setting) {
  if (setting == Setting::kBenchmark) return 1.0;
  return 1.0 / (1.0 + p.goodput_lambda * count / 1000.0);
}

double WarmupHours(const ThroughputParams& p, Setting setting) {
  return setting == Setting::kBenchmark ? p.benchmark_warmup_hours : p.warmup_hours;
}

double ImputedParams(Flop flops) { return std::sqrt(flops.value() / 120.0); }

ThroughputPrediction PredictThroughput(const ThroughputParams& p, const ThroughputFeatures& f, Flop flops,
                                       FlopPerSecond peak) {
  ThroughputPrediction r;
  r.terms = MfuLinearPredictor(p, f);
  r.mfu = Sigmoid(r.terms.eta());
  r.goodput = Goodput(p, f.count, f.setting);
  r.wall = SolveWallTime(flops, f.count, peak, r.mfu, r.goodput, Hours(WarmupHours(p, f.setting)));
  return r;
}

Seconds SolveWallTime(Flop flops, double count, FlopPerSecond peak, double mfu, double goodput, Seconds warmup) {
  const double a = flops.value() / (count * peak.value() * mfu * goodput);  // seconds at full speed
  const double w = warmup.value();
  if (w <= 0) return Seconds(a);
  // f(T) = T − w(1 − e^{−T/w}) − a; for T ≪ w the series T²/(2w) avoids cancellation.
  auto f = [&](double t) {
    double r = t / w;
    double lag = r < 1e-4 ? t * r * (0.5 - r / 6.0) : t - w * (-std::expm1(-r));
    return lag - a;
  };
  double t = a + w;  // f(a + w) = w·e^{−(a+w)/w} ≥ 0: start right of the root
  for (int i = 0; i < 100; ++i) {
    double fv = f(t);
    double d = -std::expm1(-t / w);  // f'(T) = 1 − e^{−T/w}
    if (d <= 0) break;
    double next = t - fv / d;
    if (!(next > 0)) next = t / 2;
    if (std::fabs(next - t) <= 1e-14 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return Seconds(t);
}

}  // namespace foreprint

#include "calibration/cross_validation.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.h"

namespace foreprint {
namespace {

constexpr double kZ90 = 1.2815515655446004;
constexpr double kReferenceCount = 1000;       // scale assumed when a run's device count is unknown

// |pred/actual − 1| per run.
std::vector<double> AbsErrors(const std::vector<double>& predicted, const std::vector<double>& actual) {
  std::vector<double> e;
  for (size_t i = 0; i < predicted.size(); ++i) e.push_back(std::fabs(predicted[i] / actual[i] - 1.0));
  return e;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

// The σ of a centred log-normal whose P10–P90 band holds 80 % of these log errors: the 80th
// percentile of |x − median| / z90. Unlike 1.4826·MAD it respects the heavy tails of public data.
double IntervalSigma(const std::vector<double>& logs) {
  if (logs.empty()) return 0;
  double med = Median(logs);
  std::vector<double> dev;
  for (double x : logs) dev.push_back(std::fabs(x - med));
  std::sort(dev.begin(), dev.end());
  const double pos = 0.8 * static_cast<double>(dev.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(dev.size() - 1, lo + 1);
  const double q80 = dev[lo] + (pos - lo) * (dev[hi] - dev[lo]);
  return q80 / kZ90;
}

double FitOceLnAlpha(const std::vector<PreparedRun>& runs, const std::vector<size_t>& fit) {
  auto cost = [&](double ln_alpha) {
    double s = 0;
    for (size_t i : fit) {
      const RunRecord& r = *runs[i].run;
      double e = OceLnDeviceSeconds(ln_alpha, Flop(*r.flops)) - std::log(*r.device_hours * 3600.0);
      s += e * e;
    }
    return s;
  };
  double lo = -40, hi = 700;  // α from 4e-18 to 1e304
  const double g = 0.6180339887498949;
  double a = hi - g * (hi - lo), b = lo + g * (hi - lo), fa = cost(a), fb = cost(b);
  for (int it = 0; it < 120; ++it) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = cost(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = cost(b);
    }
  }
  return 0.5 * (lo + hi);
}

namespace {

// OpenCarbonEval's α refitted without run `k`: on the other runs of the same device, else of the
// same family, else all of them.
double OceRefitDeviceHours(const std::vector<PreparedRun>& runs, size_t k) {
  std::vector<size_t> same_device, same_family, all;
  for (size_t i = 0; i < runs.size(); ++i) {
    if (i == k || !runs[i].time_ok) continue;
    all.push_back(i);
    if (runs[i].family == runs[k].family) same_family.push_back(i);
    if (runs[i].device == runs[k].device) same_device.push_back(i);
  }
  const auto& use = !same_device.empty() ? same_device : !same_family.empty() ? same_family : all;
  const double ln_alpha = FitOceLnAlpha(runs, use);
  return std::exp(OceLnDeviceSeconds(ln_alpha, Flop(*runs[k].run->flops))) / 3600.0;
}

}  // namespace

Metric Summarise(const std::vector<double>& predicted, const std::vector<double>& actual) {
  Metric m;
  const std::vector<double> errs = AbsErrors(predicted, actual);
  std::vector<double> logs;
  for (size_t i = 0; i < predicted.size(); ++i) logs.push_back(std::fabs(std::log(predicted[i] / actual[i])));
  m.n = static_cast<int>(errs.size());
  m.median_abs_err = Median(errs);
  m.median_abs_log = Median(logs);
  m.within_25 = m.n ? static_cast<double>(std::count_if(errs.begin(), errs.end(), [](double e) { return e <= 0.25; })) / m.n : 0;
  return m;
}

const OceDevice* OceForRun(const RunRecord& run, const OceTable& oce, const DeviceDb& devices) {
  size_t start = 0;
  const std::string& s = run.device_string;
  while (start <= s.size()) {
    size_t sep = s.find(" ; ", start);
    std::string part = Trim(s.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (const OceDevice* d = oce.Find(part)) return d;
    if (sep == std::string::npos) break;
    start = sep + 3;
  }
  const Device* dev = devices.TryFind(run.device);
  for (const auto& row : oce.devices()) {
    if (dev && devices.TryFind(row.hardware) == dev) return &row;
  }
  return nullptr;
}

namespace {

// Each time run's device-hours from a fit that saw no run of its device family (its logit falls back
// to the common one): how the model does on hardware without published runs, e.g. a new generation.
Status FamilyHeldOut(const std::vector<PreparedRun>& runs, const FitOptions& opts, const std::vector<size_t>& time_index,
                     const std::vector<size_t>& time_run, CvReport& rep) {
  std::map<std::string, std::vector<size_t>> by_family;  // family → positions in time_index
  for (size_t k = 0; k < time_run.size(); ++k) by_family[runs[time_run[k]].family].push_back(k);
  std::vector<bool> include(runs.size());
  for (const auto& [family, members] : by_family) {
    for (size_t j = 0; j < runs.size(); ++j) include[j] = runs[j].family != family;
    auto fit = Fit(runs, include, opts);
    if (!fit) return fit.error();
    for (size_t k : members) rep.time[time_index[k]].foreprint_family_out = PredictDeviceHours(fit->params, runs[time_run[k]]);
  }
  return {};
}

}  // namespace

Result<CvReport> LeaveOneOut(const std::vector<PreparedRun>& runs, const FitResult& full, const OceTable& oce,
                             const DeviceDb& devices, const FitOptions& options) {
  CvReport rep;
  FitOptions opts = options;
  opts.covariance = false;
  opts.tolerance = kRefitTolerance;
  opts.start = &full.params;
  std::vector<bool> include(runs.size(), true);
  std::vector<double> log_err;
  std::vector<size_t> time_index, time_run;  // rows of rep.time in the fit, and their runs

  for (size_t i = 0; i < runs.size(); ++i) {
    const PreparedRun& r = runs[i];
    const bool oce_validation = r.run->usable() && r.run->HasTag("oce-validation");
    if (r.setting == Setting::kBenchmark) continue;  // MLPerf rows: calibration/mlperf_validation
    if (!r.time_ok && !(oce_validation && r.device && r.run->flops)) continue;
    PreparedRun q = r;
    ModelParams params = full.params;
    if (r.time_ok) {
      include[i] = false;
      auto fit = Fit(runs, include, opts);
      include[i] = true;
      if (!fit) return fit.error();
      params = fit->params;
    } else {
      q.count = kReferenceCount;  // not in the fit: already a priori
    }
    TimeCvRow row;
    row.name = r.run->name;
    row.device = r.run->device;
    row.count = q.count;
    row.imputed_count = !r.time_ok;
    row.foreprint = PredictDeviceHours(params, q);
    row.static30 = *r.run->flops / (kStaticMfu * r.peak_flops) / 3600.0;
    row.oce_refit = OceRefitDeviceHours(runs, i);
    if (const OceDevice* d = OceForRun(*r.run, oce, devices)) row.oce = OceDeviceHours(*d, Flop(*r.run->flops)).device_hours_mean;
    if (r.run->device_hours) {
      row.actual = *r.run->device_hours;
      if (r.time_ok) {
        log_err.push_back(std::log(row.foreprint / row.actual));
        time_index.push_back(rep.time.size());
        time_run.push_back(i);
      }
    }
    if (oce_validation && r.run->tco2e && r.run->ci_g_per_kwh) {
      OceValidationRow v;
      v.name = r.run->name;
      v.actual_t = *r.run->tco2e;
      v.foreprint_t = row.foreprint * r.device->tdp.value() / 1000 * *r.run->ci_g_per_kwh / 1e6;
      if (const OceDevice* d = OceForRun(*r.run, oce, devices)) {
        v.oce_t = OceDeviceHours(*d, Flop(*r.run->flops)).device_hours_mean * d->tdp.value() / 1000 *
                  *r.run->ci_g_per_kwh / 1e6;
      }
      rep.oce_validation.push_back(v);
    }
    rep.time.push_back(row);
  }

  // Interval: σ from the other runs' LOO errors.
  rep.sigma_log_time = IntervalSigma(log_err);
  int covered = 0;
  for (size_t k = 0; k < time_index.size(); ++k) {
    std::vector<double> others;
    for (size_t j = 0; j < log_err.size(); ++j) if (j != k) others.push_back(log_err[j]);
    double s = IntervalSigma(others);
    TimeCvRow& row = rep.time[time_index[k]];
    row.p10 = row.foreprint * std::exp(-kZ90 * s);
    row.p90 = row.foreprint * std::exp(kZ90 * s);
    covered += row.actual >= row.p10 && row.actual <= row.p90;
  }

  if (auto st = FamilyHeldOut(runs, opts, time_index, time_run, rep); !st) return st.error();

  std::vector<double> fp, st, act, fp_o, oce_o, st_o, act_o, refit, fam_out;
  for (size_t k : time_index) {
    const TimeCvRow& row = rep.time[k];
    fp.push_back(row.foreprint);
    st.push_back(row.static30);
    refit.push_back(row.oce_refit);
    fam_out.push_back(row.foreprint_family_out);
    act.push_back(row.actual);
    if (row.oce) {
      fp_o.push_back(row.foreprint);
      oce_o.push_back(*row.oce);
      st_o.push_back(row.static30);
      act_o.push_back(row.actual);
    }
  }
  rep.foreprint_all = Summarise(fp, act);
  rep.foreprint_all.coverage = time_index.empty() ? 0 : static_cast<double>(covered) / time_index.size();
  rep.static30_all = Summarise(st, act);
  rep.oce_refit_all = Summarise(refit, act);
  rep.foreprint_family_out = Summarise(fam_out, act);
  rep.foreprint_oce_subset = Summarise(fp_o, act_o);
  rep.oce_subset = Summarise(oce_o, act_o);
  rep.static30_oce_subset = Summarise(st_o, act_o);
  rep.time_vs_static30 = BootstrapMedians(AbsErrors(fp, act), AbsErrors(st, act), kBootstrapResamples, kBootstrapSeed);
  rep.time_vs_oce_refit = BootstrapMedians(AbsErrors(fp, act), AbsErrors(refit, act), kBootstrapResamples, kBootstrapSeed);

  // Energy given device-hours.
  std::vector<double> ef, et, ea, elog;
  for (size_t i = 0; i < runs.size(); ++i) {
    const PreparedRun& r = runs[i];
    if (!r.energy_ok || r.run->energy_only) continue;  // MLPerf power rows: calibration/mlperf_validation
    include[i] = false;
    auto fit = Fit(runs, include, opts);
    include[i] = true;
    if (!fit) return fit.error();
    EnergyCvRow row;
    row.name = r.run->name;
    row.device = r.run->device;
    row.scope = ToString(r.run->energy_scope);
    row.actual = *r.run->energy_kwh;
    row.foreprint = PredictEnergyKwh(fit->params, r);
    row.tdp = *r.run->device_hours * r.device->tdp.value() / 1000.0;
    ef.push_back(row.foreprint);
    et.push_back(row.tdp);
    ea.push_back(row.actual);
    elog.push_back(std::log(row.foreprint / row.actual));
    rep.energy.push_back(row);
  }
  rep.energy_foreprint = Summarise(ef, ea);
  rep.energy_tdp = Summarise(et, ea);
  rep.energy_vs_tdp = BootstrapMedians(AbsErrors(ef, ea), AbsErrors(et, ea), kBootstrapResamples, kBootstrapSeed);
  rep.sigma_log_energy = IntervalSigma(elog);

  double sf = 0, so = 0;
  for (const auto& v : rep.oce_validation) {
    sf += std::fabs(v.foreprint_t / v.actual_t - 1);
    so += std::fabs(v.oce_t / v.actual_t - 1);
  }
  if (!rep.oce_validation.empty()) {
    rep.oce6_foreprint_mean_abs = sf / rep.oce_validation.size();
    rep.oce6_oce_mean_abs = so / rep.oce_validation.size();
  }
  return rep;
}

}  // namespace foreprint

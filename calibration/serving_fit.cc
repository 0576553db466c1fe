#include "calibration/serving_fit.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "calibration/cost_functors.h"
#include "estimator/ecologits.h"

namespace foreprint {
namespace {

// The reference levels the curves are written against (ServingParams' defaults).
const ServingParams& Layout() {
  static const ServingParams p;
  return p;
}

// Regressor values of a row at its batch cap, in `names` order (0 for a term the row lacks).
std::vector<double> Regressors(const PreparedServingRun& r, const std::vector<std::string>& names) {
  std::vector<double> x(names.size(), 0.0);
  const double lb = std::log(r.run->max_batch);
  for (const auto& t : r.terms) {
    auto it = std::find(names.begin(), names.end(), t.name);
    if (it != names.end()) x[it - names.begin()] = t.factor * std::pow(lb, t.batch_power);
  }
  return x;
}

ceres::Solver::Options SolverOptions(int max_iterations) {
  ceres::Solver::Options o;
  o.linear_solver_type = ceres::DENSE_QR;
  o.max_num_iterations = max_iterations;
  o.num_threads = 1;
  o.logging_type = ceres::SILENT;
  o.function_tolerance = 1e-12;
  o.gradient_tolerance = 1e-12;
  o.parameter_tolerance = 1e-12;
  return o;
}

struct Blocks {
  std::vector<std::string> names;
  std::vector<double> j, t;
  double log_kappa = 0;
};

// Names of every term the included rows use, in first-seen order (intercept first).
std::vector<std::string> TermNames(const std::vector<PreparedServingRun>& runs, const std::vector<size_t>& rows) {
  std::vector<std::string> names;
  for (size_t i : rows)
    for (const auto& t : runs[i].terms)
      if (std::find(names.begin(), names.end(), t.name) == names.end()) names.push_back(t.name);
  return names;
}

// One solve at fixed residual scales; returns whether Ceres converged.
bool Solve(const std::vector<PreparedServingRun>& runs, const std::vector<size_t>& rows, double scale_j,
           double scale_t, const ServingFitOptions& o, Blocks& b, ceres::Problem* keep) {
  ceres::Problem local;
  ceres::Problem& problem = keep ? *keep : local;
  for (size_t i : rows) {
    const PreparedServingRun& r = runs[i];
    ServingObservation obs{Regressors(r, b.names), r.prefill_j, r.prefill_s, r.run->j_per_output_token,
                           r.run->output_tokens_per_s, scale_j, scale_t};
    problem.AddResidualBlock(ServingResidual::Create(obs), nullptr, b.j.data(), b.t.data(), &b.log_kappa);
  }
  problem.AddResidualBlock(PriorResidual::Create(0.0, o.prefill_prior_sd), nullptr, &b.log_kappa);
  ceres::Solver::Summary summary;
  ceres::Solve(SolverOptions(o.max_iterations), &problem, &summary);
  return summary.termination_type == ceres::CONVERGENCE;
}

// RMS of the two log residuals at the current blocks.
std::pair<double, double> Rms(const std::vector<PreparedServingRun>& runs, const std::vector<size_t>& rows,
                              const Blocks& b) {
  double sj = 0, st = 0;
  const double kappa = std::exp(b.log_kappa);
  for (size_t i : rows) {
    const auto x = Regressors(runs[i], b.names);
    double lj = 0, lt = 0;
    for (size_t k = 0; k < x.size(); ++k) {
      lj += b.j[k] * x[k];
      lt += b.t[k] * x[k];
    }
    const double rj = std::log(std::exp(lj) + kappa * runs[i].prefill_j) - std::log(runs[i].run->j_per_output_token);
    const double rt = -std::log(std::exp(-lt) + kappa * runs[i].prefill_s) - std::log(runs[i].run->output_tokens_per_s);
    sj += rj * rj;
    st += rt * rt;
  }
  const double dof = std::max(1.0, static_cast<double>(rows.size()) - static_cast<double>(b.names.size()));
  return {std::sqrt(sj / dof), std::sqrt(st / dof)};
}

void FillCovariance(ceres::Problem& problem, Blocks& b, ServingFitResult& result) {
  ceres::Covariance::Options opts;
  opts.algorithm_type = ceres::DENSE_SVD;
  opts.null_space_rank = -1;
  ceres::Covariance cov(opts);
  std::vector<const double*> blocks = {b.j.data(), b.t.data(), &b.log_kappa};
  if (!cov.Compute(blocks, &problem)) return;
  const size_t k = b.names.size(), n = 2 * k + 1;
  std::vector<double> full(n * n);
  if (!cov.GetCovarianceMatrix(blocks, full.data())) return;
  ServingParams& p = result.params;
  for (const auto& name : b.names) p.covariance_names.push_back("j." + name);
  for (const auto& name : b.names) p.covariance_names.push_back("t." + name);
  p.covariance_names.push_back("log_prefill_scale");
  p.covariance.assign(n, std::vector<double>(n, 0.0));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) p.covariance[i][j] = full[i * n + j];
  for (size_t i = 0; i < n; ++i) result.std_error[p.covariance_names[i]] = std::sqrt(std::max(0.0, p.covariance[i][i]));
}

double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

}  // namespace

std::vector<PreparedServingRun> PrepareServingRuns(const std::vector<ServingRun>& runs, const DeviceDb& devices,
                                                   const ModelParams& training) {
  std::vector<double> inputs;
  for (const auto& r : runs)
    if (r.usable() && r.avg_input_len > 0) inputs.push_back(r.avg_input_len);
  const double mean_input = Mean(inputs);
  std::vector<PreparedServingRun> out;
  for (const auto& r : runs) {
    PreparedServingRun p;
    p.run = &r;
    p.device = devices.TryFind(r.device);
    p.subset = r.dataset + " " + r.device;
    p.ok = r.usable() && p.device;
    p.input_tokens = r.avg_input_len > 0 ? r.avg_input_len : mean_input;
    if (p.device) {
      const PrefillCost pf = Prefill(training, 1.0, *p.device, r.active_params, r.num_gpus, r.precision);
      p.prefill_j = p.input_tokens / r.avg_output_len * pf.joules_per_token;
      p.prefill_s = p.input_tokens / r.avg_output_len * pf.seconds_per_token;
      ServingFeatures f{r.active_params, r.total_params, r.num_gpus, r.precision, r.device, r.dataset};
      p.terms = ServingTerms(f, Layout());
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<ServingFitResult> FitServing(const std::vector<PreparedServingRun>& runs, const std::vector<bool>& include,
                                    const ServingFitOptions& o) {
  std::vector<size_t> rows;
  for (size_t i = 0; i < runs.size(); ++i)
    if (runs[i].ok && (include.empty() || include[i])) rows.push_back(i);
  if (rows.empty()) return MakeError("no usable serving runs to fit");
  Blocks b;
  b.names = TermNames(runs, rows);
  b.j.assign(b.names.size(), 0.0);
  b.t.assign(b.names.size(), 0.0);
  if (o.start) {
    for (size_t k = 0; k < b.names.size(); ++k) {
      auto j = o.start->j.find(b.names[k]), t = o.start->t.find(b.names[k]);
      if (j != o.start->j.end()) b.j[k] = j->second;
      if (t != o.start->t.end()) b.t[k] = t->second;
    }
    b.log_kappa = std::log(o.start->prefill_scale);
  } else {
    b.j[0] = std::log(runs[rows[0]].run->j_per_output_token);
    b.t[0] = std::log(runs[rows[0]].run->output_tokens_per_s);
  }
  ServingFitResult result;
  result.rows = static_cast<int>(rows.size());
  double scale_j = 1, scale_t = 1;
  if (!o.start) {
    Solve(runs, rows, 1, 1, o, b, nullptr);  // first pass: the scales of the two targets
    std::tie(scale_j, scale_t) = Rms(runs, rows, b);
  } else {
    scale_j = o.start->sigma_log_j > 0 ? o.start->sigma_log_j : 1;
    scale_t = o.start->sigma_log_t > 0 ? o.start->sigma_log_t : 1;
  }
  ceres::Problem problem;
  result.converged = Solve(runs, rows, scale_j, scale_t, o, b, &problem);
  std::tie(result.rms_log_j, result.rms_log_t) = Rms(runs, rows, b);
  ServingParams& p = result.params;
  p.status = "fitted";
  for (size_t k = 0; k < b.names.size(); ++k) {
    p.j[b.names[k]] = b.j[k];
    p.t[b.names[k]] = b.t[k];
  }
  p.prefill_scale = std::exp(b.log_kappa);
  p.sigma_log_j = scale_j;  // replaced by the leave-one-model-out scatter when the CV runs
  p.sigma_log_t = scale_t;
  std::vector<double> inputs, outputs;
  p.min_batch_measured = 1e300;
  p.max_batch_measured = 0;
  for (size_t i : rows) {
    const ServingRun& r = *runs[i].run;
    p.min_batch_measured = std::min(p.min_batch_measured, r.max_batch);
    p.max_batch_measured = std::max(p.max_batch_measured, r.max_batch);
    if (r.avg_input_len > 0) inputs.push_back(r.avg_input_len);
    if (r.dataset == p.reference_dataset) outputs.push_back(r.avg_output_len);
  }
  p.reference_input_tokens = std::round(Mean(inputs));
  p.default_input_tokens = p.reference_input_tokens;
  p.default_output_tokens = std::round(Mean(outputs));
  if (o.covariance) FillCovariance(problem, b, result);
  return result;
}

Result<ServingPrediction> PredictServingRun(const ServingParams& params, const ModelParams& training,
                                            const DeviceDb& devices, const PreparedServingRun& r) {
  const ServingRun& run = *r.run;
  auto m = ReplicaModel::Make(params, training, devices, *r.device, run.num_gpus, run.active_params, run.total_params,
                              run.precision, run.dataset);
  if (!m) return m.error();
  ServingPrediction p;
  p.j = m->RequestJoules(run.max_batch, r.input_tokens, run.avg_output_len) / run.avg_output_len;
  p.t = run.avg_output_len / m->RequestSeconds(run.max_batch, r.input_tokens, run.avg_output_len);
  return p;
}

Result<ServingCvReport> ServingLeaveOneModelOut(const std::vector<PreparedServingRun>& runs,
                                               const ServingFitResult& full, const ModelParams& training,
                                               const DeviceDb& devices) {
  ServingCvReport rep;
  std::set<std::string> groups;
  for (const auto& r : runs)
    if (r.ok) groups.insert(r.run->group);
  rep.groups = static_cast<int>(groups.size());
  ServingFitOptions o;
  o.covariance = false;
  o.start = &full.params;
  struct Series {
    std::vector<double> fj, ft, ej, et, erj, ert, aj, at;
  };
  std::map<std::string, Series> series;  // "" = all rows
  std::vector<double> log_j, log_t;
  for (const auto& g : groups) {
    std::vector<bool> include(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) include[i] = runs[i].ok && runs[i].run->group != g;
    auto fit = FitServing(runs, include, o);
    if (!fit) return fit.error();
    for (const auto& r : runs) {
      if (!r.ok || r.run->group != g) continue;
      auto pred = PredictServingRun(fit->params, training, devices, r);
      if (!pred) return pred.error();
      const ServingRun& run = *r.run;
      const EcoLogitsRequest eco = EcoLogits(run.active_params, run.total_params, run.avg_output_len, 1.0);
      const EcoLogitsRequest eco_row =
          EcoLogits(run.active_params, run.total_params, run.avg_output_len, 1.0, run.max_batch, run.num_gpus);
      ServingCvRow row{run.model_id, run.group, run.dataset, run.task, run.device, run.num_gpus, run.max_batch,
                       run.j_per_output_token, pred->j, eco.accelerator_j_per_output_token,
                       eco_row.accelerator_j_per_output_token, run.output_tokens_per_s, pred->t,
                       eco.output_tokens_per_s, eco_row.output_tokens_per_s};
      log_j.push_back(std::log(row.foreprint_j / row.actual_j));
      log_t.push_back(std::log(row.foreprint_t / row.actual_t));
      for (const std::string& key : {std::string(), r.subset}) {
        Series& s = series[key];
        s.fj.push_back(row.foreprint_j);
        s.ft.push_back(row.foreprint_t);
        s.ej.push_back(row.ecologits_j);
        s.et.push_back(row.ecologits_t);
        s.erj.push_back(row.ecologits_row_j);
        s.ert.push_back(row.ecologits_row_t);
        s.aj.push_back(row.actual_j);
        s.at.push_back(row.actual_t);
      }
      rep.rows.push_back(std::move(row));
    }
  }
  for (const auto& [key, s] : series) {
    ServingCvSummary sum{Summarise(s.fj, s.aj), Summarise(s.ft, s.at),  Summarise(s.ej, s.aj),
                         Summarise(s.et, s.at), Summarise(s.erj, s.aj), Summarise(s.ert, s.at)};
    if (key.empty()) {
      rep.all = sum;
    } else {
      rep.by_subset[key] = sum;
    }
  }
  rep.sigma_log_j = IntervalSigma(log_j);
  rep.sigma_log_t = IntervalSigma(log_t);
  return rep;
}

}  // namespace foreprint

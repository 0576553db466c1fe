// calibrate_command.cc — `foreprint calibrate`: fit the throughput and power models to published
// (and the user's own) runs, report each parameter ± standard error, and with --cv the
// leave-one-out accuracy next to OpenCarbonEval, a static 30 % MFU model and TDP × hours.
#include <chrono>
#include <cmath>
#include <ctime>

#include "calibration/cross_validation.h"
#include "calibration/mlperf_runs.h"
#include "calibration/mlperf_validation.h"
#include "calibration/serving_fit.h"
#include "cli/command.h"
#include "core/data_files.h"
#include "report/db_json.h"
#include "core/quantity_parser.h"
#include "core/sha256.h"
#include "core/suggest.h"
#include "report/table.h"
#include "core/text.h"

namespace foreprint::cli {
namespace {

struct CalibrateArgs {
  std::vector<std::string> runs;
  std::vector<std::string> priors;  // NAME=SD
  std::string out;
  bool cv = false, json = false;
  bool without_mlperf = false;
  bool serving = false;
};

// "--prior slope_log_params=0.2" → {"slope_log_params", 0.2}, into `options`.
Status ParsePriorOverride(const std::string& text, FitOptions& options) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos) return MakeError("expected NAME=SD, e.g. --prior slope_log_params=0.2").Field("--prior");
  const std::string name = Trim(text.substr(0, eq));
  const std::string value = Trim(text.substr(eq + 1));
  if (!Priors().count(name)) {
    std::vector<std::string> names;
    for (const auto& [k, p] : Priors()) names.push_back(k);
    return MakeError(UnknownIdMessage("prior", name, SuggestName(name, names), "foreprint calibrate --help"))
        .Field("--prior");
  }
  auto sd = ParsePlainNumber(value);
  if (!sd) return Error(sd.error()).Field("--prior " + name);
  if (*sd <= 0 || *sd > 1e6) {
    return MakeError("the standard deviation must be a number above 0 and at most 1e6, got '" + value + "'")
        .Field("--prior " + name);
  }
  options.prior_sd[name] = *sd;
  return {};
}

std::string PriorNames() {
  std::string s;
  for (const auto& [k, p] : Priors()) s += (s.empty() ? "" : ", ") + k + " (" + FormatSig(p.sd, 2) + ")";
  return s;
}

std::string Pct(double x) { return FormatSig(100 * x, 3) + " %"; }
std::string Err(double pred, double actual) {
  double e = pred / actual - 1;
  return (e >= 0 ? "+" : "") + FormatSig(100 * e, 3) + " %";
}

std::string Today() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

void PrintParameters(const FitResult& fit, std::ostream& out) {
  const ModelParams& m = fit.params;
  out << "Fit: " << fit.time_runs << " runs with FLOPs, device, count and device-hours (time); " << fit.energy_runs
      << " runs with measured energy (power)" << (fit.converged ? "" : " — solver did not fully converge") << "\n\n";
  Table t;
  t.AddColumn("parameter");
  t.AddColumn("value", Table::Align::kRight);
  t.AddColumn("± s.e.", Table::Align::kRight);
  t.AddColumn("meaning");
  auto se = [&](const std::string& k) {
    auto it = fit.std_error.find(k);
    return it == fit.std_error.end() ? std::string("-") : FormatSig(it->second, 2);
  };
  for (const auto& [fam, v] : m.throughput.family_logit) {
    t.AddRow({"family_logit." + fam, FormatSig(v, 3), se("family_logit." + fam),
              "MFU at 1B params, 1000 devices, 2022: " + Pct(1 / (1 + std::exp(-v)))});
  }
  t.AddRow({"default_logit", FormatSig(m.throughput.default_logit, 3), se("default_logit"), "families without data"});
  t.AddRow({"slope_log_params", FormatSig(m.throughput.slope_log_params, 3), se("slope_log_params"),
            "per ln(N/1e9)"});
  t.AddRow({"slope_log_count", FormatSig(m.throughput.slope_log_count, 3), se("slope_log_count"), "per ln(n/1e3)"});
  for (const auto& [mod, v] : m.throughput.modality_offset) {
    if (mod != "text") t.AddRow({"modality_offset." + mod, FormatSig(v, 3), se("modality_offset." + mod), "vs text"});
  }
  t.AddRow({"slope_year", FormatSig(m.throughput.slope_year, 3), se("slope_year"), "per year after 2022"});
  for (const auto& [k, v] : m.throughput.workload_offset)
    t.AddRow({"workload_offset." + k, FormatSig(v, 3), se("workload_offset." + k), "vs transformer"});
  for (const auto& [k, v] : m.throughput.precision_offset)
    t.AddRow({"precision_offset." + k, FormatSig(v, 3), se("precision_offset." + k), "share of the " + k + " peak, vs bf16/fp16"});
  t.AddRow({"benchmark_offset", FormatSig(m.throughput.benchmark_offset, 3), se("benchmark_offset"),
            "setting: benchmark (MLPerf) vs production"});
  t.AddRow({"benchmark_slope_log_count", FormatSig(m.throughput.benchmark_slope_log_count, 3),
            se("benchmark_slope_log_count"), "benchmark's extra slope per ln(n/1e3)"});
  t.AddRow({"benchmark_warmup_hours", FormatSig(m.throughput.benchmark_warmup_hours, 3),
            se("log_benchmark_warmup_hours") + " (ln)", "benchmark warm-up time constant"});
  t.AddRow({"warmup_hours", FormatSig(m.throughput.warmup_hours, 3), se("log_warmup_hours") + " (ln)",
            "warm-up time constant"});
  t.AddRow({"goodput_lambda", FormatSig(m.throughput.goodput_lambda, 3), se("goodput_lambda"),
            "goodput 1/(1+λ·n/1000)"});
  t.AddRow({"p0", FormatSig(m.power.p0, 3), se("p0"), "device power share of (TDP − idle) at MFU 0"});
  t.AddRow({"p1", FormatSig(m.power.p1, 3), se("p1"), "… added per unit MFU"});
  t.AddRow({"host_w_per_device", FormatSig(m.power.host_w_per_device, 3), se("host_w_per_device"),
            "CPU, DRAM, NIC share, W"});
  for (const auto& [fam, v] : m.power.family_offset) {
    t.AddRow({"power_family_offset." + fam, FormatSig(v, 3), se("power_family_offset." + fam),
              "share of (TDP − idle) above/below the common curve"});
  }
  t.RenderText(out);
}

// How sure the summary's comparisons are (paired bootstrap of the median |pred/actual − 1|).
void PrintBootstrap(const CvReport& r, std::ostream& out) {
  out << "\nHow sure (" << r.time_vs_static30.resamples
      << " paired bootstrap resamples of the runs, percentile method, fixed seed):\n"
         "median |err| with its 90 % interval, and how often foreprint's median is the lower\n\n";
  Table b;
  b.AddColumn("comparison");
  b.AddColumn("foreprint", Table::Align::kRight);
  b.AddColumn("baseline", Table::Align::kRight);
  b.AddColumn("foreprint lower in", Table::Align::kRight);
  auto span = [](const Metric& m, const MedianInterval& i) {
    return Pct(m.median_abs_err) + " (" + Pct(i.lo) + "–" + Pct(i.hi) + ")";
  };
  auto add = [&](const std::string& name, const Metric& ours, const Metric& theirs, const BootstrapComparison& c) {
    b.AddRow({name, span(ours, c.ours), span(theirs, c.theirs), Pct(c.share_ours_lower) + " of resamples"});
  };
  add("device-hours vs static 30 % MFU", r.foreprint_all, r.static30_all, r.time_vs_static30);
  add("device-hours vs OpenCarbonEval α refit", r.foreprint_all, r.oce_refit_all, r.time_vs_oce_refit);
  add("energy given hours vs TDP × hours", r.energy_foreprint, r.energy_tdp, r.energy_vs_tdp);
  b.RenderText(out);
}

// Per run: a priori device-hours against the actual ones, foreprint and the baselines.
void PrintTimeTable(const CvReport& r, std::ostream& out) {
  out << "\nLeave-one-out: a priori device-hours (each run's hours withheld from its own fit)\n\n";
  Table t;
  for (const char* h : {"run", "device", "n", "actual h", "foreprint", "err", "in P10-P90", "OCE", "err", "30 % MFU", "err"}) {
    t.AddColumn(h, std::string(h) == "run" || std::string(h) == "device" ? Table::Align::kLeft : Table::Align::kRight);
  }
  for (const auto& row : r.time) {
    bool has_actual = row.actual > 0;
    t.AddRow({row.name, row.device, FormatNumber(row.count) + (row.imputed_count ? "*" : ""),
              has_actual ? FormatSig(row.actual, 3) : "-", FormatSig(row.foreprint, 3),
              has_actual ? Err(row.foreprint, row.actual) : "-",
              row.p90 > 0 ? (row.actual >= row.p10 && row.actual <= row.p90 ? "yes" : "no") : "-",
              row.oce ? FormatSig(*row.oce, 3) : "-", row.oce && has_actual ? Err(*row.oce, row.actual) : "-",
              FormatSig(row.static30, 3), has_actual ? Err(row.static30, row.actual) : "-"});
  }
  t.RenderText(out);
  out << "* device count unknown: reference scale (1000 devices) assumed; not part of the fit.\n";
}

// The summary metrics of every method, then how sure the comparisons are.
void PrintSummary(const CvReport& r, std::ostream& out) {
  out << "\nSummary (median |pred/actual − 1|, share within ±25 %, P10–P90 coverage; median |ln(pred/actual)| is\n"
         "the symmetric view: |pred/actual − 1| caps under-prediction at 100 % and so favours predicting low)\n\n";
  Table s;
  s.AddColumn("method");
  s.AddColumn("runs", Table::Align::kRight);
  s.AddColumn("median |err|", Table::Align::kRight);
  s.AddColumn("within ±25 %", Table::Align::kRight);
  s.AddColumn("P10–P90 coverage", Table::Align::kRight);
  s.AddColumn("median |ln ratio|", Table::Align::kRight);
  auto add = [&](const std::string& name, const Metric& m) {
    s.AddRow({name, std::to_string(m.n), Pct(m.median_abs_err), Pct(m.within_25), m.coverage >= 0 ? Pct(m.coverage) : "-",
              FormatSig(m.median_abs_log, 3)});
  };
  add("foreprint (all runs)", r.foreprint_all);
  add("foreprint, device family held out", r.foreprint_family_out);
  add("static 30 % MFU (all runs)", r.static30_all);
  add("OpenCarbonEval, α refit (all runs)", r.oce_refit_all);
  add("foreprint (runs OCE covers)", r.foreprint_oce_subset);
  add("OpenCarbonEval, released α (in-sample)", r.oce_subset);
  add("static 30 % MFU (runs OCE covers)", r.static30_oce_subset);
  add("energy given hours: foreprint", r.energy_foreprint);
  add("energy given hours: TDP × hours", r.energy_tdp);
  s.RenderText(out);
  PrintBootstrap(r, out);
}

// Per run with measured energy: predicted from its actual device-hours, in its own scope.
void PrintEnergyTable(const CvReport& r, std::ostream& out) {
  out << "\nEnergy given device-hours (runs with measured energy, each in its own scope)\n\n";
  Table e;
  for (const char* h : {"run", "device", "scope", "measured kWh", "foreprint", "err", "TDP × h", "err"}) {
    e.AddColumn(h, std::string(h) == "run" || std::string(h) == "device" || std::string(h) == "scope"
                       ? Table::Align::kLeft : Table::Align::kRight);
  }
  for (const auto& row : r.energy) {
    e.AddRow({row.name, row.device, row.scope, FormatSig(row.actual, 3), FormatSig(row.foreprint, 3),
              Err(row.foreprint, row.actual), FormatSig(row.tdp, 3), Err(row.tdp, row.actual)});
  }
  e.RenderText(out);
  out << "TDP × h is ML CO2 Impact's method (device-hours × TDP); times a grid intensity (TDP × hours × CI) its\n"
         "relative error is the same, since the intensity multiplies prediction and measurement alike.\n";
}

// OpenCarbonEval's six validation models in its accounting, and the scatter written to fitted.yaml.
void PrintOceValidation(const CvReport& r, std::ostream& out) {
  out << "\nOpenCarbonEval's validation models (t CO2e as OpenCarbonEval accounts it: device-hours × TDP × CI)\n\n";
  Table v;
  for (const char* h : {"model", "ground truth t", "foreprint t", "err", "OpenCarbonEval t", "err"}) {
    v.AddColumn(h, std::string(h) == "model" ? Table::Align::kLeft : Table::Align::kRight);
  }
  for (const auto& row : r.oce_validation) {
    v.AddRow({row.name, FormatSig(row.actual_t, 3), FormatSig(row.foreprint_t, 3), Err(row.foreprint_t, row.actual_t),
              FormatSig(row.oce_t, 3), Err(row.oce_t, row.actual_t)});
  }
  v.RenderText(out);
  out << "mean |error|: foreprint " << Pct(r.oce6_foreprint_mean_abs) << ", OpenCarbonEval " << Pct(r.oce6_oce_mean_abs)
      << "\nleave-one-out scatter: σ(ln device-hours) = " << FormatSig(r.sigma_log_time, 3)
      << ", σ(ln energy) = " << FormatSig(r.sigma_log_energy, 3) << "\n";
}

// MLPerf Training: run time a priori, by fits that never saw the row (calibration/mlperf_validation.h).
void PrintMlperf(const MlperfCvReport& m, std::ostream& out) {
  out << "\nMLPerf Training v0.5–v5.0 (benchmark setting): run time predicted by fits that never saw the row\n\n";
  Table s;
  s.AddColumn("test");
  s.AddColumn("rows", Table::Align::kRight);
  s.AddColumn("median |err|", Table::Align::kRight);
  s.AddColumn("within ±25 %", Table::Align::kRight);
  s.AddColumn("median |ln ratio|", Table::Align::kRight);
  auto add = [&](const std::string& name, const Metric& x) {
    s.AddRow({name, std::to_string(x.n), Pct(x.median_abs_err), Pct(x.within_25), FormatSig(x.median_abs_log, 3)});
  };
  add("leave-one-system-out (" + std::to_string(m.systems) + " systems)", m.loso);
  for (const auto& [round, x] : m.forward) add("forward in time: fit on rounds before " + round + ", predict " + round, x);
  add("family held out: all families", m.family_out);
  add("family held out: Blackwell, CDNA 3, Gaudi, TPU v5/v6", m.family_out_modern);
  for (const auto& [set, x] : m.family_out_by_set) add("  held out: " + set, x);
  add("static 30 % MFU of the precision's peak", m.static30);
  add("power: energy given hours, out of sample (nodes at the wall)", m.power);
  add("power: TDP × hours (accelerators only)", m.power_tdp);
  s.RenderText(out);
  out << "Ranking: Spearman correlation of predicted (leave-one-system-out) and measured per-device throughput,\n"
         "per round and benchmark with at least 3 systems: median "
      << FormatSig(m.median_spearman, 3) << " over " << m.ranking.size() << " (round, benchmark) cells.\n";
}

void PrintCv(const CvReport& r, std::ostream& out) {
  PrintTimeTable(r, out);
  PrintSummary(r, out);
  PrintEnergyTable(r, out);
  PrintOceValidation(r, out);
}

Json BootstrapJson(const BootstrapComparison& c) {
  return Json{{"foreprint_median_p05", c.ours.lo}, {"foreprint_median_p95", c.ours.hi},
              {"baseline_median_p05", c.theirs.lo}, {"baseline_median_p95", c.theirs.hi},
              {"share_foreprint_lower", c.share_ours_lower}};
}

Json MetricJson(const Metric& m) {
  return Json{{"runs", m.n}, {"median_abs_err", m.median_abs_err}, {"within_25", m.within_25}, {"median_abs_log", m.median_abs_log},
              {"coverage_p10_p90", m.coverage >= 0 ? Json(m.coverage) : Json()}};
}

Json MlperfJson(const MlperfCvReport& m) {
  Json rows = Json::array();
  for (const auto& r : m.rows) {
    auto opt = [](double v) { return v > 0 ? Json(v) : Json(); };
    rows.push_back({{"name", r.name}, {"system", r.group}, {"round", r.round}, {"benchmark", r.benchmark},
                    {"device", r.device}, {"family", r.family}, {"dtype", r.dtype}, {"count", r.count},
                    {"actual_minutes", r.actual_minutes}, {"loso_minutes", opt(r.loso_minutes)},
                    {"forward_minutes", opt(r.forward_minutes)}, {"family_out_minutes", opt(r.family_out_minutes)},
                    {"static30_minutes", r.static30_minutes}});
  }
  Json forward = Json::object(), family = Json::object(), ranking = Json::array();
  for (const auto& [round, x] : m.forward) forward[round] = MetricJson(x);
  for (const auto& [set, x] : m.family_out_by_set) family[set] = MetricJson(x);
  for (const auto& r : m.ranking) {
    ranking.push_back({{"round", r.round}, {"benchmark", r.benchmark}, {"systems", r.devices}, {"spearman", r.spearman}});
  }
  return Json{{"rows", rows},
              {"summary",
               {{"leave_one_system_out", MetricJson(m.loso)},
                {"systems", m.systems},
                {"forward_in_time", forward},
                {"family_out", MetricJson(m.family_out)},
                {"family_out_modern", MetricJson(m.family_out_modern)},
                {"family_out_by_set", family},
                {"static30", MetricJson(m.static30)},
                {"power_out_of_sample", MetricJson(m.power)},
                {"power_tdp", MetricJson(m.power_tdp)},
                {"median_spearman", m.median_spearman}}},
              {"ranking", ranking}};
}

Json ReportJson(const FitResult& fit, const CvReport* cv, const MlperfCvReport* mlperf) {
  Json j;
  j["time_runs"] = fit.time_runs;
  j["energy_runs"] = fit.energy_runs;
  j["converged"] = fit.converged;
  Json params = Json::object();
  for (const auto& [k, v] : fit.std_error) params[k] = Json{{"std_error", v}};
  j["std_error"] = params;
  j["fitted_yaml"] = fit.params.ToYaml();
  if (cv) {
    Json rows = Json::array();
    for (const auto& r : cv->time) {
      rows.push_back({{"name", r.name}, {"device", r.device}, {"count", r.count}, {"imputed_count", r.imputed_count},
                      {"actual_device_hours", r.actual > 0 ? Json(r.actual) : Json()}, {"foreprint", r.foreprint},
                      {"p10", r.p10}, {"p90", r.p90}, {"oce", r.oce ? Json(*r.oce) : Json()},
                      {"oce_refit", r.oce_refit}, {"static30", r.static30},
                      {"foreprint_family_out", r.foreprint_family_out > 0 ? Json(r.foreprint_family_out) : Json()}});
    }
    Json energy = Json::array();
    for (const auto& r : cv->energy) {
      energy.push_back({{"name", r.name}, {"device", r.device}, {"scope", r.scope}, {"measured_kwh", r.actual},
                        {"foreprint_kwh", r.foreprint}, {"tdp_kwh", r.tdp}});
    }
    Json oce6 = Json::array();
    for (const auto& r : cv->oce_validation) {
      oce6.push_back({{"name", r.name}, {"ground_truth_t", r.actual_t}, {"foreprint_t", r.foreprint_t}, {"oce_t", r.oce_t}});
    }
    j["cv"] = {{"time", rows},
               {"energy", energy},
               {"oce_validation", oce6},
               {"summary",
                {{"foreprint_all", MetricJson(cv->foreprint_all)},
                 {"foreprint_family_out", MetricJson(cv->foreprint_family_out)},
                 {"static30_all", MetricJson(cv->static30_all)},
                 {"oce_refit_all", MetricJson(cv->oce_refit_all)},
                 {"foreprint_oce_subset", MetricJson(cv->foreprint_oce_subset)},
                 {"oce_subset", MetricJson(cv->oce_subset)},
                 {"static30_oce_subset", MetricJson(cv->static30_oce_subset)},
                 {"energy_foreprint", MetricJson(cv->energy_foreprint)},
                 {"energy_tdp", MetricJson(cv->energy_tdp)},
                 {"oce6_mean_abs_err", {{"foreprint", cv->oce6_foreprint_mean_abs}, {"oce", cv->oce6_oce_mean_abs}}},
                 {"bootstrap",
                  {{"resamples", kBootstrapResamples},
                   {"seed", kBootstrapSeed},
                   {"time_vs_static30", BootstrapJson(cv->time_vs_static30)},
                   {"time_vs_oce_refit", BootstrapJson(cv->time_vs_oce_refit)},
                   {"energy_vs_tdp", BootstrapJson(cv->energy_vs_tdp)}}},
                 {"sigma_log_time", cv->sigma_log_time},
                 {"sigma_log_energy", cv->sigma_log_energy}}}};
  }
  if (mlperf) j["mlperf"] = MlperfJson(*mlperf);
  return j;
}

// --serving: the parameter table of the two curves and κ.
void PrintServingParameters(const ServingFitResult& fit, const std::string& data, std::ostream& out) {
  const ServingParams& p = fit.params;
  out << "Serving fit: " << fit.rows << " usable rows of " << data << " (ML.ENERGY v3 and v2)"
      << (fit.converged ? "" : " — solver did not fully converge") << "; in-sample RMS ln J " << FormatSig(fit.rms_log_j, 3)
      << ", ln tokens/s " << FormatSig(fit.rms_log_t, 3) << "\n\n";
  Table t;
  t.AddColumn("term");
  t.AddColumn("ln J/token", Table::Align::kRight);
  t.AddColumn("± s.e.", Table::Align::kRight);
  t.AddColumn("ln tokens/s", Table::Align::kRight);
  t.AddColumn("± s.e.", Table::Align::kRight);
  auto se = [&](const std::string& k) {
    auto it = fit.std_error.find(k);
    return it == fit.std_error.end() ? std::string("-") : FormatSig(it->second, 2);
  };
  for (const auto& [name, v] : p.j) {
    auto tv = p.t.find(name);
    t.AddRow({name, FormatSig(v, 3), se("j." + name), tv == p.t.end() ? "-" : FormatSig(tv->second, 3), se("t." + name)});
  }
  t.RenderText(out);
  out << "prefill scale κ = " << FormatSig(p.prefill_scale, 3) << " (± " << se("log_prefill_scale")
      << " in ln; 1 = prefill at the training model's MFU and power)\n"
      << "reference levels: " << p.reference_device << ", bf16/fp16 weights, " << p.reference_dataset
      << " (estimates use it: current serving software)\n";
}

// --serving --cv: leave-one-model-out medians by subset and by model, EcoLogits beside.
void PrintServingCv(const ServingCvReport& r, std::ostream& out) {
  out << "\nLeave-one-model-out: every row of a model predicted a priori (device, GPUs, batch cap, sizes, precision,\n"
         "dataset, tokens) by a fit without any row of that model; "
      << r.groups << " models, " << r.rows.size()
      << " rows. Median |pred/actual − 1|; EcoLogits' published formula on the same rows\n"
         "for comparison (not a target): as deployed (B = 64, its own GPU count) and with the row's batch cap and GPUs.\n\n";
  Table both;
  both.AddColumn("subset");
  for (const char* h : {"rows", "J/token: foreprint", "EcoLogits B=64", "EcoLogits row B", "tokens/s: foreprint",
                        "EcoLogits B=64", "EcoLogits row B"}) {
    both.AddColumn(h, Table::Align::kRight);
  }
  std::vector<std::pair<std::string, const ServingCvSummary*>> all = {{"all rows", &r.all}};
  for (const auto& [k, s] : r.by_subset) all.push_back({k, &s});
  for (const auto& [name, s] : all) {
    both.AddRow({name, std::to_string(s->foreprint_j.n), Pct(s->foreprint_j.median_abs_err),
                 Pct(s->ecologits_j.median_abs_err), Pct(s->ecologits_row_j.median_abs_err),
                 Pct(s->foreprint_t.median_abs_err), Pct(s->ecologits_t.median_abs_err),
                 Pct(s->ecologits_row_t.median_abs_err)});
  }
  both.RenderText(out);
  out << "median |ln(pred/actual)|: J/token foreprint " << FormatSig(r.all.foreprint_j.median_abs_log, 3)
      << ", EcoLogits " << FormatSig(r.all.ecologits_j.median_abs_log, 3) << "; tokens/s foreprint "
      << FormatSig(r.all.foreprint_t.median_abs_log, 3) << ", EcoLogits " << FormatSig(r.all.ecologits_t.median_abs_log, 3)
      << "\nP10–P90 width written to serving_fitted.yaml: σ(ln J) = " << FormatSig(r.sigma_log_j, 3)
      << ", σ(ln tokens/s) = " << FormatSig(r.sigma_log_t, 3) << "\n";
  // By model: median error of its rows.
  std::map<std::string, std::vector<const ServingCvRow*>> by_model;
  for (const auto& row : r.rows) by_model[row.group].push_back(&row);
  out << "\nBy model (its rows held out together)\n\n";
  Table m;
  m.AddColumn("model");
  for (const char* h : {"rows", "J/token: foreprint", "EcoLogits B=64", "tokens/s: foreprint"}) m.AddColumn(h, Table::Align::kRight);
  for (const auto& [g, rows] : by_model) {
    std::vector<double> fj, ej, aj, ft, at;
    for (const auto* x : rows) {
      fj.push_back(x->foreprint_j);
      ej.push_back(x->ecologits_j);
      aj.push_back(x->actual_j);
      ft.push_back(x->foreprint_t);
      at.push_back(x->actual_t);
    }
    m.AddRow({g, std::to_string(rows.size()), Pct(Summarise(fj, aj).median_abs_err), Pct(Summarise(ej, aj).median_abs_err),
              Pct(Summarise(ft, at).median_abs_err)});
  }
  m.RenderText(out);
}

Json ServingCvJson(const ServingCvReport& r) {
  auto summary = [](const ServingCvSummary& s) {
    return Json{{"foreprint_j", MetricJson(s.foreprint_j)},         {"foreprint_tput", MetricJson(s.foreprint_t)},
                {"ecologits_j", MetricJson(s.ecologits_j)},         {"ecologits_tput", MetricJson(s.ecologits_t)},
                {"ecologits_row_j", MetricJson(s.ecologits_row_j)}, {"ecologits_row_tput", MetricJson(s.ecologits_row_t)}};
  };
  Json rows = Json::array();
  for (const auto& x : r.rows) {
    rows.push_back({{"model", x.model}, {"group", x.group}, {"dataset", x.dataset}, {"task", x.task}, {"device", x.device},
                    {"gpus", x.gpus}, {"max_batch", x.max_batch}, {"actual_j", x.actual_j}, {"foreprint_j", x.foreprint_j},
                    {"ecologits_j", x.ecologits_j}, {"ecologits_row_j", x.ecologits_row_j}, {"actual_tput", x.actual_t},
                    {"foreprint_tput", x.foreprint_t}, {"ecologits_tput", x.ecologits_t},
                    {"ecologits_row_tput", x.ecologits_row_t}});
  }
  Json subsets = Json::object();
  for (const auto& [k, s] : r.by_subset) subsets[k] = summary(s);
  return Json{{"models", r.groups}, {"rows", rows}, {"summary", summary(r.all)}, {"by_subset", subsets},
              {"sigma_log_j", r.sigma_log_j}, {"sigma_log_tput", r.sigma_log_t}};
}

Status RunServing(const CalibrateArgs& a, std::ostream& out) {
  if (!a.runs.empty() || !a.priors.empty() || a.without_mlperf) {
    return MakeError("--runs, --prior and --without-mlperf apply to the training fit, not to --serving").Field("--serving");
  }
  auto devices = DeviceDb::Builtin();
  if (!devices) return devices.error();
  auto training = ModelParams::Builtin();
  if (!training) return training.error();
  auto file = ReadDataFile("calibration/data/serving_runs.csv");
  if (!file) return file.error();
  auto runs = ParseServingRuns(file->text, file->display_name);
  if (!runs) return runs.error();
  const auto prepared = PrepareServingRuns(*runs, **devices, **training);
  auto fit = FitServing(prepared, {});
  if (!fit) return fit.error();
  ServingParams& p = fit->params;
  p.generated = Today();
  p.dataset_sha256 = Sha256Hex(file->text);
  p.sources["fit"] = "foreprint calibrate --serving on calibration/data/serving_runs.csv: ML.ENERGY v3 (H100, "
                     "lm-arena-chat, vLLM 0.11.1) and v2 (A100-SXM4-40GB and H100, chat and code, vLLM 0.5.4); Chung et "
                     "al., The ML.ENERGY Benchmark, NeurIPS D&B 2025, arXiv:2505.06371, Apache-2.0; rows with a flag left out";
  p.sources["prefill"] = "κ × physics: 2·N_active FLOPs per input token at the training model's MFU and device power "
                         "(calibration/fitted.yaml)";
  p.sources["defaults.input_tokens"] = "mean avg_input_len of the rows that publish one (ML.ENERGY v2 chat prompts, "
                                       "system prompt included); also assumed for rows without one";
  p.sources["defaults.output_tokens"] = "mean avg_output_len of the ML.ENERGY v3 rows (lm-arena-chat)";
  std::optional<ServingCvReport> cv;
  if (a.cv || !a.out.empty()) {
    auto rep = ServingLeaveOneModelOut(prepared, *fit, **training, **devices);
    if (!rep) return rep.error();
    cv = *rep;
    p.sigma_log_j = cv->sigma_log_j;
    p.sigma_log_t = cv->sigma_log_t;
    p.cv_median_abs_err_j = cv->all.foreprint_j.median_abs_err;
    p.cv_median_abs_err_t = cv->all.foreprint_t.median_abs_err;
  }
  if (!a.out.empty()) {
    if (auto st = WriteFileAtomically(a.out, p.ToYaml()); !st) return st;
  }
  if (a.json) {
    Json j;
    j["rows"] = fit->rows;
    j["converged"] = fit->converged;
    Json se = Json::object();
    for (const auto& [k, v] : fit->std_error) se[k] = Json{{"std_error", v}};
    j["std_error"] = se;
    j["serving_fitted_yaml"] = p.ToYaml();
    if (a.cv && cv) j["cv"] = ServingCvJson(*cv);
    out << j.dump(2) << "\n";
    return {};
  }
  PrintServingParameters(*fit, file->display_name, out);
  if (a.cv && cv) PrintServingCv(*cv, out);
  if (!a.out.empty()) out << "\nwrote " << a.out << "\n";
  return {};
}

Status Run(const CalibrateArgs& a, std::ostream& out) {
  if (a.serving) return RunServing(a, out);
  auto devices = DeviceDb::Builtin();
  if (!devices) return devices.error();
  auto oce = OceTable::Builtin();
  if (!oce) return oce.error();
  auto base = ReadDataFile("calibration/data/runs.csv");
  if (!base) return base.error();
  auto runs = ParseRuns(base->text, base->display_name);
  if (!runs) return runs.error();
  std::string hashed = base->text;
  for (const auto& path : a.runs) {
    auto text = ReadTextFile(path);
    if (!text) return text.error();
    auto extra = ParseRuns(*text, path);
    if (!extra) return extra.error();
    for (const auto& r : *extra) {
      if (!r.device.empty() && !(*devices)->TryFind(r.device)) {
        Error e = MakeError((*devices)->Find(r.device).error().message);
        return e.At(path, r.line).Field("device");
      }
    }
    runs->insert(runs->end(), extra->begin(), extra->end());
    hashed += *text;
  }
  if (!a.without_mlperf) {
    auto mlperf_file = ReadDataFile("calibration/data/mlperf_runs.csv");
    if (!mlperf_file) return mlperf_file.error();
    auto mlperf = ParseMlperfRuns(mlperf_file->text, mlperf_file->display_name);
    if (!mlperf) return mlperf.error();
    auto power_file = ReadDataFile("calibration/data/mlperf_power.csv");
    if (!power_file) return power_file.error();
    auto power = ParseMlperfPower(power_file->text, power_file->display_name, *mlperf);
    if (!power) return power.error();
    runs->insert(runs->end(), mlperf->begin(), mlperf->end());
    runs->insert(runs->end(), power->begin(), power->end());
    hashed += mlperf_file->text + power_file->text;
  }
  FitOptions opts;
  for (const auto& p : a.priors) {
    if (auto st = ParsePriorOverride(p, opts); !st) return st;
  }
  std::vector<PreparedRun> prepared = PrepareRuns(*runs, **devices);
  auto fit = Fit(prepared, {}, opts);
  if (!fit) return fit.error();
  fit->params.generated = Today();
  fit->params.dataset_sha256 = Sha256Hex(hashed);
  auto prior = ModelParams::Builtin();
  if (prior) fit->params.sources = (*prior)->sources;
  fit->params.sources["fit"] = "foreprint calibrate on calibration/data/runs.csv" +
                               std::string(a.without_mlperf ? "" : " + calibration/data/mlperf_runs.csv") +
                               std::string(a.runs.empty() ? "" : " + " + Join(a.runs, " + ")) +
                               "; priors: Priors() in calibration/fitter.cc" +
                               (a.priors.empty() ? std::string() : ", with --prior " + Join(a.priors, " --prior "));

  std::optional<CvReport> cv;
  if (a.cv || !a.out.empty()) {
    auto rep = LeaveOneOut(prepared, *fit, **oce, **devices, opts);
    if (!rep) return rep.error();
    cv = *rep;
    fit->params.uncertainty.sigma_log_time = cv->sigma_log_time;
    fit->params.uncertainty.sigma_log_power = cv->sigma_log_energy;
  }
  std::optional<MlperfCvReport> mlperf_cv;
  if (a.cv && !a.without_mlperf) {
    auto rep = MlperfValidation(prepared, *fit, opts);
    if (!rep) return rep.error();
    mlperf_cv = *rep;
  }
  if (!a.out.empty()) {
    if (auto st = WriteFileAtomically(a.out, fit->params.ToYaml()); !st) return st;
  }
  if (a.json) {
    out << ReportJson(*fit, a.cv && cv ? &*cv : nullptr, mlperf_cv ? &*mlperf_cv : nullptr).dump(2) << "\n";
    return {};
  }
  PrintParameters(*fit, out);
  if (a.cv && cv) PrintCv(*cv, out);
  if (mlperf_cv) PrintMlperf(*mlperf_cv, out);
  if (!a.out.empty()) out << "\nwrote " << a.out << "\n";
  return {};
}

}  // namespace

void AddCalibrateCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<CalibrateArgs>();
  auto* cmd = app.add_subcommand("calibrate", "Fit the throughput and power models to published and measured runs");
  cmd->add_option("--runs", a->runs, "Extra runs in the calibration/data/runs.csv schema (e.g. from validate --emit-run)");
  cmd->add_option("--out", a->out, "Write the fitted parameters (calibration/fitted.yaml format) to FILE; estimate --fitted FILE uses them")
      ->type_name("FILE");
  cmd->add_flag("--cv", a->cv, "Leave-one-out table against OpenCarbonEval, static 30 % MFU and TDP × hours");
  cmd->add_flag("--json", a->json, "Print the fit (and with --cv the table) as JSON");
  cmd->add_flag("--without-mlperf", a->without_mlperf,
                "Fit the published runs only (leave out calibration/data/mlperf_runs.csv), e.g. to see what MLPerf does to them");
  cmd->add_flag("--serving", a->serving,
                "Fit the serving model instead (calibration/data/serving_runs.csv → serving_fitted.yaml format with --out; "
                "--cv: leave-one-model-out against EcoLogits)");
  cmd->add_option("--prior", a->priors,
                  "NAME=SD: replace a prior's standard deviation (repeatable); with many runs of your own, "
                  "looser slopes let them speak");
  cmd->footer(
      "Examples:\n"
      "  foreprint calibrate --cv\n"
      "  foreprint calibrate --runs my_cluster_runs.csv --out my_fitted.yaml\n"
      "  foreprint estimate my_run.yaml --fitted my_fitted.yaml\n"
      "  foreprint calibrate --cv --prior slope_log_count=0.3 --prior modality=1\n"
      "  foreprint calibrate --serving --cv\n"
      "  foreprint calibrate --serving --out calibration/serving_fitted.yaml\n\n"
      "--serving fits the serving curves (J per output token and output tokens/s of a replica) to the measured\n"
      "ML.ENERGY rows and, with --out FILE, writes them in calibration/serving_fitted.yaml's format; estimate and\n"
      "compare read FILE with --serving-fitted FILE.\n"
      "--out also runs the leave-one-out pass: the interval widths in fitted.yaml come from it.\n"
      "Priors (name and default standard deviation): " + PriorNames() + ".");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx.out); }; });
}

}  // namespace foreprint::cli

// estimate_command.cc — `foreprint estimate CONFIG`: a planned training run and/or a serving
// deployment → time, energy, CO2e (and with both, the life-cycle total).
#include <optional>

#include "cli/command.h"
#include "cli/loaded_run.h"
#include "estimator/estimate.h"
#include "estimator/serving_estimate.h"
#include "report/estimate_report.h"
#include "report/serving_report.h"

namespace foreprint::cli {
namespace {

struct EstimateArgs {
  std::string config, fitted, serving_fitted;
  std::string throughput_model = "calibrated";
  bool json = false, csv = false, markdown = false, explain = false;
};

// What the config holds, estimated: the training run, the deployment, or both.
struct Estimates {
  std::optional<Estimate> training;
  std::optional<ServingEstimate> serving;
  std::optional<Lifecycle> lifecycle;
};

void PrintJson(const EstimateArgs& a, const Estimates& e, std::ostream& out) {
  if (!e.training) {
    out << ServingDocumentJson(*e.serving, a.explain).dump(2) << "\n";
    return;
  }
  auto j = EstimateJson(*e.training, a.explain);
  if (e.serving) {
    j["serving"] = ServingJson(*e.serving, a.explain);
    j["lifecycle"] = LifecycleJson(*e.lifecycle);
  }
  out << j.dump(2) << "\n";
}

void PrintCsv(const Estimates& e, std::ostream& out) {
  if (!e.serving) return RenderEstimateCsv(*e.training, out);
  if (!e.training) return RenderCsvFields(ServingCsvFields(*e.serving, ""), out);
  auto fields = EstimateCsvFields(*e.training);
  for (auto& f : ServingCsvFields(*e.serving, "serving_")) fields.push_back(std::move(f));
  for (auto& f : LifecycleCsvFields(*e.lifecycle)) fields.push_back(std::move(f));
  RenderCsvFields(fields, out);
}

// Text or Markdown: the training report, the serving report, the life-cycle line, the explain trails.
void PrintReport(const EstimateArgs& a, const Estimates& e, std::ostream& out) {
  const bool md = a.markdown;
  if (e.training) (md ? RenderEstimateMarkdown : RenderEstimateText)(*e.training, out);
  if (e.serving) {
    if (e.training) out << "\n";
    (md ? RenderServingMarkdown : RenderServingText)(*e.serving, out);
  }
  if (e.lifecycle) {
    out << "\n";
    RenderLifecycleText(*e.lifecycle, *e.serving, out);
  }
  if (!a.explain) return;
  out << (md ? "\n```\n" : "\n");
  if (e.training) RenderExplain(*e.training, out);
  if (e.serving) RenderServingExplain(*e.serving, out);
  if (md) out << "```\n";
}

Status Run(const EstimateArgs& a, std::ostream& out) {
  auto run = LoadRun(a.config, a.fitted, a.serving_fitted);
  if (!run) return run.error();
  Estimates e;
  if (run->config.has_training) {
    EstimateOptions o;
    o.throughput_model = a.throughput_model == "oce" ? ThroughputModelKind::kOce : ThroughputModelKind::kCalibrated;
    auto t = EstimateRun(*run, o, a.config);
    if (!t) return t.error();
    e.training = std::move(*t);
  }
  if (run->config.serving) {
    auto s = RunServingEstimate(run->config, {}, run->inputs);
    if (!s) {
      Error err = s.error();
      return err.At(a.config);
    }
    e.serving = std::move(*s);
  }
  if (e.training && e.serving) e.lifecycle = CombineLifecycle(*e.training, *e.serving);
  if (a.json) {
    PrintJson(a, e, out);
  } else if (a.csv) {
    PrintCsv(e, out);
  } else {
    PrintReport(a, e, out);
  }
  return {};
}

}  // namespace

void AddEstimateCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<EstimateArgs>();
  auto* cmd = app.add_subcommand(
      "estimate", "Estimate device-hours, wall time, energy and CO2e of a planned run and/or a serving deployment");
  cmd->add_option("CONFIG", a->config, "Run config (YAML): model, hardware and/or serving, datacenter")->required();
  cmd->add_option("--fitted", a->fitted, kFittedHelp)->type_name("FILE");
  cmd->add_option("--serving-fitted", a->serving_fitted, kServingFittedHelp)->type_name("FILE");
  cmd->add_option("--throughput-model", a->throughput_model,
                  "calibrated (default: foreprint's fitted model) or oce (OpenCarbonEval, for comparison)")
      ->check(CLI::IsMember({"calibrated", "oce"}));
  auto* json = cmd->add_flag("--json", a->json, "Print one JSON object (see README for the fields)");
  auto* csv = cmd->add_flag("--csv", a->csv, "Print a CSV header and one row");
  auto* md = cmd->add_flag("--markdown", a->markdown, "Print Markdown tables (for model cards and reports)");
  json->excludes(csv)->excludes(md);
  csv->excludes(md);
  cmd->add_flag("--explain", a->explain, "Show every factor: FLOPs → device-hours → kWh → PUE → CO2e, with sources");
  cmd->footer(
      "Examples:\n"
      "  foreprint estimate examples/llama-2-7b.yaml\n"
      "  foreprint estimate examples/llama-2-7b.yaml --explain\n"
      "  foreprint estimate examples/bloom-176b.yaml --json\n"
      "  foreprint estimate examples/vit-l16-tpuv3.yaml --throughput-model oce\n"
      "  foreprint estimate examples/llama-3.1-70b-serving.yaml            # a serving deployment\n"
      "  foreprint estimate examples/llama-3.1-8b-lifecycle.yaml --json    # training + serving: the life cycle\n"
      "  foreprint estimate my_run.yaml --fitted my_fitted.yaml   # parameters refitted with calibrate --runs\n\n"
      "Config keys: see README \"Run config\" and \"Serving\". Unknown devices and regions are errors with\n"
      "suggestions; defaults that were applied (PUE, training year, devices per replica, ...) are printed as notes.");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx.out); }; });
}

}  // namespace foreprint::cli

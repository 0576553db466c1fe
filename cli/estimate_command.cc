// estimate_command.cc — `foreprint estimate CONFIG`: one planned run → time, energy, CO2e.
#include "cli/command.h"
#include "cli/loaded_run.h"
#include "estimator/estimate.h"
#include "report/estimate_report.h"

namespace foreprint::cli {
namespace {

struct EstimateArgs {
  std::string config, fitted;
  std::string throughput_model = "calibrated";
  bool json = false, csv = false, markdown = false, explain = false;
};

Status Run(const EstimateArgs& a, std::ostream& out) {
  auto run = LoadRun(a.config, a.fitted);
  if (!run) return run.error();
  EstimateOptions o;
  o.throughput_model = a.throughput_model == "oce" ? ThroughputModelKind::kOce : ThroughputModelKind::kCalibrated;
  auto e = EstimateRun(*run, o, a.config);
  if (!e) return e.error();
  if (a.json) {
    out << EstimateJson(*e, a.explain).dump(2) << "\n";
  } else if (a.csv) {
    RenderEstimateCsv(*e, out);
  } else if (a.markdown) {
    RenderEstimateMarkdown(*e, out);
    if (a.explain) {
      out << "\n```\n";
      RenderExplain(*e, out);
      out << "```\n";
    }
  } else {
    RenderEstimateText(*e, out);
    if (a.explain) {
      out << "\n";
      RenderExplain(*e, out);
    }
  }
  return {};
}

}  // namespace

void AddEstimateCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<EstimateArgs>();
  auto* cmd = app.add_subcommand("estimate", "Estimate device-hours, wall time, energy and CO2e of a planned run");
  cmd->add_option("CONFIG", a->config, "Run config (YAML): model, hardware, datacenter")->required();
  cmd->add_option("--fitted", a->fitted, kFittedHelp)->type_name("FILE");
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
      "  foreprint estimate my_run.yaml --fitted my_fitted.yaml   # parameters refitted with calibrate --runs\n\n"
      "Config keys: see README \"Run config\". Unknown devices and regions are errors with suggestions;\n"
      "defaults that were applied (PUE, training year, ...) are printed as notes.");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx.out); }; });
}

}  // namespace foreprint::cli

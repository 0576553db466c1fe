// estimate_command.cc — `foreprint estimate CONFIG...`: planned training runs and/or serving
// deployments → time, energy, CO2e, water (and with both in one config, the life-cycle total).
// One config file: the single-run views (table, JSON, CSV, Markdown, --explain, --model-card,
// --boamps). Several, or a directory: one row per training run and a total (cli/config_paths.h).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "cli/command.h"
#include "cli/config_paths.h"
#include "cli/loaded_run.h"
#include "core/utc_time.h"
#include "core/version.h"
#include "estimator/batch.h"
#include "estimator/estimate.h"
#include "estimator/serving_estimate.h"
#include "report/batch_report.h"
#include "report/boamps_report.h"
#include "report/estimate_report.h"
#include "report/model_card.h"
#include "report/serving_report.h"

namespace foreprint::cli {
namespace {

struct EstimateArgs {
  std::vector<std::string> configs;
  std::string fitted, serving_fitted;
  std::string throughput_model = "calibrated";
  bool json = false, csv = false, markdown = false, explain = false, model_card = false, boamps = false;
};

EstimateOptions Options(const EstimateArgs& a) {
  EstimateOptions o;
  o.throughput_model = a.throughput_model == "oce" ? ThroughputModelKind::kOce : ThroughputModelKind::kCalibrated;
  return o;
}

// The report's date, "YYYY-MM-DD HH:MM:SS" UTC: SOURCE_DATE_EPOCH when set (reproducible builds'
// convention, reproducible-builds.org/specs/source-date-epoch), else now.
std::string ReportDatetime() {
  double seconds = 0;
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch && *epoch) {
    seconds = std::max(0.0, std::strtod(epoch, nullptr));
  } else {
    seconds = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  const CivilTime t = CivilFromHours(std::floor(seconds) / kSecondsPerHour);
  const long long s = static_cast<long long>(std::floor(seconds)) % 60;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02lld", t.year, t.month, t.day, t.hour, t.minute, s);
  return buf;
}

void PrintSingle(const EstimateArgs& a, const LoadedRun& run, const Estimate& e, std::ostream& out) {
  if (a.model_card) {
    out << ModelCard(run.config, e, kForeprintVersion);
  } else if (a.boamps) {
    const ReportMeta meta{kForeprintVersion, ReportDatetime()};
    out << BoampsJson(BoampsForTraining(run.config, e, *run.regions, meta)).dump(2) << "\n";
  } else if (a.json) {
    out << EstimateJson(e, a.explain).dump(2) << "\n";
  } else if (a.csv) {
    RenderEstimateCsv(e, out);
  } else if (a.markdown) {
    RenderEstimateMarkdown(e, out);
    if (a.explain) {
      out << "\n```\n";
      RenderExplain(e, out);
      out << "```\n";
    }
  } else {
    RenderEstimateText(e, out);
    if (a.explain) {
      out << "\n";
      RenderExplain(e, out);
    }
  }
}

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

void PrintBatch(const EstimateArgs& a, const std::vector<Estimate>& runs, std::ostream& out) {
  const BatchTotal total = SumEstimates(runs);
  if (a.json) {
    out << BatchJson(runs, total, a.explain).dump(2) << "\n";
    return;
  }
  if (a.csv) {
    RenderBatchCsv(runs, total, out);
    return;
  }
  if (a.markdown) {
    RenderBatchMarkdown(runs, total, out);
  } else {
    RenderBatchText(runs, total, out);
  }
  if (!a.explain) return;
  for (const auto& e : runs) {
    out << "\n" << (a.markdown ? "```\n" : "") << e.name << ": ";
    RenderExplain(e, out);
    if (a.markdown) out << "```\n";
  }
}

// Every run of a batch is loaded and estimated; all errors are reported (all but the last as
// warnings-stream lines, the last as the command's error), and nothing is printed on stdout.
Status RunBatch(const EstimateArgs& a, const ConfigList& list, CommandContext& ctx) {
  if (a.model_card || a.boamps) {
    return MakeError(std::string(a.model_card ? "--model-card" : "--boamps") +
                     " describes one run: give one config file, not a batch")
        .Field(a.model_card ? "--model-card" : "--boamps");
  }
  std::vector<Error> errors = list.errors;
  std::vector<Estimate> runs;
  for (const auto& path : list.paths) {
    auto run = LoadRun(path, a.fitted, a.serving_fitted);
    if (!run) {
      errors.push_back(run.error());
      continue;
    }
    if (!run->config.has_training) {
      errors.push_back(MakeError("a batch adds up training runs; this config is a serving deployment only "
                                 "(estimate it on its own)").At(path));
      continue;
    }
    auto e = EstimateRun(*run, Options(a), path);
    if (!e) {
      errors.push_back(e.error());
      continue;
    }
    runs.push_back(std::move(*e));
  }
  if (!errors.empty()) {
    for (size_t i = 0; i + 1 < errors.size(); ++i) ctx.warnings << "error: " << errors[i].Format() << "\n";
    return errors.back();
  }
  PrintBatch(a, runs, ctx.out);
  return {};
}

// One config: a training run, a deployment, or both (then the life cycle too).
Status RunOne(const EstimateArgs& a, const std::string& path, std::ostream& out) {
  auto run = LoadRun(path, a.fitted, a.serving_fitted);
  if (!run) return run.error();
  Estimates e;
  if (run->config.has_training) {
    auto t = EstimateRun(*run, Options(a), path);
    if (!t) return t.error();
    e.training = std::move(*t);
  }
  if (!run->config.serving) {
    PrintSingle(a, *run, *e.training, out);
    return {};
  }
  if (a.model_card || a.boamps) {
    const char* flag = a.model_card ? "--model-card" : "--boamps";
    return MakeError(std::string(flag) + " describes a training run; this config holds a serving deployment")
        .Field(flag);
  }
  auto s = RunServingEstimate(run->config, {}, run->inputs);
  if (!s) {
    Error err = s.error();
    return err.At(path);
  }
  e.serving = std::move(*s);
  if (e.training) e.lifecycle = CombineLifecycle(*e.training, *e.serving);
  if (a.json) {
    PrintJson(a, e, out);
  } else if (a.csv) {
    PrintCsv(e, out);
  } else {
    PrintReport(a, e, out);
  }
  return {};
}

Status Run(const EstimateArgs& a, CommandContext& ctx) {
  const ConfigList list = ExpandConfigArgs(a.configs);
  if (list.batch) return RunBatch(a, list, ctx);
  return RunOne(a, list.paths.front(), ctx.out);
}

}  // namespace

void AddEstimateCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<EstimateArgs>();
  auto* cmd = app.add_subcommand(
      "estimate", "Estimate device-hours, wall time, energy, CO2e and water of planned runs and serving deployments");
  cmd->add_option("CONFIG", a->configs,
                  "Run config(s) (YAML): model, hardware and/or serving, datacenter; a directory stands for its *.yaml files. "
                  "Several make a batch: one row per run and a total")
      ->required();
  cmd->add_option("--fitted", a->fitted, kFittedHelp)->type_name("FILE");
  cmd->add_option("--serving-fitted", a->serving_fitted, kServingFittedHelp)->type_name("FILE");
  cmd->add_option("--throughput-model", a->throughput_model,
                  "calibrated (default: foreprint's fitted model) or oce (OpenCarbonEval, for comparison)")
      ->check(CLI::IsMember({"calibrated", "oce"}));
  auto* json = cmd->add_flag("--json", a->json,
                             "Print one JSON object (see README for the fields); a batch: {\"runs\": [...], \"total\": {...}}");
  auto* csv = cmd->add_flag("--csv", a->csv, "Print a CSV header and one row (a batch: a row per run and a total)");
  auto* md = cmd->add_flag("--markdown", a->markdown, "Print Markdown tables (for reports)");
  auto* card = cmd->add_flag("--model-card", a->model_card,
                             "Print a Hugging Face model card's co2_eq_emissions front matter (grams) and its "
                             "\"Environmental Impact\" section (one run)");
  auto* boamps = cmd->add_flag("--boamps", a->boamps,
                               "Print a BoAmps energy report (JSON, format 0.1, status draft; one run). "
                               "SOURCE_DATE_EPOCH fixes its date");
  json->excludes(csv)->excludes(md)->excludes(card)->excludes(boamps);
  csv->excludes(md)->excludes(card)->excludes(boamps);
  md->excludes(card)->excludes(boamps);
  card->excludes(boamps);
  auto* explain = cmd->add_flag(
      "--explain", a->explain, "Show every factor: FLOPs → device-hours → kWh → PUE → CO2e → water, with sources");
  explain->excludes(card)->excludes(boamps);
  cmd->footer(
      "Examples:\n"
      "  foreprint estimate examples/llama-2-7b.yaml\n"
      "  foreprint estimate examples/llama-2-7b.yaml --explain\n"
      "  foreprint estimate examples/bloom-176b.yaml --json\n"
      "  foreprint estimate examples/llama-2-7b.yaml examples/llama-2-7b-finetune.yaml   # a batch with a total\n"
      "  foreprint estimate examples/ --csv                         # every *.yaml in a directory\n"
      "  foreprint estimate examples/llama-2-7b.yaml --model-card   # Hugging Face model card block\n"
      "  foreprint estimate examples/llama-2-7b.yaml --boamps       # BoAmps report (JSON)\n"
      "  foreprint estimate examples/vit-l16-tpuv3.yaml --throughput-model oce\n"
      "  foreprint estimate examples/llama-3.1-70b-serving.yaml            # a serving deployment\n"
      "  foreprint estimate examples/llama-3.1-8b-lifecycle.yaml --json    # training + serving: the life cycle\n"
      "  foreprint estimate my_run.yaml --fitted my_fitted.yaml   # parameters refitted with calibrate --runs\n\n"
      "Config keys: see README \"Run config\" and \"Serving\". Unknown devices and regions are errors with suggestions;\n"
      "defaults that were applied (PUE, training year, ...) are printed as notes. In a batch every bad\n"
      "config is reported, and nothing is printed on stdout.");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx); }; });
}

}  // namespace foreprint::cli

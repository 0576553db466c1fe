// validate_command.cc — `foreprint validate --log FILE_OR_DIR...`: read tracker logs, compare them
// with the prediction for a config, and emit them as calibration runs.
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "calibration/validate.h"
#include "cli/command.h"
#include "cli/loaded_run.h"
#include "report/db_json.h"
#include "report/estimate_report.h"
#include "report/table.h"
#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> logs;
  std::string format = "auto";
  std::string config, fitted;
  bool json = false, emit_run = false;
};

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(); }
Json OptInt(const std::optional<int>& v) { return v ? Json(*v) : Json(); }
Json Text(const std::string& s) { return s.empty() ? Json() : Json(ValidUtf8(s)); }

Json LogJson(const LogSummary& s) {
  Json j;
  j["file"] = ValidUtf8(s.file);
  j["format"] = ToString(s.format);
  j["rows"] = s.rows;
  j["skipped_rows"] = s.skipped_rows;
  j["runs"] = s.runs;
  j["duration_s"] = s.duration_s;
  j["energy_kwh"] = s.energy_total_kwh;
  j["scope"] = ToString(s.scope);
  j["energy_by_component_kwh"] = {{"cpu", Opt(s.cpu_kwh)}, {"gpu", Opt(s.gpu_kwh)}, {"ram", Opt(s.ram_kwh)}};
  if (s.nodes_kwh) j["energy_by_component_kwh"]["nodes"] = *s.nodes_kwh;
  if (s.interconnect_kwh) j["energy_by_component_kwh"]["interconnect"] = *s.interconnect_kwh;
  j["co2e_kg"] = Opt(s.co2e_kg);
  j["pue"] = Opt(s.pue);
  j["ci_g_per_kwh"] = Opt(s.ci_g_per_kwh);
  j["location"] = Text(s.location);
  j["devices"] = OptInt(s.device_count);
  j["device_model"] = Text(s.device_model);
  j["start"] = s.start_hours ? Json(FormatIsoUtc(*s.start_hours)) : Json();
  if (s.format == LogFormat::kCarbontracker) {
    j["epochs"] = OptInt(s.epochs);
    j["epochs_planned"] = OptInt(s.epochs_planned);
    j["tracker_predicted_kwh"] = Opt(s.tracker_predicted_kwh);
  }
  Json warnings = Json::array();
  for (const auto& w : s.warnings) warnings.push_back(ValidUtf8(w));
  j["warnings"] = warnings;
  return j;
}

std::string Part(const std::optional<double>& v) { return v ? HumanEnergy(*v) : "-"; }

void PrintSummaries(const std::vector<LogSummary>& logs, std::ostream& out) {
  Table t;
  for (const char* h : {"file", "format", "runs", "rows", "skipped", "duration", "energy", "scope", "CPU", "GPU",
                        "RAM", "CO2e", "location", "g/kWh", "PUE"}) {
    t.AddColumn(h);
  }
  for (const auto& s : logs) {
    t.AddRow({ValidUtf8(s.file), ToString(s.format), std::to_string(s.runs), std::to_string(s.rows), std::to_string(s.skipped_rows),
              HumanDuration(s.duration_s / 3600.0), HumanEnergy(s.energy_total_kwh), ToString(s.scope), Part(s.cpu_kwh),
              Part(s.gpu_kwh), Part(s.ram_kwh), s.co2e_kg ? HumanMass(*s.co2e_kg) : "-",
              s.location.empty() ? "-" : s.location, s.ci_g_per_kwh ? FormatSig(*s.ci_g_per_kwh, 3) : "-",
              s.pue ? FormatNumber(*s.pue) : "-"});
  }
  t.RenderText(out);
}

// One JSON object per log; with a prediction, its figures in the log's scope and the ratio.
void PrintJson(const std::vector<LogSummary>& logs, const Estimate* estimate, const std::string& config,
               std::ostream& out) {
  Json arr = Json::array();
  for (const auto& s : logs) {
    Json j = LogJson(s);
    if (estimate) {
      Validation v = CompareWithEstimate(s, *estimate);
      j["prediction"] = {{"config", config},              {"scope", v.scope},
                         {"energy_kwh", v.predicted_kwh}, {"p10_kwh", v.p10_kwh},
                         {"p90_kwh", v.p90_kwh},        {"wall_hours", v.predicted_wall_hours}};
      j["prediction"]["notes"] = v.notes;
      j["ratio"] = v.ratio;
      j["inside_p10_p90"] = v.inside;
    }
    arr.push_back(j);
  }
  out << arr.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

// The prediction beside each measurement, in that log's scope, with the notes on scope conversions.
void PrintPredictions(const std::vector<LogSummary>& logs, const Estimate& estimate, const std::string& config,
                      std::ostream& out) {
  out << "\nPrediction for " << config << " (" << estimate.device_id << " × " << FormatNumber(estimate.count)
      << ", " << estimate.region_id << ") in each log's scope:\n\n";
  Table t;
  std::vector<std::string> notes;
  for (const char* h : {"file", "scope", "measured", "predicted", "P10", "P90", "measured/predicted", "in P10-P90",
                        "measured time", "predicted time"}) {
    t.AddColumn(h);
  }
  for (const auto& s : logs) {
    Validation v = CompareWithEstimate(s, estimate);
    t.AddRow({ValidUtf8(s.file), v.scope, HumanEnergy(v.measured_kwh), HumanEnergy(v.predicted_kwh),
              HumanEnergy(v.p10_kwh), HumanEnergy(v.p90_kwh), FormatSig(v.ratio, 3), v.inside ? "yes" : "no",
              HumanDuration(v.measured_hours), HumanDuration(v.predicted_wall_hours)});
    for (const auto& n : v.notes) notes.push_back(ValidUtf8(s.file) + ": " + n);
  }
  t.RenderText(out);
  for (const auto& n : notes) out << "note: " << n << "\n";
}

Status Run(const ValidateArgs& a, CommandContext& ctx) {
  auto format = ParseLogFormat(a.format);
  LogSet set = ReadLogs(a.logs, *format);
  for (const auto& e : set.errors) ctx.warnings << (set.logs.empty() ? "" : "warning: ") << e.Format() << "\n";
  if (set.logs.empty()) {
    return MakeError(a.logs.size() == 1 && set.errors.size() == 1 ? "nothing could be read"
                                                                   : "none of the logs could be read");
  }
  for (const auto& s : set.logs) for (const auto& w : s.warnings) ctx.warnings << "warning: " << w << "\n";

  auto devices = DeviceDb::Builtin();
  if (!devices) return devices.error();
  std::optional<RunConfig> config;
  std::optional<Estimate> estimate;
  if (!a.config.empty()) {
    auto run = LoadRun(a.config, a.fitted);
    if (!run) return run.error();
    auto e = EstimateRun(*run, {}, a.config);
    if (!e) return e.error();
    config = run->config;
    estimate = *e;
  }
  std::ostream& out = ctx.out;
  if (a.emit_run) {
    out << RunsHeader() << "\n";
    for (const auto& s : set.logs) out << RunCsvLine(MeasuredRun(s, config ? &*config : nullptr, **devices)) << "\n";
  } else if (a.json) {
    PrintJson(set.logs, estimate ? &*estimate : nullptr, a.config, out);
  } else {
    PrintSummaries(set.logs, out);
    if (estimate) PrintPredictions(set.logs, *estimate, a.config, out);
  }
  return {};
}

}  // namespace

void AddValidateCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<ValidateArgs>();
  auto* cmd = app.add_subcommand("validate", "Read tracker logs (CodeCarbon, eco2AI, Carbontracker, nvidia-smi, Zeus, "
                                             "BoAmps, MLPerf power) and compare them with a prediction");
  cmd->add_option("--log", a->logs,
                  "Log files or directories (searched recursively for *.csv, *.log, *.txt, *.bak and BoAmps *.json)")
      ->required();
  cmd->add_option("--format", a->format, "auto (default: detected from the header and the text) or force one format")
      ->check(CLI::IsMember(LogFormatNames()));
  cmd->add_option("--config", a->config, "Run config: show its prediction beside each measurement, in the same scope");
  cmd->add_option("--fitted", a->fitted, kFittedHelp)->type_name("FILE");
  auto* json = cmd->add_flag("--json", a->json, "One JSON object per log (with \"prediction\" and \"ratio\" with --config)");
  auto* emit = cmd->add_flag("--emit-run", a->emit_run,
                             "Print the measured runs as calibration/data/runs.csv rows (for calibrate --runs)");
  json->excludes(emit);
  cmd->footer(
      "Examples:\n"
      "  foreprint validate --log emissions.csv\n"
      "  foreprint validate --log logs/ --json\n"
      "  foreprint validate --log gpu_power.csv --format nvidia-smi --config examples/llama-2-7b-finetune.yaml\n"
      "  foreprint validate --log emissions.csv --config my_run.yaml --emit-run > my_runs.csv\n"
      "  foreprint calibrate --runs my_runs.csv --cv\n\n"
      "Logs: CodeCarbon emissions.csv (any version), eco2AI emission.csv, Carbontracker *_carbontracker*.log\n"
      "or its console output, Zeus ZeusMonitor CSV, BoAmps reports (boamps_report_*.json), MLPerf Training\n"
      "power logs (a power/result_<k>/ folder: node_*.txt summed, sw_*.txt apart), and GPU power from\n"
      "  nvidia-smi --query-gpu=timestamp,index,name,power.draw --format=csv -l 1 -f gpu_power.csv\n"
      "(or a look-alike: a time column and a power column in W or mW). UTF-8 or UTF-16, any line ends.\n\n"
      "Scopes: nvidia-smi and Zeus measure the GPUs only; CodeCarbon and eco2AI the IT energy (CPU, GPU, RAM)\n"
      "times their PUE; Carbontracker applies PUE 1.58. Rows that cannot be read are skipped with a warning\n"
      "naming file:line (exit 0); exit 2 when nothing could be read. Details: calibration/logs/README.md.");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx); }; });
}

}  // namespace foreprint::cli

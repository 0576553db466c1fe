#include "calibration/mlperf_runs.h"

#include <cmath>
#include <map>

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"
#include "models/workload.h"

namespace foreprint {
namespace {

const std::vector<std::string> kRequired = {"round",   "date",       "submitter",   "system",       "device",
                                            "count",   "precision",  "benchmark",   "flops_per_run", "run_minutes",
                                            "flag",    "source_folder", "commit"};

Result<std::optional<double>> Number(const CsvTable& t, size_t row, const std::string& col, double lo, double hi) {
  if (!t.Column(col)) return std::optional<double>();
  const std::string s = Trim(t.Get(row, col));
  if (s.empty()) return std::optional<double>();
  auto v = ParsePlainNumber(s);
  if (!v) return t.ErrorAt(row, col, v.error().message);
  if (!(*v >= lo && *v <= hi)) {
    return t.ErrorAt(row, col, "value " + s + " is outside " + FormatNumber(lo) + " to " + FormatNumber(hi));
  }
  return std::optional<double>(*v);
}

std::vector<std::string> SplitFlags(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t bar = text.find('|', start);
    std::string f = Trim(text.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (!f.empty()) out.push_back(f);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return out;
}

// LLM rows carry the workload so FLOPs come from the one formula in models/; the CSV value must agree.
Status CheckLlmFlops(const CsvTable& t, size_t row, RunRecord& run) {
  auto tokens = Number(t, row, "tokens_per_run", 1, 1e16);
  if (!tokens) return tokens.error();
  if (!*tokens || !run.params) return {};
  double layers = 0, seq = 0, dmodel = 0;
  for (auto [col, dst] : {std::pair{"n_layers", &layers}, {"seq_len", &seq}, {"d_model", &dmodel}}) {
    auto v = Number(t, row, col, 1, 1e8);
    if (!v) return v.error();
    *dst = v->value_or(0);
  }
  const std::string tr = t.Column("training") ? Trim(t.Get(row, "training")) : "";
  auto training = ParseTraining(tr.empty() ? "pre-training" : tr);
  if (!training) return t.ErrorAt(row, "training", "unknown training '" + tr + "' (pre-training, fine-tuning, lora)");
  const double flops = **tokens * TransformerFlopsPerToken(*run.params, *training, layers, seq, dmodel);
  if (std::fabs(flops / *run.flops - 1) > 1e-6) {
    return t.ErrorAt(row, "flops_per_run",
                     "the CSV says " + FormatSig(*run.flops, 6) + " but models/ gives " + FormatSig(flops, 6) +
                         " for these params, tokens and layers (importer and estimator disagree)");
  }
  run.flops = flops;
  run.tokens = *tokens;
  return {};
}

Result<RunRecord> ParseRow(const CsvTable& t, size_t row, const std::string& file) {
  RunRecord run;
  run.file = file;
  run.line = t.LineOf(row);
  run.round = Trim(t.Get(row, "round"));
  run.benchmark = Trim(t.Get(row, "benchmark"));
  const std::string submitter = Trim(t.Get(row, "submitter")), system = Trim(t.Get(row, "system"));
  run.group = submitter + "/" + system;
  run.name = run.round + "/" + run.group + "/" + run.benchmark;
  auto cls = ClassifyMlperfBenchmark(run.benchmark);
  if (!cls) return t.ErrorAt(row, "benchmark", "benchmark '" + run.benchmark + "' has no FLOPs basis");
  run.modality = cls->modality;
  run.workload = cls->workload;
  run.device = Trim(t.Get(row, "device"));
  run.device_string = t.Column("accelerator_name") ? t.Get(row, "accelerator_name") : run.device;
  run.dtype = ToLower(Trim(t.Get(row, "precision")));
  run.setting = Setting::kBenchmark;
  run.flops_source = t.Column("flops_convention") ? Trim(t.Get(row, "flops_convention")) : "mlperf";
  auto count = Number(t, row, "count", 1, 1e7);
  auto flops = Number(t, row, "flops_per_run", 1e6, 1e32);
  auto minutes = Number(t, row, "run_minutes", 1e-3, 1e6);
  auto params = Number(t, row, "params", 1, 1e15);
  for (const auto* r : {&count, &flops, &minutes, &params}) {
    if (!*r) return r->error();
  }
  if (!*count || !*flops || !*minutes) {
    const char* col = !*count ? "count" : !*flops ? "flops_per_run" : "run_minutes";
    return t.ErrorAt(row, col, "required in every row");
  }
  run.count = **count;
  run.flops = **flops;
  run.params = *params;
  run.wall_hours = **minutes / 60.0;
  run.device_hours = run.count.value() * *run.wall_hours;
  const std::string date = Trim(t.Get(row, "date"));
  if (date.size() < 4 || !ParsePlainNumber(date.substr(0, 4))) return t.ErrorAt(row, "date", "expected YYYY-MM");
  run.year = static_cast<int>(*ParsePlainNumber(date.substr(0, 4)));
  if (auto st = CheckLlmFlops(t, row, run); !st) return st.error();
  run.flags = SplitFlags(t.Get(row, "flag"));
  run.source = "MLPerf Training " + run.round + ", " + Trim(t.Get(row, "source_folder")) + " @ " +
               Trim(t.Get(row, "commit")) + " (mlcommons/training_results_" + run.round + ", Apache-2.0)";
  return run;
}

}  // namespace

std::optional<MlperfBenchmarkClass> ClassifyMlperfBenchmark(const std::string& b) {
  if (b == "gpt3" || b == "llama31_405b" || b == "llama2_70b_lora" || b == "bert" || b == "llama31_8b")
    return MlperfBenchmarkClass{"text", "transformer"};
  if (b == "resnet" || b == "ssd" || b == "retinanet" || b == "unet3d" || b == "maskrcnn")
    return MlperfBenchmarkClass{"vision", "cnn"};
  if (b == "stable_diffusion" || b == "flux1") return MlperfBenchmarkClass{"vision", "diffusion"};
  return std::nullopt;
}

double MlperfRoundOrder(const std::string& round) {
  auto v = ParsePlainNumber(round.size() > 1 && (round[0] == 'v' || round[0] == 'V') ? round.substr(1) : round);
  return v ? *v : -1;
}

Result<std::vector<RunRecord>> ParseMlperfRuns(const std::string& text, const std::string& file) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  for (const auto& col : kRequired) {
    if (!csv->Column(col)) {
      Error e = MakeError("missing column '" + col + "' (expected mlperf_runs.csv as written by "
                          "calibration/tools/import_mlperf.py)");
      return e.At(file, 1);
    }
  }
  std::vector<RunRecord> out;
  out.reserve(csv->rows());
  for (size_t r = 0; r < csv->rows(); ++r) {
    auto run = ParseRow(*csv, r, file);
    if (!run) return run.error();
    out.push_back(std::move(*run));
  }
  return out;
}

Result<std::vector<RunRecord>> BuiltinMlperfRuns() {
  auto f = ReadDataFile("calibration/data/mlperf_runs.csv");
  if (!f) return f.error();
  return ParseMlperfRuns(f->text, f->display_name);
}

}  // namespace foreprint

namespace foreprint {
namespace {

// The submitter a power row's leave-one-out group is: SMC published its AC and DC meters as two.
std::string PowerSubmitter(const std::string& s) { return s.rfind("smc-", 0) == 0 ? "smc" : s; }

bool PowerRowUsable(const CsvTable& t, size_t row) {
  if (Trim(t.Get(row, "run_status")) != "success" || Trim(t.Get(row, "node_kwh_unique")).empty()) return false;
  for (const auto& f : SplitFlags(t.Get(row, "flag"))) {
    if (f == "duplicate_node_files" || f == "power_coverage" || f == "no_run_window") return false;
  }
  return true;
}

struct PowerCell {
  RunRecord run;
  double kwh = 0, minutes = 0;
  int n = 0;
};

}  // namespace

Result<std::vector<RunRecord>> ParseMlperfPower(const std::string& text, const std::string& file,
                                               const std::vector<RunRecord>& mlperf_runs) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  for (const char* col : {"round", "submitter", "system", "benchmark", "device", "count", "run_minutes", "run_status",
                          "node_kwh_unique", "measurement", "flag"}) {
    if (!csv->Column(col)) return MakeError(std::string("missing column '") + col + "'").At(file, 1);
  }
  std::map<std::string, PowerCell> cells;
  std::vector<std::string> order;
  for (size_t r = 0; r < csv->rows(); ++r) {
    if (!PowerRowUsable(*csv, r)) continue;
    auto kwh = Number(*csv, r, "node_kwh_unique", 1e-9, 1e9);
    auto minutes = Number(*csv, r, "run_minutes", 1e-3, 1e6);
    auto count = Number(*csv, r, "count", 1, 1e7);
    for (const auto* v : {&kwh, &minutes, &count}) {
      if (!*v) return v->error();
      if (!**v) return csv->ErrorAt(r, "node_kwh_unique", "required in every row");
    }
    const std::string submitter = Trim(csv->Get(r, "submitter")), system = Trim(csv->Get(r, "system"));
    const std::string key = Trim(csv->Get(r, "round")) + "/" + submitter + "/" + system + "/" + Trim(csv->Get(r, "benchmark"));
    auto [it, fresh] = cells.try_emplace(key);
    PowerCell& c = it->second;
    if (fresh) {
      order.push_back(key);
      c.run.file = file;
      c.run.line = csv->LineOf(r);
      c.run.name = key + " (power, " + Trim(csv->Get(r, "measurement")) + ")";
      c.run.round = Trim(csv->Get(r, "round"));
      c.run.benchmark = Trim(csv->Get(r, "benchmark"));
      c.run.group = PowerSubmitter(submitter);
      c.run.device = Trim(csv->Get(r, "device"));
      c.run.count = **count;
      c.run.setting = Setting::kBenchmark;
      c.run.energy_only = true;
      c.run.flags = {"validation_only"};  // predicted by the published-runs power fit, never fitted
      c.run.energy_scope = EnergyScope::kItMeasured;
      c.run.source = "MLPerf Training " + c.run.round + " power, " + Trim(csv->Get(r, "source_folder"));
      for (const auto& m : mlperf_runs) {
        if (m.round == c.run.round && m.group == submitter + "/" + system && m.benchmark == c.run.benchmark) {
          c.run.flops = m.flops;
          c.run.dtype = m.dtype;
          c.run.modality = m.modality;
          c.run.workload = m.workload;
          c.run.params = m.params;
          c.run.year = m.year;
        }
      }
      if (c.run.dtype.empty()) c.run.modality = "other";
    }
    c.kwh += **kwh;
    c.minutes += **minutes;
    ++c.n;
  }
  std::vector<RunRecord> out;
  for (const auto& key : order) {
    PowerCell& c = cells[key];
    c.run.energy_kwh = c.kwh / c.n;
    c.run.wall_hours = c.minutes / c.n / 60.0;
    c.run.device_hours = *c.run.count * *c.run.wall_hours;
    out.push_back(c.run);
  }
  return out;
}

}  // namespace foreprint

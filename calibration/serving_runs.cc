#include "calibration/serving_runs.h"

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"

namespace foreprint {
namespace {

const std::vector<std::string> kColumns = {"dataset",       "task",       "model_id",          "architecture",
                                           "total_params",  "active_params", "weight_precision", "device",
                                           "num_gpus",      "max_batch",  "avg_batch",         "avg_input_len",
                                           "avg_output_len", "avg_power_w", "output_tokens_per_s",
                                           "j_per_output_token", "flag"};

// A number cell in [lo, hi]; an empty cell is 0 when `optional`, else an error.
Result<double> Cell(const CsvTable& t, size_t row, const std::string& col, double lo, double hi, bool optional = false) {
  const std::string s = Trim(t.Get(row, col));
  if (s.empty()) {
    if (optional) return 0.0;
    return t.ErrorAt(row, col, "required in every row");
  }
  auto v = ParsePlainNumber(s);
  if (!v) return t.ErrorAt(row, col, v.error().message);
  if (!(*v >= lo && *v <= hi)) {
    return t.ErrorAt(row, col, "value " + s + " is outside " + FormatNumber(lo) + " to " + FormatNumber(hi));
  }
  return *v;
}

void Replace(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

std::string ServingModelGroup(const std::string& model_id) {
  const size_t slash = model_id.find('/');
  std::string s = ToLower(slash == std::string::npos ? model_id : model_id.substr(slash + 1));
  Replace(s, "meta-llama-", "llama-");
  for (const char* drop : {"-instruct", "-fp8", "-2507"}) Replace(s, drop, "");
  Replace(s, "llama-3.3-70b", "llama-3.1-70b");
  return s;
}

Result<std::vector<ServingRun>> ParseServingRuns(const std::string& text, const std::string& file) {
  auto table = CsvTable::Parse(text, file);
  if (!table) return table.error();
  const CsvTable& t = *table;
  for (const auto& c : kColumns) {
    if (!t.Column(c)) {
      Error e = MakeError("missing column '" + c +
                          "' (expected serving_runs.csv as written by calibration/tools/import_mlenergy.py)");
      return e.At(file, 1);
    }
  }
  std::vector<ServingRun> out;
  for (size_t row = 0; row < t.rows(); ++row) {
    ServingRun r;
    r.line = t.LineOf(row);
    r.dataset = Trim(t.Get(row, "dataset"));
    r.task = Trim(t.Get(row, "task"));
    r.model_id = Trim(t.Get(row, "model_id"));
    r.architecture = Trim(t.Get(row, "architecture"));
    r.precision = ToLower(Trim(t.Get(row, "weight_precision")));
    r.device = Trim(t.Get(row, "device"));
    r.flag = Trim(t.Get(row, "flag"));
    r.group = ServingModelGroup(r.model_id);
    struct Num {
      const char* col;
      double* dst;
      double lo, hi;
      bool optional;
    };
    const Num nums[] = {{"total_params", &r.total_params, 1e6, 1e15, false},
                        {"active_params", &r.active_params, 1e6, 1e15, false},
                        {"num_gpus", &r.num_gpus, 1, 1e5, false},
                        {"max_batch", &r.max_batch, 1, 1e6, false},
                        {"avg_batch", &r.avg_batch, 0.01, 1e6, false},
                        {"avg_input_len", &r.avg_input_len, 1, 1e7, true},
                        {"avg_output_len", &r.avg_output_len, 1, 1e7, false},
                        {"avg_power_w", &r.avg_power_w, 1, 1e7, false},
                        {"output_tokens_per_s", &r.output_tokens_per_s, 1e-3, 1e9, false},
                        {"j_per_output_token", &r.j_per_output_token, 1e-6, 1e6, false}};
    for (const auto& n : nums) {
      auto v = Cell(t, row, n.col, n.lo, n.hi, n.optional);
      if (!v) return v.error();
      *n.dst = *v;
    }
    if (r.active_params > r.total_params) return t.ErrorAt(row, "active_params", "active_params is larger than params");
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ServingRun>> BuiltinServingRuns() {
  auto f = ReadDataFile("calibration/data/serving_runs.csv");
  if (!f) return f.error();
  return ParseServingRuns(f->text, f->display_name);
}

}  // namespace foreprint

// compare_command.cc — `foreprint compare CONFIG`: devices × regions × start times, ranked.
#include "cli/command.h"
#include "cli/loaded_run.h"
#include "estimator/compare.h"
#include "core/data_files.h"
#include "report/db_json.h"
#include "report/estimate_report.h"
#include "report/svg_chart.h"
#include "report/table.h"
#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint::cli {
namespace {

struct CompareArgs {
  std::string config, devices, regions, provider, start, strategy = "none", sort = "co2", svg, fitted, serving_fitted;
  bool all_devices = false, all_regions = false, same_peak = false, serving = false;
  std::optional<double> count;
  double window = 0;
  size_t top = 0;
  bool json = false, csv = false, markdown = false;
  std::string throughput_model = "calibrated";
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = Trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <class Db, class T>
Result<std::vector<const T*>> Resolve(const Db& db, const std::string& list, const std::string& option) {
  std::vector<const T*> out;
  for (const auto& id : SplitList(list)) {
    auto found = db.Find(id);
    if (!found) {
      Error e = found.error();
      return e.Field(option);
    }
    out.push_back(*found);
  }
  if (out.empty()) return MakeError("the list is empty").Field(option);
  return out;
}

const char* AvailabilityName(Availability a) {
  switch (a) {
    case Availability::kOffered: return "offered";
    case Availability::kNotOffered: return "not offered";
    case Availability::kNoCatalogData: return "no catalog data";
    default: return "not cloud";
  }
}

Json RowJson(const CompareRow& r) {
  auto num = [&](double v) { return r.evaluated ? Json(v) : Json(); };
  Json j;
  j["rank"] = r.ranked ? Json(r.rank) : Json();
  j["device"] = r.device;
  j["count"] = r.count;
  j["region"] = r.region;
  j["start"] = r.start_hours ? Json(FormatIsoUtc(*r.start_hours)) : Json();
  j["wall_hours"] = num(r.wall_hours);
  j["device_hours"] = num(r.device_hours);
  j["energy_kwh"] = num(r.energy_kwh);
  j["co2e_kg"] = {{"operational", num(r.co2_operational)}, {"embodied", num(r.co2_embodied)},
                  {"total", num(r.co2_total)}, {"p10", num(r.co2_p10)}, {"p90", num(r.co2_p90)}};
  j["status"] = r.status;
  j["cost_usd"] = r.cost_usd ? Json(*r.cost_usd) : Json();
  j["instance"] = r.instance.empty() ? Json() : Json(r.instance);
  j["instances"] = r.instance.empty() ? Json() : Json(r.instances);
  j["availability"] = AvailabilityName(r.availability);
  j["feasible"] = r.feasible;
  j["memory_gb"] = {{"needed", num(r.memory_needed_gb)}, {"available", num(r.memory_available_gb)}};
  j["saving_pct"] = r.saving_pct ? Json(*r.saving_pct) : Json();
  j["saving_kg"] = r.saving_kg ? Json(*r.saving_kg) : Json();
  j["note"] = r.note.empty() ? Json() : Json(r.note);
  return j;
}

// Writes `document` (dump(2) of an object whose first member is an empty "rows" array) with the
// rows in place, formatted exactly as dump(2) of the whole document would be.
void StreamRowsJson(const std::string& document, const std::vector<CompareRow>& rows, std::ostream& out) {
  const std::string empty_rows = "\"rows\": []";
  const size_t at = document.find(empty_rows);
  out << document.substr(0, at) << "\"rows\": [";
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string row = RowJson(rows[i]).dump(2);
    out << (i ? ",\n    " : "\n    ");
    size_t start = 0;
    for (size_t nl = row.find('\n'); nl != std::string::npos; start = nl + 1, nl = row.find('\n', start)) {
      out.write(row.data() + start, static_cast<std::streamsize>(nl + 1 - start));
      out << "    ";
    }
    out << row.substr(start);
  }
  out << (rows.empty() ? "]" : "\n  ]") << document.substr(at + empty_rows.size()) << "\n";
}

Table RowsTable(const std::vector<CompareRow>& rows, bool raw) {
  Table t;
  t.AddColumn("rank", Table::Align::kRight);
  t.AddColumn("device");
  t.AddColumn("count", Table::Align::kRight);
  t.AddColumn("region");
  t.AddColumn("start");
  t.AddColumn(raw ? "wall_hours" : "wall time", Table::Align::kRight);
  t.AddColumn(raw ? "device_hours" : "device-hours", Table::Align::kRight);
  t.AddColumn(raw ? "energy_kwh" : "energy", Table::Align::kRight);
  t.AddColumn(raw ? "co2e_kg_operational" : "CO2e oper.", Table::Align::kRight);
  t.AddColumn(raw ? "co2e_kg_embodied" : "embodied", Table::Align::kRight);
  t.AddColumn(raw ? "co2e_kg_total" : "CO2e total", Table::Align::kRight);
  t.AddColumn(raw ? "cost_usd" : "cost", Table::Align::kRight);
  t.AddColumn(raw ? "instance" : "rented as");
  t.AddColumn(raw ? "feasible" : "fits memory");
  t.AddColumn(raw ? "saving_pct" : "saving", Table::Align::kRight);
  t.AddColumn("note");
  for (const auto& r : rows) {
    auto num = [&](double v, const std::string& human) {
      if (!r.evaluated) return std::string(raw ? "" : "-");
      return raw ? FormatNumber(v) : human;
    };
    const std::string rented = r.instance.empty() ? (raw ? "" : "-")
                               : raw ? r.instance
                                     : FormatNumber(r.instances) + " × " + r.instance;
    t.AddRow({r.ranked ? std::to_string(r.rank) : (raw ? "" : "-"), r.device, FormatNumber(r.count), r.region,
              r.start_hours ? FormatIsoUtc(*r.start_hours) : "-",
              num(r.wall_hours, HumanDuration(r.wall_hours)), num(r.device_hours, FormatSig(r.device_hours, 3)),
              num(r.energy_kwh, HumanEnergy(r.energy_kwh)), num(r.co2_operational, HumanMass(r.co2_operational)),
              num(r.co2_embodied, HumanMass(r.co2_embodied)), num(r.co2_total, HumanMass(r.co2_total)),
              r.cost_usd ? (raw ? FormatNumber(*r.cost_usd) : HumanUsd(*r.cost_usd)) : (raw ? "" : "-"), rented,
              !r.evaluated ? (raw ? "" : "-") : r.feasible ? (raw ? "true" : "yes") : (raw ? "false" : "NO"),
              r.saving_pct ? (raw ? FormatNumber(*r.saving_pct) : FormatSig(*r.saving_pct, 3) + " %") : (raw ? "" : "-"),
              r.note});
  }
  return t;
}

// The sweep the arguments ask for: devices, regions, count rule, start times, order.
Result<CompareOptions> Options(const CompareArgs& a, const LoadedRun& run) {
  CompareOptions o;
  if (a.all_devices) {
    for (const auto& d : run.devices->devices()) o.devices.push_back(&d);
    o.device_selection = Selection::kSweep;
  } else if (!a.devices.empty()) {
    auto list = Resolve<DeviceDb, Device>(*run.devices, a.devices, "--devices");
    if (!list) return list.error();
    o.devices = *list;
  }
  if (a.all_regions || !a.provider.empty()) {
    for (const auto& g : run.regions->regions()) {
      if (a.provider.empty() || g.provider == a.provider) o.regions.push_back(&g);
    }
    o.region_selection = Selection::kSweep;
    o.provider = a.provider;
  } else if (!a.regions.empty()) {
    auto list = Resolve<RegionDb, Region>(*run.regions, a.regions, "--regions");
    if (!list) return list.error();
    o.regions = *list;
  }
  o.count = a.count;
  o.same_peak = a.same_peak;
  if (!a.start.empty()) {
    auto t = ParseIsoUtc(a.start);
    if (!t) {
      Error e = t.error();
      return e.Field("--start");
    }
    o.start_hours = *t;
  }
  o.window_hours = a.window;
  o.strategy = a.strategy == "flexible-start" ? ShiftStrategy::kFlexibleStart
               : a.strategy == "pause-resume" ? ShiftStrategy::kPauseResume
                                               : ShiftStrategy::kNone;
  o.sort = a.sort == "time"     ? SortKey::kTime
           : a.sort == "energy" ? SortKey::kEnergy
           : a.sort == "cost"   ? SortKey::kCost
                                : SortKey::kCo2;
  o.top = a.top;
  o.throughput_model = a.throughput_model == "oce" ? ThroughputModelKind::kOce : ThroughputModelKind::kCalibrated;
  return o;
}

// What the catalog said about renting the options, under the text table.
void PrintAvailability(const CompareResult& result, std::ostream& out) {
  bool priced = false;
  for (const auto& r : result.rows) priced = priced || r.cost_usd.has_value();
  if (priced) {
    out << "cost: wall time × instances × on-demand list price of the region (hardware_db/instances.yaml, a partial "
           "catalog; price dates unknown, see hardware_db/INSTANCES_SOURCES.md); no discounts, storage or network\n";
  }
  if (result.left_out > 0) {
    out << "left out: " << result.left_out
        << " device × region pairs that hardware_db/instances.yaml does not list as rentable there\n";
  }
  if (result.unrentable > 0) {
    out << "note: " << result.unrentable
        << " ranked rows are cloud regions whose provider does not rent that device (own hardware assumed); "
           "--provider ranks only what can be rented\n";
  }
}

// JSON (rows streamed), CSV, Markdown or the text table with its baseline line.
void Print(const CompareArgs& a, const std::string& name, const CompareResult& result, std::ostream& out) {
  if (a.json) {
    Json j;
    j["rows"] = Json::array();  // streamed below: tens of thousands of rows need no document in memory
    j["baseline"] = RowJson(result.baseline);
    j["evaluated"] = result.evaluated;
    j["left_out"] = result.left_out;
    if (result.serving) {
      j["assumptions"] = {{"memory", "a replica must hold the weights (params × bytes per weight); defaults size it at "
                                     "1.2 × the weights for the KV cache and activations (EcoLogits)"}};
    } else {
      j["assumptions"] = {{"bytes_per_param", result.bytes_per_param},
                          {"bytes_per_param_source",
                           "weights + gradients + Adam state in mixed precision (Rajbhandari et al. 2020, ZeRO §3.1); "
                           "activations not included"},
                          {"cost", "wall hours × instances × on-demand USD per instance-hour of the region "
                                   "(hardware_db/instances.yaml); null where the region has no price for the device"}};
    }
    StreamRowsJson(j.dump(2), result.rows, out);
    return;
  }
  Table t = RowsTable(result.rows, a.csv);
  if (a.csv) {
    t.RenderCsv(out);
  } else if (a.markdown) {
    t.RenderMarkdown(out);
  } else {
    out << name << ": " << result.evaluated << " estimates; baseline (the config as written) "
        << FormatNumber(result.baseline.count) << " × " << result.baseline.device << " @ "
        << result.baseline.region << " = " << HumanMass(result.baseline.co2_total) << " CO2e in "
        << HumanDuration(result.baseline.wall_hours) << "\n\n";
    t.RenderText(out);
    out << (result.serving ? "\nmemory check: a replica holds the weights (params × bytes per weight); count is all devices, "
                             "wall time the deployment\n"
                           : "\nmemory check: 16 bytes per parameter (weights, gradients, Adam state; activations not included)\n");
    PrintAvailability(result, out);
    if (!a.svg.empty()) out << "chart written to " << a.svg << "\n";
  }
}

Status Run(const CompareArgs& a, std::ostream& out) {
  auto run = LoadRun(a.config, a.fitted, a.serving_fitted);
  if (!run) return run.error();
  auto options = Options(a, *run);
  if (!options) return options.error();
  if (a.serving && !run->config.serving) {
    Error e = MakeError("this config has no serving: section");
    return e.At(a.config).Field("--serving");
  }
  const bool serving = run->config.serving && (a.serving || !run->config.has_training);
  auto result = serving ? RunServingCompare(run->config, *options, run->inputs)
                        : RunCompare(run->config, *options, run->inputs);
  if (!result) {
    Error e = result.error();
    return e.At(a.config);
  }
  if (!a.svg.empty()) {
    const std::string title = run->config.name + ": CO2e by option (" + std::to_string(result->rows.size()) + " shown)";
    if (auto st = WriteFileAtomically(a.svg, CompareSvg(title, result->rows)); !st) return st;
  }
  Print(a, run->config.name, *result, out);
  return {};
}

}  // namespace

void AddCompareCommand(CLI::App& app, CommandContext& ctx) {
  auto a = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand("compare", "Compare devices × regions × start times for the same workload, ranked");
  cmd->add_option("CONFIG", a->config, "Run config (YAML); its device, count and region are the baseline")->required();
  auto* dev = cmd->add_option("--devices", a->devices, "Comma-separated device ids or aliases");
  auto* alld = cmd->add_flag("--all-devices", a->all_devices, "Every device in the database");
  dev->excludes(alld);
  auto* reg = cmd->add_option("--regions", a->regions, "Comma-separated region ids or aliases");
  auto* allr = cmd->add_flag("--all-regions", a->all_regions, "Every region in the database");
  auto* prov = cmd->add_option("--provider", a->provider,
                               "Every cloud region of one provider; ranks only what it rents there (instances.yaml)")
                   ->check(CLI::IsMember({"aws", "gcp", "azure"}));
  reg->excludes(allr)->excludes(prov);
  auto* count = cmd->add_option("--count", a->count, "Use this many devices for every option");
  auto* peak = cmd->add_flag("--same-peak", a->same_peak, "Scale each device's count to the config's aggregate peak FLOP/s");
  count->excludes(peak);
  cmd->add_option("--start", a->start, "Start time (ISO 8601, UTC if no zone), e.g. 2025-03-01T00:00Z");
  cmd->add_option("--window", a->window, "Hours after --start in which the job may run (time shifting)");
  cmd->add_option("--strategy", a->strategy, "none | flexible-start | pause-resume (needs hourly profiles)")
      ->check(CLI::IsMember({"none", "flexible-start", "pause-resume"}));
  cmd->add_option("--sort", a->sort, "co2 (default) | time | energy | cost (options without a price last)")
      ->check(CLI::IsMember({"co2", "time", "energy", "cost"}));
  cmd->add_option("--top", a->top, "Show the best K options only");
  auto* json = cmd->add_flag("--json", a->json, "Print {\"rows\": [...], \"baseline\": {...}}");
  auto* csv = cmd->add_flag("--csv", a->csv, "Print CSV");
  auto* md = cmd->add_flag("--markdown", a->markdown, "Print a Markdown table");
  json->excludes(csv)->excludes(md);
  csv->excludes(md);
  cmd->add_option("--svg", a->svg,
                  "Also write an SVG chart (bars; time-vs-CO2e and cost-vs-CO2e Pareto plots for sweeps)");
  cmd->add_option("--fitted", a->fitted, kFittedHelp)->type_name("FILE");
  cmd->add_option("--serving-fitted", a->serving_fitted, kServingFittedHelp)->type_name("FILE");
  cmd->add_flag("--serving", a->serving,
                "Compare the config's serving deployment (the default for a config without hardware:); --count then "
                "sets the devices per replica");
  cmd->add_option("--throughput-model", a->throughput_model, "calibrated (default) or oce")
      ->check(CLI::IsMember({"calibrated", "oce"}));
  cmd->footer(
      "Examples:\n"
      "  foreprint compare examples/llama-2-7b.yaml --devices A100-SXM4-80GB,H100-SXM5-80GB,TPUv4 --regions US,FR,SE\n"
      "  foreprint compare examples/llama-2-7b.yaml --all-devices --same-peak --provider gcp --top 10 --svg out.svg\n"
      "  foreprint compare examples/llama-2-7b.yaml --all-devices --provider aws --sort cost --top 10\n"
      "  foreprint compare examples/llama-2-7b-finetune.yaml --regions US-CA,US-TX --start 2025-06-01T00:00Z \\\n"
      "      --window 168 --strategy pause-resume\n"
      "  foreprint compare examples/llama-3.1-70b-serving.yaml --devices H100-SXM5-80GB,A100-SXM4-80GB,H200-SXM-141GB \\\n"
      "      --regions aws:us-east-1,FR,SE");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return Run(*a, ctx.out); }; });
}

}  // namespace foreprint::cli

// hardware_command.cc — `foreprint hardware list|show`: browse the accelerator database.
#include "cli/command.h"
#include "report/db_json.h"
#include "report/table.h"
#include "core/text.h"

namespace foreprint::cli {
namespace {

std::string PeakCell(const Device& d, const char* dtype) {
  auto p = d.Peak(dtype);
  return p ? FormatNumber(InTflops(*p)) : "-";
}

Status List(bool json, std::ostream& out) {
  auto db = DeviceDb::Builtin();
  if (!db) return db.error();
  if (json) {
    Json arr = Json::array();
    for (const auto& d : (*db)->devices()) arr.push_back(DeviceJson(d, **db));
    out << arr.dump(2) << "\n";
    return {};
  }
  Table t;
  t.AddColumn("id");
  t.AddColumn("vendor");
  t.AddColumn("family");
  t.AddColumn("year", Table::Align::kRight);
  t.AddColumn("TDP W", Table::Align::kRight);
  t.AddColumn("bf16 TFLOP/s", Table::Align::kRight);
  t.AddColumn("fp32 TFLOP/s", Table::Align::kRight);
  t.AddColumn("memory GB", Table::Align::kRight);
  for (const auto& d : (*db)->devices()) {
    t.AddRow({d.id, d.vendor, d.family, std::to_string(d.release_year), FormatNumber(d.tdp.value()),
              PeakCell(d, "bf16"), PeakCell(d, "fp32"), FormatNumber(d.memory_gb)});
  }
  t.RenderText(out);
  out << (*db)->devices().size() << " devices (dense peaks). Details and sources: foreprint hardware show ID\n";
  return {};
}

Status Show(const std::string& query, bool json, std::ostream& out) {
  auto db = DeviceDb::Builtin();
  if (!db) return db.error();
  auto found = (*db)->Find(query);
  if (!found) return found.error();
  const Device& d = **found;
  if (json) {
    out << DeviceJson(d, **db).dump(2) << "\n";
    return {};
  }
  auto row = [&](const std::string& k, const std::string& v, const std::string& field) {
    out << "  " << k << std::string(k.size() < 16 ? 16 - k.size() : 1, ' ') << v;
    if (!field.empty() && d.value_sources.count(field)) out << "   [" << d.value_sources.at(field) << "]";
    out << "\n";
  };
  out << d.id << " — " << d.vendor << " " << d.family << " (" << d.release_year << ", " << d.form_factor << ")\n";
  row("aliases", d.aliases.empty() ? "-" : Join(d.aliases, ", "), "");
  auto defaults = (*db)->DefaultAliasesOf(d.id);
  if (!defaults.empty()) row("default for", Join(defaults, ", "), "");
  row("TDP", FormatNumber(d.tdp.value()) + " W", "tdp_w");
  row("idle", FormatNumber(d.idle.value()) + " W", "idle_w");
  for (const auto& dt : PeakDtypes()) {
    if (auto it = d.peak_tflops.find(dt); it != d.peak_tflops.end()) {
      row("peak " + dt, FormatNumber(it->second) + (dt == "int8" ? " TOPS" : " TFLOP/s") + " (dense)", "");
    }
  }
  row("memory", FormatNumber(d.memory_gb) + " GB, " + FormatNumber(d.memory_bw_gbps) + " GB/s", "memory_gb");
  row("embodied", FormatNumber(d.embodied_kgco2e) + " kg CO2e", "embodied_kgco2e");
  row("source", d.source, "");
  for (const auto& [k, v] : d.value_sources) {
    if (k.rfind("peak", 0) == 0 || k == "memory_bw_gbps") row("source " + k, v, "");
  }
  return {};
}

}  // namespace

void AddHardwareCommand(CLI::App& app, CommandContext& ctx) {
  auto* hw = app.add_subcommand("hardware", "Browse the accelerator database (hardware_db/devices.yaml)");
  hw->require_subcommand(1);
  hw->footer(
      "Examples:\n  foreprint hardware list\n  foreprint hardware list --json\n"
      "  foreprint hardware show H100-SXM5-80GB\n  foreprint hardware show \"Google TPU v3\" --json");

  auto* list = hw->add_subcommand("list", "List every device with TDP, dense peaks and memory");
  auto list_json = std::make_shared<bool>(false);
  list->add_flag("--json", *list_json, "Print one JSON array with every field and source");
  list->callback([&ctx, list_json] { ctx.action = [&ctx, list_json] { return List(*list_json, ctx.out); }; });

  auto* show = hw->add_subcommand("show", "Show one device by id or alias (case-insensitive)");
  auto query = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  show->add_option("ID_OR_ALIAS", *query, "Device id or alias, e.g. A100-SXM4-80GB or \"NVIDIA A100 SXM4 80 GB\"")
      ->required();
  show->add_flag("--json", *show_json, "Print one JSON object");
  show->callback([&ctx, query, show_json] {
    ctx.action = [&ctx, query, show_json] { return Show(*query, *show_json, ctx.out); };
  });
}

}  // namespace foreprint::cli

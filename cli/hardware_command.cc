// hardware_command.cc — `foreprint hardware list|show|instances`: browse the accelerator database and
// the cloud instances that rent them.
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

struct InstanceListOptions {
  bool json = false;
  std::string provider, region, device;
};

bool Matches(const Instance& in, const InstanceListOptions& o) {
  if (!o.provider.empty() && in.provider != o.provider) return false;
  if (!o.device.empty() && in.accelerator != o.device) return false;
  return o.region.empty() || in.PriceIn(o.region);
}

Status Instances(InstanceListOptions o, std::ostream& out) {
  auto db = InstanceDb::Builtin();
  if (!db) return db.error();
  if (!o.device.empty()) {
    auto devices = DeviceDb::Builtin();
    if (!devices) return devices.error();
    auto d = (*devices)->Find(o.device);
    if (!d) return Error(d.error()).Field("--device");
    o.device = (*d)->id;
  }
  if (!o.region.empty()) {
    auto regions = RegionDb::Builtin();
    if (!regions) return regions.error();
    auto g = (*regions)->Find(o.region);
    if (!g) return Error(g.error()).Field("--region");
    o.region = (*g)->id;
  }
  std::vector<const Instance*> rows;
  for (const auto& in : (*db)->instances()) if (Matches(in, o)) rows.push_back(&in);
  if (o.json) {
    Json arr = Json::array();
    for (const Instance* in : rows) arr.push_back(InstanceJson(*in));
    out << arr.dump(2) << "\n";
    return {};
  }
  Table t;
  for (const char* h : {"id", "provider", "accelerator", "count", "vCPUs", "regions", "USD/h (min–max on-demand)"}) {
    t.AddColumn(h, std::string(h) == "count" || std::string(h) == "vCPUs" || std::string(h) == "regions"
                       ? Table::Align::kRight
                       : Table::Align::kLeft);
  }
  for (const Instance* in : rows) {
    double lo = 1e300, hi = 0;
    for (const auto& p : in->prices) {
      lo = std::min(lo, p.on_demand_usd_per_hour);
      hi = std::max(hi, p.on_demand_usd_per_hour);
    }
    const InstancePrice* here = o.region.empty() ? nullptr : in->PriceIn(o.region);
    t.AddRow({in->id, in->provider, in->accelerator, std::to_string(in->count),
              in->vcpus ? FormatNumber(*in->vcpus) : "-", std::to_string(in->prices.size()),
              here ? FormatNumber(here->on_demand_usd_per_hour) + " (" + o.region + ")"
                   : FormatNumber(lo) + (hi > lo ? "–" + FormatNumber(hi) : "") +
                         (in->accelerator_only() ? " (accelerators only)" : "")});
  }
  t.RenderText(out);
  out << rows.size() << " instance types. Prices: hardware_db/instances.yaml (a partial SkyPilot catalog, commit "
      << "dates unknown; hardware_db/INSTANCES_SOURCES.md lists the gaps)\n";
  return {};
}

}  // namespace

void AddHardwareCommand(CLI::App& app, CommandContext& ctx) {
  auto* hw = app.add_subcommand("hardware", "Browse the accelerator database (hardware_db/devices.yaml)");
  hw->require_subcommand(1);
  hw->footer(
      "Examples:\n  foreprint hardware list\n  foreprint hardware list --json\n"
      "  foreprint hardware show H100-SXM5-80GB\n  foreprint hardware show \"Google TPU v3\" --json\n"
      "  foreprint hardware instances --provider aws\n  foreprint hardware instances --region gcp:europe-west4 --json");

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

  auto io = std::make_shared<InstanceListOptions>();
  auto* inst = hw->add_subcommand("instances", "List rentable cloud instance types with their accelerators and prices");
  inst->add_flag("--json", io->json, "Print one JSON array (every price per region)");
  inst->add_option("--provider", io->provider, "Only this provider")->check(CLI::IsMember({"aws", "gcp", "azure"}));
  inst->add_option("--region", io->region, "Only instances priced in this region (id or alias)");
  inst->add_option("--device", io->device, "Only instances with this accelerator (id or alias)");
  inst->callback([&ctx, io] { ctx.action = [&ctx, io] { return Instances(*io, ctx.out); }; });
}

}  // namespace foreprint::cli

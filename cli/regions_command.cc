// regions_command.cc — `foreprint regions list|show`: browse grid carbon intensity and PUE.
#include "cli/command.h"
#include "hardware_db/region_intensity.h"
#include "report/db_json.h"
#include "report/table.h"
#include "core/text.h"

namespace foreprint::cli {
namespace {

struct ListOptions {
  bool json = false;
  std::string provider;
  std::string search;
};

bool Matches(const Region& g, const ListOptions& o) {
  if (!o.provider.empty() && g.provider != o.provider) return false;
  if (o.search.empty()) return true;
  const std::string needle = ToLower(o.search);
  auto has = [&](const std::string& s) { return ToLower(s).find(needle) != std::string::npos; };
  if (has(g.id) || has(g.name) || has(g.location)) return true;
  for (const auto& a : g.aliases) if (has(a)) return true;
  return false;
}

Status List(const ListOptions& o, std::ostream& out) {
  auto db = RegionDb::Builtin();
  if (!db) return db.error();
  std::vector<const Region*> rows;
  for (const auto& g : (*db)->regions()) if (Matches(g, o)) rows.push_back(&g);
  if (o.json) {
    Json arr = Json::array();
    for (const Region* g : rows) arr.push_back(RegionJson(*g, **db));
    out << arr.dump(2) << "\n";
    return {};
  }
  Table t;
  t.AddColumn("id");
  t.AddColumn("name");
  t.AddColumn("kind");
  t.AddColumn("gCO2e/kWh", Table::Align::kRight);
  t.AddColumn("year", Table::Align::kRight);
  t.AddColumn("PUE", Table::Align::kRight);
  t.AddColumn("grid");
  for (const Region* g : rows) {
    SourcedValue pue = (*db)->PueFor(*g);
    t.AddRow({g->id, g->name, g->kind, FormatSig(g->ci.value(), 3), std::to_string(g->year),
              FormatNumber(pue.value) + (g->pue ? "" : "*"), g->grid.empty() ? "-" : g->grid});
  }
  t.RenderText(out);
  size_t hourly = 0;
  for (const Region* g : rows) hourly += g->hourly_profile.empty() ? 0 : 1;
  out << rows.size() << " regions (" << hourly << " with an hourly profile). * = default PUE (provider or global). "
      << "Sources: foreprint regions show ID\n";
  return {};
}

Status Show(const std::string& query, bool json, std::ostream& out) {
  auto db = RegionDb::Builtin();
  if (!db) return db.error();
  auto found = (*db)->Find(query);
  if (!found) return found.error();
  const Region& g = **found;
  if (json) {
    out << RegionJson(g, **db).dump(2) << "\n";
    return {};
  }
  auto row = [&](const std::string& k, const std::string& v) {
    out << "  " << k << std::string(k.size() < 16 ? 16 - k.size() : 1, ' ') << v << "\n";
  };
  out << g.id << " — " << g.name << " (" << g.kind << ")\n";
  if (!g.aliases.empty()) row("aliases", Join(g.aliases, ", "));
  if (!g.provider.empty()) row("provider", g.provider);
  if (!g.location.empty()) row("location", g.location);
  if (!g.grid.empty()) row("grid", g.grid);
  row("intensity", FormatNumber(g.ci.value()) + " g CO2e/kWh (" + std::to_string(g.year) + ")");
  row("source", g.source);
  SourcedValue pue = (*db)->PueFor(g);
  row("PUE", FormatNumber(pue.value) + (g.pue ? " (published for this site)" : " (default)"));
  row("PUE source", pue.source);
  auto profiles = g.hourly_profile.empty() ? Result<const HourlyProfiles*>(nullptr) : HourlyProfiles::Builtin();
  if (!profiles) return profiles.error();
  if (auto hourly = RegionIntensity::For(g, *profiles)) {
    row("hourly profile", hourly->Describe() + ": typical day per month and UTC hour");
  } else {
    row("hourly profile", "none: the annual value applies at every hour");
  }
  return {};
}

}  // namespace

void AddRegionsCommand(CLI::App& app, CommandContext& ctx) {
  auto* rg = app.add_subcommand("regions", "Browse grid carbon intensity and PUE (hardware_db/regions.yaml)");
  rg->require_subcommand(1);
  rg->footer(
      "Examples:\n  foreprint regions list\n  foreprint regions list --provider gcp --json\n"
      "  foreprint regions list --search france\n  foreprint regions show aws:us-east-1");

  auto opts = std::make_shared<ListOptions>();
  auto* list = rg->add_subcommand("list", "List regions with intensity, year and PUE");
  list->add_flag("--json", opts->json, "Print one JSON array");
  list->add_option("--provider", opts->provider, "Only cloud regions of this provider")
      ->check(CLI::IsMember({"aws", "gcp", "azure"}));
  list->add_option("--search", opts->search, "Only regions whose id, name, location or alias contains TEXT");
  list->callback([&ctx, opts] { ctx.action = [&ctx, opts] { return List(*opts, ctx.out); }; });

  auto* show = rg->add_subcommand("show", "Show one region by id or alias");
  auto query = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  show->add_option("ID", *query, "Region id or alias, e.g. FR, FRA, US-CA, gcp:europe-west1")->required();
  show->add_flag("--json", *json, "Print one JSON object");
  show->callback([&ctx, query, json] { ctx.action = [&ctx, query, json] { return Show(*query, *json, ctx.out); }; });
}

}  // namespace foreprint::cli

#include "hardware_db/water_db.h"

#include <cmath>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/data_files.h"
#include "core/text.h"
#include "core/yaml_reader.h"
#include "hardware_db/region_db.h"

namespace foreprint {
namespace {

// Ranges a row must fall in. WUE: operators publish 0.01–2.75 L/kWh (WATER_SOURCES.md); 10 leaves
// room without admitting a unit slip (mL, gallons per MWh). EWIF: WRI's grids span 0.30 gal/kWh
// (1.1 L, Malta) to 4.91 gal/kWh (18.6 L, Brazil); 100 L/kWh is far above any grid average.
constexpr double kMaxWue = 10, kMaxEwif = 100;
constexpr double kLitresPerUsGallon = 3.785411784;  // exact by definition (NIST Handbook 44, Appendix C)
constexpr double kGallonTolerance = 0.005;          // the rows round litres to 3–4 significant digits

enum class Section { kProvider, kSite, kGrid, kDefault };

const std::vector<std::string>& KeysOf(Section s) {
  static const std::vector<std::string> provider = {"id", "wue_l_per_kwh", "year", "basis", "source", "url",
                                                    "check", "note"};
  static const std::vector<std::string> site = {"id", "wue_l_per_kwh", "scope", "year", "basis", "source", "url",
                                                "check", "note"};
  static const std::vector<std::string> grid = {"id", "name", "ewif_l_per_kwh", "ewif_gal_per_kwh", "year", "basis",
                                                "via", "source", "url", "check", "note"};
  static const std::vector<std::string> def = {"ewif_l_per_kwh", "ewif_gal_per_kwh", "year", "basis", "source",
                                               "url", "check", "note"};
  switch (s) {
    case Section::kProvider: return provider;
    case Section::kSite: return site;
    case Section::kGrid: return grid;
    default: return def;
  }
}

Result<std::string> OptionalString(const YamlReader& r, const YAML::Node& map, const std::string& key,
                                   const std::string& parent) {
  YAML::Node n = YamlReader::Child(map, key);
  if (!n.IsDefined() || n.IsNull()) return std::string();
  return r.String(n, JoinField(parent, key));
}

// The EWIF columns: litres required, gallons (if given) must agree; consumption-based.
Status ReadEwif(const YamlReader& r, const YAML::Node& node, const std::string& f, WaterFactor& w) {
  auto l = r.RequiredNumber(node, "ewif_l_per_kwh", f, 0, kMaxEwif);
  if (!l) return l.error();
  w.l_per_kwh = *l;
  YAML::Node gal = YamlReader::Child(node, "ewif_gal_per_kwh");
  if (gal.IsDefined() && !gal.IsNull()) {
    auto g = r.NumberInRange(gal, f + ".ewif_gal_per_kwh", 0, kMaxEwif / kLitresPerUsGallon);
    if (!g) return g.error();
    if (std::fabs(*g * kLitresPerUsGallon - *l) > kGallonTolerance * std::max(*l, 1e-9)) {
      return r.ErrorAt(gal, f + ".ewif_gal_per_kwh",
                       "ewif_gal_per_kwh × 3.785 L/gal = " + FormatSig(*g * kLitresPerUsGallon, 4) +
                           " L/kWh disagrees with ewif_l_per_kwh " + FormatNumber(*l));
    }
  }
  if (w.basis != "consumption") {
    return r.ErrorAt(YamlReader::Child(node, "basis").IsDefined() ? YamlReader::Child(node, "basis") : node,
                     f + ".basis",
                     "off-site factors must be basis: consumption (withdrawal factors are 10–100× larger and not "
                     "comparable)");
  }
  return {};
}

Result<WaterFactor> ParseRow(const YamlReader& r, const YAML::Node& node, Section s, const std::string& where) {
  if (!node.IsMap()) return r.ErrorAt(node, where, "expected a mapping describing one water factor");
  if (auto st = r.CheckKeys(node, KeysOf(s), where); !st) return st.error();
  WaterFactor w;
  w.line = node.Mark().line + 1;
  std::string f = where;
  if (s != Section::kDefault) {
    auto id = r.RequiredString(node, "id", where);
    if (!id) return id.error();
    w.id = *id;
    f = where.substr(0, where.find('[')) + "." + w.id;  // "countries.US", as regions name their fields
  }
  auto source = r.RequiredString(node, "source", f);
  if (!source) return source.error();
  w.source = *source;
  auto check = r.RequiredString(node, "check", f);
  if (!check) return check.error();
  auto year = r.RequiredNumber(node, "year", f, 1990, 2035);
  if (!year) return year.error();
  w.year = static_cast<int>(*year);
  auto basis = s == Section::kSite ? OptionalString(r, node, "basis", f) : r.RequiredString(node, "basis", f);
  if (!basis) return basis.error();
  w.basis = *basis;
  if (s == Section::kProvider || s == Section::kSite) {
    auto v = r.RequiredNumber(node, "wue_l_per_kwh", f, 0, kMaxWue);
    if (!v) return v.error();
    w.l_per_kwh = *v;
    w.scope = "provider";
  } else {
    if (auto st = ReadEwif(r, node, f, w); !st) return st.error();
    w.scope = "grid";
  }
  if (s == Section::kSite) {
    auto scope = r.RequiredString(node, "scope", f);
    if (!scope) return scope.error();
    if (*scope != "site" && *scope != "geography") {
      return r.ErrorAt(YamlReader::Child(node, "scope"), f + ".scope",
                       "unknown scope '" + *scope + "' (site: the operator's figure for this region; geography: its "
                       "average for a wider area)");
    }
    w.scope = *scope;
  }
  if (s == Section::kGrid) {
    auto via = OptionalString(r, node, "via", f);
    if (!via) return via.error();
    w.via = *via;
  }
  return w;
}

Result<std::vector<WaterFactor>> ParseList(const YamlReader& r, const std::string& key, Section s) {
  auto list = r.Require(r.root(), key, "");
  if (!list) return list.error();
  if (!list->IsSequence()) return r.ErrorAt(*list, key, "expected a list of water factors");
  std::vector<WaterFactor> out;
  for (const auto& node : *list) {
    auto w = ParseRow(r, node, s, key + "[" + std::to_string(out.size()) + "]");
    if (!w) return w.error();
    out.push_back(std::move(*w));
  }
  return out;
}

nlohmann::json FactorJson(const WaterFactor& w) {
  return nlohmann::json::array({w.id, w.l_per_kwh, w.year, w.scope, w.basis, w.source, w.via, w.line});
}

WaterFactor FactorFromJson(const nlohmann::json& x) {
  WaterFactor w;
  w.id = x.at(0).get<std::string>();
  w.l_per_kwh = x.at(1).get<double>();
  w.year = x.at(2).get<int>();
  w.scope = x.at(3).get<std::string>();
  w.basis = x.at(4).get<std::string>();
  w.source = x.at(5).get<std::string>();
  w.via = x.at(6).get<std::string>();
  w.line = x.at(7).get<int>();
  return w;
}

}  // namespace

Result<WaterDb> WaterDb::Parse(const std::string& text, const std::string& file) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  if (!r.root().IsMap()) {
    return r.ErrorAt(r.root(), "", "expected a mapping with 'providers', 'sites', 'countries', 'grid_regions' and 'default'");
  }
  if (auto st = r.CheckKeys(r.root(), {"providers", "sites", "countries", "grid_regions", "default"}, ""); !st) {
    return st.error();
  }
  WaterDb db;
  auto providers = ParseList(r, "providers", Section::kProvider);
  if (!providers) return providers.error();
  db.providers_ = std::move(*providers);
  auto sites = ParseList(r, "sites", Section::kSite);
  if (!sites) return sites.error();
  db.sites_ = std::move(*sites);
  for (const char* key : {"countries", "grid_regions"}) {
    auto grids = ParseList(r, key, Section::kGrid);
    if (!grids) return grids.error();
    db.grids_.insert(db.grids_.end(), grids->begin(), grids->end());
  }
  auto def = r.Require(r.root(), "default", "");
  if (!def) return def.error();
  auto d = ParseRow(r, *def, Section::kDefault, "default");
  if (!d) return d.error();
  db.default_ = std::move(*d);
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Status WaterDb::BuildIndex(const std::string& file) {
  provider_index_.clear();
  site_index_.clear();
  grid_index_.clear();
  for (auto [rows, index, section] : {std::tuple{&providers_, &provider_index_, "providers"},
                                      {&sites_, &site_index_, "sites"}, {&grids_, &grid_index_, "grids"}}) {
    for (size_t i = 0; i < rows->size(); ++i) {
      const WaterFactor& w = (*rows)[i];
      if (!index->emplace(w.id, i).second) {
        Error e = MakeError("'" + w.id + "' appears twice in " + section + " (ids must be unique)");
        return e.At(file, w.line).Field(std::string(section) + "." + w.id);
      }
    }
  }
  for (const auto& w : grids_) {
    if (w.via.empty()) continue;
    auto it = grid_index_.find(w.via);
    if (it == grid_index_.end()) {
      Error e = MakeError("via '" + w.via + "' is not a row of grid_regions");
      return e.At(file, w.line).Field("countries." + w.id + ".via");
    }
    if (std::fabs(grids_[it->second].l_per_kwh - w.l_per_kwh) > 1e-9) {
      Error e = MakeError("the value differs from its via row '" + w.via + "' (" +
                          FormatNumber(grids_[it->second].l_per_kwh) + " L/kWh)");
      return e.At(file, w.line).Field("countries." + w.id + ".ewif_l_per_kwh");
    }
  }
  return {};
}

Status WaterDb::CheckRegions(const RegionDb& regions, const std::string& file) const {
  for (const auto& w : sites_) {
    const Region* g = regions.TryFind(w.id);
    if (!g || g->id != w.id || g->kind != "cloud") {
      Error e = MakeError("site '" + w.id + "' is not a cloud region id in regions.yaml");
      return e.At(file, w.line).Field("sites." + w.id);
    }
  }
  for (const auto& w : grids_) {
    if (w.id.rfind("egrid:", 0) == 0) continue;
    const Region* g = regions.TryFind(w.id);
    if (!g || g->id != w.id) {
      Error e = MakeError("grid '" + w.id + "' is not a region id in regions.yaml");
      return e.At(file, w.line).Field("countries." + w.id);
    }
  }
  return {};
}

std::string WaterDb::ToJson() const {
  nlohmann::json j;
  for (auto [key, rows] : {std::pair{"providers", &providers_}, {"sites", &sites_}, {"grids", &grids_}}) {
    j[key] = nlohmann::json::array();
    for (const auto& w : *rows) j[key].push_back(FactorJson(w));
  }
  j["default"] = FactorJson(default_);
  return j.dump();
}

Result<WaterDb> WaterDb::FromJson(const std::string& text, const std::string& file) {
  WaterDb db;
  try {
    const auto j = nlohmann::json::parse(text);
    for (auto [key, rows] : {std::pair{"providers", &db.providers_}, {"sites", &db.sites_}, {"grids", &db.grids_}}) {
      for (const auto& x : j.at(key)) rows->push_back(FactorFromJson(x));
    }
    db.default_ = FactorFromJson(j.at("default"));
  } catch (const nlohmann::json::exception& e) {
    Error err = MakeError(std::string("malformed generated water database: ") + e.what());
    return err.At(file);
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Result<const WaterDb*> WaterDb::Builtin() {
  static std::once_flag once;
  static Result<WaterDb> db = MakeError("not loaded");
  std::call_once(once, [] {
    if (DataDirectoryOverridden()) {
      auto file = ReadDataFile("hardware_db/water.yaml");
      db = file ? Parse(file->text, file->display_name) : Result<WaterDb>(file.error());
    } else {
      auto file = ReadDataFile("hardware_db/water.json");
      db = file ? FromJson(file->text, "hardware_db/water.yaml") : Result<WaterDb>(file.error());
    }
  });
  if (!db) return db.error();
  return &db.value();
}

const WaterFactor* WaterDb::OnsiteWue(const Region& region) const {
  if (auto it = site_index_.find(region.id); it != site_index_.end()) return &sites_[it->second];
  if (region.provider.empty()) return nullptr;
  auto it = provider_index_.find(region.provider);
  return it == provider_index_.end() ? nullptr : &providers_[it->second];
}

EwifMatch WaterDb::OffsiteEwif(const Region& region) const {
  EwifMatch m;
  m.grid = region.kind == "cloud" && !region.grid.empty() ? region.grid : region.id;
  if (auto it = grid_index_.find(m.grid); it != grid_index_.end()) {
    m.factor = &grids_[it->second];
    return m;
  }
  const size_t dash = m.grid.find('-');
  if (dash == std::string::npos) return m;
  if (auto it = grid_index_.find(m.grid.substr(0, dash)); it != grid_index_.end()) {
    m.factor = &grids_[it->second];
    m.country_fallback = true;
  }
  return m;
}

}  // namespace foreprint

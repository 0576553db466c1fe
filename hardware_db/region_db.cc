#include "hardware_db/region_db.h"

#include <mutex>

#include <nlohmann/json.hpp>

#include "core/data_files.h"
#include "core/suggest.h"
#include "core/yaml_reader.h"

namespace foreprint {
namespace {

const std::vector<std::string> kRegionKeys = {"id",   "aliases", "name",     "kind",   "provider",
                                              "grid", "location", "ci_g_per_kwh", "year", "source",
                                              "pue",  "pue_source", "hourly_profile"};
constexpr double kMinPue = 1.0, kMaxPue = 2.5;
constexpr double kMaxCi = 1500.0;

Result<std::string> OptionalString(const YamlReader& r, const YAML::Node& map, const std::string& key,
                                   const std::string& parent) {
  YAML::Node n = YamlReader::Child(map, key);
  if (!n.IsDefined() || n.IsNull()) return std::string();
  return r.String(n, JoinField(parent, key));
}

Result<SourcedValue> ParsePue(const YamlReader& r, const YAML::Node& node, const std::string& field) {
  if (!node.IsMap()) return r.ErrorAt(node, field, "expected {value: 1.1, source: \"...\"}");
  if (auto st = r.CheckKeys(node, {"value", "source"}, field); !st) return st.error();
  auto v = r.RequiredNumber(node, "value", field, kMinPue, kMaxPue);
  if (!v) return v.error();
  auto s = r.RequiredString(node, "source", field);
  if (!s) return s.error();
  return SourcedValue{*v, *s};
}

Result<Region> ParseRegion(const YamlReader& r, const YAML::Node& node, size_t i) {
  const std::string where = "regions[" + std::to_string(i) + "]";
  if (!node.IsMap()) return r.ErrorAt(node, where, "expected a mapping describing one region");
  if (auto st = r.CheckKeys(node, kRegionKeys, where); !st) return st.error();
  Region g;
  g.line = node.Mark().line + 1;
  auto id = r.RequiredString(node, "id", where);
  if (!id) return id.error();
  g.id = *id;
  const std::string f = "regions." + g.id;
  auto aliases = r.StringList(YamlReader::Child(node, "aliases"), f + ".aliases");
  if (!aliases) return aliases.error();
  g.aliases = *aliases;
  for (auto [key, dst] : {std::pair{"name", &g.name}, {"kind", &g.kind}, {"source", &g.source}}) {
    auto v = r.RequiredString(node, key, f);
    if (!v) return v.error();
    *dst = *v;
  }
  for (auto [key, dst] : {std::pair{"provider", &g.provider}, {"grid", &g.grid}, {"location", &g.location},
                          {"pue_source", &g.pue_source}, {"hourly_profile", &g.hourly_profile}}) {
    auto v = OptionalString(r, node, key, f);
    if (!v) return v.error();
    *dst = *v;
  }
  auto ci = r.RequiredNumber(node, "ci_g_per_kwh", f, 0, kMaxCi);
  if (!ci) return ci.error();
  g.ci = GramsPerKwh(*ci);
  auto year = r.RequiredNumber(node, "year", f, 1990, 2030);
  if (!year) return year.error();
  g.year = static_cast<int>(*year);
  YAML::Node pue = YamlReader::Child(node, "pue");
  if (pue.IsDefined() && !pue.IsNull()) {
    auto v = r.NumberInRange(pue, f + ".pue", kMinPue, kMaxPue);
    if (!v) return v.error();
    if (g.pue_source.empty()) return r.ErrorAt(pue, f + ".pue_source", "a region PUE needs a pue_source");
    g.pue = *v;
  }
  if (g.kind == "cloud" && (g.provider.empty() || g.grid.empty())) {
    return r.ErrorAt(node, f, "a cloud region needs 'provider' and 'grid'");
  }
  return g;
}

}  // namespace

Result<RegionDb> RegionDb::Parse(const std::string& text, const std::string& file) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  if (!r.root().IsMap()) return r.ErrorAt(r.root(), "", "expected a mapping with 'defaults' and 'regions'");
  if (auto st = r.CheckKeys(r.root(), {"defaults", "regions"}, ""); !st) return st.error();

  RegionDb db;
  auto defaults = r.Require(r.root(), "defaults", "");
  if (!defaults) return defaults.error();
  if (auto st = r.CheckKeys(*defaults, {"global_pue", "provider_pue"}, "defaults"); !st) return st.error();
  auto global = r.Require(*defaults, "global_pue", "defaults");
  if (!global) return global.error();
  auto gp = ParsePue(r, *global, "defaults.global_pue");
  if (!gp) return gp.error();
  db.global_pue_ = *gp;
  YAML::Node providers = YamlReader::Child(*defaults, "provider_pue");
  if (providers.IsDefined() && !providers.IsNull()) {
    if (!providers.IsMap()) return r.ErrorAt(providers, "defaults.provider_pue", "expected provider: {value, source}");
    for (const auto& kv : providers) {
      auto p = ParsePue(r, kv.second, "defaults.provider_pue." + kv.first.Scalar());
      if (!p) return p.error();
      db.provider_pue_[kv.first.Scalar()] = *p;
    }
  }

  auto list = r.Require(r.root(), "regions", "");
  if (!list) return list.error();
  if (!list->IsSequence()) return r.ErrorAt(*list, "regions", "expected a list of regions");
  size_t i = 0;
  for (const auto& node : *list) {
    auto g = ParseRegion(r, node, i++);
    if (!g) return g.error();
    db.regions_.push_back(std::move(*g));
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Status RegionDb::BuildIndex(const std::string& file) {
  index_ = AliasIndex();
  for (size_t i = 0; i < regions_.size(); ++i) {
    const Region& g = regions_[i];
    std::vector<std::string> keys = {g.id};
    keys.insert(keys.end(), g.aliases.begin(), g.aliases.end());
    for (const auto& k : keys) {
      if (auto clash = index_.Add(k, i, g.id)) {
        Error e = MakeError("'" + k + "' is already used by region " + *clash + " (ids and aliases must be unique)");
        return e.At(file, g.line).Field("regions." + g.id);
      }
    }
  }
  for (const auto& g : regions_) {
    if (!g.grid.empty() && !TryFind(g.grid)) {
      Error e = MakeError("grid '" + g.grid + "' is not a region in this file");
      return e.At(file, g.line).Field("regions." + g.id + ".grid");
    }
    if (!g.provider.empty() && !provider_pue_.count(g.provider)) {
      Error e = MakeError("provider '" + g.provider + "' has no entry in defaults.provider_pue");
      return e.At(file, g.line).Field("regions." + g.id + ".provider");
    }
  }
  return {};
}

namespace {
nlohmann::ordered_json PueJson(const SourcedValue& v) { return {{"value", v.value}, {"source", v.source}}; }
SourcedValue PueFromJson(const nlohmann::json& j) {
  return {j.at("value").get<double>(), j.at("source").get<std::string>()};
}
}  // namespace

std::string RegionDb::ToJson() const {
  nlohmann::ordered_json j;
  j["global_pue"] = PueJson(global_pue_);
  j["provider_pue"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : provider_pue_) j["provider_pue"][k] = PueJson(v);
  // Rows are arrays (fixed order, see FromJson) and sources an index into a string table:
  // most regions share a handful of long source strings.
  std::vector<std::string> table;
  std::map<std::string, size_t> index;
  auto intern = [&](const std::string& s) {
    auto [it, fresh] = index.emplace(s, table.size());
    if (fresh) table.push_back(s);
    return it->second;
  };
  j["regions"] = nlohmann::ordered_json::array();
  for (const auto& g : regions_) {
    j["regions"].push_back(nlohmann::ordered_json::array(
        {g.id, g.aliases, g.name, g.kind, g.provider, g.grid, g.location, g.ci.value(), g.year, intern(g.source),
         g.pue ? nlohmann::ordered_json(*g.pue) : nlohmann::ordered_json(), intern(g.pue_source), g.hourly_profile,
         g.line}));
  }
  j["sources"] = table;
  return j.dump();
}

Result<RegionDb> RegionDb::FromJson(const std::string& text, const std::string& file) {
  RegionDb db;
  try {
    const auto j = nlohmann::json::parse(text);
    db.global_pue_ = PueFromJson(j.at("global_pue"));
    for (const auto& [k, v] : j.at("provider_pue").items()) db.provider_pue_[k] = PueFromJson(v);
    const auto& sources = j.at("sources");
    for (const auto& x : j.at("regions")) {
      Region g;
      g.id = x.at(0).get<std::string>();
      g.aliases = x.at(1).get<std::vector<std::string>>();
      g.name = x.at(2).get<std::string>();
      g.kind = x.at(3).get<std::string>();
      g.provider = x.at(4).get<std::string>();
      g.grid = x.at(5).get<std::string>();
      g.location = x.at(6).get<std::string>();
      g.ci = GramsPerKwh(x.at(7).get<double>());
      g.year = x.at(8).get<int>();
      g.source = sources.at(x.at(9).get<size_t>()).get<std::string>();
      if (!x.at(10).is_null()) g.pue = x.at(10).get<double>();
      g.pue_source = sources.at(x.at(11).get<size_t>()).get<std::string>();
      g.hourly_profile = x.at(12).get<std::string>();
      g.line = x.at(13).get<int>();
      db.regions_.push_back(std::move(g));
    }
  } catch (const nlohmann::json::exception& e) {
    Error err = MakeError(std::string("malformed generated region database: ") + e.what());
    return err.At(file);
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Result<const RegionDb*> RegionDb::Builtin() {
  static std::once_flag once;
  static Result<RegionDb> db = MakeError("not loaded");
  std::call_once(once, [] {
    if (DataDirectoryOverridden()) {
      auto file = ReadDataFile("hardware_db/regions.yaml");
      db = file ? Parse(file->text, file->display_name) : Result<RegionDb>(file.error());
    } else {
      auto file = ReadDataFile("hardware_db/regions.json");
      db = file ? FromJson(file->text, "hardware_db/regions.yaml") : Result<RegionDb>(file.error());
    }
  });
  if (!db) return db.error();
  return &db.value();
}

const Region* RegionDb::TryFind(std::string_view id_or_alias) const {
  auto i = index_.Find(id_or_alias);
  return i ? &regions_[*i] : nullptr;
}

Result<const Region*> RegionDb::Find(std::string_view id_or_alias) const {
  if (const Region* g = TryFind(id_or_alias)) return g;
  return MakeError(UnknownIdMessage("region", id_or_alias, Suggest(id_or_alias), "foreprint regions list"));
}

std::vector<std::string> RegionDb::Suggest(std::string_view query, size_t limit) const {
  return index_.Suggest(query, limit);
}

SourcedValue RegionDb::PueFor(const Region& region) const {
  if (region.pue) return {*region.pue, region.pue_source};
  auto it = provider_pue_.find(region.provider);
  if (it != provider_pue_.end()) return it->second;
  return global_pue_;
}

}  // namespace foreprint

#include "hardware_db/device_db.h"

#include <mutex>

#include <nlohmann/json.hpp>

#include "core/data_files.h"
#include "core/suggest.h"
#include "core/yaml_reader.h"

namespace foreprint {
namespace {

const std::vector<std::string> kDeviceKeys = {
    "id", "aliases", "vendor", "family", "release_year", "form_factor", "tdp_w", "idle_w", "peak_tflops",
    "memory_gb", "memory_bw_gbps", "embodied_kgco2e", "source", "value_sources"};

Result<Device> ParseDevice(const YamlReader& r, const YAML::Node& node, size_t i) {
  const std::string where = "devices[" + std::to_string(i) + "]";
  if (!node.IsMap()) return r.ErrorAt(node, where, "expected a mapping describing one device");
  if (auto st = r.CheckKeys(node, kDeviceKeys, where); !st) return st.error();
  Device d;
  d.line = node.Mark().line + 1;
  auto id = r.RequiredString(node, "id", where);
  if (!id) return id.error();
  d.id = *id;
  const std::string f = "devices." + d.id;
  auto aliases = r.StringList(YamlReader::Child(node, "aliases"), f + ".aliases");
  if (!aliases) return aliases.error();
  d.aliases = *aliases;
  for (auto [key, dst] : {std::pair{"vendor", &d.vendor}, {"family", &d.family},
                           {"form_factor", &d.form_factor}, {"source", &d.source}}) {
    auto v = r.RequiredString(node, key, f);
    if (!v) return v.error();
    *dst = *v;
  }
  auto year = r.RequiredNumber(node, "release_year", f, 2010, 2030);
  if (!year) return year.error();
  d.release_year = static_cast<int>(*year);
  auto tdp = r.RequiredNumber(node, "tdp_w", f, 10, 2000);
  if (!tdp) return tdp.error();
  d.tdp = Watts(*tdp);
  auto idle = r.RequiredNumber(node, "idle_w", f, 0, *tdp);
  if (!idle) return idle.error();
  d.idle = Watts(*idle);
  auto mem = r.RequiredNumber(node, "memory_gb", f, 0.1, 4096);
  if (!mem) return mem.error();
  d.memory_gb = *mem;
  auto bw = r.RequiredNumber(node, "memory_bw_gbps", f, 1, 100000);
  if (!bw) return bw.error();
  d.memory_bw_gbps = *bw;
  auto emb = r.RequiredNumber(node, "embodied_kgco2e", f, 0, 10000);
  if (!emb) return emb.error();
  d.embodied_kgco2e = *emb;

  auto peaks = r.Require(node, "peak_tflops", f);
  if (!peaks) return peaks.error();
  if (!peaks->IsMap()) return r.ErrorAt(*peaks, f + ".peak_tflops", "expected a mapping such as {bf16: 312}");
  if (auto st = r.CheckKeys(*peaks, PeakDtypes(), f + ".peak_tflops"); !st) return st.error();
  for (const auto& kv : *peaks) {
    const std::string dt = kv.first.Scalar();
    auto v = r.NumberInRange(kv.second, f + ".peak_tflops." + dt, 0.01, 100000);
    if (!v) return v.error();
    d.peak_tflops[dt] = *v;
  }
  if (d.TrainingPeak().value() <= 0) {
    return r.ErrorAt(*peaks, f + ".peak_tflops", "needs at least one of bf16, fp16, tf32 or fp32");
  }
  YAML::Node vs = YamlReader::Child(node, "value_sources");
  if (vs.IsDefined() && !vs.IsNull()) {
    if (!vs.IsMap()) return r.ErrorAt(vs, f + ".value_sources", "expected a mapping field: source");
    for (const auto& kv : vs) {
      auto s = r.String(kv.second, f + ".value_sources." + kv.first.Scalar());
      if (!s) return s.error();
      d.value_sources[kv.first.Scalar()] = *s;
    }
  }
  return d;
}

Result<std::vector<DefaultVariant>> ParseDefaults(const YamlReader& r, const YAML::Node& list) {
  std::vector<DefaultVariant> out;
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) return r.ErrorAt(list, "default_variants", "expected a list");
  for (const auto& item : list) {
    if (auto st = r.CheckKeys(item, {"alias", "id", "reason"}, "default_variants"); !st) return st.error();
    DefaultVariant dv;
    for (auto [key, dst] : {std::pair{"alias", &dv.alias}, {"id", &dv.id}, {"reason", &dv.reason}}) {
      auto v = r.RequiredString(item, key, "default_variants");
      if (!v) return v.error();
      *dst = *v;
    }
    out.push_back(dv);
  }
  return out;
}

}  // namespace

Result<DeviceDb> DeviceDb::Parse(const std::string& text, const std::string& file) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  if (!r.root().IsMap()) return r.ErrorAt(r.root(), "", "expected a mapping with a 'devices' list");
  if (auto st = r.CheckKeys(r.root(), {"default_variants", "devices"}, ""); !st) return st.error();
  auto list = r.Require(r.root(), "devices", "");
  if (!list) return list.error();
  if (!list->IsSequence()) return r.ErrorAt(*list, "devices", "expected a list of devices");

  DeviceDb db;
  db.file_ = file;
  size_t i = 0;
  for (const auto& node : *list) {
    auto d = ParseDevice(r, node, i++);
    if (!d) return d.error();
    db.devices_.push_back(std::move(*d));
  }
  auto defaults = ParseDefaults(r, YamlReader::Child(r.root(), "default_variants"));
  if (!defaults) return defaults.error();
  db.defaults_ = std::move(*defaults);
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Status DeviceDb::BuildIndex(const std::string& file) {
  index_ = AliasIndex();
  for (size_t i = 0; i < devices_.size(); ++i) {
    const Device& d = devices_[i];
    std::vector<std::string> keys = {d.id};
    keys.insert(keys.end(), d.aliases.begin(), d.aliases.end());
    for (const auto& k : keys) {
      if (auto clash = index_.Add(k, i, d.id)) {
        Error e = MakeError("'" + k + "' is already used by device " + *clash + " (ids and aliases must be unique)");
        return e.At(file, d.line).Field("devices." + d.id);
      }
    }
  }
  for (const auto& dv : defaults_) {
    auto target = index_.Find(dv.id);
    if (!target || devices_[*target].id != dv.id) {
      Error e = MakeError("'" + dv.alias + "' maps to unknown device id '" + dv.id + "'");
      return e.At(file).Field("default_variants");
    }
    if (auto clash = index_.Add(dv.alias, *target, dv.id)) {
      Error e = MakeError("'" + dv.alias + "' is already used by device " + *clash);
      return e.At(file).Field("default_variants");
    }
  }
  return {};
}

std::string DeviceDb::ToJson() const {
  nlohmann::ordered_json j;
  j["default_variants"] = nlohmann::ordered_json::array();
  for (const auto& dv : defaults_) j["default_variants"].push_back({{"alias", dv.alias}, {"id", dv.id}, {"reason", dv.reason}});
  j["devices"] = nlohmann::ordered_json::array();
  for (const auto& d : devices_) {
    j["devices"].push_back({{"id", d.id},
                            {"aliases", d.aliases},
                            {"vendor", d.vendor},
                            {"family", d.family},
                            {"release_year", d.release_year},
                            {"form_factor", d.form_factor},
                            {"tdp_w", d.tdp.value()},
                            {"idle_w", d.idle.value()},
                            {"peak_tflops", d.peak_tflops},
                            {"memory_gb", d.memory_gb},
                            {"memory_bw_gbps", d.memory_bw_gbps},
                            {"embodied_kgco2e", d.embodied_kgco2e},
                            {"source", d.source},
                            {"value_sources", d.value_sources},
                            {"line", d.line}});
  }
  return j.dump();
}

Result<DeviceDb> DeviceDb::FromJson(const std::string& text, const std::string& file) {
  DeviceDb db;
  db.file_ = file;
  try {
    const auto j = nlohmann::json::parse(text);
    for (const auto& x : j.at("default_variants")) {
      db.defaults_.push_back({x.at("alias").get<std::string>(), x.at("id").get<std::string>(),
                              x.at("reason").get<std::string>()});
    }
    for (const auto& x : j.at("devices")) {
      Device d;
      d.id = x.at("id").get<std::string>();
      d.aliases = x.at("aliases").get<std::vector<std::string>>();
      d.vendor = x.at("vendor").get<std::string>();
      d.family = x.at("family").get<std::string>();
      d.release_year = x.at("release_year").get<int>();
      d.form_factor = x.at("form_factor").get<std::string>();
      d.tdp = Watts(x.at("tdp_w").get<double>());
      d.idle = Watts(x.at("idle_w").get<double>());
      d.peak_tflops = x.at("peak_tflops").get<std::map<std::string, double>>();
      d.memory_gb = x.at("memory_gb").get<double>();
      d.memory_bw_gbps = x.at("memory_bw_gbps").get<double>();
      d.embodied_kgco2e = x.at("embodied_kgco2e").get<double>();
      d.source = x.at("source").get<std::string>();
      d.value_sources = x.at("value_sources").get<std::map<std::string, std::string>>();
      d.line = x.at("line").get<int>();
      db.devices_.push_back(std::move(d));
    }
  } catch (const nlohmann::json::exception& e) {
    Error err = MakeError(std::string("malformed generated device database: ") + e.what());
    return err.At(file);
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Result<const DeviceDb*> DeviceDb::Builtin() {
  static std::once_flag once;
  static Result<DeviceDb> db = MakeError("not loaded");
  std::call_once(once, [] {
    if (DataDirectoryOverridden()) {
      auto file = ReadDataFile("hardware_db/devices.yaml");
      db = file ? Parse(file->text, file->display_name) : Result<DeviceDb>(file.error());
    } else {
      auto file = ReadDataFile("hardware_db/devices.json");
      db = file ? FromJson(file->text, "hardware_db/devices.yaml") : Result<DeviceDb>(file.error());
    }
  });
  if (!db) return db.error();
  return &db.value();
}

const Device* DeviceDb::TryFind(std::string_view id_or_alias) const {
  auto i = index_.Find(id_or_alias);
  return i ? &devices_[*i] : nullptr;
}

Result<const Device*> DeviceDb::Find(std::string_view id_or_alias) const {
  if (const Device* d = TryFind(id_or_alias)) return d;
  return MakeError(UnknownIdMessage("device", id_or_alias, Suggest(id_or_alias), "foreprint hardware list"));
}

std::vector<std::string> DeviceDb::Suggest(std::string_view query, size_t limit) const {
  return index_.Suggest(query, limit);
}

std::vector<std::string> DeviceDb::DefaultAliasesOf(const std::string& id) const {
  std::vector<std::string> out;
  for (const auto& dv : defaults_) if (dv.id == id) out.push_back(dv.alias);
  return out;
}

}  // namespace foreprint

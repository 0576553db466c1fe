#include "hardware_db/instance_db.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/data_files.h"
#include "core/suggest.h"
#include "core/yaml_reader.h"

namespace foreprint {
namespace {

const std::vector<std::string> kTopKeys = {"sources", "host_power", "instances", "excluded", "unmapped_regions"};
const std::vector<std::string> kInstanceKeys = {"id", "provider", "kind", "accelerator", "count",
                                                "catalog_accelerator", "vcpus", "memory_gb", "devices_per_host",
                                                "price_date", "source", "notes", "regions"};
const std::vector<std::string> kKinds = {"vm", "tpu", "accelerator_only"};
constexpr double kMaxUsdPerHour = 1e5;


Result<HostPowerModel> ParseHostPower(const YamlReader& r, const YAML::Node& node) {
  if (!node.IsMap()) return r.ErrorAt(node, "host_power", "expected {utilization, per_vcpu_w, source}");
  if (auto st = r.CheckKeys(node, {"utilization", "per_vcpu_w", "source"}, "host_power"); !st) return st.error();
  HostPowerModel m;
  auto u = r.RequiredNumber(node, "utilization", "host_power", 0, 1);
  if (!u) return u.error();
  m.utilization = *u;
  auto src = r.RequiredString(node, "source", "host_power");
  if (!src) return src.error();
  m.source = *src;
  auto per = r.Require(node, "per_vcpu_w", "host_power");
  if (!per) return per.error();
  if (!per->IsMap()) return r.ErrorAt(*per, "host_power.per_vcpu_w", "expected provider: {min, max}");
  for (const auto& kv : *per) {
    const std::string f = "host_power.per_vcpu_w." + kv.first.Scalar();
    if (auto st = r.CheckKeys(kv.second, {"min", "max"}, f); !st) return st.error();
    auto lo = r.RequiredNumber(kv.second, "min", f, 0, 50);
    if (!lo) return lo.error();
    auto hi = r.RequiredNumber(kv.second, "max", f, *lo, 50);
    if (!hi) return hi.error();
    m.per_vcpu_w[kv.first.Scalar()] = {*lo, *hi};
  }
  return m;
}

Result<std::vector<InstancePrice>> ParsePrices(const YamlReader& r, const YAML::Node& list, const std::string& f,
                                               const std::string& provider, const RegionDb& regions) {
  if (!list.IsSequence() || list.size() == 0) return r.ErrorAt(list, f, "expected a list of {region, on_demand, spot}");
  std::vector<InstancePrice> out;
  for (const auto& item : list) {
    if (auto st = r.CheckKeys(item, {"region", "on_demand", "spot"}, f); !st) return st.error();
    InstancePrice p;
    auto id = r.RequiredString(item, "region", f);
    if (!id) return id.error();
    const Region* g = regions.TryFind(*id);
    if (!g || g->id != *id) {
      return r.ErrorAt(YamlReader::Child(item, "region"), f + ".region",
                       UnknownIdMessage("region", *id, regions.Suggest(*id), "foreprint regions list"));
    }
    if (g->provider != provider) {
      return r.ErrorAt(YamlReader::Child(item, "region"), f + ".region",
                       "'" + *id + "' is not a " + provider + " region");
    }
    p.region = *id;
    auto od = r.RequiredNumber(item, "on_demand", f + "." + *id, 1e-4, kMaxUsdPerHour);
    if (!od) return od.error();
    p.on_demand_usd_per_hour = *od;
    auto spot = r.OptionalNumber(item, "spot", f + "." + *id, 1e-5, *od);
    if (!spot) return spot.error();
    p.spot_usd_per_hour = *spot;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const InstancePrice& a, const InstancePrice& b) { return a.region < b.region; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].region == out[i - 1].region) return r.ErrorAt(list, f, "region " + out[i].region + " is listed twice");
  }
  return out;
}

Status ParseStrings(const YamlReader& r, const YAML::Node& node, const std::string& f, Instance& in) {
  for (auto [key, dst] : {std::pair{"id", &in.id}, {"provider", &in.provider}, {"kind", &in.kind},
                           {"accelerator", &in.accelerator}, {"catalog_accelerator", &in.catalog_accelerator},
                           {"price_date", &in.price_date}, {"source", &in.source}}) {
    auto v = r.RequiredString(node, key, f);
    if (!v) return v.error();
    *dst = *v;
  }
  auto notes = r.StringList(YamlReader::Child(node, "notes"), f + ".notes");
  if (!notes) return notes.error();
  in.notes = *notes;
  return {};
}

Result<Instance> ParseInstance(const YamlReader& r, const YAML::Node& node, size_t i, const DeviceDb& devices,
                               const RegionDb& regions, const HostPowerModel& power) {
  const std::string where = "instances[" + std::to_string(i) + "]";
  if (!node.IsMap()) return r.ErrorAt(node, where, "expected a mapping describing one instance type");
  if (auto st = r.CheckKeys(node, kInstanceKeys, where); !st) return st.error();
  Instance in;
  in.line = node.Mark().line + 1;
  if (auto st = ParseStrings(r, node, where, in); !st) return st.error();
  const std::string f = "instances." + in.id;
  if (!power.per_vcpu_w.count(in.provider)) {
    return r.ErrorAt(YamlReader::Child(node, "provider"), f + ".provider",
                     "provider '" + in.provider + "' has no host_power.per_vcpu_w entry");
  }
  if (std::find(kKinds.begin(), kKinds.end(), in.kind) == kKinds.end()) {
    return r.ErrorAt(YamlReader::Child(node, "kind"), f + ".kind",
                     "unknown value '" + in.kind + "' (one of: vm, tpu, accelerator_only)");
  }
  const Device* d = devices.TryFind(in.accelerator);
  if (!d || d->id != in.accelerator) {
    return r.ErrorAt(YamlReader::Child(node, "accelerator"), f + ".accelerator",
                     UnknownIdMessage("device", in.accelerator, devices.Suggest(in.accelerator),
                                      "foreprint hardware list") + " (write the devices.yaml id)");
  }
  auto count = r.RequiredNumber(node, "count", f, 1, 1024);
  if (!count) return count.error();
  auto per_host = r.RequiredNumber(node, "devices_per_host", f, *count, 1024);
  if (!per_host) return per_host.error();
  if (std::floor(*count) != *count || std::floor(*per_host) != *per_host) {
    return r.ErrorAt(node, f, "count and devices_per_host must be whole numbers");
  }
  in.count = static_cast<int>(*count);
  in.devices_per_host = static_cast<int>(*per_host);
  auto vcpus = r.OptionalNumber(node, "vcpus", f, 1, 4096);
  if (!vcpus) return vcpus.error();
  in.vcpus = *vcpus;
  auto mem = r.OptionalNumber(node, "memory_gb", f, 0.5, 65536);
  if (!mem) return mem.error();
  in.memory_gb = *mem;
  in.host_power = power.For(in.provider, in.vcpus);
  auto prices = r.Require(node, "regions", f);
  if (!prices) return prices.error();
  auto list = ParsePrices(r, *prices, f + ".regions", in.provider, regions);
  if (!list) return list.error();
  in.prices = std::move(*list);
  return in;
}

}  // namespace

const InstancePrice* Instance::PriceIn(std::string_view region_id) const {
  auto it = std::lower_bound(prices.begin(), prices.end(), region_id,
                             [](const InstancePrice& p, std::string_view id) { return p.region < id; });
  return it != prices.end() && it->region == region_id ? &*it : nullptr;
}

std::optional<Watts> HostPowerModel::For(const std::string& provider, std::optional<double> vcpus) const {
  auto it = per_vcpu_w.find(provider);
  if (!vcpus || it == per_vcpu_w.end()) return std::nullopt;
  const auto [lo, hi] = it->second;
  return Watts(*vcpus * (lo + utilization * (hi - lo)));
}

Result<InstanceDb> InstanceDb::Parse(const std::string& text, const std::string& file, const DeviceDb& devices,
                                     const RegionDb& regions) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  if (!r.root().IsMap()) return r.ErrorAt(r.root(), "", "expected a mapping with 'host_power' and 'instances'");
  if (auto st = r.CheckKeys(r.root(), kTopKeys, ""); !st) return st.error();
  InstanceDb db;
  auto hp = r.Require(r.root(), "host_power", "");
  if (!hp) return hp.error();
  auto power = ParseHostPower(r, *hp);
  if (!power) return power.error();
  db.host_power_ = *power;
  YAML::Node sources = YamlReader::Child(r.root(), "sources");
  if (YamlReader::Present(sources) && sources.IsMap()) {
    for (const auto& kv : sources) {
      const std::string f = "sources." + kv.first.Scalar();
      auto repo = r.RequiredString(kv.second, "repo", f);
      auto commit = r.RequiredString(kv.second, "commit", f);
      auto date = r.RequiredString(kv.second, "commit_date", f);
      if (!repo || !commit || !date) return !repo ? repo.error() : !commit ? commit.error() : date.error();
      db.catalog_of_[kv.first.Scalar()] = *repo + "@" + commit->substr(0, 8) + ", commit date " + *date;
    }
  }
  auto list = r.Require(r.root(), "instances", "");
  if (!list) return list.error();
  if (!list->IsSequence()) return r.ErrorAt(*list, "instances", "expected a list of instance types");
  size_t i = 0;
  for (const auto& node : *list) {
    auto in = ParseInstance(r, node, i++, devices, regions, db.host_power_);
    if (!in) return in.error();
    db.instances_.push_back(std::move(*in));
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Status InstanceDb::BuildIndex(const std::string& file) {
  index_ = AliasIndex();
  by_region_.clear();
  provider_devices_.clear();
  for (size_t i = 0; i < instances_.size(); ++i) {
    const Instance& in = instances_[i];
    if (auto clash = index_.Add(in.id, i, in.id)) {
      Error e = MakeError("'" + in.id + "' is already used by instance " + *clash + " (ids must be unique)");
      return e.At(file, in.line).Field("instances." + in.id);
    }
    for (size_t p = 0; p < in.prices.size(); ++p) by_region_[in.prices[p].region].push_back({i, p});
    provider_devices_.insert({in.provider, in.accelerator});
  }
  return {};
}

Result<const Instance*> InstanceDb::Find(std::string_view id) const {
  if (const Instance* in = TryFind(id)) return in;
  return MakeError(UnknownIdMessage("instance", id, Suggest(id), "foreprint hardware instances"));
}

const Instance* InstanceDb::TryFind(std::string_view id) const {
  auto i = index_.Find(id);
  return i ? &instances_[*i] : nullptr;
}

std::vector<std::string> InstanceDb::Suggest(std::string_view query, size_t limit) const {
  return index_.Suggest(query, limit);
}

Availability InstanceDb::Of(const std::string& device_id, const Region& region) const {
  if (region.provider.empty()) return Availability::kNotCloud;
  auto it = by_region_.find(region.id);
  if (it == by_region_.end()) {
    // A region the catalog doesn't cover: unknown, unless the provider rents the device nowhere.
    return provider_devices_.count({region.provider, device_id}) ? Availability::kNoCatalogData
                                                                 : Availability::kNotOffered;
  }
  for (const Offer& o : it->second) {
    if (instances_[o.instance].accelerator == device_id) return Availability::kOffered;
  }
  return Availability::kNotOffered;
}

std::optional<Rental> InstanceDb::Cheapest(const std::string& device_id, const std::string& region_id,
                                           double count) const {
  auto it = by_region_.find(region_id);
  if (it == by_region_.end() || count <= 0) return std::nullopt;
  std::optional<Rental> best, best_whole;
  for (const Offer& o : it->second) {
    const Instance& in = instances_[o.instance];
    if (in.accelerator != device_id) continue;
    const InstancePrice& p = in.prices[o.price];
    Rental r{&in, &p, std::ceil(count / in.count - 1e-9), 0};
    r.usd_per_hour = r.instances * p.on_demand_usd_per_hour;
    // Cheapest in total; on a tie the larger instance (fewer hosts to coordinate).
    auto better = [&](const std::optional<Rental>& b) {
      return !b || r.usd_per_hour < b->usd_per_hour - 1e-9 ||
             (std::fabs(r.usd_per_hour - b->usd_per_hour) <= 1e-9 && in.count > b->instance->count);
    };
    if (better(best)) best = r;
    if (in.count == in.devices_per_host && count >= in.count && better(best_whole)) best_whole = r;
  }
  // A run that fills a whole host rents whole hosts, as multi-node training does.
  return best_whole ? best_whole : best;
}

std::vector<std::string> InstanceDb::RegionsOf(const Instance& instance) const {
  std::vector<std::string> out;
  for (const auto& p : instance.prices) out.push_back(p.region);
  return out;
}

std::string InstanceDb::ToJson() const {
  nlohmann::ordered_json j;
  j["host_power"] = {{"utilization", host_power_.utilization}, {"source", host_power_.source}};
  for (const auto& [p, mm] : host_power_.per_vcpu_w) j["host_power"]["per_vcpu_w"][p] = {mm.first, mm.second};
  j["catalog_of"] = catalog_of_;
  j["instances"] = nlohmann::ordered_json::array();
  for (const auto& in : instances_) {
    nlohmann::ordered_json prices = nlohmann::ordered_json::array();
    for (const auto& p : in.prices) {
      prices.push_back({p.region, p.on_demand_usd_per_hour,
                        p.spot_usd_per_hour ? nlohmann::ordered_json(*p.spot_usd_per_hour) : nlohmann::ordered_json()});
    }
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(); };
    j["instances"].push_back({{"id", in.id}, {"provider", in.provider}, {"kind", in.kind},
                              {"accelerator", in.accelerator}, {"count", in.count},
                              {"catalog_accelerator", in.catalog_accelerator}, {"vcpus", opt(in.vcpus)},
                              {"memory_gb", opt(in.memory_gb)}, {"devices_per_host", in.devices_per_host},
                              {"price_date", in.price_date}, {"source", in.source}, {"notes", in.notes},
                              {"prices", prices}, {"line", in.line}});
  }
  return j.dump();
}

Result<InstanceDb> InstanceDb::FromJson(const std::string& text, const std::string& file) {
  InstanceDb db;
  try {
    const auto j = nlohmann::json::parse(text);
    db.host_power_.utilization = j.at("host_power").at("utilization").get<double>();
    db.host_power_.source = j.at("host_power").at("source").get<std::string>();
    for (const auto& [p, mm] : j.at("host_power").at("per_vcpu_w").items()) {
      db.host_power_.per_vcpu_w[p] = {mm.at(0).get<double>(), mm.at(1).get<double>()};
    }
    db.catalog_of_ = j.at("catalog_of").get<std::map<std::string, std::string>>();
    for (const auto& x : j.at("instances")) {
      Instance in;
      in.id = x.at("id").get<std::string>();
      in.provider = x.at("provider").get<std::string>();
      in.kind = x.at("kind").get<std::string>();
      in.accelerator = x.at("accelerator").get<std::string>();
      in.count = x.at("count").get<int>();
      in.catalog_accelerator = x.at("catalog_accelerator").get<std::string>();
      if (!x.at("vcpus").is_null()) in.vcpus = x.at("vcpus").get<double>();
      if (!x.at("memory_gb").is_null()) in.memory_gb = x.at("memory_gb").get<double>();
      in.devices_per_host = x.at("devices_per_host").get<int>();
      in.price_date = x.at("price_date").get<std::string>();
      in.source = x.at("source").get<std::string>();
      in.notes = x.at("notes").get<std::vector<std::string>>();
      for (const auto& p : x.at("prices")) {
        InstancePrice ip{p.at(0).get<std::string>(), p.at(1).get<double>(), std::nullopt};
        if (!p.at(2).is_null()) ip.spot_usd_per_hour = p.at(2).get<double>();
        in.prices.push_back(std::move(ip));
      }
      in.line = x.at("line").get<int>();
      in.host_power = db.host_power_.For(in.provider, in.vcpus);
      db.instances_.push_back(std::move(in));
    }
  } catch (const nlohmann::json::exception& e) {
    Error err = MakeError(std::string("malformed generated instance database: ") + e.what());
    return err.At(file);
  }
  if (auto st = db.BuildIndex(file); !st) return st.error();
  return db;
}

Result<const InstanceDb*> InstanceDb::Builtin() {
  static std::once_flag once;
  static Result<InstanceDb> db = MakeError("not loaded");
  std::call_once(once, [] {
    if (DataDirectoryOverridden()) {
      auto devices = DeviceDb::Builtin();
      auto regions = RegionDb::Builtin();
      auto file = ReadDataFile("hardware_db/instances.yaml");
      if (!devices) db = devices.error();
      else if (!regions) db = regions.error();
      else db = file ? Parse(file->text, file->display_name, **devices, **regions) : Result<InstanceDb>(file.error());
    } else {
      auto file = ReadDataFile("hardware_db/instances.json");
      db = file ? FromJson(file->text, "hardware_db/instances.yaml") : Result<InstanceDb>(file.error());
    }
  });
  if (!db) return db.error();
  return &db.value();
}

}  // namespace foreprint

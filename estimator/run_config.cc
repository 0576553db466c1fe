#include "estimator/run_config.h"

#include <cmath>

#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"
#include "core/utc_time.h"
#include "core/yaml_reader.h"
#include "models/model_section.h"

namespace foreprint {
namespace {

const std::vector<std::string> kTopKeys = {"name",       "year",     "setting", "model", "hardware",
                                           "datacenter", "embodied", "serving"};
const std::vector<std::string> kHardwareKeys = {"device", "count", "instance", "instances", "device_hours", "power",
                                                "dtype", "mfu", "host_power_per_device"};
const std::vector<std::string> kDatacenterKeys = {"region", "pue", "carbon_intensity", "start", "market_factor"};
const std::vector<std::string> kEmbodiedKeys = {"include", "device_kgco2e", "host_kgco2e", "devices_per_host",
                                                "lifetime_years", "utilization"};


Result<Watts> ReadPower(const YamlReader& r, const YAML::Node& n, const std::string& field, double max_w) {
  auto s = r.String(n, field);
  if (!s) return s.error();
  auto w = ParsePower(*s);
  if (!w) return r.ErrorAt(n, field, w.error().message);
  if (w->value() <= 0 || w->value() > max_w) {
    return r.ErrorAt(n, field, "'" + *s + "' is outside 0–" + FormatNumber(max_w) + " W per device");
  }
  return *w;
}

Result<const InstanceDb*> InstancesOr(const InstanceDb* given) {
  if (given) return given;
  return InstanceDb::Builtin();
}

// hardware.instance + hardware.instances: the device and count follow from the instance type.
Status ParseInstance(const YamlReader& r, const YAML::Node& hw, const DeviceDb& devices, const InstanceDb* db,
                     RunConfig& c) {
  for (const char* key : {"device", "count"}) {
    YAML::Node n = YamlReader::Child(hw, key);
    if (YamlReader::Present(n)) {
      return r.ErrorAt(n, std::string("hardware.") + key,
                       "use either instance (with instances) or device (with count), not both");
    }
  }
  auto name = r.RequiredString(hw, "instance", "hardware");
  if (!name) return name.error();
  auto instances = InstancesOr(db);
  if (!instances) return instances.error();
  auto found = (*instances)->Find(*name);
  if (!found) return r.ErrorAt(YamlReader::Child(hw, "instance"), "hardware.instance", found.error().message);
  c.instance = *found;
  auto n_node = r.Require(hw, "instances", "hardware");
  if (!n_node) return n_node.error();
  auto n = ReadPositiveCount(r, *n_node, "hardware.instances", 1e6);
  if (!n) return n.error();
  if (std::floor(*n) != *n) return r.ErrorAt(*n_node, "hardware.instances", "must be a whole number");
  c.instances = *n;
  auto device = devices.Find(c.instance->accelerator);
  if (!device) return r.ErrorAt(YamlReader::Child(hw, "instance"), "hardware.instance", device.error().message);
  c.device = *device;
  c.device_query = c.device->id;
  c.count = c.instances * c.instance->count;
  return {};
}

Status ParseDeviceAndCount(const YamlReader& r, const YAML::Node& hw, const DeviceDb& devices, RunConfig& c) {
  auto dev = r.RequiredString(hw, "device", "hardware");
  if (!dev) return dev.error();
  auto found = devices.Find(*dev);
  if (!found) return r.ErrorAt(YamlReader::Child(hw, "device"), "hardware.device", found.error().message);
  c.device = *found;
  c.device_query = *dev;
  YAML::Node per = YamlReader::Child(hw, "instances");
  if (YamlReader::Present(per)) return r.ErrorAt(per, "hardware.instances", "instances needs hardware.instance (an instance type)");
  auto count_node = r.Require(hw, "count", "hardware");
  if (!count_node) return count_node.error();
  auto count = ReadPositiveCount(r, *count_node, "hardware.count", 1e7);
  if (!count) return count.error();
  if (std::floor(*count) != *count) return r.ErrorAt(*count_node, "hardware.count", "must be a whole number");
  c.count = *count;
  return {};
}

Status ParseHardware(const YamlReader& r, const YAML::Node& hw, const DeviceDb& devices, const InstanceDb* instances,
                     RunConfig& c) {
  if (!hw.IsMap()) return r.ErrorAt(hw, "hardware", "expected a mapping (device:, count:)");
  if (auto st = r.CheckKeys(hw, kHardwareKeys, "hardware"); !st) return st;
  Status st = YamlReader::Present(YamlReader::Child(hw, "instance")) ? ParseInstance(r, hw, devices, instances, c)
                                                          : ParseDeviceAndCount(r, hw, devices, c);
  if (!st) return st;

  YAML::Node dh = YamlReader::Child(hw, "device_hours");
  if (YamlReader::Present(dh)) {
    auto v = ReadPositiveCount(r, dh, "hardware.device_hours", 1e12);
    if (!v) return v.error();
    c.device_hours = *v;
  }
  YAML::Node pw = YamlReader::Child(hw, "power");
  if (YamlReader::Present(pw)) {
    auto s = r.String(pw, "hardware.power");
    if (!s) return s.error();
    const std::string mode = ToLower(Trim(*s));
    if (mode == "modeled" || mode == "modelled") {
      c.power = PowerMode::kModeled;
    } else if (mode == "tdp") {
      c.power = PowerMode::kTdp;
    } else {
      auto w = ParsePower(*s);
      if (!w) {
        return r.ErrorAt(pw, "hardware.power",
                         "expected 'modeled', 'tdp' or a wattage such as '350 W' (" + w.error().message + ")");
      }
      auto checked = ReadPower(r, pw, "hardware.power", 5000);
      if (!checked) return checked.error();
      c.power = PowerMode::kFixed;
      c.fixed_power = *checked;
    }
  }
  YAML::Node dt = YamlReader::Child(hw, "dtype");
  if (YamlReader::Present(dt)) {
    auto s = r.String(dt, "hardware.dtype");
    if (!s) return s.error();
    c.dtype = ToLower(*s);
    if (!c.device->Peak(c.dtype)) {
      std::vector<std::string> have;
      for (const auto& [k, v] : c.device->peak_tflops) have.push_back(k);
      return r.ErrorAt(dt, "hardware.dtype",
                       c.device->id + " has no published " + *s + " peak (it has: " + Join(have, ", ") + ")");
    }
  }
  auto mfu = r.OptionalNumber(hw, "mfu", "hardware", 0.001, 1.0);
  if (!mfu) return mfu.error();
  c.mfu = *mfu;
  YAML::Node host = YamlReader::Child(hw, "host_power_per_device");
  if (YamlReader::Present(host)) {
    auto w = ReadPower(r, host, "hardware.host_power_per_device", 5000);
    if (!w) return w.error();
    c.host_power_per_device = *w;
  }
  return {};
}

Status ParseDatacenter(const YamlReader& r, const YAML::Node& dc, const RegionDb& regions, RunConfig& c) {
  if (!dc.IsMap()) return r.ErrorAt(dc, "datacenter", "expected a mapping (region:, pue:)");
  if (auto st = r.CheckKeys(dc, kDatacenterKeys, "datacenter"); !st) return st;
  auto reg = r.RequiredString(dc, "region", "datacenter");
  if (!reg) return reg.error();
  auto found = regions.Find(*reg);
  if (!found) return r.ErrorAt(YamlReader::Child(dc, "region"), "datacenter.region", found.error().message);
  c.region = *found;
  auto pue = r.OptionalNumber(dc, "pue", "datacenter", 1.0, 3.0);
  if (!pue) return pue.error();
  c.pue = *pue;
  for (auto [key, dst] : {std::pair{"carbon_intensity", &c.carbon_intensity}, {"market_factor", &c.market_factor}}) {
    YAML::Node ci = YamlReader::Child(dc, key);
    if (!YamlReader::Present(ci)) continue;
    const std::string field = JoinField("datacenter", key);
    auto s = r.String(ci, field);
    if (!s) return s.error();
    auto v = ParseCarbonIntensity(*s);
    if (!v) return r.ErrorAt(ci, field, v.error().message);
    if (v->value() < 0 || v->value() > 2000) return r.ErrorAt(ci, field, "'" + *s + "' is outside 0–2000 g/kWh");
    *dst = *v;
  }
  YAML::Node start = YamlReader::Child(dc, "start");
  if (YamlReader::Present(start)) {
    auto s = r.String(start, "datacenter.start");
    if (!s) return s.error();
    auto t = ParseIsoUtc(*s);
    if (!t) return r.ErrorAt(start, "datacenter.start", t.error().message);
    c.start_hours = *t;
  }
  return {};
}

Status ParseEmbodied(const YamlReader& r, const YAML::Node& em, RunConfig& c) {
  if (!em.IsMap()) return r.ErrorAt(em, "embodied", "expected a mapping (include:, lifetime_years:, ...)");
  if (auto st = r.CheckKeys(em, kEmbodiedKeys, "embodied"); !st) return st;
  YAML::Node inc = YamlReader::Child(em, "include");
  if (YamlReader::Present(inc)) {
    auto s = r.String(inc, "embodied.include");
    if (!s) return s.error();
    const std::string v = ToLower(*s);
    if (v == "true" || v == "yes") c.embodied.include = true;
    else if (v == "false" || v == "no") c.embodied.include = false;
    else return r.ErrorAt(inc, "embodied.include", "expected true or false");
  }
  struct Num {
    const char* key;
    std::optional<double>* dst;
    double lo, hi;
  };
  const Num nums[] = {{"device_kgco2e", &c.embodied.device_kgco2e, 0, 1e5},
                      {"host_kgco2e", &c.embodied.host_kgco2e, 0, 1e6},
                      {"devices_per_host", &c.embodied.devices_per_host, 1, 1024},
                      {"lifetime_years", &c.embodied.lifetime_years, 0.1, 50},
                      {"utilization", &c.embodied.utilization, 0.01, 1}};
  for (const auto& n : nums) {
    auto v = r.OptionalNumber(em, n.key, "embodied", n.lo, n.hi);
    if (!v) return v.error();
    *n.dst = *v;
  }
  return {};
}

// Places a workload error (which names a field but has no position) at that field's node.
Error LocateModelError(const YamlReader& r, const YAML::Node& model, Error e) {
  std::string key = e.field.rfind("model.", 0) == 0 ? e.field.substr(6) : "";
  YAML::Node n = key.empty() ? YAML::Node(YAML::NodeType::Undefined) : YamlReader::Child(model, key);
  return r.ErrorAt(YamlReader::Present(n) ? n : model, e.field, e.message);
}

// An instance must be priced in the config's region: its price is what the cost is computed from.
Status CheckInstanceRegion(const YamlReader& r, const YAML::Node& dc, const RunConfig& c) {
  if (!c.instance || c.instance->PriceIn(c.region->id)) return {};
  std::vector<std::string> where;
  for (const auto& p : c.instance->prices) where.push_back(p.region);
  return r.ErrorAt(YamlReader::Child(dc, "region"), "datacenter.region",
                   "instance " + c.instance->id + " is not priced in " + c.region->id + "; it is in: " + Join(where, ", "));
}

// The training run: hardware and the workload's FLOPs. With device-hours given, the FLOPs are only
// reported, so a workload without them is fine.
Status ParseTraining(const YamlReader& r, const YAML::Node& model, const DeviceDb& devices,
                     const InstanceDb* instances, RunConfig& c) {
  auto hw = r.Require(r.root(), "hardware", "");
  if (!hw) return hw.error();
  if (auto st = ParseHardware(r, *hw, devices, instances, c); !st) return st;
  auto workload = ComputeWorkload(c.workload_spec);
  if (workload) {
    c.workload = *workload;
  } else if (!c.device_hours) {
    return LocateModelError(r, model, workload.error());
  } else {
    c.workload.kind = c.workload_spec.kind;
    c.workload.modality = c.workload_spec.modality;
    c.workload.formula = "not computed (" + workload.error().message + "); device_hours given";
  }
  return {};
}

}  // namespace

Result<RunConfig> RunConfig::Parse(const std::string& text, const std::string& file, const DeviceDb& devices,
                                   const RegionDb& regions, const InstanceDb* instances) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  if (!r.root().IsMap()) {
    return r.ErrorAt(r.root(), "", "expected a run config: a mapping with name, model, hardware and datacenter");
  }
  if (auto st = r.CheckKeys(r.root(), kTopKeys, ""); !st) return st.error();
  RunConfig c;
  c.file = file;
  YAML::Node name = YamlReader::Child(r.root(), "name");
  if (YamlReader::Present(name)) {
    auto s = r.String(name, "name");
    if (!s) return s.error();
    c.name = *s;
  }
  auto year = r.OptionalNumber(r.root(), "year", "", 2010, 2100);
  if (!year) return year.error();
  if (*year) c.year = static_cast<int>(**year);
  YAML::Node setting = YamlReader::Child(r.root(), "setting");
  if (YamlReader::Present(setting)) {
    auto s = r.String(setting, "setting");
    if (!s) return s.error();
    const std::string v = ToLower(Trim(*s));
    if (v != "production" && v != "benchmark") {
      return r.ErrorAt(setting, "setting",
                       "unknown value '" + *s + "' (one of: production, benchmark; default production)");
    }
    c.setting = v == "benchmark" ? Setting::kBenchmark : Setting::kProduction;
  }

  auto model = r.Require(r.root(), "model", "");
  if (!model) return model.error();
  YAML::Node serving = YamlReader::Child(r.root(), "serving");
  // Without hardware:, a config with serving: is a deployment only (model: needs no kind).
  c.has_training = YamlReader::Present(YamlReader::Child(r.root(), "hardware")) || !YamlReader::Present(serving);
  auto spec = ParseModelSection(r, *model, c.has_training);
  if (!spec) return spec.error();
  c.workload_spec = *spec;
  if (c.has_training) {
    if (auto st = ParseTraining(r, *model, devices, instances, c); !st) return st.error();
  }
  if (YamlReader::Present(serving)) {
    auto s = ParseServingSection(r, serving, *model, c.workload_spec, devices);
    if (!s) return s.error();
    c.serving = std::move(*s);
  }
  auto dc = r.Require(r.root(), "datacenter", "");
  if (!dc) return dc.error();
  if (auto st = ParseDatacenter(r, *dc, regions, c); !st) return st.error();
  if (auto st = CheckInstanceRegion(r, *dc, c); !st) return st.error();
  YAML::Node em = YamlReader::Child(r.root(), "embodied");
  if (YamlReader::Present(em)) {
    if (auto st = ParseEmbodied(r, em, c); !st) return st.error();
  }
  if (c.name.empty()) c.name = file;
  return c;
}

Result<RunConfig> RunConfig::Load(const std::string& path, const DeviceDb& devices, const RegionDb& regions,
                                  const InstanceDb* instances) {
  auto text = ReadTextFile(path);
  if (!text) return text.error();
  return Parse(*text, path, devices, regions, instances);
}

}  // namespace foreprint

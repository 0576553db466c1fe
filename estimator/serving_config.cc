#include "estimator/serving_config.h"

#include <cmath>

#include "core/suggest.h"
#include "core/text.h"
#include "models/model_section.h"

namespace foreprint {
namespace {

const std::vector<std::string> kServingKeys = {"device",       "devices_per_replica", "replicas",        "max_batch",
                                               "batching",     "input_tokens",        "output_tokens",   "requests_per_day",
                                               "requests_per_second", "days"};


void Remember(const YAML::Node& n, const std::string& field, ServingConfig& c) {
  if (!n.IsDefined()) return;
  YAML::Mark m = n.Mark();
  if (!m.is_null()) c.positions[field] = {m.line + 1, m.column + 1};
}

// A positive number child (suffixes allowed), optionally whole, if present.
Result<std::optional<double>> Positive(const YamlReader& r, const YAML::Node& map, const std::string& key, double max,
                                       bool whole, ServingConfig& c) {
  YAML::Node n = YamlReader::Child(map, key);
  if (!YamlReader::Present(n)) return std::optional<double>();
  const std::string field = "serving." + key;
  Remember(n, field, c);
  auto v = ReadPositiveCount(r, n, field, max);
  if (!v) return v.error();
  if (whole && std::floor(*v) != *v) return r.ErrorAt(n, field, "must be a whole number");
  return std::optional<double>(*v);
}

Status ReadBatching(const YamlReader& r, const YAML::Node& serving, ServingConfig& c) {
  YAML::Node n = YamlReader::Child(serving, "batching");
  if (!YamlReader::Present(n)) return {};
  auto s = r.String(n, "serving.batching");
  if (!s) return s.error();
  const std::string v = ToLower(Trim(*s));
  if (v == "continuous") return {};
  if (v == "none") {
    c.batching = Batching::kNone;
    return {};
  }
  auto sug = SuggestName(v, {"continuous", "none"}, 1);
  return r.ErrorAt(n, "serving.batching",
                   "unknown value '" + *s + (sug.empty() ? "'" : "' — did you mean '" + sug[0] + "'?") +
                       " (one of: continuous, none)");
}

// The load: requests_per_day or requests_per_second, exactly one, > 0.
Status ReadLoad(const YamlReader& r, const YAML::Node& serving, ServingConfig& c) {
  auto per_day = Positive(r, serving, "requests_per_day", 1e13, false, c);
  if (!per_day) return per_day.error();
  auto per_second = Positive(r, serving, "requests_per_second", 1e8, false, c);
  if (!per_second) return per_second.error();
  if (*per_day && *per_second) {
    return r.ErrorAt(YamlReader::Child(serving, "requests_per_second"), "serving.requests_per_second",
                     "give requests_per_day or requests_per_second, not both");
  }
  if (!*per_day && !*per_second) {
    return r.ErrorAt(serving, "serving.requests_per_day",
                     "no load: give requests_per_day or requests_per_second (> 0)");
  }
  c.requests_per_second = *per_second ? **per_second : **per_day / 86400.0;
  return {};
}

// params, active_params and weight_precision from `model:`.
Status ReadModel(const YamlReader& r, const YAML::Node& model, const WorkloadSpec& spec, ServingConfig& c) {
  if (!spec.params) {
    return r.ErrorAt(model, "model.params", "missing: model.params (serving needs the parameter count, e.g. 70B)");
  }
  c.params = *spec.params;
  c.active_params_given = spec.active_params.has_value();
  c.active_params = spec.active_params.value_or(c.params);
  c.weight_precision_given = !spec.weight_precision.empty();
  if (c.weight_precision_given) c.weight_precision = spec.weight_precision;
  return {};
}

// A replica given too few devices for its weights is an error that says how many it needs.
Status CheckReplicaMemory(const YamlReader& r, const YAML::Node& serving, const ServingConfig& c) {
  if (!c.devices_per_replica) return {};
  const double weights = WeightBytes(c);
  const double have = *c.devices_per_replica * c.device->memory_gb * 1e9;
  if (have >= weights) return {};
  return r.ErrorAt(YamlReader::Child(serving, "devices_per_replica"), "serving.devices_per_replica",
                   "a replica of " + FormatNumber(*c.devices_per_replica) + " × " + c.device->id + " (" +
                       FormatNumber(have / 1e9) + " GB) cannot hold the weights (" + FormatNumber(c.params / 1e9) +
                       "B params × " + FormatNumber(BytesPerWeight(c.weight_precision)) + " bytes = " +
                       FormatSig(weights / 1e9, 3) + " GB): it needs at least " +
                       FormatNumber(MinDevicesForWeights(weights, *c.device)) + " devices, " +
                       FormatNumber(DefaultDevicesPerReplica(weights, *c.device)) +
                       " with room for the KV cache (1.2 × the weights, a power of two)");
}

}  // namespace

std::string ToString(Batching b) { return b == Batching::kNone ? "none" : "continuous"; }

Error ServingConfig::ErrorAt(const std::string& field, const std::string& message) const {
  Error e = MakeError(message);
  auto it = positions.find(field);
  if (it == positions.end()) {
    e.At(file);
  } else {
    e.At(file, it->second.line, it->second.column);
  }
  return e.Field(field);
}

double WeightBytes(const ServingConfig& c) { return c.params * BytesPerWeight(c.weight_precision); }

double MinDevicesForWeights(double weight_bytes, const Device& d) {
  return std::max(1.0, std::ceil(weight_bytes / (d.memory_gb * 1e9) - 1e-9));
}

double DefaultDevicesPerReplica(double weight_bytes, const Device& d) {
  const double needed = std::max(1.0, std::ceil(kServingMemoryOverhead * weight_bytes / (d.memory_gb * 1e9) - 1e-9));
  return std::exp2(std::ceil(std::log2(needed) - 1e-9));
}

Result<ServingConfig> ParseServingSection(const YamlReader& r, const YAML::Node& serving, const YAML::Node& model,
                                          const WorkloadSpec& spec, const DeviceDb& devices) {
  if (!serving.IsMap()) {
    return r.ErrorAt(serving, "serving", "expected a mapping (device:, requests_per_day:, days:, ...)");
  }
  if (auto st = r.CheckKeys(serving, kServingKeys, "serving"); !st) return st.error();
  ServingConfig c;
  c.file = r.file();
  Remember(serving, "serving", c);
  auto dev = r.RequiredString(serving, "device", "serving");
  if (!dev) return dev.error();
  auto found = devices.Find(*dev);
  if (!found) return r.ErrorAt(YamlReader::Child(serving, "device"), "serving.device", found.error().message);
  c.device = *found;
  c.device_query = *dev;
  if (auto st = ReadModel(r, model, spec, c); !st) return st.error();
  struct Field {
    const char* key;
    std::optional<double>* dst;
    double max;
    bool whole;
  };
  const Field fields[] = {{"devices_per_replica", &c.devices_per_replica, 1e5, true},
                          {"replicas", &c.replicas, 1e7, true},
                          {"max_batch", &c.max_batch, 1e6, true},
                          {"input_tokens", &c.input_tokens, 1e7, false},
                          {"output_tokens", &c.output_tokens, 1e7, false}};
  for (const auto& f : fields) {
    auto v = Positive(r, serving, f.key, f.max, f.whole, c);
    if (!v) return v.error();
    *f.dst = *v;
  }
  if (auto st = ReadBatching(r, serving, c); !st) return st.error();
  if (auto st = ReadLoad(r, serving, c); !st) return st.error();
  auto days_node = r.Require(serving, "days", "serving");
  if (!days_node) return days_node.error();
  auto days = Positive(r, serving, "days", 36525, false, c);
  if (!days) return days.error();
  c.days = **days;
  if (auto st = CheckReplicaMemory(r, serving, c); !st) return st.error();
  return c;
}

}  // namespace foreprint

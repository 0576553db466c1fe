#include "models/model_section.h"

#include "core/quantity_parser.h"
#include "core/suggest.h"
#include "core/text.h"

namespace foreprint {
namespace {

const std::vector<std::string> kModelKeys = {"kind",     "modality", "params",  "active_params",
                                             "tokens",   "flops",    "n_layers", "seq_len",
                                             "d_model",  "samples",  "images",  "epochs",
                                             "flops_per_sample", "image_size", "patch_size", "training",
                                             "weight_precision"};

// Upper bounds that catch unit mistakes (a "7e9B" typo) without limiting real runs.
constexpr double kMaxParams = 1e15;
constexpr double kMaxTokens = 1e16;
constexpr double kMaxFlops = 1e32;

Result<std::optional<double>> Optional(const YamlReader& r, const YAML::Node& map, const std::string& key,
                                       double max) {
  YAML::Node n = YamlReader::Child(map, key);
  if (!n.IsDefined() || n.IsNull()) return std::optional<double>();
  auto v = ReadPositiveCount(r, n, "model." + key, max);
  if (!v) return v.error();
  return std::optional<double>(*v);
}

Result<std::string> Enum(const YamlReader& r, const YAML::Node& node, const std::string& field,
                         const std::vector<std::string>& allowed) {
  auto s = r.String(node, field);
  if (!s) return s.error();
  for (const auto& a : allowed) if (ToLower(*s) == a) return a;
  auto sug = SuggestName(*s, allowed, 1);
  return r.ErrorAt(node, field,
                   "unknown value '" + *s + (sug.empty() ? "'" : "' — did you mean '" + sug[0] + "'?") +
                       " (one of: " + Join(allowed, ", ") + ")");
}

}  // namespace

Result<double> ReadPositiveCount(const YamlReader& r, const YAML::Node& node, const std::string& field,
                                 double max) {
  auto s = r.String(node, field);
  if (!s) return s.error();
  auto v = ParseCount(*s);
  if (!v) return r.ErrorAt(node, field, v.error().message);
  if (*v <= 0) return r.ErrorAt(node, field, "must be greater than zero, found '" + *s + "'");
  if (*v > max) {
    return r.ErrorAt(node, field, "'" + *s + "' is implausibly large (limit " + FormatSig(max, 2) +
                                      "); check the suffix (K, M, B, T)");
  }
  return *v;
}

Result<WorkloadSpec> ParseModelSection(const YamlReader& r, const YAML::Node& model, bool kind_required) {
  if (!model.IsMap()) return r.ErrorAt(model, "model", "expected a mapping (kind:, params:, tokens:, ...)");
  if (auto st = r.CheckKeys(model, kModelKeys, "model"); !st) return st.error();
  WorkloadSpec s;
  YAML::Node kind_node = YamlReader::Child(model, "kind");
  if (kind_required || (kind_node.IsDefined() && !kind_node.IsNull())) {
    auto required = r.Require(model, "kind", "model");
    if (!required) return required.error();
    auto kind = Enum(r, *required, "model.kind", WorkloadKindNames());
    if (!kind) return kind.error();
    s.kind = *ParseWorkloadKind(*kind);
  }
  s.modality = DefaultModality(s.kind);
  YAML::Node mod = YamlReader::Child(model, "modality");
  if (mod.IsDefined() && !mod.IsNull()) {
    auto m = Enum(r, mod, "model.modality", ModalityNames());
    if (!m) return m.error();
    s.modality = *ParseModality(*m);
  }
  YAML::Node wp = YamlReader::Child(model, "weight_precision");
  if (wp.IsDefined() && !wp.IsNull()) {
    auto p = Enum(r, wp, "model.weight_precision", WeightPrecisionNames());
    if (!p) return p.error();
    s.weight_precision = *p;
  }
  YAML::Node tr = YamlReader::Child(model, "training");
  if (tr.IsDefined() && !tr.IsNull()) {
    auto t = Enum(r, tr, "model.training", TrainingNames());
    if (!t) return t.error();
    s.training = *ParseTraining(*t);
  }
  struct Field {
    const char* key;
    std::optional<double>* dst;
    double max;
  };
  const Field fields[] = {{"params", &s.params, kMaxParams},
                          {"active_params", &s.active_params, kMaxParams},
                          {"tokens", &s.tokens, kMaxTokens},
                          {"flops", &s.flops, kMaxFlops},
                          {"n_layers", &s.n_layers, 1e5},
                          {"seq_len", &s.seq_len, 1e8},
                          {"d_model", &s.d_model, 1e7},
                          {"samples", &s.samples, 1e13},
                          {"epochs", &s.epochs, 1e6},
                          {"flops_per_sample", &s.flops_per_sample, 1e20},
                          {"image_size", &s.image_size, 1e5},
                          {"patch_size", &s.patch_size, 1e4}};
  for (const auto& f : fields) {
    auto v = Optional(r, model, f.key, f.max);
    if (!v) return v.error();
    *f.dst = *v;
  }
  if (!s.samples) {
    auto images = Optional(r, model, "images", 1e13);
    if (!images) return images.error();
    s.samples = *images;
  }
  if (s.active_params && s.params && *s.active_params > *s.params) {
    return r.ErrorAt(YamlReader::Child(model, "active_params"), "model.active_params",
                     "active_params is larger than params");
  }
  return s;
}

}  // namespace foreprint

// model_section.h — reads the `model:` section of a run config into a WorkloadSpec.
//
// Keys: kind, modality, params, active_params, tokens, flops, n_layers, seq_len, d_model,
// samples (alias images), epochs, flops_per_sample, image_size, patch_size, training
// (pre-training | fine-tuning | lora; default pre-training), weight_precision (bf16 | fp16 | fp8 |
// fp4 | int8: the served weights, for serving). Counts accept suffixes (7B, 2T, 1.28M). Errors carry
// file:line:column and the field, e.g. "model.tokens". `kind` is required unless `kind_required`
// is false (a serving-only config needs only params, active_params and weight_precision).
#pragma once

#include "core/yaml_reader.h"
#include "models/workload.h"

namespace foreprint {

Result<WorkloadSpec> ParseModelSection(const YamlReader& reader, const YAML::Node& model, bool kind_required = true);

// Reads a count with suffixes ("7B") from a scalar node and checks it is > 0 and ≤ `max`.
Result<double> ReadPositiveCount(const YamlReader& reader, const YAML::Node& node, const std::string& field,
                                 double max);

}  // namespace foreprint

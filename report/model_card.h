// model_card.h — a Hugging Face model card's carbon metadata and "Environmental Impact" section.
//
// The front matter is the Hub's `co2_eq_emissions` block (huggingface.co/docs/hub/model-cards-co2):
// emissions in grams of CO2eq (the operational, location-based figure, as CodeCarbon and the ML CO2
// Impact calculator report it; embodied and market-based are listed in the section), source,
// training_type (pre-training | fine-tuning), geographical_location and hardware_used. The section
// follows the Hub's model card template (huggingface_hub templates/modelcard_template.md), whose
// bullets are those of Lacoste et al. 2019's Machine Learning Impact calculator: hardware type, hours
// used, cloud provider, compute region, carbon emitted; foreprint adds the P10–P90 band, energy and
// water, and says that the figures are an a-priori estimate.
#pragma once

#include <string>

#include "estimator/estimate.h"
#include "estimator/run_config.h"

namespace foreprint {

// `version` is foreprint's (core/version.h).
std::string ModelCard(const RunConfig& config, const Estimate& e, const std::string& version);

}  // namespace foreprint

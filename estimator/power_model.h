// power_model.h — average device power while training.
//
//   modeled: P = P_idle + (TDP − P_idle) · clamp(p0 + p1 · u + δ_family, 0, p_max)   (u = steady MFU)
// p0, p1, p_max and the per-family offsets δ come from calibration/fitted.yaml (families without
// measurements get δ = 0); TDP and idle from hardware_db.
#pragma once

#include "estimator/model_params.h"
#include <string>

#include "core/units.h"

namespace foreprint {

double PowerFraction(const PowerParams& p, double mfu, const std::string& family);  // the clamped share
Watts ModeledDevicePower(Watts tdp, Watts idle, const PowerParams& p, double mfu, const std::string& family);

}  // namespace foreprint

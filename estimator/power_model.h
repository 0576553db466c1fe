// power_model.h — average device power while training.
//
//   modeled: P = P_idle + (TDP − P_idle) · clamp(p0 + p1 · u, 0, p_max)   (u = steady MFU)
// p0, p1, p_max come from calibration/fitted.yaml; TDP and idle from hardware_db.
#pragma once

#include "estimator/model_params.h"
#include "estimator/units.h"

namespace foreprint {

double PowerFraction(const PowerParams& p, double mfu);  // the clamped p0 + p1·u
Watts ModeledDevicePower(Watts tdp, Watts idle, const PowerParams& p, double mfu);

}  // namespace foreprint

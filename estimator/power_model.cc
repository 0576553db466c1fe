#include "estimator/power_model.h"

#include <algorithm>

namespace foreprint {

double PowerFraction(const PowerParams& p, double mfu) { return std::clamp(p.p0 + p.p1 * mfu, 0.0, p.p_max); }

Watts ModeledDevicePower(Watts tdp, Watts idle, const PowerParams& p, double mfu) {
  return idle + (tdp - idle) * PowerFraction(p, mfu);
}

}  // namespace foreprint

#include "estimator/power_model.h"

#include <algorithm>

namespace foreprint {

double PowerFraction(const PowerParams& p, double mfu, const std::string& family) {
  auto it = p.family_offset.find(family);
  const double offset = it == p.family_offset.end() ? 0.0 : it->second;
  return std::clamp(p.p0 + p.p1 * mfu + offset, 0.0, p.p_max);
}

Watts ModeledDevicePower(Watts tdp, Watts idle, const PowerParams& p, double mfu, const std::string& family) {
  return idle + (tdp - idle) * PowerFraction(p, mfu, family);
}

}  // namespace foreprint

#include "estimator/carbon.h"

namespace foreprint {

EmbodiedSplit AmortisedEmbodied(const EmbodiedInputs& in, Seconds wall_time) {
  const double share = InHours(wall_time) / (in.lifetime_years * kHoursPerYear * in.utilization);
  return {KgCO2e(in.count * in.device_kgco2e * share),
          KgCO2e(in.count * in.host_kgco2e / in.devices_per_host * share)};
}

}  // namespace foreprint

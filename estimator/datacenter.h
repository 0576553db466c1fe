// datacenter.h — the `datacenter:` section resolved for a run or a deployment.
//
//   PUE        given (datacenter.pue), else the site's published PUE, the provider's, or the global
//              default (RegionDb::PueFor, with its source)
//   intensity  given (datacenter.carbon_intensity), else with `start` and an hourly profile for the
//              region the profile's mean over [start, start + hours), else the region's annual figure
// Training and serving estimates both read these, so the two account for a site the same way.
#pragma once

#include <functional>
#include <string>

#include "core/units.h"
#include "estimator/run_config.h"
#include "hardware_db/hourly_profile.h"

namespace foreprint {

struct ResolvedPue {
  double value = 1;
  std::string source;
  bool given = false;
};
ResolvedPue ResolvePue(const RunConfig& c);

struct ResolvedIntensity {
  GramsPerKwh ci;
  std::string source;
  bool no_profile = false;  // a start time was given but the region has no hourly profile
};
// `profiles` is called only when a start time and a profile id make it needed. With an hourly profile
// the intensity is the region's annual value shaped by the profile (hardware_db/region_intensity.h).
// `describe` false: `source` is left empty (sweeps that record no explain trail).
ResolvedIntensity ResolveIntensity(const RunConfig& c, const std::function<const HourlyProfiles*()>& profiles,
                                   double hours, bool describe = true);

}  // namespace foreprint

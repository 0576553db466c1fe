#include "estimator/datacenter.h"

#include "core/text.h"
#include "core/utc_time.h"
#include "hardware_db/region_intensity.h"

namespace foreprint {

ResolvedPue ResolvePue(const RunConfig& c) {
  if (c.pue) return {*c.pue, "given (datacenter.pue)", true};
  auto db = RegionDb::Builtin();
  SourcedValue v = db ? (*db)->PueFor(*c.region) : SourcedValue{1.0, ""};
  return {v.value, v.source, false};
}

ResolvedIntensity ResolveIntensity(const RunConfig& c, const std::function<const HourlyProfiles*()>& profiles,
                                   double hours, bool describe) {
  const Region& g = *c.region;
  if (c.carbon_intensity) return {*c.carbon_intensity, "given (datacenter.carbon_intensity)"};
  ResolvedIntensity annual{g.ci, describe ? g.id + " " + std::to_string(g.year) + ": " + g.source : std::string()};
  if (!c.start_hours) return annual;
  const HourlyProfiles* all = g.hourly_profile.empty() ? nullptr : profiles();
  auto hourly = RegionIntensity::For(g, all);
  if (!hourly) {
    annual.no_profile = true;
    return annual;
  }
  // The profile is the shape, the region's annual value the level (hardware_db/region_intensity.h).
  return {hourly->MeanOver(*c.start_hours, hours),
          describe ? hourly->Describe() + ", mean over " + FormatIsoUtc(*c.start_hours) + " + " + FormatSig(hours, 3) +
                         " h (typical day per month and UTC hour)"
                   : std::string()};
}

}  // namespace foreprint

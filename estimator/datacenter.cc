#include "estimator/datacenter.h"

#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint {

ResolvedPue ResolvePue(const RunConfig& c) {
  if (c.pue) return {*c.pue, "given (datacenter.pue)", true};
  auto db = RegionDb::Builtin();
  SourcedValue v = db ? (*db)->PueFor(*c.region) : SourcedValue{1.0, ""};
  return {v.value, v.source, false};
}

ResolvedIntensity ResolveIntensity(const RunConfig& c, const std::function<const HourlyProfiles*()>& profiles,
                                   double hours) {
  const Region& g = *c.region;
  if (c.carbon_intensity) return {*c.carbon_intensity, "given (datacenter.carbon_intensity)"};
  ResolvedIntensity annual{g.ci, g.id + " " + std::to_string(g.year) + ": " + g.source};
  if (!c.start_hours) return annual;
  const HourlyProfiles* all = g.hourly_profile.empty() ? nullptr : profiles();
  const HourlyProfile* prof = all ? all->Find(g.hourly_profile) : nullptr;
  if (!prof) {
    annual.no_profile = true;
    return annual;
  }
  return {prof->MeanOver(*c.start_hours, hours),
          "EIA-930 2022 typical day per month, balancing authority " + prof->id + ", mean over " +
              FormatIsoUtc(*c.start_hours) + " + " + FormatSig(hours, 3) + " h"};
}

}  // namespace foreprint

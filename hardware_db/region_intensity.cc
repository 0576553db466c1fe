#include "hardware_db/region_intensity.h"

#include <cmath>

#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint {

RegionIntensity::RegionIntensity(const Region& region, const HourlyProfile& profile)
    : region_(&region), profile_(&profile), scale_(region.ci.value() / profile.annual_mean) {}

std::optional<RegionIntensity> RegionIntensity::For(const Region& region, const HourlyProfiles* profiles) {
  if (region.hourly_profile.empty() || !profiles) return std::nullopt;
  const HourlyProfile* p = profiles->Find(region.hourly_profile);
  if (!p) return std::nullopt;
  return RegionIntensity(region, *p);
}

GramsPerKwh RegionIntensity::At(double t) const { return GramsPerKwh(profile_->At(t) * scale_); }

GramsPerKwh RegionIntensity::MeanOver(double start, double duration) const {
  return profile_->MeanOver(start, duration) * scale_;
}

std::vector<double> RegionIntensity::Series(double start_hours, int hours) const {
  std::vector<double> s(static_cast<size_t>(std::max(0, hours)));
  if (s.empty()) return s;
  // Walk the calendar once instead of converting every hour: the profile only changes with the
  // month and the UTC hour.
  const double h0 = std::floor(start_hours);
  CivilTime c = CivilFromHours(h0);
  int month = c.month, year = c.year;
  double month_end = HoursFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1, 0);
  int hour = c.hour;
  for (int i = 0; i < hours; ++i) {
    const double t = h0 + i;
    if (t >= month_end) {
      month = month == 12 ? 1 : month + 1;
      if (month == 1) ++year;
      month_end = HoursFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1, 0);
    }
    s[i] = profile_->ci[month - 1][hour] * scale_;
    hour = hour == 23 ? 0 : hour + 1;
  }
  return s;
}

std::string RegionIntensity::Describe() const {
  return profile_->dataset + " " + (profile_->dataset.rfind("EIA", 0) == 0 ? "balancing authority " : "zone ") +
         profile_->id + " (shape; profile mean " + FormatSig(profile_->annual_mean, 3) + " g/kWh) × " + region_->id +
         " annual " + FormatSig(region_->ci.value(), 3) + " g/kWh";
}

}  // namespace foreprint

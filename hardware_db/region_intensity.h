// region_intensity.h — a region's grid intensity hour by hour: its annual value, shaped by its profile.
//
//   ci(t) = profile(month, UTC hour of t) / profile annual mean × region annual ci_g_per_kwh
//
// The profile (hourly_profile.h) gives the shape over the day and the year; the region's annual value
// (regions.yaml, cited per region) stays the level, so a whole year's mean equals it whichever dataset
// shaped it (hardware_db/hourly/SOURCES.md). Regions without `hourly_profile` have no RegionIntensity:
// callers use the annual value at every hour.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/units.h"
#include "hardware_db/hourly_profile.h"
#include "hardware_db/region.h"

namespace foreprint {

class RegionIntensity {
 public:
  // The region's shaped intensity, or nullopt when it has no profile or `profiles` lacks it.
  static std::optional<RegionIntensity> For(const Region& region, const HourlyProfiles* profiles);

  GramsPerKwh At(double hours_since_epoch) const;
  // Mean over [start, start + duration), weighting partial hours.
  GramsPerKwh MeanOver(double start_hours, double duration_hours) const;
  // Intensities of `hours` consecutive whole hours starting at the hour containing `start_hours`.
  std::vector<double> Series(double start_hours, int hours) const;

  const HourlyProfile& profile() const { return *profile_; }
  double scale() const { return scale_; }  // region annual value ÷ profile annual mean
  // "Electricity Maps 2024 zone DE (shape) × FR annual 56 g/kWh" — for explain trails and notes.
  std::string Describe() const;

 private:
  RegionIntensity(const Region& region, const HourlyProfile& profile);
  const Region* region_;
  const HourlyProfile* profile_;
  double scale_;
};

}  // namespace foreprint

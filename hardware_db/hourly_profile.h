// hourly_profile.h — typical-day grid intensity per month and UTC hour (EIA-930 2022, 8 US
// balancing authorities; hardware_db/hourly/). A run starting at a given time is charged the
// mean intensity of the hours it spans; the profile repeats every year.
#pragma once

#include <array>
#include <map>
#include <string>

#include "core/error.h"
#include "core/units.h"

namespace foreprint {

struct HourlyProfile {
  std::string id;                                   // balancing authority, e.g. "CISO"
  std::array<std::array<double, 24>, 12> ci{};      // g/kWh by [month-1][UTC hour]
  double annual_mean = 0;                           // mean over the 288 cells, weighted by days

  double At(double hours_since_epoch) const;        // intensity in the hour containing t
  // Mean intensity over [start, start + duration), weighting partial hours; duration > 0.
  GramsPerKwh MeanOver(double start_hours, double duration_hours) const;
};

class HourlyProfiles {
 public:
  static Result<HourlyProfiles> Parse(const std::string& text, const std::string& file);
  static Result<const HourlyProfiles*> Builtin();
  const HourlyProfile* Find(const std::string& id) const;
  const std::map<std::string, HourlyProfile>& all() const { return profiles_; }

 private:
  std::map<std::string, HourlyProfile> profiles_;
};

}  // namespace foreprint

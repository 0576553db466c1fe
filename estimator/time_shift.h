// time_shift.h — when to run: carbon-aware start times within a window (Dodge et al. 2022,
// "Measuring the Carbon Intensity of AI in Cloud Instances", FAccT).
//
// The window is an hourly intensity series s[0..W) starting at the requested start hour.
//   flexible-start: the start k that minimises the mean of s[k..k+J), via prefix sums: O(W).
//   pause-resume:   run only in the J cleanest hours of the window (any order): O(W) selection.
// J = the job's wall time rounded up to whole hours. Means are of whole hours.
#pragma once

#include <vector>

namespace foreprint {

// The series comes from RegionIntensity::Series (hardware_db/region_intensity.h).

struct ShiftChoice {
  int offset_hours = 0;   // flexible-start: hours after the window start
  double mean_ci = 0;     // g/kWh over the hours the job runs
};

ShiftChoice BestStart(const std::vector<double>& series, int job_hours);
double PauseResumeMean(const std::vector<double>& series, int job_hours);
double MeanOfFirst(const std::vector<double>& series, int job_hours);

}  // namespace foreprint

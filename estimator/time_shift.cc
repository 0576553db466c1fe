#include "estimator/time_shift.h"

#include <algorithm>
#include <cmath>

namespace foreprint {

ShiftChoice BestStart(const std::vector<double>& s, int job) {
  ShiftChoice best;
  if (job <= 0 || job > static_cast<int>(s.size())) return best;
  std::vector<double> prefix(s.size() + 1, 0.0);
  for (size_t i = 0; i < s.size(); ++i) prefix[i + 1] = prefix[i] + s[i];
  double best_sum = prefix[job];
  for (size_t k = 1; k + job <= s.size(); ++k) {
    double sum = prefix[k + job] - prefix[k];
    if (sum < best_sum - 1e-9) {
      best_sum = sum;
      best.offset_hours = static_cast<int>(k);
    }
  }
  best.mean_ci = best_sum / job;
  return best;
}

double PauseResumeMean(const std::vector<double>& s, int job) {
  if (job <= 0 || job > static_cast<int>(s.size())) return 0;
  std::vector<double> v = s;
  std::nth_element(v.begin(), v.begin() + (job - 1), v.end());
  double sum = 0;
  for (int i = 0; i < job; ++i) sum += v[i];
  return sum / job;
}

double MeanOfFirst(const std::vector<double>& s, int job) {
  if (job <= 0 || job > static_cast<int>(s.size())) return 0;
  double sum = 0;
  for (int i = 0; i < job; ++i) sum += s[i];
  return sum / job;
}

}  // namespace foreprint

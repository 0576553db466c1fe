#include "hardware_db/hourly_profile.h"

#include <cmath>
#include <mutex>

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/utc_time.h"

namespace foreprint {
namespace {
constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
}

double HourlyProfile::At(double t) const {
  CivilTime c = CivilFromHours(t);
  return ci[c.month - 1][c.hour];
}

GramsPerKwh HourlyProfile::MeanOver(double start, double duration) const {
  if (duration <= 0) return GramsPerKwh(At(start));
  double end = start + duration, t = start, sum = 0;
  // Full years contribute the annual mean exactly; only the remainder is walked hour by hour.
  const double year_hours = 8760.0;
  double years = std::floor(duration / year_hours);
  if (years >= 1) {
    sum += years * year_hours * annual_mean;
    t += years * year_hours;
  }
  while (t < end) {
    double next = std::min(std::floor(t) + 1.0, end);
    sum += (next - t) * At(t);
    t = next;
  }
  return GramsPerKwh(sum / duration);
}

Result<HourlyProfiles> HourlyProfiles::Parse(const std::string& text, const std::string& file) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  for (const char* col : {"zone_eia_ba", "month", "hour_utc", "ci_mean_gco2eq_per_kwh"}) {
    if (!csv->Column(col)) {
      Error e = MakeError(std::string("missing column '") + col + "'");
      return e.At(file, 1);
    }
  }
  HourlyProfiles out;
  std::map<std::string, int> filled;
  for (size_t r = 0; r < csv->rows(); ++r) {
    auto month = ParsePlainNumber(csv->Get(r, "month"));
    auto hour = ParsePlainNumber(csv->Get(r, "hour_utc"));
    auto v = ParsePlainNumber(csv->Get(r, "ci_mean_gco2eq_per_kwh"));
    if (!month || *month < 1 || *month > 12) return csv->ErrorAt(r, "month", "expected 1-12");
    if (!hour || *hour < 0 || *hour > 23) return csv->ErrorAt(r, "hour_utc", "expected 0-23");
    if (!v || *v < 0 || *v > 1500) return csv->ErrorAt(r, "ci_mean_gco2eq_per_kwh", "expected 0-1500 g/kWh");
    const std::string id = csv->Get(r, "zone_eia_ba");
    auto& p = out.profiles_[id];
    p.id = id;
    p.ci[static_cast<int>(*month) - 1][static_cast<int>(*hour)] = *v;
    ++filled[id];
  }
  for (auto& [id, p] : out.profiles_) {
    if (filled[id] != 288) {
      Error e = MakeError("profile " + id + " has " + std::to_string(filled[id]) + " of 288 month×hour cells");
      return e.At(file);
    }
    double sum = 0;
    for (int m = 0; m < 12; ++m) for (int h = 0; h < 24; ++h) sum += p.ci[m][h] * kDaysInMonth[m];
    p.annual_mean = sum / (365.0 * 24.0);
  }
  return out;
}

Result<const HourlyProfiles*> HourlyProfiles::Builtin() {
  static std::once_flag once;
  static Result<HourlyProfiles> profiles = MakeError("not loaded");
  std::call_once(once, [] {
    auto f = ReadDataFile("hardware_db/hourly/us_eia930_2022_typical_day_by_month.csv");
    profiles = f ? Parse(f->text, f->display_name) : Result<HourlyProfiles>(f.error());
  });
  if (!profiles) return profiles.error();
  return &profiles.value();
}

const HourlyProfile* HourlyProfiles::Find(const std::string& id) const {
  auto it = profiles_.find(id);
  return it == profiles_.end() ? nullptr : &it->second;
}

}  // namespace foreprint

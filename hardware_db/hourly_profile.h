// hourly_profile.h — typical-day grid intensity per month and UTC hour (hardware_db/hourly/): EIA-930
// 2022 for 8 US balancing authorities and Electricity Maps 2022–2024 for 74 zones (ODbL, own file).
// A profile holds the dataset's own values (g/kWh by month and UTC hour, repeating every year); how a
// region uses them — the shape, scaled to the region's annual value — is region_intensity.h.
#pragma once

#include <array>
#include <map>
#include <string>

#include "core/error.h"
#include "core/units.h"

namespace foreprint {

struct HourlyProfile {
  std::string id;                                   // "CISO" (EIA-930 BA) or "DE" (Electricity Maps zone)
  std::string dataset;                              // "EIA-930 2022" or "Electricity Maps 2024"
  std::array<std::array<double, 24>, 12> ci{};      // g/kWh by [month-1][UTC hour]
  double annual_mean = 0;                           // mean over the 288 cells, weighted by days

  double At(double hours_since_epoch) const;        // intensity in the hour containing t
  // Mean intensity over [start, start + duration), weighting partial hours; duration > 0.
  GramsPerKwh MeanOver(double start_hours, double duration_hours) const;
};

// The built-in files, in load order; a profile id may appear in only one of them.
struct HourlyProfileFile {
  const char* path;            // repository-relative, e.g. "hardware_db/hourly/..."
  const char* id_column;       // "zone_eia_ba" or "zone"
  const char* dataset;         // dataset name; " <year>" is appended from a `year` column or `fixed_year`
  int fixed_year;              // the year when the file has no `year` column, else 0
};
const std::array<HourlyProfileFile, 2>& BuiltinHourlyProfileFiles();

class HourlyProfiles {
 public:
  // One file: the id column (`zone_eia_ba` or `zone`), month, hour_utc, ci_mean_gco2eq_per_kwh, and
  // optionally `year` (one year per profile). Every profile needs all 288 cells.
  static Result<HourlyProfiles> Parse(const std::string& text, const std::string& file,
                                      const std::string& dataset = "", int fixed_year = 0);
  // Adds another file's profiles; an id already present is an error naming `file`.
  Status Merge(HourlyProfiles other, const std::string& file);
  // Compact JSON of the merged files, written at build time (hardware_db/tools/datagen.cc) so start-up
  // reads 82 × 288 numbers instead of parsing 23,600 CSV rows; and back.
  std::string ToJson() const;
  static Result<HourlyProfiles> FromJson(const std::string& text, const std::string& file);
  // The built-in profiles (hardware_db/hourly_profiles.json, or the CSV files of the data directory);
  // loaded once.
  static Result<const HourlyProfiles*> Builtin();
  // The CSV files of BuiltinHourlyProfileFiles() under `read` (a data-file reader), merged.
  template <class Reader>
  static Result<HourlyProfiles> LoadFiles(Reader read);
  const HourlyProfile* Find(const std::string& id) const;
  const std::map<std::string, HourlyProfile>& all() const { return profiles_; }

 private:
  std::map<std::string, HourlyProfile> profiles_;
};

template <class Reader>
Result<HourlyProfiles> HourlyProfiles::LoadFiles(Reader read) {
  HourlyProfiles all;
  for (const auto& f : BuiltinHourlyProfileFiles()) {
    auto text = read(f.path);  // → Result<std::pair<text, display name>>
    if (!text) return text.error();
    auto one = Parse(text->first, text->second, f.dataset, f.fixed_year);
    if (!one) return one.error();
    if (auto st = all.Merge(std::move(*one), text->second); !st) return st.error();
  }
  return all;
}

}  // namespace foreprint

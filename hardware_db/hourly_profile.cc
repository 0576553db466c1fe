#include "hardware_db/hourly_profile.h"

#include <cmath>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/utc_time.h"

namespace foreprint {
namespace {

constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Checks the cells of every profile and computes its day-weighted annual mean.
Status Finish(std::map<std::string, HourlyProfile>& profiles, const std::map<std::string, int>& filled,
              const std::string& file) {
  for (auto& [id, p] : profiles) {
    if (filled.at(id) != 288) {
      Error e = MakeError("profile " + id + " has " + std::to_string(filled.at(id)) + " of 288 month×hour cells");
      return e.At(file);
    }
    double sum = 0;
    for (int m = 0; m < 12; ++m) for (int h = 0; h < 24; ++h) sum += p.ci[m][h] * kDaysInMonth[m];
    p.annual_mean = sum / (365.0 * 24.0);
    if (p.annual_mean <= 0) {
      Error e = MakeError("profile " + id + " has an annual mean of 0 g/kWh, so it gives no shape");
      return e.At(file);
    }
  }
  return {};
}

}  // namespace

const std::array<HourlyProfileFile, 2>& BuiltinHourlyProfileFiles() {
  static const std::array<HourlyProfileFile, 2> kFiles = {{
      {"hardware_db/hourly/us_eia930_2022_typical_day_by_month.csv", "zone_eia_ba", "EIA-930", 2022},
      {"hardware_db/hourly/electricitymaps_typical_day_by_month.csv", "zone", "Electricity Maps", 0},
  }};
  return kFiles;
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

Result<HourlyProfiles> HourlyProfiles::Parse(const std::string& text, const std::string& file,
                                             const std::string& dataset, int fixed_year) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  const std::string id_col = csv->Column("zone_eia_ba") ? "zone_eia_ba" : "zone";
  for (const std::string& col : {id_col, std::string("month"), std::string("hour_utc"),
                                 std::string("ci_mean_gco2eq_per_kwh")}) {
    if (!csv->Column(col)) {
      Error e = MakeError("missing column '" + col + "'");
      return e.At(file, 1);
    }
  }
  const bool has_year = csv->Column("year").has_value();
  HourlyProfiles out;
  std::map<std::string, int> filled, year_of;
  for (size_t r = 0; r < csv->rows(); ++r) {
    auto month = ParsePlainNumber(csv->Get(r, "month"));
    auto hour = ParsePlainNumber(csv->Get(r, "hour_utc"));
    auto v = ParsePlainNumber(csv->Get(r, "ci_mean_gco2eq_per_kwh"));
    if (!month || *month < 1 || *month > 12) return csv->ErrorAt(r, "month", "expected 1-12");
    if (!hour || *hour < 0 || *hour > 23) return csv->ErrorAt(r, "hour_utc", "expected 0-23");
    if (!v || *v < 0 || *v > 1500) return csv->ErrorAt(r, "ci_mean_gco2eq_per_kwh", "expected 0-1500 g/kWh");
    const std::string id = csv->Get(r, id_col);
    int year = fixed_year;
    if (has_year) {
      auto y = ParsePlainNumber(csv->Get(r, "year"));
      if (!y || *y < 1990 || *y > 2100) return csv->ErrorAt(r, "year", "expected a year such as 2024");
      year = static_cast<int>(*y);
      auto [it, fresh] = year_of.emplace(id, year);
      if (!fresh && it->second != year) {
        return csv->ErrorAt(r, "year", "profile " + id + " mixes years; one year per profile");
      }
    }
    auto& p = out.profiles_[id];
    p.id = id;
    if (!dataset.empty()) p.dataset = year > 0 ? dataset + " " + std::to_string(year) : dataset;
    p.ci[static_cast<int>(*month) - 1][static_cast<int>(*hour)] = *v;
    ++filled[id];
  }
  if (auto st = Finish(out.profiles_, filled, file); !st) return st.error();
  return out;
}

Status HourlyProfiles::Merge(HourlyProfiles other, const std::string& file) {
  for (auto& [id, p] : other.profiles_) {
    if (profiles_.count(id)) {
      Error e = MakeError("profile " + id + " is defined in two hourly files; profile ids must be unique");
      return e.At(file);
    }
    profiles_.emplace(id, std::move(p));
  }
  return {};
}

std::string HourlyProfiles::ToJson() const {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& [id, p] : profiles_) {
    std::vector<double> cells;
    cells.reserve(288);
    for (const auto& month : p.ci) cells.insert(cells.end(), month.begin(), month.end());
    arr.push_back({id, p.dataset, cells});
  }
  return arr.dump();
}

Result<HourlyProfiles> HourlyProfiles::FromJson(const std::string& text, const std::string& file) {
  HourlyProfiles out;
  std::map<std::string, int> filled;
  try {
    for (const auto& x : nlohmann::json::parse(text)) {
      HourlyProfile p;
      p.id = x.at(0).get<std::string>();
      p.dataset = x.at(1).get<std::string>();
      const auto& cells = x.at(2);
      filled[p.id] = static_cast<int>(cells.size());
      for (size_t i = 0; i < cells.size() && i < 288; ++i) p.ci[i / 24][i % 24] = cells[i].get<double>();
      out.profiles_.emplace(p.id, std::move(p));
    }
  } catch (const nlohmann::json::exception& e) {
    Error err = MakeError(std::string("malformed generated hourly profiles: ") + e.what());
    return err.At(file);
  }
  if (auto st = Finish(out.profiles_, filled, file); !st) return st.error();
  return out;
}

Result<const HourlyProfiles*> HourlyProfiles::Builtin() {
  static std::once_flag once;
  static Result<HourlyProfiles> profiles = MakeError("not loaded");
  std::call_once(once, [] {
    if (DataDirectoryOverridden()) {
      profiles = LoadFiles([](const char* path) -> Result<std::pair<std::string, std::string>> {
        auto f = ReadDataFile(path);
        if (!f) return f.error();
        return std::pair{std::move(f->text), f->display_name};
      });
    } else {
      auto f = ReadDataFile("hardware_db/hourly_profiles.json");
      profiles = f ? FromJson(f->text, "hardware_db/hourly/*.csv") : Result<HourlyProfiles>(f.error());
    }
  });
  if (!profiles) return profiles.error();
  return &profiles.value();
}

const HourlyProfile* HourlyProfiles::Find(const std::string& id) const {
  auto it = profiles_.find(id);
  return it == profiles_.end() ? nullptr : &it->second;
}

}  // namespace foreprint

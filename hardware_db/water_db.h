// water_db.h — cited water factors (hardware_db/water.yaml; sources in hardware_db/WATER_SOURCES.md).
//
// On-site: WUE, litres of site water per kWh of IT energy (The Green Grid's definition), per cloud
// region (`sites`: the operator's figure for that site or its geography) and per provider
// (`providers`: the fleet average). Off-site: EWIF, litres of water consumed per kWh generated on
// the grid that supplies the site (WRI 2020), per country, US state and eGRID subregion.
// Parse() validates every row (required keys; WUE 0–10 and EWIF 0–100 L/kWh; off-site factors
// consumption-based; litres agreeing with the gallons given; `via` naming a grid row) and reports
// the first problem with file and line. Lookups never guess: a region without a row returns
// nothing, and the caller says "no source". The file's `default` (WRI's 47-country average) is
// parsed and kept but not used by the lookups.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "hardware_db/region.h"

namespace foreprint {

class RegionDb;

struct WaterFactor {
  std::string id;            // "aws", "aws:us-east-1", "US", "US-VA", "egrid:SRVC"
  double l_per_kwh = 0;      // WUE (per IT kWh) or EWIF (per kWh generated)
  int year = 0;
  std::string scope;         // providers: "provider"; sites: "site" | "geography"; grids: "grid"
  std::string basis;         // "consumption", or how the operator counts ("withdrawal ..."); may be empty for sites
  std::string source;
  std::string via;           // grids: the eGRID subregion a US state's value comes from
  int line = 0;
};

// The off-site factor for a region's grid; `country_fallback` when a country row stands in for a
// subnational grid (e.g. CA-QC → CA).
struct EwifMatch {
  const WaterFactor* factor = nullptr;
  std::string grid;          // the grid region looked up (a cloud region's `grid`, else the region)
  bool country_fallback = false;
};

class WaterDb {
 public:
  static Result<WaterDb> Parse(const std::string& text, const std::string& file);
  // Compact JSON written at build time (hardware_db/tools/datagen.cc --water) and read back at start-up.
  std::string ToJson() const;
  static Result<WaterDb> FromJson(const std::string& text, const std::string& file);
  static Result<const WaterDb*> Builtin();

  // Build-time check: every site and every non-eGRID grid row names a region in `regions`.
  Status CheckRegions(const RegionDb& regions, const std::string& file) const;

  // WUE for a region: its site row, else its provider's fleet row, else null (no source).
  const WaterFactor* OnsiteWue(const Region& region) const;
  // EWIF for the grid supplying a region: its grid's row, else its country's row, else no factor.
  EwifMatch OffsiteEwif(const Region& region) const;

  const std::vector<WaterFactor>& providers() const { return providers_; }
  const std::vector<WaterFactor>& sites() const { return sites_; }
  const std::vector<WaterFactor>& grids() const { return grids_; }
  const WaterFactor& default_ewif() const { return default_; }

 private:
  Status BuildIndex(const std::string& file);
  std::vector<WaterFactor> providers_, sites_, grids_;
  WaterFactor default_;
  std::map<std::string, size_t> provider_index_, site_index_, grid_index_;
};

}  // namespace foreprint

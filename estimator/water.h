// water.h — the water a run uses: on-site (cooling at the data centre) and off-site (at the power
// plants that generate its electricity), each from a cited factor or "no source".
//
//   on-site  = WUE  × IT energy        WUE: the site's or the provider's (hardware_db/water.yaml),
//                                      litres per kWh of IT energy as The Green Grid defines it
//   off-site = EWIF × facility energy  EWIF: water consumed per kWh generated on the grid that
//                                      supplies the site (WRI 2020), country row for a state or
//                                      province without its own
//   total    = on-site + off-site      only when both are known
// CodeCarbon multiplies its WUE by PUE-scaled (facility) energy; foreprint does not, because WUE is
// already per IT kWh (so CodeCarbon's water = foreprint's on-site × PUE), and CodeCarbon has no
// off-site water. A part without a cited factor is left empty with a note; nothing is guessed
// (hardware_db/WATER_SOURCES.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/units.h"
#include "hardware_db/region.h"
#include "hardware_db/water_db.h"

namespace foreprint {

struct WaterEstimate {
  std::optional<double> onsite_l, offsite_l, total_l;
  std::optional<double> wue_l_per_kwh, ewif_l_per_kwh;
  std::string onsite_source, offsite_source;  // empty when that part has no source
  std::vector<std::string> notes;             // parts without a source, fallbacks used
};

// The one-line statement of the convention, for --explain and the README.
inline constexpr const char* kWaterConvention =
    "on-site = WUE × IT energy (WUE is per kWh of IT energy, The Green Grid; CodeCarbon multiplies WUE by "
    "PUE-scaled energy, which counts the PUE overhead twice); off-site = grid water intensity (EWIF, consumption) × "
    "facility energy; hardware_db/WATER_SOURCES.md";

WaterEstimate EstimateWater(const Region& region, const WaterDb& db, KilowattHours it_energy,
                            KilowattHours facility_energy, bool with_notes = true);

}  // namespace foreprint

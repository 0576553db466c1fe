#include "estimator/water.h"

#include "core/text.h"

namespace foreprint {
namespace {

std::string Cite(const WaterFactor& w) {
  return w.source + " (" + std::to_string(w.year) + (w.basis.empty() ? "" : "; " + w.basis) + ")";
}

}  // namespace

WaterEstimate EstimateWater(const Region& region, const WaterDb& db, KilowattHours it_energy,
                            KilowattHours facility_energy, bool with_notes) {
  WaterEstimate w;
  if (const WaterFactor* wue = db.OnsiteWue(region)) {
    w.wue_l_per_kwh = wue->l_per_kwh;
    w.onsite_l = (it_energy * LitresPerKwh(wue->l_per_kwh)).value();
    if (with_notes) {
      w.onsite_source = (wue->scope == "provider" ? wue->id + " fleet average: " : wue->id + " (" + wue->scope + "): ") +
                        Cite(*wue);
    }
  } else if (with_notes) {
    w.notes.push_back(region.provider.empty()
                          ? "water on-site: no source for " + region.id +
                                " (WUE is published by cloud operators; a region without one has no on-site figure)"
                          : "water on-site: no source for " + region.id + " (" + region.provider +
                                " publishes no WUE for it)");
  }
  EwifMatch m = db.OffsiteEwif(region);
  if (m.factor) {
    w.ewif_l_per_kwh = m.factor->l_per_kwh;
    w.offsite_l = (facility_energy * LitresPerKwh(m.factor->l_per_kwh)).value();
    if (with_notes) {
      w.offsite_source = "grid " + m.factor->id + ": " + Cite(*m.factor);
      if (m.country_fallback) {
        w.notes.push_back("water off-site: " + m.grid + " has no factor of its own; the " + m.factor->id +
                          " country average is used");
      }
    }
  } else if (with_notes) {
    w.notes.push_back("water off-site: no source for grid " + m.grid +
                      " (WRI 2020 covers 47 countries and US eGRID subregions; hardware_db/WATER_SOURCES.md, Gaps)");
  }
  if (w.onsite_l && w.offsite_l) {
    w.total_l = *w.onsite_l + *w.offsite_l;
  } else if (with_notes) {
    w.notes.push_back("water total: not given, as a part has no source");
  }
  return w;
}

}  // namespace foreprint

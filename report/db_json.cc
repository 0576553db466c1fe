#include "report/db_json.h"

namespace foreprint {

Json DeviceJson(const Device& d, const DeviceDb& db) {
  Json j;
  j["id"] = d.id;
  j["aliases"] = d.aliases;
  j["default_for"] = db.DefaultAliasesOf(d.id);
  j["vendor"] = d.vendor;
  j["family"] = d.family;
  j["release_year"] = d.release_year;
  j["form_factor"] = d.form_factor;
  j["tdp_w"] = d.tdp.value();
  j["idle_w"] = d.idle.value();
  Json peaks = Json::object();
  for (const auto& dt : PeakDtypes()) {
    if (auto it = d.peak_tflops.find(dt); it != d.peak_tflops.end()) peaks[dt] = it->second;
  }
  j["peak_tflops"] = peaks;
  j["memory_gb"] = d.memory_gb;
  j["memory_bw_gbps"] = d.memory_bw_gbps;
  j["embodied_kgco2e"] = d.embodied_kgco2e;
  j["source"] = d.source;
  Json vs = Json::object();
  for (const auto& [k, v] : d.value_sources) vs[k] = v;
  j["value_sources"] = vs;
  return j;
}

Json RegionJson(const Region& g, const RegionDb& db) {
  Json j;
  j["id"] = g.id;
  j["aliases"] = g.aliases;
  j["name"] = g.name;
  j["kind"] = g.kind;
  j["provider"] = g.provider.empty() ? Json() : Json(g.provider);
  j["grid"] = g.grid.empty() ? Json() : Json(g.grid);
  j["location"] = g.location.empty() ? Json() : Json(g.location);
  j["ci_g_per_kwh"] = g.ci.value();
  j["year"] = g.year;
  j["source"] = g.source;
  j["pue"] = g.pue ? Json(*g.pue) : Json();
  j["pue_source"] = g.pue ? Json(g.pue_source) : Json();
  SourcedValue eff = db.PueFor(g);
  j["default_pue"] = {{"value", eff.value}, {"source", eff.source}};
  j["hourly"] = !g.hourly_profile.empty();
  j["hourly_profile"] = g.hourly_profile.empty() ? Json() : Json(g.hourly_profile);
  return j;
}

Json InstanceJson(const Instance& in) {
  auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(); };
  Json j;
  j["id"] = in.id;
  j["provider"] = in.provider;
  j["kind"] = in.kind;
  j["accelerator"] = in.accelerator;
  j["count"] = in.count;
  j["catalog_accelerator"] = in.catalog_accelerator;
  j["vcpus"] = opt(in.vcpus);
  j["memory_gb"] = opt(in.memory_gb);
  j["devices_per_host"] = in.devices_per_host;
  j["host_power_w"] = in.host_power ? Json(in.host_power->value()) : Json();
  j["price_date"] = in.price_date;
  j["source"] = in.source;
  j["notes"] = in.notes;
  Json prices = Json::array();
  for (const auto& p : in.prices) {
    prices.push_back({{"region", p.region}, {"on_demand_usd_per_hour", p.on_demand_usd_per_hour},
                      {"spot_usd_per_hour", opt(p.spot_usd_per_hour)}});
  }
  j["prices"] = prices;
  return j;
}

}  // namespace foreprint

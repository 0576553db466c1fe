#include "report/estimate_report.h"

#include <cmath>

#include "report/table.h"
#include "core/text.h"

namespace foreprint {

using Json = nlohmann::ordered_json;

std::string HumanMass(double kg) {
  if (std::fabs(kg) >= 1000) return FormatSig(kg / 1000, 3) + " t";
  if (std::fabs(kg) >= 1 || kg == 0) return FormatSig(kg, 3) + " kg";
  return FormatSig(kg * 1000, 3) + " g";
}

std::string HumanEnergy(double kwh) {
  if (std::fabs(kwh) >= 1e6) return FormatSig(kwh / 1e6, 3) + " GWh";
  if (std::fabs(kwh) >= 1e3) return FormatSig(kwh / 1e3, 3) + " MWh";
  return FormatSig(kwh, 3) + " kWh";
}

std::string HumanUsd(double usd) {
  if (std::fabs(usd) >= 1e6) return "$" + FormatSig(usd / 1e6, 3) + "M";
  if (std::fabs(usd) >= 1e3) return "$" + FormatSig(usd / 1e3, 3) + "k";
  return "$" + FormatSig(usd, 3);
}

std::string HumanDuration(double h) {
  if (h >= 48) return FormatSig(h / 24, 3) + " days";
  if (h >= 1) return FormatSig(h, 3) + " h";
  return FormatSig(h * 60, 3) + " min";
}

Json WaterJson(const WaterEstimate& w) {
  auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(); };
  auto str = [](const std::string& v) { return v.empty() ? Json() : Json(v); };
  return {{"onsite", opt(w.onsite_l)},
          {"offsite", opt(w.offsite_l)},
          {"total", opt(w.total_l)},
          {"wue_l_per_kwh", opt(w.wue_l_per_kwh)},
          {"ewif_l_per_kwh", opt(w.ewif_l_per_kwh)},
          {"sources", {{"onsite", str(w.onsite_source)}, {"offsite", str(w.offsite_source)}}},
          {"notes", w.notes}};
}

std::string HumanWater(double litres) {
  if (std::fabs(litres) >= 1e3) return FormatSig(litres / 1e3, 3) + " m³";
  return FormatSig(litres, 3) + " L";
}

std::string MarketBasedLine(const Estimate& e) {
  if (!e.co2e_kg.operational_market_based) return "";
  return "CO2e operational, market-based: " + HumanMass(*e.co2e_kg.operational_market_based) + " (" +
         FormatSig(*e.market_factor_g_per_kwh, 3) + " g/kWh, datacenter.market_factor); location-based: " +
         HumanMass(e.co2e_kg.operational) + " (" + FormatSig(e.ci_g_per_kwh, 3) +
         " g/kWh, used in the totals above). GHG Protocol Scope 2 dual reporting";
}

Json EstimateJson(const Estimate& e, bool with_explain) {
  Json j;
  j["name"] = e.name;
  j["throughput_model"] = e.throughput_model;
  j["setting"] = e.setting;
  j["workload"] = {{"kind", e.workload_kind}, {"modality", e.modality}, {"flops", e.flops}};
  j["device"] = {{"id", e.device_id}, {"count", e.count}};
  j["region"] = {{"id", e.region_id}, {"ci_g_per_kwh", e.ci_g_per_kwh}, {"pue", e.pue}};
  if (e.market_factor_g_per_kwh) j["region"]["market_factor_g_per_kwh"] = *e.market_factor_g_per_kwh;
  j["device_hours"] = e.device_hours;
  j["wall_hours"] = e.wall_hours;
  j["mfu"] = e.mfu;
  j["power_w"] = {{"device", e.device_power_w}, {"host_per_device", e.host_power_w}};
  j["energy_kwh"] = {{"accelerators", e.energy_kwh.accelerators},
                     {"host", e.energy_kwh.host},
                     {"facility_overhead", e.energy_kwh.facility_overhead},
                     {"total", e.energy_kwh.total}};
  j["co2e_kg"] = {{"operational", e.co2e_kg.operational},
                  {"embodied", e.co2e_kg.embodied},
                  {"total", e.co2e_kg.total},
                  {"by_part",
                   {{"accelerators", e.co2e_kg.accelerators},
                    {"host", e.co2e_kg.host},
                    {"facility_overhead", e.co2e_kg.facility_overhead},
                    {"embodied_devices", e.co2e_kg.embodied_devices},
                    {"embodied_hosts", e.co2e_kg.embodied_hosts}}}};
  if (e.co2e_kg.operational_market_based) {
    j["co2e_kg"]["operational_market_based"] = *e.co2e_kg.operational_market_based;
    j["co2e_kg"]["operational_basis"] = "location-based (operational_market_based: GHG Protocol Scope 2 market-based)";
  }
  auto point = [](const IntervalPoint& p) {
    return Json{{"device_hours", p.device_hours}, {"energy_kwh", p.energy_kwh}, {"co2e_kg", p.co2e_kg}};
  };
  j["interval"] = {{"p10", point(e.p10)}, {"p90", point(e.p90)}};
  j["water_l"] = WaterJson(e.water);
  if (e.cost) {
    const CostEstimate& k = *e.cost;
    j["cost_usd"] = {{"estimate", k.usd},
                     {"p10", k.p10},
                     {"p90", k.p90},
                     {"instance", k.instance},
                     {"instances", k.instances},
                     {"region", k.region},
                     {"usd_per_instance_hour", k.usd_per_instance_hour},
                     {"pricing", "on-demand"},
                     {"host_included", k.host_included},
                     {"price_date", k.price_date},
                     {"catalog", k.catalog}};
  }
  j["notes"] = e.notes;
  if (with_explain) {
    Json steps = Json::array();
    for (const auto& s : e.explain) {
      steps.push_back({{"quantity", s.quantity}, {"value", s.value}, {"unit", s.unit}, {"source", s.source}});
    }
    j["explain"] = steps;
  }
  return j;
}

namespace {

Table SummaryTable(const Estimate& e) {
  Table t;
  t.AddColumn("quantity");
  t.AddColumn("P10", Table::Align::kRight);
  t.AddColumn("estimate", Table::Align::kRight);
  t.AddColumn("P90", Table::Align::kRight);
  t.AddRow({"device-hours", FormatSig(e.p10.device_hours, 3), FormatSig(e.device_hours, 3),
            FormatSig(e.p90.device_hours, 3)});
  t.AddRow({"wall time", HumanDuration(e.p10.device_hours / e.count), HumanDuration(e.wall_hours),
            HumanDuration(e.p90.device_hours / e.count)});
  t.AddRow({"energy (facility)", HumanEnergy(e.p10.energy_kwh), HumanEnergy(e.energy_kwh.total),
            HumanEnergy(e.p90.energy_kwh)});
  t.AddRow({"CO2e total", HumanMass(e.p10.co2e_kg), HumanMass(e.co2e_kg.total), HumanMass(e.p90.co2e_kg)});
  if (e.cost) t.AddRow({"cost (on-demand)", HumanUsd(e.cost->p10), HumanUsd(e.cost->usd), HumanUsd(e.cost->p90)});
  return t;
}

Table PartsTable(const Estimate& e) {
  Table t;
  t.AddColumn("part");
  t.AddColumn("energy", Table::Align::kRight);
  t.AddColumn("CO2e", Table::Align::kRight);
  t.AddRow({"accelerators", HumanEnergy(e.energy_kwh.accelerators), HumanMass(e.co2e_kg.accelerators)});
  t.AddRow({"host (CPU, DRAM, NIC)", HumanEnergy(e.energy_kwh.host), HumanMass(e.co2e_kg.host)});
  t.AddRow({"facility overhead (PUE)", HumanEnergy(e.energy_kwh.facility_overhead),
            HumanMass(e.co2e_kg.facility_overhead)});
  t.AddRow({"embodied (devices + hosts)", "-", HumanMass(e.co2e_kg.embodied)});
  t.AddRow({"total", HumanEnergy(e.energy_kwh.total), HumanMass(e.co2e_kg.total)});
  return t;
}

std::string Header(const Estimate& e) {
  return e.name + ": " + e.workload_kind + " (" + e.modality + "), " + FormatSig(e.flops, 3) + " FLOP on " +
         FormatNumber(e.count) + " × " + e.device_id + " in " + e.region_id + " (" + FormatSig(e.ci_g_per_kwh, 3) +
         " g/kWh, PUE " + FormatNumber(e.pue) + "); throughput model: " + e.throughput_model + "; setting: " + e.setting;
}

std::string CostLine(const CostEstimate& k) {
  return "cost: " + FormatNumber(k.instances) + " × " + k.instance + " at " + FormatNumber(k.usd_per_instance_hour) +
         " USD/h on-demand in " + k.region + " (catalog " + k.catalog + ")";
}

}  // namespace

void RenderEstimateText(const Estimate& e, std::ostream& out) {
  out << Header(e) << "\n\n";
  SummaryTable(e).RenderText(out);
  out << "\n";
  PartsTable(e).RenderText(out);
  out << "\naverage power: " << FormatSig(e.device_power_w, 3) << " W/device + " << FormatSig(e.host_power_w, 3)
      << " W host share; MFU " << FormatSig(e.mfu * 100, 3) << " %\n";
  if (e.cost) out << CostLine(*e.cost) << "\n";
  if (e.co2e_kg.operational_market_based) out << MarketBasedLine(e) << "\n";
  for (const auto& n : e.notes) out << "note: " << n << "\n";
}

void RenderEstimateMarkdown(const Estimate& e, std::ostream& out) {
  out << "### " << e.name << "\n\n" << Header(e) << "\n\n";
  SummaryTable(e).RenderMarkdown(out);
  out << "\n";
  PartsTable(e).RenderMarkdown(out);
  if (e.cost) out << "\n" << CostLine(*e.cost) << "\n";
  if (e.co2e_kg.operational_market_based) out << "\n" << MarketBasedLine(e) << "\n";
  for (const auto& n : e.notes) out << "\n- note: " << n;
  if (!e.notes.empty()) out << "\n";
}

std::vector<std::pair<std::string, std::string>> EstimateCsvFields(const Estimate& e) {
  auto n = [](double v) { return FormatNumber(v); };
  return {{"name", e.name},
          {"throughput_model", e.throughput_model},
          {"workload_kind", e.workload_kind},
          {"flops", n(e.flops)},
          {"device", e.device_id},
          {"count", n(e.count)},
          {"region", e.region_id},
          {"ci_g_per_kwh", n(e.ci_g_per_kwh)},
          {"pue", n(e.pue)},
          {"device_hours", n(e.device_hours)},
          {"wall_hours", n(e.wall_hours)},
          {"energy_kwh_accelerators", n(e.energy_kwh.accelerators)},
          {"energy_kwh_host", n(e.energy_kwh.host)},
          {"energy_kwh_facility_overhead", n(e.energy_kwh.facility_overhead)},
          {"energy_kwh_total", n(e.energy_kwh.total)},
          {"co2e_kg_operational", n(e.co2e_kg.operational)},
          {"co2e_kg_embodied", n(e.co2e_kg.embodied)},
          {"co2e_kg_total", n(e.co2e_kg.total)},
          {"p10_device_hours", n(e.p10.device_hours)},
          {"p10_energy_kwh", n(e.p10.energy_kwh)},
          {"p10_co2e_kg", n(e.p10.co2e_kg)},
          {"p90_device_hours", n(e.p90.device_hours)},
          {"p90_energy_kwh", n(e.p90.energy_kwh)},
          {"p90_co2e_kg", n(e.p90.co2e_kg)},
          {"setting", e.setting},
          {"cost_usd", e.cost ? n(e.cost->usd) : ""},
          {"cost_usd_p10", e.cost ? n(e.cost->p10) : ""},
          {"cost_usd_p90", e.cost ? n(e.cost->p90) : ""},
          {"instance", e.cost ? e.cost->instance : ""},
          {"instances", e.cost ? n(e.cost->instances) : ""}};
}

void RenderCsvFields(const std::vector<std::pair<std::string, std::string>>& fields, std::ostream& out) {
  Table t;
  std::vector<std::string> row;
  for (const auto& [header, value] : fields) {
    t.AddColumn(header);
    row.push_back(value);
  }
  t.AddRow(row);
  t.RenderCsv(out);
}

void RenderEstimateCsv(const Estimate& e, std::ostream& out) { RenderCsvFields(EstimateCsvFields(e), out); }

void RenderExplain(const Estimate& e, std::ostream& out) {
  out << "How this estimate was made (each factor, its value and its source):\n";
  int i = 1;
  for (const auto& s : e.explain) {
    out << "  " << i++ << ". " << s.quantity << " = " << FormatSig(s.value, 4) << (s.unit.empty() ? "" : " " + s.unit)
        << "\n       " << s.source << "\n";
  }
  out << "Water: " << kWaterConvention << "\n";
  for (const auto& n : e.water.notes) out << "  " << n << "\n";
}

}  // namespace foreprint

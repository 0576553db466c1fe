#include "report/batch_report.h"

#include "core/text.h"
#include "report/estimate_report.h"
#include "report/table.h"

namespace foreprint {
namespace {

using Json = nlohmann::ordered_json;

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

std::string Hardware(const Estimate& e) { return FormatNumber(e.count) + " × " + e.device_id; }

// One row's cells; `raw` gives plain numbers (CSV), else human units.
struct Cells {
  bool raw = false;
  std::string Num(double v, const std::string& human) const { return raw ? FormatNumber(v) : human; }
  std::string Opt(const std::optional<double>& v, std::string (*human)(double)) const {
    if (!v) return raw ? "" : "-";
    return raw ? FormatNumber(*v) : human(*v);
  }
};

Table MakeTable(bool raw) {
  Table t;
  const auto R = Table::Align::kRight;
  if (raw) {
    for (const char* h : {"name", "device", "count", "region", "device_hours", "wall_hours", "energy_kwh",
                          "co2e_kg_operational", "co2e_kg_embodied", "co2e_kg_total", "p10_co2e_kg", "p90_co2e_kg",
                          "p10_energy_kwh", "p90_energy_kwh", "co2e_kg_operational_market_based", "water_l_onsite",
                          "water_l_offsite", "water_l_total"}) {
      t.AddColumn(h);
    }
    return t;
  }
  t.AddColumn("run");
  t.AddColumn("hardware");
  t.AddColumn("region");
  t.AddColumn("device-hours", R);
  t.AddColumn("wall time", R);
  t.AddColumn("energy", R);
  t.AddColumn("CO2e", R);
  t.AddColumn("P10", R);
  t.AddColumn("P90", R);
  t.AddColumn("market-based", R);
  t.AddColumn("water on-site", R);
  t.AddColumn("off-site", R);
  return t;
}

void AddRun(Table& t, const Estimate& e, bool raw) {
  Cells c{raw};
  if (raw) {
    t.AddRow({e.name, e.device_id, FormatNumber(e.count), e.region_id, FormatNumber(e.device_hours),
              FormatNumber(e.wall_hours), FormatNumber(e.energy_kwh.total), FormatNumber(e.co2e_kg.operational),
              FormatNumber(e.co2e_kg.embodied), FormatNumber(e.co2e_kg.total), FormatNumber(e.p10.co2e_kg),
              FormatNumber(e.p90.co2e_kg), FormatNumber(e.p10.energy_kwh), FormatNumber(e.p90.energy_kwh),
              c.Opt(e.co2e_kg.operational_market_based, HumanMass), c.Opt(e.water.onsite_l, HumanWater),
              c.Opt(e.water.offsite_l, HumanWater), c.Opt(e.water.total_l, HumanWater)});
    return;
  }
  t.AddRow({e.name, Hardware(e), e.region_id, FormatSig(e.device_hours, 3), HumanDuration(e.wall_hours),
            HumanEnergy(e.energy_kwh.total), HumanMass(e.co2e_kg.total), HumanMass(e.p10.co2e_kg),
            HumanMass(e.p90.co2e_kg), c.Opt(e.co2e_kg.operational_market_based, HumanMass),
            c.Opt(e.water.onsite_l, HumanWater), c.Opt(e.water.offsite_l, HumanWater)});
}

void AddTotal(Table& t, const BatchTotal& s, bool raw) {
  Cells c{raw};
  const std::string name = "total (" + std::to_string(s.runs) + " runs)";
  if (raw) {
    t.AddRow({"total", "", "", "", FormatNumber(s.device_hours), "", FormatNumber(s.energy_kwh),
              FormatNumber(s.co2_operational), FormatNumber(s.co2_embodied), FormatNumber(s.co2_total),
              FormatNumber(s.p10.co2e_kg), FormatNumber(s.p90.co2e_kg), FormatNumber(s.p10.energy_kwh),
              FormatNumber(s.p90.energy_kwh), c.Opt(s.co2_operational_market_based, HumanMass),
              c.Opt(s.water_onsite_l, HumanWater), c.Opt(s.water_offsite_l, HumanWater),
              c.Opt(s.water_total_l, HumanWater)});
    return;
  }
  t.AddRow({name, "", "", FormatSig(s.device_hours, 3), "-", HumanEnergy(s.energy_kwh), HumanMass(s.co2_total),
            HumanMass(s.p10.co2e_kg), HumanMass(s.p90.co2e_kg), c.Opt(s.co2_operational_market_based, HumanMass),
            c.Opt(s.water_onsite_l, HumanWater), c.Opt(s.water_offsite_l, HumanWater)});
}

Table BatchTable(const std::vector<Estimate>& runs, const BatchTotal& total, bool raw) {
  Table t = MakeTable(raw);
  for (const auto& e : runs) AddRun(t, e, raw);
  AddTotal(t, total, raw);
  return t;
}

// Notes, each named by its run, then the total's; `prefix` starts each line.
void RenderNotes(const std::vector<Estimate>& runs, const BatchTotal& total, const std::string& prefix,
                 std::ostream& out) {
  for (const auto& e : runs) {
    for (const auto& n : e.notes) out << prefix << "note (" << e.name << "): " << n << "\n";
    for (const auto& n : e.water.notes) out << prefix << "note (" << e.name << "): " << n << "\n";
  }
  for (const auto& n : total.notes) out << prefix << "note (total): " << n << "\n";
}

void RenderLegend(std::ostream& out) {
  out << "CO2e: operational (location-based) + embodied; P10–P90 of the total: " << kBatchIntervalMethod
      << ". market-based: operational CO2e with datacenter.market_factor (GHG Protocol Scope 2). water: on-site "
         "(WUE × IT energy) and off-site (grid EWIF × facility energy), \"-\" where no source.\n";
}

}  // namespace

Json BatchJson(const std::vector<Estimate>& runs, const BatchTotal& s, bool with_explain) {
  Json j;
  j["runs"] = Json::array();
  for (const auto& e : runs) j["runs"].push_back(EstimateJson(e, with_explain));
  auto point = [](const IntervalPoint& p) {
    return Json{{"device_hours", p.device_hours}, {"energy_kwh", p.energy_kwh}, {"co2e_kg", p.co2e_kg}};
  };
  j["total"] = {{"runs", s.runs},
                {"device_hours", s.device_hours},
                {"energy_kwh", s.energy_kwh},
                {"co2e_kg",
                 {{"operational", s.co2_operational},
                  {"embodied", s.co2_embodied},
                  {"total", s.co2_total},
                  {"operational_market_based", Opt(s.co2_operational_market_based)}}},
                {"interval", {{"p10", point(s.p10)}, {"p90", point(s.p90)}, {"method", kBatchIntervalMethod}}},
                {"water_l",
                 {{"onsite", Opt(s.water_onsite_l)}, {"offsite", Opt(s.water_offsite_l)}, {"total", Opt(s.water_total_l)}}},
                {"notes", s.notes}};
  return j;
}

void RenderBatchText(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out) {
  BatchTable(runs, total, false).RenderText(out);
  out << "\n";
  RenderLegend(out);
  RenderNotes(runs, total, "", out);
}

void RenderBatchMarkdown(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out) {
  BatchTable(runs, total, false).RenderMarkdown(out);
  out << "\n";
  RenderLegend(out);
  out << "\n";
  RenderNotes(runs, total, "- ", out);
}

void RenderBatchCsv(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out) {
  BatchTable(runs, total, true).RenderCsv(out);
}

}  // namespace foreprint

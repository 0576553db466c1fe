#include "report/model_card.h"

#include <cmath>
#include <sstream>

#include "core/text.h"
#include "report/estimate_report.h"

namespace foreprint {
namespace {

// A YAML double-quoted scalar.
std::string Quoted(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

// Grams to three significant digits, written out as a whole number (the Hub reads a plain number;
// more digits would claim a precision an a-priori estimate does not have).
std::string Grams(double kg) {
  const double g = kg * 1000;
  if (g <= 0) return "0";
  const double scale = std::pow(10.0, std::floor(std::log10(g)) - 2);
  const double rounded = std::round(g / scale) * scale;
  return rounded >= 1 ? std::to_string(std::llround(rounded)) : FormatSig(rounded, 3);
}

std::string TrainingType(const RunConfig& c) {
  return c.workload.training == Training::kPreTraining ? "pre-training" : "fine-tuning";
}

std::string Location(const Region& g) {
  return g.name + (g.location.empty() ? "" : ", " + g.location) + " (" + g.id + ")";
}

std::string Provider(const Region& g) {
  if (g.provider == "aws") return "Amazon Web Services";
  if (g.provider == "gcp") return "Google Cloud";
  if (g.provider == "azure") return "Microsoft Azure";
  return g.provider.empty() ? "[More Information Needed]" : g.provider;
}

std::string Band(double lo, double hi, std::string (*human)(double)) {
  return "P10–P90 " + human(lo) + " – " + human(hi);
}

std::string Count(double v) { return FormatSig(v, 3); }

std::string CarbonEmitted(const Estimate& e) {
  std::string s = HumanMass(e.co2e_kg.operational) + " CO2eq operational, location-based (" +
                  FormatSig(e.ci_g_per_kwh, 3) + " g/kWh; " +
                  Band(e.p10.co2e_operational_kg, e.p90.co2e_operational_kg, HumanMass) + ")";
  if (e.co2e_kg.embodied > 0) {
    s += " + " + HumanMass(e.co2e_kg.embodied) + " embodied (hardware manufacturing, amortised) = " +
         HumanMass(e.co2e_kg.total) + " (" + Band(e.p10.co2e_kg, e.p90.co2e_kg, HumanMass) + ")";
  }
  if (e.co2e_kg.operational_market_based) {
    s += "; market-based (GHG Protocol Scope 2, " + FormatSig(*e.market_factor_g_per_kwh, 3) +
         " g/kWh): " + HumanMass(*e.co2e_kg.operational_market_based) + " operational";
  }
  return s;
}

std::string Water(const Estimate& e) {
  const WaterEstimate& w = e.water;
  auto part = [](const std::optional<double>& v) { return v ? HumanWater(*v) : std::string("no source"); };
  std::string s = w.total_l ? HumanWater(*w.total_l) + " (" : std::string("not estimated (");
  s += "on-site " + part(w.onsite_l) + ", off-site " + part(w.offsite_l) + ")";
  return s;
}

}  // namespace

std::string ModelCard(const RunConfig& c, const Estimate& e, const std::string& version) {
  std::ostringstream o;
  const std::string hardware = FormatNumber(e.count) + " x " + e.device_id;
  o << "---\n"
    << "co2_eq_emissions:\n"
    << "  emissions: " << Grams(e.co2e_kg.operational) << "\n"
    << "  source: " << Quoted("foreprint " + version + " (a-priori estimate)") << "\n"
    << "  training_type: " << Quoted(TrainingType(c)) << "\n"
    << "  geographical_location: " << Quoted(Location(*c.region)) << "\n"
    << "  hardware_used: " << Quoted(hardware) << "\n"
    << "---\n\n"
    << "## Environmental Impact\n\n"
    << "<!-- Written by foreprint " << version << " before training: an a-priori estimate, not a measurement. "
    << "Replace it with measured figures (e.g. CodeCarbon) once the run is done. -->\n\n"
    << "Carbon emissions were estimated before training with foreprint " << version
    << ", using the quantities of the [Machine Learning Impact calculator](https://mlco2.github.io/impact#compute) "
       "presented in [Lacoste et al. (2019)](https://arxiv.org/abs/1910.09700).\n\n"
    << "- **Hardware Type:** " << FormatNumber(e.count) << " × " << e.device_id << "\n"
    << "- **Hours used:** " << Count(e.device_hours) << " device-hours (" << HumanDuration(e.wall_hours)
    << " wall time; " << Band(e.p10.device_hours, e.p90.device_hours, Count) << ")\n"
    << "- **Cloud Provider:** " << Provider(*c.region) << "\n"
    << "- **Compute Region:** " << Location(*c.region) << "\n"
    << "- **Carbon Emitted:** " << CarbonEmitted(e) << "\n"
    << "- **Energy:** " << HumanEnergy(e.energy_kwh.total) << " at the facility (PUE " << FormatNumber(e.pue)
    << "; " << Band(e.p10.energy_kwh, e.p90.energy_kwh, HumanEnergy) << ")\n"
    << "- **Water:** " << Water(e) << "\n";
  return o.str();
}

}  // namespace foreprint

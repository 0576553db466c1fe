#include "report/serving_report.h"

#include "core/text.h"
#include "report/estimate_report.h"
#include "report/table.h"

namespace foreprint {

using Json = nlohmann::ordered_json;

namespace {

constexpr double kSecondsPerDay = 86400.0;

Json PointJson(const ServingIntervalPoint& p) {
  return Json{{"accelerator_j_per_output_token", p.accelerator_j_per_output_token},
              {"energy_kwh", p.energy_kwh},
              {"energy_per_request_wh", p.energy_per_request_wh},
              {"co2e_kg", p.co2e_kg},
              {"co2e_per_request_g", p.co2e_per_request_g}};
}

Json ExplainJson(const std::vector<ExplainStep>& steps) {
  Json out = Json::array();
  for (const auto& s : steps) {
    out.push_back({{"quantity", s.quantity}, {"value", s.value}, {"unit", s.unit}, {"source", s.source}});
  }
  return out;
}

std::string Sig(double v) { return FormatSig(v, 3); }
std::string Energy(double wh) { return wh >= 1000 ? HumanEnergy(wh / 1000) : Sig(wh) + " Wh"; }

std::string Header(const ServingEstimate& e) {
  return e.name + " serving: " + FormatNumber(e.replicas) + (e.replicas == 1 ? " replica" : " replicas") + " × " +
         FormatNumber(e.devices_per_replica) + " × " + e.device_id + ", " + e.weight_precision + " weights, " +
         (e.batching == "none" ? std::string("no batching") : "continuous batching (cap " + FormatNumber(e.max_batch) + ")") +
         "; " + Sig(e.requests_per_s * kSecondsPerDay) + " requests/day × (" + Sig(e.input_tokens) + " in + " +
         Sig(e.output_tokens) + " out) tokens for " + Sig(e.days) + " days in " + e.region_id + " (" +
         Sig(e.ci_g_per_kwh) + " g/kWh, PUE " + FormatNumber(e.pue) + ")";
}

Table SummaryTable(const ServingEstimate& e) {
  Table t;
  t.AddColumn("quantity");
  t.AddColumn("P10", Table::Align::kRight);
  t.AddColumn("estimate", Table::Align::kRight);
  t.AddColumn("P90", Table::Align::kRight);
  t.AddRow({"energy per request", Energy(e.p10.energy_per_request_wh), Energy(e.energy_per_request_wh),
            Energy(e.p90.energy_per_request_wh)});
  t.AddRow({"CO2e per request", HumanMass(e.p10.co2e_per_request_g / 1000), HumanMass(e.co2e_per_request_g / 1000),
            HumanMass(e.p90.co2e_per_request_g / 1000)});
  t.AddRow({"energy (facility)", HumanEnergy(e.p10.energy_kwh), HumanEnergy(e.energy_kwh.total),
            HumanEnergy(e.p90.energy_kwh)});
  t.AddRow({"CO2e total", HumanMass(e.p10.co2e_kg), HumanMass(e.co2e_kg.total), HumanMass(e.p90.co2e_kg)});
  return t;
}

Table PartsTable(const ServingEstimate& e) {
  Table t;
  t.AddColumn("part");
  t.AddColumn("energy", Table::Align::kRight);
  t.AddColumn("CO2e", Table::Align::kRight);
  t.AddRow({"accelerators, serving", HumanEnergy(e.energy_kwh.accelerators_busy), HumanMass(e.co2e_kg.accelerators_busy)});
  t.AddRow({"accelerators, idle", HumanEnergy(e.energy_kwh.accelerators_idle), HumanMass(e.co2e_kg.accelerators_idle)});
  t.AddRow({"host (CPU, DRAM, NIC)", HumanEnergy(e.energy_kwh.host), HumanMass(e.co2e_kg.host)});
  t.AddRow({"facility overhead (PUE)", HumanEnergy(e.energy_kwh.facility_overhead), HumanMass(e.co2e_kg.facility_overhead)});
  t.AddRow({"embodied (devices + hosts)", "-", HumanMass(e.co2e_kg.embodied)});
  t.AddRow({"total", HumanEnergy(e.energy_kwh.total), HumanMass(e.co2e_kg.total)});
  return t;
}

std::string Summary(const ServingEstimate& e) {
  return "accelerators: " + Sig(e.accelerator_j_per_output_token) + " J per output token at the cap (batch " +
         FormatNumber(e.max_batch) + "), " + Sig(e.output_tokens_per_s_per_replica) +
         " output tokens/s per replica; at this load a replica runs " + Sig(e.effective_batch) +
         " sequences at a time, busy " + Sig(100 * e.busy_fraction) + " % of the time, " +
         Sig(e.accelerator_j_per_output_token_at_load) + " J per output token\n" + "per 1k output tokens: " +
         Energy(e.energy_per_1k_output_tokens_wh) + "; EcoLogits' formula (B = 64, " + FormatNumber(e.ecologits.gpus) +
         (e.ecologits.gpus == 1 ? " GPU" : " GPUs") + ", no idle time): " + Energy(e.ecologits.energy_wh) + " per request, " +
         Sig(e.ecologits.accelerator_j_per_output_token) + " J per output token (a comparison, not a target)";
}

}  // namespace

Json ServingJson(const ServingEstimate& e, bool with_explain) {
  Json j;
  j["device"] = {{"id", e.device_id},
                 {"measured_as", e.measured_device_id},
                 {"devices_per_replica", e.devices_per_replica},
                 {"replicas", e.replicas}};
  j["model"] = {{"active_params", e.active_params}, {"total_params", e.total_params}, {"weight_precision", e.weight_precision}};
  j["load"] = {{"requests_per_day", e.requests_per_s * kSecondsPerDay},
               {"requests_per_second", e.requests_per_s},
               {"input_tokens", e.input_tokens},
               {"output_tokens", e.output_tokens},
               {"days", e.days},
               {"batching", e.batching},
               {"max_batch", e.max_batch}};
  j["accelerator_j_per_output_token"] = e.accelerator_j_per_output_token;
  j["output_tokens_per_s_per_replica"] = e.output_tokens_per_s_per_replica;
  j["effective_batch"] = e.effective_batch;
  j["accelerator_j_per_output_token_at_load"] = e.accelerator_j_per_output_token_at_load;
  j["busy_fraction"] = e.busy_fraction;
  j["devices"] = e.devices;
  j["device_hours"] = e.device_hours;
  j["energy_kwh"] = {{"accelerators", e.energy_kwh.accelerators},
                     {"host", e.energy_kwh.host},
                     {"facility_overhead", e.energy_kwh.facility_overhead},
                     {"total", e.energy_kwh.total},
                     {"accelerators_serving", e.energy_kwh.accelerators_busy},
                     {"accelerators_idle", e.energy_kwh.accelerators_idle}};
  j["energy_per_request_wh"] = e.energy_per_request_wh;
  j["energy_per_1k_output_tokens_wh"] = e.energy_per_1k_output_tokens_wh;
  j["co2e_kg"] = {{"operational", e.co2e_kg.operational},
                  {"embodied", e.co2e_kg.embodied},
                  {"total", e.co2e_kg.total},
                  {"by_part",
                   {{"accelerators_serving", e.co2e_kg.accelerators_busy},
                    {"accelerators_idle", e.co2e_kg.accelerators_idle},
                    {"host", e.co2e_kg.host},
                    {"facility_overhead", e.co2e_kg.facility_overhead},
                    {"embodied_devices", e.co2e_kg.embodied_devices},
                    {"embodied_hosts", e.co2e_kg.embodied_hosts}}}};
  j["co2e_per_request_g"] = e.co2e_per_request_g;
  j["interval"] = {{"p10", PointJson(e.p10)}, {"p90", PointJson(e.p90)}};
  j["memory_gb"] = {{"needed", e.memory_needed_gb}, {"available", e.memory_available_gb}};
  j["ecologits"] = {{"gpus", e.ecologits.gpus},
                    {"batch", e.ecologits.batch},
                    {"accelerator_j_per_output_token", e.ecologits.accelerator_j_per_output_token},
                    {"energy_per_request_wh", e.ecologits.energy_wh},
                    {"energy_kwh", e.ecologits_energy_kwh}};
  j["notes"] = e.notes;
  if (with_explain) j["explain"] = ExplainJson(e.explain);
  return j;
}

Json LifecycleJson(const Lifecycle& l) {
  return Json{{"training_co2e_kg", l.training_co2e_kg},
              {"serving_co2e_kg", l.serving_co2e_kg},
              {"total_co2e_kg", l.total_co2e_kg},
              {"serving_overtakes_training_day",
               l.serving_overtakes_training_day ? Json(*l.serving_overtakes_training_day) : Json()}};
}

Json ServingDocumentJson(const ServingEstimate& e, bool with_explain) {
  Json j;
  j["name"] = e.name;
  j["region"] = {{"id", e.region_id}, {"ci_g_per_kwh", e.ci_g_per_kwh}, {"pue", e.pue}};
  j["serving"] = ServingJson(e, with_explain);
  return j;
}

void RenderServingText(const ServingEstimate& e, std::ostream& out) {
  out << Header(e) << "\n\n";
  SummaryTable(e).RenderText(out);
  out << "\n";
  PartsTable(e).RenderText(out);
  out << "\n" << Summary(e) << "\n";
  for (const auto& n : e.notes) out << "note: " << n << "\n";
}

void RenderServingMarkdown(const ServingEstimate& e, std::ostream& out) {
  out << "### " << e.name << " (serving)\n\n" << Header(e) << "\n\n";
  SummaryTable(e).RenderMarkdown(out);
  out << "\n";
  PartsTable(e).RenderMarkdown(out);
  out << "\n" << Summary(e) << "\n";
  for (const auto& n : e.notes) out << "\n- note: " << n;
  if (!e.notes.empty()) out << "\n";
}

void RenderServingExplain(const ServingEstimate& e, std::ostream& out) {
  out << "How the serving estimate was made (each factor, its value and its source):\n";
  int i = 1;
  for (const auto& s : e.explain) {
    out << "  " << i++ << ". " << s.quantity << " = " << FormatSig(s.value, 4) << (s.unit.empty() ? "" : " " + s.unit)
        << "\n       " << s.source << "\n";
  }
}

void RenderLifecycleText(const Lifecycle& l, const ServingEstimate& e, std::ostream& out) {
  out << "life cycle: training " << HumanMass(l.training_co2e_kg) << " + serving " << HumanMass(l.serving_co2e_kg)
      << " = " << HumanMass(l.total_co2e_kg) << " CO2e; ";
  if (l.serving_overtakes_training_day) {
    out << "serving's cumulative CO2e passes training's on day " << *l.serving_overtakes_training_day << " of "
        << Sig(e.days) << "\n";
  } else if (l.overtake_day_unbounded > 0) {
    out << "serving's cumulative CO2e would pass training's on day " << FormatNumber(l.overtake_day_unbounded)
        << ", after the " << Sig(e.days) << "-day deployment\n";
  } else {
    out << "serving emits nothing\n";
  }
}

std::vector<std::pair<std::string, std::string>> ServingCsvFields(const ServingEstimate& e, const std::string& prefix) {
  auto n = [](double v) { return FormatNumber(v); };
  std::vector<std::pair<std::string, std::string>> f;
  if (prefix.empty()) {
    f = {{"name", e.name}, {"region", e.region_id}, {"ci_g_per_kwh", n(e.ci_g_per_kwh)}, {"pue", n(e.pue)}};
  }
  const std::vector<std::pair<std::string, std::string>> rest = {
      {"device", e.device_id},
      {"devices_per_replica", n(e.devices_per_replica)},
      {"replicas", n(e.replicas)},
      {"devices", n(e.devices)},
      {"weight_precision", e.weight_precision},
      {"batching", e.batching},
      {"max_batch", n(e.max_batch)},
      {"input_tokens", n(e.input_tokens)},
      {"output_tokens", n(e.output_tokens)},
      {"requests_per_day", n(e.requests_per_s * kSecondsPerDay)},
      {"days", n(e.days)},
      {"accelerator_j_per_output_token", n(e.accelerator_j_per_output_token)},
      {"output_tokens_per_s_per_replica", n(e.output_tokens_per_s_per_replica)},
      {"effective_batch", n(e.effective_batch)},
      {"busy_fraction", n(e.busy_fraction)},
      {"device_hours", n(e.device_hours)},
      {"energy_kwh_accelerators", n(e.energy_kwh.accelerators)},
      {"energy_kwh_host", n(e.energy_kwh.host)},
      {"energy_kwh_facility_overhead", n(e.energy_kwh.facility_overhead)},
      {"energy_kwh_total", n(e.energy_kwh.total)},
      {"energy_per_request_wh", n(e.energy_per_request_wh)},
      {"energy_per_1k_output_tokens_wh", n(e.energy_per_1k_output_tokens_wh)},
      {"co2e_kg_operational", n(e.co2e_kg.operational)},
      {"co2e_kg_embodied", n(e.co2e_kg.embodied)},
      {"co2e_kg_total", n(e.co2e_kg.total)},
      {"co2e_per_request_g", n(e.co2e_per_request_g)},
      {"p10_energy_kwh", n(e.p10.energy_kwh)},
      {"p10_co2e_kg", n(e.p10.co2e_kg)},
      {"p90_energy_kwh", n(e.p90.energy_kwh)},
      {"p90_co2e_kg", n(e.p90.co2e_kg)}};
  for (const auto& [k, v] : rest) f.push_back({prefix + k, v});
  return f;
}

std::vector<std::pair<std::string, std::string>> LifecycleCsvFields(const Lifecycle& l) {
  return {{"lifecycle_training_co2e_kg", FormatNumber(l.training_co2e_kg)},
          {"lifecycle_serving_co2e_kg", FormatNumber(l.serving_co2e_kg)},
          {"lifecycle_total_co2e_kg", FormatNumber(l.total_co2e_kg)},
          {"serving_overtakes_training_day",
           l.serving_overtakes_training_day ? std::to_string(*l.serving_overtakes_training_day) : std::string()}};
}

}  // namespace foreprint

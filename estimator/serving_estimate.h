// serving_estimate.h — a deployment's energy and CO2e: per request, per 1k output tokens, in total.
//
// R replicas of n devices serve Q requests/s of I input and O output tokens for D days
// (serving_config.h; τ, e and the curves in serving_model.h):
//   n    given, else the smallest power of two whose memory holds 1.2 × the weights
//   cap  max_batch (default 256); 1 with batching: none
//   R    given, else ⌈Q·τ(cap)⌉ ≥ 1 (enough replicas for the load at max_batch throughput); a given R
//        with Q·τ(cap)/R > 1 is an error (the load outruns the replicas)
//   q = Q/R per replica. The batch the load sustains: a replica runs every request in flight at
//   once, so at steady state it serves exactly the offered load (Little's law):
//        b* = 1 and busy share f = q·τ(1)   when q·τ(1) ≤ 1
//        b* solves q·τ(b*) = 1 and f = 1     otherwise (b* ≤ cap)
//   accelerators  R·D·[q·e(b*) + (1 − f)·n·P_idle]       P_idle: hardware_db idle_w
//   host          R·n·h·D       h: the training model's host share per device (calibration/fitted.yaml)
//   facility      (accelerators + host) × PUE;  operational CO2e = facility kWh × grid intensity
//                 (annual, or the hourly profile's mean over the deployment when datacenter.start is set)
//   embodied      R·n devices and their hosts amortised over D (carbon.h)
// Per request: facility energy / (Q·D), CO2e (operational + embodied) / (Q·D); per 1k output tokens
// likewise. `accelerator_j_per_output_token` is e(cap)/O: the accelerators' energy per generated
// token at steady state under the batch cap, prefill included, before host, idle time and PUE —
// the quantity ML.ENERGY measures. P10/P90: the busy accelerator energy scaled by exp(∓1.28·s),
// s² = σ_LOMO(ln J)² + gᵀΣg at b* (serving_params.h); idle and host power are taken as given.
// Life cycle, with a training run in the same config: training + serving CO2e, and the day on which
// cumulative serving CO2e passes training's, ⌊training / serving per day⌋ + 1 (none when it does not
// happen within the deployment).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "estimator/ecologits.h"
#include "estimator/estimate.h"

namespace foreprint {

struct ServingOptions {
  bool explain = true;              // record the explain trail and notes
  bool check_capacity = true;       // a given replica count too small for the load is an error
};

struct ServingIntervalPoint {
  double accelerator_j_per_output_token = 0, energy_kwh = 0, energy_per_request_wh = 0, co2e_kg = 0,
         co2e_per_request_g = 0;
};

struct ServingEstimate {
  std::string name, device_id, measured_device_id, region_id, weight_precision, batching;
  double active_params = 0, total_params = 0;
  double devices_per_replica = 0, replicas = 0, devices = 0, max_batch = 0;
  double input_tokens = 0, output_tokens = 0, requests_per_s = 0, days = 0;
  double ci_g_per_kwh = 0, pue = 1;
  double accelerator_j_per_output_token = 0;           // at the cap
  double output_tokens_per_s_per_replica = 0;           // at the cap, prefill included
  double effective_batch = 1;                           // b*
  double accelerator_j_per_output_token_at_load = 0;    // e(b*)/O
  double busy_fraction = 0;                             // f
  double device_hours = 0;                              // provisioned: R·n·24·D
  double memory_needed_gb = 0, memory_available_gb = 0; // per replica: 1.2 × weights vs n × memory
  struct {
    double accelerators = 0, accelerators_busy = 0, accelerators_idle = 0, host = 0, facility_overhead = 0, total = 0;
  } energy_kwh;
  double energy_per_request_wh = 0, energy_per_1k_output_tokens_wh = 0;
  struct {
    double operational = 0, embodied = 0, total = 0, embodied_devices = 0, embodied_hosts = 0;
    double accelerators_busy = 0, accelerators_idle = 0, host = 0, facility_overhead = 0;  // operational by part
  } co2e_kg;
  double co2e_per_request_g = 0;
  ServingIntervalPoint p10, p90;
  EcoLogitsRequest ecologits;        // the same inputs through EcoLogits' formula (B = 64)
  double ecologits_energy_kwh = 0;   // its request energy × the requests (it has no idle term)
  std::vector<ExplainStep> explain;
  std::vector<std::string> notes;
  bool record_explain = true;
};

Result<ServingEstimate> RunServingEstimate(const RunConfig& config, const ServingOptions& options,
                                           const EstimateInputs& inputs);

struct Lifecycle {
  double training_co2e_kg = 0, serving_co2e_kg = 0, total_co2e_kg = 0;
  std::optional<int> serving_overtakes_training_day;  // none: not within the deployment
  double overtake_day_unbounded = 0;                  // the same day at the deployment's rate, however far
};
Lifecycle CombineLifecycle(const Estimate& training, const ServingEstimate& serving);

}  // namespace foreprint

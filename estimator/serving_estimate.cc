#include "estimator/serving_estimate.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/text.h"
#include "estimator/carbon.h"
#include "estimator/datacenter.h"
#include "estimator/serving_model.h"

namespace foreprint {
namespace {

constexpr double kZ90 = 1.2815515655446004;  // standard normal 90th percentile
constexpr double kSecondsPerDay = 86400.0;

// Records one explain step; `source` may be a string or a callable (not called without the trail).
template <class Source>
void Step(ServingEstimate& e, std::string_view quantity, double value, std::string_view unit, Source&& source) {
  if (!e.record_explain) return;
  if constexpr (std::is_invocable_v<Source>) {
    e.explain.push_back({std::string(quantity), value, std::string(unit), source()});
  } else {
    e.explain.push_back({std::string(quantity), value, std::string(unit), std::string(source)});
  }
}

template <class Text>
void Note(ServingEstimate& e, Text&& text) {
  if (e.record_explain) e.notes.push_back(text());
}

std::string Sig(double v) { return FormatSig(v, 3); }

// What the deployment looks like before any energy: devices per replica, tokens, the batch cap.
struct Shape {
  double n = 1, input = 0, output = 0, cap = 1, weight_bytes = 0;
};

Shape DescribeShape(const ServingConfig& s, const ServingParams& p, ServingEstimate& e) {
  Shape h;
  h.weight_bytes = WeightBytes(s);
  h.n = s.devices_per_replica.value_or(DefaultDevicesPerReplica(h.weight_bytes, *s.device));
  h.input = s.input_tokens.value_or(p.default_input_tokens);
  h.output = s.output_tokens.value_or(p.default_output_tokens);
  h.cap = s.batching == Batching::kNone ? 1.0 : s.max_batch.value_or(kDefaultMaxBatch);
  e.memory_needed_gb = kServingMemoryOverhead * h.weight_bytes / 1e9;
  e.memory_available_gb = h.n * s.device->memory_gb;
  Step(e, "weights", h.weight_bytes / 1e9, "GB", [&] {
    return FormatNumber(s.params / 1e9) + "B params × " + FormatNumber(BytesPerWeight(s.weight_precision)) + " bytes (" +
           s.weight_precision + ")";
  });
  Step(e, "devices per replica", h.n, "", [&] {
    return s.devices_per_replica ? std::string("given (serving.devices_per_replica)")
                                 : "1.2 × weights = " + Sig(e.memory_needed_gb) + " GB on " +
                                       FormatNumber(s.device->memory_gb) + " GB devices: " + kServingMemorySource;
  });
  if (!s.devices_per_replica) {
    Note(e, [&] {
      return "devices_per_replica not given: " + FormatNumber(h.n) + " (1.2 × the weights, " + Sig(e.memory_needed_gb) +
             " GB, on " + FormatNumber(s.device->memory_gb) + " GB devices, rounded up to a power of two)";
    });
  } else if (e.memory_needed_gb > e.memory_available_gb) {
    Note(e, [&] {
      return "the weights fill " + Sig(100 * h.weight_bytes / 1e9 / e.memory_available_gb) +
             " % of the replica's memory: little room for the KV cache, so the batch may stay below the cap";
    });
  }
  if (!s.input_tokens || !s.output_tokens) {
    Note(e, [&] {
      return "tokens per request not given: " + FormatNumber(h.input) + " in, " + FormatNumber(h.output) +
             " out (" + p.file + " defaults: the measured chat prompts and responses)";
    });
  }
  if (s.batching == Batching::kContinuous && !s.max_batch) {
    Note(e, [&] { return "max_batch not given: 256, " + std::string(kDefaultMaxBatchSource); });
  }
  if (!s.weight_precision_given) Note(e, [] { return std::string("weight_precision not given: bf16"); });
  return h;
}

void DescribeModel(const ReplicaModel& m, const ServingParams& p, const Shape& h, ServingEstimate& e) {
  const DecodeRate at_cap = m.Decode(h.cap);
  auto fit = [&] {
    return p.file + " (" + p.status + "; leave-one-model-out median error " + Sig(100 * p.cv_median_abs_err_j) +
           " % for J/token)";
  };
  if (m.extrapolated()) {
    Step(e, "throughput ratio to " + m.measured().id, m.throughput_ratio(), "", [&] {
      return m.ratio_basis() + " " + m.device().id + " / " + m.measured().id +
             " (decode reads every weight per step; Pope et al. 2022, arXiv:2211.05102)";
    });
    Note(e, [&] {
      return m.device().id + " has no measured serving runs: decode scaled from " + m.measured().id + " by " +
             m.ratio_basis() + " (× " + Sig(m.throughput_ratio()) + ") and power at the same share of (TDP − idle) — an "
             "extrapolation";
    });
  }
  Step(e, "decode J per output token at the cap", at_cap.j_per_token, "J",
       [&] { return "exp(Σ β·x) at batch " + FormatNumber(h.cap) + " on " + FormatNumber(h.n) + " devices; " + fit(); });
  Step(e, "decode throughput at the cap", at_cap.tokens_per_s, "output tokens/s/replica",
       [&] { return "exp(Σ γ·x); " + p.file; });
  const PrefillCost& pf = m.prefill();
  Step(e, "prefill MFU", pf.mfu, "", [&] {
    return "σ(θ_" + m.device().family + " + θ_precision) of the training model (forward pass at " +
           FormatSig(pf.peak_flops / 1e12, 4) + " TFLOP/s " + pf.peak_dtype + " peak); calibration/fitted.yaml";
  });
  Step(e, "prefill J per input token", pf.joules_per_token, "J", [&] {
    return "κ · 2·N_active · P(u) / (peak · u), κ = " + Sig(p.prefill_scale) + ", P(u) = " + Sig(pf.device_power_w) +
           " W (power_model.h)";
  });
  if (h.cap < p.min_batch_measured || h.cap > p.max_batch_measured) {
    Note(e, [&] {
      return "batch cap " + FormatNumber(h.cap) + " is outside the measured caps (" + FormatNumber(p.min_batch_measured) +
             "–" + FormatNumber(p.max_batch_measured) + "): " +
             (h.cap > p.max_batch_measured ? "taken as " + FormatNumber(p.max_batch_measured)
                                           : std::string("the curves are extrapolated"));
    });
  }
  Note(e, [&] {
    return "the serving curves are fitted to ML.ENERGY v2 (vLLM 0.5.4, 2024) and v3 (vLLM 0.11.1) runs with a term "
           "for the software vintage; estimates use the v3 level (current serving software)";
  });
}

// Replicas (given or enough for the load at the cap), the batch the load sustains and the busy share.
struct Load {
  double replicas = 1, per_replica = 0, batch = 1, busy = 0, request_s_cap = 0;
};

Result<Load> SolveLoad(const ServingConfig& s, const ServingOptions& o, const ReplicaModel& m, const Shape& h,
                       ServingEstimate& e) {
  Load l;
  const double q_total = s.requests_per_second;
  l.request_s_cap = m.RequestSeconds(h.cap, h.input, h.output);
  const double needed = std::max(1.0, std::ceil(q_total * l.request_s_cap - 1e-9));
  l.replicas = s.replicas.value_or(needed);
  if (s.replicas && q_total * l.request_s_cap > *s.replicas * (1 + 1e-9)) {
    const std::string why = FormatNumber(*s.replicas) + " replicas serve at most " +
                            Sig(*s.replicas / l.request_s_cap) + " requests/s at batch " + FormatNumber(h.cap) +
                            " and the load is " + Sig(q_total) + " requests/s: it needs at least " +
                            FormatNumber(needed) + " replicas";
    if (o.check_capacity) return s.ErrorAt("serving.replicas", why);
    Note(e, [&] { return why + " (the estimate runs them at the cap)"; });
  }
  if (!s.replicas) {
    Note(e, [&] {
      return "replicas not given: " + FormatNumber(l.replicas) + ", enough for the load at max_batch throughput";
    });
  }
  l.per_replica = q_total / l.replicas;
  const double busy_at_1 = l.per_replica * m.RequestSeconds(1, h.input, h.output);
  if (busy_at_1 <= 1 || h.cap <= 1) {
    l.batch = 1;
    l.busy = std::min(1.0, busy_at_1);
    return l;
  }
  // q·τ(b) falls with b; find where it is 1 (bisection in ln b).
  double lo = 0, hi = std::log(h.cap);
  if (l.per_replica * l.request_s_cap >= 1) {
    lo = hi;
  } else {
    for (int i = 0; i < 60; ++i) {
      const double mid = 0.5 * (lo + hi);
      (l.per_replica * m.RequestSeconds(std::exp(mid), h.input, h.output) > 1 ? lo : hi) = mid;
    }
  }
  l.batch = std::exp(0.5 * (lo + hi));
  l.busy = 1;
  return l;
}

// The deployment's shape at this load: devices, the replica's throughput, the batch and busy share.
void DescribeLoad(const ServingConfig& s, const ReplicaModel& m, const Shape& h, const Load& l, ServingEstimate& e) {
  e.output_tokens_per_s_per_replica = h.output / l.request_s_cap;
  e.replicas = l.replicas;
  e.devices = l.replicas * h.n;
  e.device_hours = e.devices * s.days * 24;
  e.effective_batch = l.batch;
  e.busy_fraction = l.busy;
  e.accelerator_j_per_output_token_at_load = m.RequestJoules(l.batch, h.input, h.output) / h.output;
  Step(e, "replica throughput at the cap", e.output_tokens_per_s_per_replica, "output tokens/s",
       "O / (O/T_dec + I·t_pf)");
  Step(e, "replicas", l.replicas, "", s.replicas ? "given (serving.replicas)" : "⌈load × τ(cap)⌉, at least 1");
  Step(e, "batch the load sustains", l.batch, "sequences",
       "b* with requests/s per replica × τ(b*) = 1 (Little's law), 1 when a replica idles between requests");
  Step(e, "busy share", l.busy, "", "requests/s per replica × τ(b*)");
  Step(e, "accelerator J per output token at the load", e.accelerator_j_per_output_token_at_load, "J", "e(b*) / O");
}

void AddEnergy(const RunConfig& c, const ModelParams& tp, const ReplicaModel& m, const Shape& h, const Load& l,
               ServingEstimate& e) {
  const ServingConfig& s = *c.serving;
  const double seconds = s.days * kSecondsPerDay;
  const double idle_w = m.device().idle.value();
  const KilowattHours busy = Watts(l.replicas * l.per_replica * m.RequestJoules(l.batch, h.input, h.output)) * Seconds(seconds);
  const KilowattHours idle = Watts(l.replicas * (1 - l.busy) * h.n * idle_w) * Seconds(seconds);
  const double host_w = tp.power.host_w_per_device;
  const KilowattHours host = Watts(e.devices * host_w) * Seconds(seconds);
  const ResolvedPue pue = ResolvePue(c);
  if (!pue.given) Note(e, [&] { return "PUE not given: " + FormatNumber(pue.value) + " from " + pue.source; });
  e.pue = pue.value;
  e.energy_kwh.accelerators_busy = busy.value();
  e.energy_kwh.accelerators_idle = idle.value();
  e.energy_kwh.accelerators = (busy + idle).value();
  e.energy_kwh.host = host.value();
  e.energy_kwh.facility_overhead = (busy + idle + host).value() * (pue.value - 1.0);
  e.energy_kwh.total = e.energy_kwh.accelerators + e.energy_kwh.host + e.energy_kwh.facility_overhead;
  Step(e, "accelerator energy, serving", e.energy_kwh.accelerators_busy, "kWh",
       "replicas × requests/s per replica × e(b*) × deployment time");
  Step(e, "idle power", idle_w, "W/device", [&] { return m.device().SourceOf("idle_w"); });
  Step(e, "accelerator energy, idle", e.energy_kwh.accelerators_idle, "kWh",
       "replicas × (1 − busy share) × devices per replica × idle power × deployment time");
  Step(e, "host power", host_w, "W/device", [&] {
    return tp.file + " host share (CPU, DRAM, NIC), fitted to training runs; drawn busy or idle";
  });
  Step(e, "host energy", e.energy_kwh.host, "kWh", "host power × devices × deployment time");
  Step(e, "PUE", pue.value, "", pue.source);
  Step(e, "facility energy", e.energy_kwh.total, "kWh", "(accelerators + host) × PUE");
}

void AddCarbon(const RunConfig& c, const EstimateInputs& in, ServingEstimate& e) {
  const ServingConfig& s = *c.serving;
  const double hours = s.days * 24;
  const ResolvedIntensity ci = ResolveIntensity(c, [&] { return in.Profiles(); }, hours);
  if (ci.no_profile) {
    Note(e, [&] {
      return "region " + c.region->id + " has no hourly profile: the annual intensity is used for the start time";
    });
  }
  e.ci_g_per_kwh = ci.ci.value();
  Step(e, "grid carbon intensity", e.ci_g_per_kwh, "g CO2e/kWh", ci.source);
  auto kg = [&](double kwh) { return (KilowattHours(kwh) * ci.ci).value(); };
  e.co2e_kg.accelerators_busy = kg(e.energy_kwh.accelerators_busy);
  e.co2e_kg.accelerators_idle = kg(e.energy_kwh.accelerators_idle);
  e.co2e_kg.host = kg(e.energy_kwh.host);
  e.co2e_kg.facility_overhead = kg(e.energy_kwh.facility_overhead);
  e.co2e_kg.operational =
      e.co2e_kg.accelerators_busy + e.co2e_kg.accelerators_idle + e.co2e_kg.host + e.co2e_kg.facility_overhead;
  Step(e, "operational emissions", e.co2e_kg.operational, "kg CO2e", "facility energy × intensity (location-based)");
  if (c.embodied.include) {
    EmbodiedInputs ei;
    ei.count = e.devices;
    ei.device_kgco2e = c.embodied.device_kgco2e.value_or(s.device->embodied_kgco2e);
    ei.host_kgco2e = c.embodied.host_kgco2e.value_or(EmbodiedDefaults::kHostKgCo2e);
    ei.devices_per_host = c.embodied.devices_per_host.value_or(EmbodiedDefaults::kDevicesPerHost);
    ei.lifetime_years = c.embodied.lifetime_years.value_or(EmbodiedDefaults::kLifetimeYears);
    ei.utilization = c.embodied.utilization.value_or(EmbodiedDefaults::kUtilization);
    EmbodiedSplit emb = AmortisedEmbodied(ei, Hours(hours));
    e.co2e_kg.embodied_devices = emb.devices.value();
    e.co2e_kg.embodied_hosts = emb.hosts.value();
    e.co2e_kg.embodied = emb.total().value();
    Step(e, "embodied emissions", e.co2e_kg.embodied, "kg CO2e", [&] {
      return FormatNumber(e.devices) + " devices × " + Sig(ei.device_kgco2e) + " kg + hosts × " + Sig(ei.host_kgco2e) +
             " kg per " + FormatNumber(ei.devices_per_host) + " devices, × deployment time / (" +
             FormatNumber(ei.lifetime_years) + " y × " + FormatNumber(ei.utilization) + "); " +
             (c.embodied.device_kgco2e ? std::string("given") : s.device->SourceOf("embodied_kgco2e")) + "; " +
             (c.embodied.host_kgco2e ? std::string("given") : std::string(EmbodiedDefaults::kSource));
    });
  }
  e.co2e_kg.total = e.co2e_kg.operational + e.co2e_kg.embodied;
  Step(e, "total emissions", e.co2e_kg.total, "kg CO2e", "operational + embodied");
}

// Per request and per 1k output tokens, and P10/P90 from the J/token uncertainty of the busy energy.
void AddRatesAndInterval(const ServingParams& p, const ReplicaModel& m, const Load& l, ServingEstimate& e) {
  const double requests = e.requests_per_s * e.days * kSecondsPerDay;
  const double out_k = requests * e.output_tokens / 1000;
  auto point = [&](double scale) {
    ServingIntervalPoint pt;
    const double it = e.energy_kwh.accelerators_busy * scale + e.energy_kwh.accelerators_idle + e.energy_kwh.host;
    pt.energy_kwh = it * e.pue;
    pt.energy_per_request_wh = pt.energy_kwh * 1000 / requests;
    const double operational = e.energy_kwh.total > 0 ? e.co2e_kg.operational * pt.energy_kwh / e.energy_kwh.total : 0;
    pt.co2e_kg = operational + e.co2e_kg.embodied;
    pt.co2e_per_request_g = pt.co2e_kg * 1000 / requests;
    pt.accelerator_j_per_output_token = e.accelerator_j_per_output_token * scale;
    return pt;
  };
  const ServingIntervalPoint mid = point(1);
  e.energy_per_request_wh = mid.energy_per_request_wh;
  e.energy_per_1k_output_tokens_wh = e.energy_kwh.total * 1000 / out_k;
  e.co2e_per_request_g = mid.co2e_per_request_g;
  const double ln_b = m.ClampedLogBatch(l.batch);
  const double s = std::sqrt(p.sigma_log_j * p.sigma_log_j + CurveVariance(p, m.terms(), ln_b, "j."));
  e.p10 = point(std::exp(-kZ90 * s));
  e.p90 = point(std::exp(kZ90 * s));
  Step(e, "energy per request", e.energy_per_request_wh, "Wh", "facility energy / requests");
}

// What is served where, as the report names it.
ServingEstimate Identify(const RunConfig& c, const ServingOptions& o) {
  const ServingConfig& s = *c.serving;
  ServingEstimate e;
  e.record_explain = o.explain;
  e.name = c.name;
  e.device_id = s.device->id;
  e.region_id = c.region->id;
  e.weight_precision = s.weight_precision;
  e.batching = ToString(s.batching);
  e.active_params = s.active_params;
  e.total_params = s.params;
  e.requests_per_s = s.requests_per_second;
  e.days = s.days;
  return e;
}

// The same inputs through EcoLogits' published formula (B = 64, its GPU count, no idle term).
void AddEcoLogits(const ServingConfig& s, const Shape& h, ServingEstimate& e) {
  e.ecologits = EcoLogits(s.active_params, s.params, h.output, e.pue);
  e.ecologits_energy_kwh = e.ecologits.energy_wh / 1000 * e.requests_per_s * s.days * kSecondsPerDay;
  Step(e, "EcoLogits energy per request (comparison)", e.ecologits.energy_wh, "Wh", [&] {
    return "PUE · (server + " + FormatNumber(e.ecologits.gpus) + " GPUs · O · (α·e^(β·64)·P + γ)), no idle term; " +
           std::string(EcoLogitsConstants::kSource);
  });
}

bool AllFinite(const ServingEstimate& e) {
  for (double v : {e.energy_kwh.total, e.co2e_kg.total, e.p10.co2e_kg, e.p90.co2e_kg, e.effective_batch,
                   e.accelerator_j_per_output_token, e.energy_per_request_wh}) {
    if (!std::isfinite(v)) return false;
  }
  return true;
}

}  // namespace

Result<ServingEstimate> RunServingEstimate(const RunConfig& c, const ServingOptions& o, const EstimateInputs& in) {
  if (!c.serving) return MakeError("this config has no serving: section");
  if (!in.params) return MakeError("model parameters are not loaded");
  auto sp = in.Serving();
  if (!sp) return sp.error();
  auto db = in.Devices();
  if (!db) return db.error();
  const ServingParams& p = **sp;
  const ServingConfig& s = *c.serving;
  ServingEstimate e = Identify(c, o);
  const Shape h = DescribeShape(s, p, e);
  auto model = ReplicaModel::Make(p, *in.params, **db, *s.device, h.n, s.active_params, s.params, s.weight_precision);
  if (!model) return model.error();
  const ReplicaModel& m = *model;
  e.measured_device_id = m.measured().id;
  e.devices_per_replica = h.n;
  e.max_batch = h.cap;
  e.input_tokens = h.input;
  e.output_tokens = h.output;
  DescribeModel(m, p, h, e);
  e.accelerator_j_per_output_token = m.RequestJoules(h.cap, h.input, h.output) / h.output;
  Step(e, "accelerator J per output token at the cap", e.accelerator_j_per_output_token, "J",
       "(O·J_dec + I·J_pf) / O: steady state, prefill included, before host, idle and PUE (ML.ENERGY's quantity)");
  auto load = SolveLoad(s, o, m, h, e);
  if (!load) return load.error();
  const Load& l = *load;
  DescribeLoad(s, m, h, l, e);
  AddEnergy(c, *in.params, m, h, l, e);
  AddCarbon(c, in, e);
  AddRatesAndInterval(p, m, l, e);
  AddEcoLogits(s, h, e);
  if (!AllFinite(e)) {
    return MakeError("the serving estimate is not a finite number (inputs at the edge of the model's range); check "
                     "the model size, tokens and load");
  }
  return e;
}

Lifecycle CombineLifecycle(const Estimate& training, const ServingEstimate& serving) {
  Lifecycle l;
  l.training_co2e_kg = training.co2e_kg.total;
  l.serving_co2e_kg = serving.co2e_kg.total;
  l.total_co2e_kg = l.training_co2e_kg + l.serving_co2e_kg;
  const double per_day = serving.days > 0 ? serving.co2e_kg.total / serving.days : 0;
  if (per_day > 0) {
    l.overtake_day_unbounded = std::floor(l.training_co2e_kg / per_day) + 1;
    if (l.overtake_day_unbounded <= std::ceil(serving.days)) {
      l.serving_overtakes_training_day = static_cast<int>(l.overtake_day_unbounded);
    }
  }
  return l;
}

}  // namespace foreprint

// The serving fit: the measured rows, the Ceres fit, leave-one-model-out against the targets, and
// that the shipped calibration/serving_fitted.yaml is what a refit gives.
#include "calibration/serving_fit.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "test_util.h"

using namespace foreprint;

namespace {

struct Data {
  std::vector<ServingRun> runs;
  std::vector<PreparedServingRun> prepared;
};

const Data& Rows() {
  static const Data d = [] {
    Data x;
    auto runs = BuiltinServingRuns();
    REQUIRE(runs.ok());
    x.runs = *runs;
    x.prepared = PrepareServingRuns(x.runs, **DeviceDb::Builtin(), **ModelParams::Builtin());
    return x;
  }();
  return d;
}

}  // namespace

TEST_CASE("serving_runs.csv: 491 rows, the duplicate configurations flagged, models grouped", "[serving][calibration]") {
  const auto& d = Rows();
  CHECK(d.runs.size() == 491);
  int usable = 0, v3 = 0;
  for (const auto& r : d.prepared) {
    usable += r.ok;
    v3 += r.run->dataset == "mlenergy-v3";
  }
  CHECK(usable == 487);
  CHECK(v3 == 177);
  CHECK(ServingModelGroup("meta-llama/Llama-3.3-70B-Instruct") == "llama-3.1-70b");
  CHECK(ServingModelGroup("meta-llama/Meta-Llama-3.1-70B-Instruct") == "llama-3.1-70b");
  CHECK(ServingModelGroup("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8") == "qwen3-235b-a22b");
  auto bad = ParseServingRuns("dataset,task\nx,y\n", "bad.csv");
  REQUIRE(!bad.ok());
  CHECK(bad.error().message.find("missing column 'model_id'") == 0);
}

TEST_CASE("serving fit: J falls with batch, rises with size and GPUs; prefill near physics", "[serving][calibration]") {
  auto fit = FitServing(Rows().prepared, {});
  REQUIRE(fit.ok());
  CHECK(fit->converged);
  CHECK(fit->rows == 487);
  const ServingParams& p = fit->params;
  CHECK(p.j.at("log_batch") < 0);
  CHECK(p.t.at("log_batch") > 0);
  CHECK(p.j.at("log_active_params") > 0.3);
  CHECK(p.j.at("log_devices") > 0);
  CHECK(p.prefill_scale > 0.5);
  CHECK(p.prefill_scale < 2);
  CHECK(p.covariance_names.size() == 2 * p.j.size() + 1);
  CHECK(fit->std_error.at("j.log_batch") > 0);
}

TEST_CASE("serving leave-one-model-out: median errors ≤ 20 % for J/token and throughput", "[serving][calibration][cv]") {
  auto fit = FitServing(Rows().prepared, {});
  REQUIRE(fit.ok());
  auto cv = ServingLeaveOneModelOut(Rows().prepared, *fit, **ModelParams::Builtin(), **DeviceDb::Builtin());
  REQUIRE(cv.ok());
  CHECK(cv->groups == 34);
  CHECK(cv->rows.size() == 487);
  INFO("J/token " << cv->all.foreprint_j.median_abs_err << ", tokens/s " << cv->all.foreprint_t.median_abs_err);
  CHECK(cv->all.foreprint_j.median_abs_err <= 0.20);
  CHECK(cv->all.foreprint_t.median_abs_err <= 0.20);
  // EcoLogits is printed beside it, not a target; on these rows foreprint does better.
  CHECK(cv->all.foreprint_j.median_abs_err < cv->all.ecologits_j.median_abs_err);
  CHECK(cv->sigma_log_j > 0);
}

TEST_CASE("the shipped serving_fitted.yaml is what calibrate --serving fits", "[serving][calibration]") {
  auto fit = FitServing(Rows().prepared, {});
  REQUIRE(fit.ok());
  auto shipped = ServingParams::Builtin();
  REQUIRE(shipped.ok());
  REQUIRE((*shipped)->j.size() == fit->params.j.size());
  for (const auto& [k, v] : fit->params.j) CHECK((*shipped)->j.at(k) == Approx(v).margin(1e-9));
  for (const auto& [k, v] : fit->params.t) CHECK((*shipped)->t.at(k) == Approx(v).margin(1e-9));
  CHECK((*shipped)->prefill_scale == Approx(fit->params.prefill_scale));
}

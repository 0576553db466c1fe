// run_record.h — one observed training run (a row of calibration/data/runs.csv).
//
// The same schema holds published runs (calibrate) and users' measured runs (validate --emit-run,
// calibrate --runs). Empty cells are unknown. Energy comes with its scope so that predictions are
// compared like with like:
//   facility-measured     measured IT energy × PUE        (Patterson et al. 2021)
//   facility-tdp          device-hours × TDP × PUE        (a publisher convention, not a measurement)
//   it-measured           measured node/system energy, no PUE
//   accelerator-measured  accelerator-only measurement (nvidia-smi, Zeus, …)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "estimator/model_params.h"

namespace foreprint {

enum class EnergyScope { kNone, kFacilityMeasured, kFacilityTdp, kItMeasured, kAcceleratorMeasured };
std::string ToString(EnergyScope s);
std::optional<EnergyScope> ParseEnergyScope(const std::string& s);

struct RunRecord {
  std::string name;
  std::string modality;   // text | vision | multimodal | code | speech | other
  std::string workload;   // transformer | moe | vit | cnn | diffusion | other
  std::optional<double> params, active_params, tokens, flops;
  std::string flops_source;
  std::string device;         // canonical id; empty when unknown
  std::string device_string;  // as published
  std::optional<double> count, device_hours, wall_hours;
  std::optional<double> energy_kwh;
  EnergyScope energy_scope = EnergyScope::kNone;
  std::optional<double> pue, ci_g_per_kwh, tco2e;
  std::string tco2e_kind;
  std::optional<int> year;
  std::vector<std::string> flags;  // empty = usable
  std::string source, notes;
  // Optional columns (absent in runs.csv; set for MLPerf rows and allowed in users' runs):
  std::string dtype;               // the precision the run trained in; empty = the device's training peak
  Setting setting = Setting::kProduction;
  std::string group;               // runs left out together in cross-validation (MLPerf: submitter/system)
  std::string round;               // MLPerf round, e.g. "v4.0" (forward-in-time validation)
  std::string benchmark;           // MLPerf benchmark, e.g. "gpt3"
  bool energy_only = false;        // a power measurement of a run already in the time fit (MLPerf power)
  int line = 0;                    // in its file
  std::string file;

  bool usable() const { return flags.empty(); }
  bool HasTag(const std::string& tag) const;  // a word in notes, e.g. "oce-validation"
  // Device count, or device_hours / wall_hours when only those are known.
  std::optional<double> Count() const;
  // Parameters the size term sees: active (MoE) or total.
  std::optional<double> SizeParams() const;
  bool HasTime() const { return flops && device_hours && Count() && !device.empty(); }
  bool HasMeasuredEnergy() const;
};

// The columns of runs.csv, in order.
const std::vector<std::string>& RunColumns();

// Reads runs; unknown columns are ignored, required columns must exist, values are checked.
Result<std::vector<RunRecord>> ParseRuns(const std::string& text, const std::string& file);
Result<std::vector<RunRecord>> LoadRuns(const std::string& path);
// The runs.csv shipped in the binary.
Result<std::vector<RunRecord>> BuiltinRuns();

// One CSV line (no header) in RunColumns() order; WriteRunsHeader() gives the header.
std::string RunCsvLine(const RunRecord& r);
std::string RunsHeader();

}  // namespace foreprint

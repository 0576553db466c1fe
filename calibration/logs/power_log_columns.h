// power_log_columns.h — the roles of a GPU power log's columns, found by header name (never by
// position): the time, the power column(s) with the unit their name states, the columns that may
// name a GPU, and the GPU's model name. Shared by the nvidia-smi reader, Zeus's power log and
// format detection.
//
// Time: "timestamp", "time", "date…", "elapsed…", or plain seconds ("sec", "secs", "seconds", "s",
// "elapsed_s", "time (s)"). Power: nvidia-smi's "power.draw [W]" (and .average/.instant) first,
// else any power-like name ("power(w)", "gpu0_power_w", "power_mw", "watts", "w", "mw"), else one
// column per GPU named "GPU0", "gpu_1", … (the unit is then unstated). A name says mW when it is
// "mw" or carries "(mw)", "[mw]", "_mw", " mw" or "milliwatt"; W when it carries "(w)", "[w]",
// "_w", " w", "watt" or is "w"; otherwise the unit is unstated (see power_log_layout.h for how
// values decide it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calibration/logs/csv_fields.h"

namespace foreprint {

enum class PowerUnit { kUnstated, kWatts, kMilliwatts };

struct PowerLogColumns {
  std::optional<size_t> time;
  bool time_is_elapsed = false;     // "elapsed_s", "time (s)", "sec": plain seconds are accepted
  std::vector<size_t> power;        // one column, or one per GPU ("gpu0_power_w, gpu1_power_w", "GPU0, GPU1")
  std::vector<PowerUnit> units;     // per power column, as its name states
  bool per_gpu_names = false;       // the power columns are "GPU0", "GPU1", … (one GPU each, no unit)
  std::vector<size_t> gpu_ids;      // columns that may tell GPUs apart, in order of preference
  std::optional<size_t> name;
};

PowerLogColumns FindPowerLogColumns(const CsvHeader& header);

// The columns of a headerless nvidia-smi line (`--format=csv,noheader`): the first field that is a
// date-time with a clock ("2024/10/30 18:42:33.189") and the one field with a watt unit
// ("251.35 W"). Null when the line is not such a row, or when two fields carry watts (power.draw
// and power.limit can't be told apart without a header).
std::optional<PowerLogColumns> NoHeaderPowerLogColumns(const std::vector<std::string>& fields);

}  // namespace foreprint

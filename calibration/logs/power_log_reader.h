// power_log_reader.h — the rows of a GPU power log (nvidia-smi and look-alikes, Zeus's
// `Time,Power` log), once its header is read: the first rows are held back until the layout is
// decided (which GPU each row is, each column's unit: power_log_layout.h), then every row streams
// into the per-GPU trapezoid (power_series.h).
//
// A row is skipped, with file:line, when its timestamp cannot be read or no power value of it is a
// wattage in 0–kMaxGpuWatts. Timestamps: any form ParseLogTimeSeconds reads; plain seconds in an
// elapsed column; a bare time of day, rolling over to the next day when it goes back by more than
// 12 h. A log most of whose rows are above kMaxGpuWatts is refused (a milliwatt column the first
// rows did not reveal). Memory: the held-back rows (at most kLayoutWindowRows) and O(1) per GPU.
#pragma once

#include "calibration/logs/csv_log.h"
#include "calibration/logs/log_summary.h"
#include "calibration/logs/power_log_columns.h"

namespace foreprint {

// `c.units` may be set by a format that fixes them (Zeus: mW).
Status ReadPowerLogRows(CsvLog& csv, LogSummary& s, const PowerLogColumns& c);

}  // namespace foreprint

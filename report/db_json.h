// db_json.h — JSON documents for devices, regions and instances (the `hardware` and `regions` commands).
//
// Keys keep the database's field names; peaks are under "peak_tflops": {"bf16": …}. Key order
// is fixed so output is byte-stable.
#pragma once

#include <nlohmann/json.hpp>

#include "hardware_db/device_db.h"
#include "hardware_db/instance_db.h"
#include "hardware_db/region_db.h"

namespace foreprint {

using Json = nlohmann::ordered_json;

Json DeviceJson(const Device& d, const DeviceDb& db);
// "hourly": whether the region has an hourly profile (else its annual value applies at every hour).
Json RegionJson(const Region& g, const RegionDb& db);
Json InstanceJson(const Instance& in);

}  // namespace foreprint

// carbon.h — operational and embodied emissions.
//
// Operational = facility kWh × grid intensity (location-based).
// Embodied    = n · (device kg + host kg / devices per host) · run time / (lifetime · utilization).
// Defaults (override them in the config's `embodied:` section):
//   host kg CO2e   828.07 per host = CPU 1.47 + DRAM 102.4 + SSD 576 + others 148.2, from LLMCarbon
//                  (Faiz et al., ICLR 2024) hardware.csv, the XLM validation host of 8 V100s
//   devices/host   8 (the same LLMCarbon host: 512 V100 over 64 hosts; also DGX/HGX 8-GPU nodes)
//   lifetime       5 years (LLMCarbon's released code)
//   utilization    1 (the whole lifetime in use, as LLMCarbon)
#pragma once

#include <string>

#include "core/units.h"

namespace foreprint {

struct EmbodiedDefaults {
  static constexpr double kHostKgCo2e = 1.47 + 102.4 + 576.0 + 148.2;
  static constexpr double kDevicesPerHost = 8;
  static constexpr double kLifetimeYears = 5;
  static constexpr double kUtilization = 1;
  static constexpr const char* kSource =
      "LLMCarbon (Faiz et al., ICLR 2024) hardware.csv host: CPU 1.47 + DRAM 102.4 + SSD 576 + others 148.2 kg per "
      "8-accelerator host; 5-year lifetime from its released code";
};

struct EmbodiedInputs {
  double count = 1;
  double device_kgco2e = 0;
  double host_kgco2e = EmbodiedDefaults::kHostKgCo2e;
  double devices_per_host = EmbodiedDefaults::kDevicesPerHost;
  double lifetime_years = EmbodiedDefaults::kLifetimeYears;
  double utilization = EmbodiedDefaults::kUtilization;
};

struct EmbodiedSplit {
  KgCO2e devices, hosts;
  KgCO2e total() const { return devices + hosts; }
};

EmbodiedSplit AmortisedEmbodied(const EmbodiedInputs& in, Seconds wall_time);

}  // namespace foreprint

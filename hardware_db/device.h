// device.h — one accelerator as described in hardware_db/devices.yaml.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/units.h"

namespace foreprint {

// Data types with a published dense peak, in the order reports print them.
inline const std::vector<std::string>& PeakDtypes() {
  static const std::vector<std::string> kDtypes = {"fp32", "tf32", "bf16", "fp16", "fp8", "int8", "fp4"};
  return kDtypes;
}

struct Device {
  std::string id;
  std::vector<std::string> aliases;
  std::string vendor;
  std::string family;       // architecture generation, e.g. "Ampere", "TPUv4"
  int release_year = 0;
  std::string form_factor;
  Watts tdp;
  Watts idle;
  std::map<std::string, double> peak_tflops;  // dtype → dense TFLOP/s (int8: TOPS)
  double memory_gb = 0;
  double memory_bw_gbps = 0;
  double embodied_kgco2e = 0;
  std::string source;                               // default source for every value
  std::map<std::string, std::string> value_sources;  // field → source where it differs
  int line = 0;                                     // where it is defined in the database

  // Dense peak for training: bf16, else fp16, else tf32, else fp32 (older parts).
  // Returns the dtype used through `dtype` when non-null.
  FlopPerSecond TrainingPeak(std::string* dtype = nullptr) const;
  // Peak for one dtype; nullopt when the device has none.
  std::optional<FlopPerSecond> Peak(const std::string& dtype) const;
  // The source for a field: value_sources[field] if present, else `source`.
  const std::string& SourceOf(const std::string& field) const;
};

}  // namespace foreprint

#include "hardware_db/device.h"

namespace foreprint {

std::optional<FlopPerSecond> Device::Peak(const std::string& dtype) const {
  auto it = peak_tflops.find(dtype);
  if (it == peak_tflops.end()) return std::nullopt;
  return Tflops(it->second);
}

FlopPerSecond Device::TrainingPeak(std::string* dtype) const {
  for (const char* d : {"bf16", "fp16", "tf32", "fp32"}) {
    if (auto p = Peak(d)) {
      if (dtype) *dtype = d;
      return *p;
    }
  }
  if (dtype) dtype->clear();
  return FlopPerSecond(0);
}

const std::string& Device::SourceOf(const std::string& field) const {
  auto it = value_sources.find(field);
  return it == value_sources.end() ? source : it->second;
}

}  // namespace foreprint

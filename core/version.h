// version.h — foreprint's version, as `--version`, model cards and BoAmps reports print it.
// Keep in step with project(... VERSION) in CMakeLists.txt.
#pragma once

namespace foreprint {

inline constexpr const char* kForeprintVersion = "0.1.0";

}  // namespace foreprint

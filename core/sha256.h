// sha256.h — SHA-256 (FIPS 180-4) of a byte string, as lower-case hex. Used to stamp
// calibration/fitted.yaml with the dataset it was fitted on.
#pragma once

#include <string>
#include <string_view>

namespace foreprint {

std::string Sha256Hex(std::string_view data);

}  // namespace foreprint

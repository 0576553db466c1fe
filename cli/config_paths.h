// config_paths.h — the CONFIG arguments of `estimate`, expanded: a file stays itself, a directory
// becomes its *.yaml files (regular files, sorted by name). More than one argument, or any
// directory, makes a batch (one row per run and a total); a single file is a single estimate.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace foreprint::cli {

struct ConfigList {
  std::vector<std::string> paths;
  std::vector<Error> errors;  // directories without *.yaml files
  bool batch = false;
};

ConfigList ExpandConfigArgs(const std::vector<std::string>& args);

}  // namespace foreprint::cli

#include "cli/config_paths.h"

#include <algorithm>
#include <filesystem>

namespace foreprint::cli {

ConfigList ExpandConfigArgs(const std::vector<std::string>& args) {
  namespace fs = std::filesystem;
  ConfigList out;
  out.batch = args.size() > 1;
  for (const auto& a : args) {
    std::error_code ec;
    if (!fs::is_directory(a, ec)) {
      out.paths.push_back(a);
      continue;
    }
    out.batch = true;
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(a, ec)) {
      std::error_code fec;
      if (entry.path().extension() == ".yaml" && entry.is_regular_file(fec)) found.push_back(entry.path().string());
    }
    if (ec || found.empty()) {
      Error e = MakeError(ec ? "cannot list this directory (" + ec.message() + ")"
                             : std::string("no *.yaml files in this directory"));
      out.errors.push_back(e.At(a));
      continue;
    }
    std::sort(found.begin(), found.end());
    out.paths.insert(out.paths.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace foreprint::cli

// data_files.h — the databases and fitted parameters foreprint reads at run time.
//
// The files under hardware_db/ and calibration/ are compiled into the binary (see
// scripts/embed.cmake), so `foreprint` works from any directory. Setting FOREPRINT_DATA_DIR
// (or --data-dir) to a source checkout reads them from disk instead, so an edited database is
// used without rebuilding. Names are repository-relative, e.g. "hardware_db/devices.yaml".
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace foreprint {

struct EmbeddedFile {
  const char* name;
  std::string_view text;
};
std::span<const EmbeddedFile> EmbeddedFiles();

struct DataFile {
  std::string text;
  std::string display_name;  // what errors show: a path on disk or the repository name
};

// Reads `name` from the data directory override when set, else from the embedded copy.
Result<DataFile> ReadDataFile(std::string_view name);

// True when files come from a data directory rather than the copies built into the binary.
bool DataDirectoryOverridden();

// Overrides the data directory for this process (empty = use FOREPRINT_DATA_DIR / embedded).
void SetDataDirectory(std::string dir);

// Reads a whole file from disk; the error names the path.
Result<std::string> ReadTextFile(const std::string& path);

// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
// failure never leaves a partial file behind.
Status WriteFileAtomically(const std::string& path, const std::string& text);

}  // namespace foreprint

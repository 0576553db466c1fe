// temp_log.h — hand-made logs for the reader tests, written to the system temp directory.
#pragma once

#include "temp_path.h"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "calibration/logs/log_reader.h"

namespace foreprint::test {

// Writes `text` (bytes as given) to a temporary file; removed when the object goes.
struct TempLog {
  TempLog(const std::string& name, const std::string& text)
      : path((std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + name)).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempLog() { std::remove(path.c_str()); }
  TempLog(const TempLog&) = delete;
  TempLog& operator=(const TempLog&) = delete;
  std::string path;
};

inline Result<LogSummary> ReadText(const std::string& name, const std::string& text,
                                   LogFormat format = LogFormat::kAuto) {
  TempLog t(name, text);
  return ReadLog(t.path, format);
}

inline bool AnyWarning(const LogSummary& s, const std::string& part) {
  for (const auto& w : s.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace foreprint::test

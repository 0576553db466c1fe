// test_util.h — helpers shared by the tests: run the CLI in-process, read fixture files.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "core/data_files.h"

namespace foreprint::test {

struct CliRun {
  int code = 0;
  std::string out, err;
};

inline CliRun Cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliRun r;
  r.code = cli::RunCli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

inline std::string SourcePath(const std::string& rel) { return std::string(FOREPRINT_SOURCE_DIR) + "/" + rel; }
inline std::string TestData(const std::string& rel) { return std::string(FOREPRINT_TEST_DATA) + "/" + rel; }

inline std::string ReadFixture(const std::string& rel) {
  auto t = ReadTextFile(TestData(rel));
  return t ? *t : std::string();
}

}  // namespace foreprint::test

// app.h — the foreprint command line, runnable in-process.
//
// RunCli() parses `args` (without the program name), runs the chosen subcommand and returns the
// exit code: 0 success (also --help), 2 bad input or usage. Output goes to `out`, errors and
// warnings to `err`; on failure nothing is written to `out`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace foreprint::cli {

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace foreprint::cli

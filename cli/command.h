// command.h — what every subcommand file provides to the CLI.
//
// A subcommand registers itself on the CLI11 app with Add*Command() and, when chosen, runs an
// action that writes its whole output into `out` and returns a Status. The app prints `out`
// only when the action succeeded, so a failure never leaves partial output on stdout.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <sstream>

#include "core/error.h"

namespace foreprint::cli {

struct CommandContext {
  std::ostringstream out;            // the command's output, printed on success
  std::ostringstream warnings;       // printed to stderr whatever happens
  std::function<Status()> action;    // set by the chosen subcommand's callback
};

void AddHardwareCommand(CLI::App& app, CommandContext& ctx);
void AddRegionsCommand(CLI::App& app, CommandContext& ctx);
void AddEstimateCommand(CLI::App& app, CommandContext& ctx);
void AddCalibrateCommand(CLI::App& app, CommandContext& ctx);
void AddCompareCommand(CLI::App& app, CommandContext& ctx);
void AddValidateCommand(CLI::App& app, CommandContext& ctx);

}  // namespace foreprint::cli

// temp_path.h — names for the temporary files tests write. The process id keeps two test runs on one
// machine (a developer's and CI's, or two worktrees) from writing and removing each other's files.
#pragma once

#include <unistd.h>

#include <string>

namespace foreprint::test {

inline std::string TempPrefix() { return "foreprint-test-" + std::to_string(::getpid()) + "-"; }

}  // namespace foreprint::test

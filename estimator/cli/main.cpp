// main.cpp — the foreprint executable: everything lives in foreprint_core (estimator/cli/app.h).
#include <iostream>

#include "estimator/cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return foreprint::cli::RunCli(args, std::cout, std::cerr);
}

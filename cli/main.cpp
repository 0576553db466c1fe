// main.cpp — the foreprint executable: everything lives in the layer libraries (cli/app.h).
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return foreprint::cli::RunCli(args, std::cout, std::cerr);
}

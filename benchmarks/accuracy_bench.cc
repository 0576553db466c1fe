// accuracy_bench.cc — the leave-one-out accuracy benchmark (`foreprint calibrate --cv` in-process),
// with its run time. Prints the table the README quotes; never fails.
#include <chrono>
#include <iostream>

#include "estimator/cli/app.h"
#include "estimator/text.h"

int main() {
  auto t0 = std::chrono::steady_clock::now();
  int code = foreprint::cli::RunCli({"calibrate", "--cv"}, std::cout, std::cerr);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "\ncalibrate --cv took " << foreprint::FormatSig(s, 3) << " s (target ≤ 10 s on 2 cores)\n";
  return code;
}

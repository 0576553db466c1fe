// accuracy_bench.cc — the leave-one-out accuracy benchmark (`foreprint calibrate --cv` in-process),
// with its run time and the targets of the calibration issue beside the measured figures.
// Prints the table the README quotes; never fails (the figures are reported, not asserted).
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/app.h"
#include "report/table.h"
#include "core/text.h"

namespace {

using foreprint::FormatSig;

std::string Percent(double share) { return FormatSig(100 * share, 3) + " %"; }

// One row: what is aimed at, what was measured, and whether it holds.
void AddTarget(foreprint::Table& t, const std::string& what, const std::string& target, const std::string& measured,
               bool met) {
  t.AddRow({what, target, measured, met ? "met" : "not met"});
}

void PrintTargets(const nlohmann::json& cv, double seconds) {
  const auto& s = cv.at("summary");
  const double fp = s.at("foreprint_all").at("median_abs_err").get<double>();
  const double refit = s.at("oce_refit_all").at("median_abs_err").get<double>();
  const double coverage = s.at("foreprint_all").at("coverage_p10_p90").get<double>();
  const double energy = s.at("energy_foreprint").at("median_abs_err").get<double>();
  const double oce6 = s.at("oce6_mean_abs_err").at("foreprint").get<double>();
  double vit = NAN;
  for (const auto& row : cv.at("oce_validation"))
    if (row.at("name") == "ViT-L/16")
      vit = row.at("foreprint_t").get<double>() / row.at("ground_truth_t").get<double>() - 1;

  foreprint::Table t;
  t.AddColumn("target (leave-one-out)");
  t.AddColumn("aim", foreprint::Table::Align::kRight);
  t.AddColumn("measured", foreprint::Table::Align::kRight);
  t.AddColumn("");
  AddTarget(t, "a priori device-hours, median |pred/actual − 1|", "≤ 25 %", Percent(fp), fp <= 0.25);
  AddTarget(t, "… against OpenCarbonEval α refit the same way", "≤ 2/3",
            FormatSig(fp / refit, 2) + " (" + Percent(fp) + " / " + Percent(refit) + ")", fp <= refit * 2 / 3);
  AddTarget(t, "P10–P90 coverage", "70–90 %", Percent(coverage), coverage >= 0.7 && coverage <= 0.9);
  AddTarget(t, "OpenCarbonEval's 6 models, mean |CO2e error|", "≤ 15 %", Percent(oce6), oce6 <= 0.15);
  AddTarget(t, "ViT-L/16 CO2e error", "within ±35 %", std::isfinite(vit) ? Percent(vit) : "-",
            std::isfinite(vit) && std::fabs(vit) <= 0.35);
  AddTarget(t, "energy given device-hours, median |pred/actual − 1|", "≤ 15 %", Percent(energy), energy <= 0.15);
  AddTarget(t, "calibrate --cv run time (2 cores)", "≤ 10 s", FormatSig(seconds, 3) + " s", seconds <= 10);
  std::cout << "\nTargets\n\n";
  t.RenderText(std::cout);
}

}  // namespace

int main() {
  auto t0 = std::chrono::steady_clock::now();
  int code = foreprint::cli::RunCli({"calibrate", "--cv"}, std::cout, std::cerr);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "\ncalibrate --cv took " << FormatSig(s, 3) << " s (target ≤ 10 s on 2 cores)\n";
  if (code != 0) return code;

  std::ostringstream json;
  code = foreprint::cli::RunCli({"calibrate", "--cv", "--json"}, json, std::cerr);
  if (code != 0) return code;
  PrintTargets(nlohmann::json::parse(json.str()).at("cv"), s);
  return 0;
}

// svg_chart.h — standalone SVG 1.1 charts of a comparison (no external assets, no scripts).
//
// CompareSvg() draws a horizontal stacked bar per row (the first 40) (operational + embodied kg CO2e) with a
// P10–P90 whisker, labels in a column as wide as the longest needs (the chart grows; nothing is clipped);
// when the rows span more than one device or region, a panel of wall time vs CO2e with the Pareto front
// (no other option is both faster and cleaner) marked and joined; and when two or more ranked rows have
// a cost, a panel of cost vs CO2e with its Pareto front (no other option is both cheaper and cleaner).
// Rows without numbers (a device offered nowhere) are left out of every panel.
#pragma once

#include <string>
#include <vector>

#include "estimator/compare.h"

namespace foreprint {

std::string CompareSvg(const std::string& title, const std::vector<CompareRow>& rows);
// Indices of the rows on the Pareto front of (wall_hours, co2_total), both minimised.
std::vector<size_t> ParetoFront(const std::vector<CompareRow>& rows);
// The same front for any x quantity against co2_total.
std::vector<size_t> ParetoFrontBy(const std::vector<CompareRow>& rows, double (*x)(const CompareRow&));
std::string XmlEscape(const std::string& s);

}  // namespace foreprint

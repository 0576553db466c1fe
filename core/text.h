// text.h — small string helpers shared by the loaders and reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace foreprint {

std::string Trim(std::string_view s);
std::string ToLower(std::string_view s);
// Lower-case letters and digits only: "NVIDIA A100 SXM4-80 GB" → "nvidiaa100sxm480gb".
std::string NormalizeKey(std::string_view s);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Reads n decimal digits of s at pos into *out; false if any is missing or not a digit.
bool ParseDigits(std::string_view s, size_t pos, size_t n, int* out);
// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).
int EditDistance(std::string_view a, std::string_view b);
// Shortest round-trip text for a double ("0.1", "1e+24"); used wherever numbers are printed.
std::string FormatNumber(double v);
// Fixed number of significant digits, without exponent for 1e-3 ≤ |v| < 1e9 ("12,345" style is not used).
std::string FormatSig(double v, int significant_digits);

}  // namespace foreprint

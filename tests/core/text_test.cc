#include "core/suggest.h"
#include "report/table.h"
#include "core/text.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>

using namespace foreprint;

TEST_CASE("normalised keys ignore case and punctuation", "[text]") {
  CHECK(NormalizeKey("NVIDIA A100 SXM4-80 GB") == "nvidiaa100sxm480gb");
  CHECK(NormalizeKey("aws:us-east-1") == "awsuseast1");
}

TEST_CASE("edit distance counts transpositions once", "[text]") {
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("h100", "h010") == 1);
  CHECK(EditDistance("", "abc") == 3);
}

TEST_CASE("suggestions rank prefixes first and keep candidate order on ties", "[text]") {
  std::vector<SuggestionCandidate> c = {{"H100-SXM5-80GB", "H100-SXM5-80GB"}, {"H100-PCIe-80GB", "H100-PCIe-80GB"},
                                        {"H20", "H20"},                         {"A100-SXM4-40GB", "A100-SXM4-40GB"}};
  auto s = Suggest("H10", c);
  REQUIRE(s.size() >= 2);
  CHECK(s[0] == "H100-SXM5-80GB");
  CHECK(s[1] == "H100-PCIe-80GB");
  CHECK(Suggest("zzzzzz", c).empty());
  CHECK(UnknownIdMessage("device", "H10", s, "foreprint hardware list").rfind("unknown device 'H10' — did you mean: H100-SXM5-80GB, H100-PCIe-80GB", 0) == 0);
}

TEST_CASE("number formatting round-trips and rounds", "[text]") {
  CHECK(FormatNumber(0.1) == "0.1");
  CHECK(FormatNumber(1e24) == "1e+24");
  CHECK(FormatSig(1234.567, 3) == "1235");
  CHECK(FormatSig(12.3456, 3) == "12.3");
  CHECK(FormatSig(3.2e10, 3) == "3.20e+10");
}

TEST_CASE("FormatNumber writes the fewest %g digits that read back exactly", "[text][property]") {
  // Reference: try 1..17 significant digits until the text reads back as the same double.
  auto reference = [](double v) {
    char buf[64];
    for (int p = 1; p <= 17; ++p) {
      std::snprintf(buf, sizeof buf, "%.*g", p, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
    return std::string(buf);
  };
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> mantissa(1, 10);
  std::uniform_int_distribution<int> exponent(-30, 30), digits(1, 17);
  for (int i = 0; i < 20000; ++i) {
    // Values with few digits (as in data files) and arbitrary ones (results of arithmetic).
    double v = mantissa(rng) * std::pow(10.0, exponent(rng));
    if (i % 2) v = std::strtod(reference(v).substr(0, static_cast<size_t>(digits(rng)) + 1).c_str(), nullptr);
    if (i % 3 == 0) v = -v;
    INFO(v);
    const std::string s = FormatNumber(v);
    CHECK(std::strtod(s.c_str(), nullptr) == v);
    if (v != std::floor(v) || std::fabs(v) >= 1e15) CHECK(s == reference(v));
  }
  CHECK(FormatNumber(1.0 / 3) == "0.3333333333333333");
  CHECK(FormatNumber(5e-324) == "5e-324");  // the smallest subnormal
  CHECK(FormatNumber(2.5) == "2.5");
  CHECK(FormatNumber(-7e9) == "-7000000000");
}

TEST_CASE("tables render as text, markdown and quoted CSV", "[text]") {
  Table t;
  t.AddColumn("id");
  t.AddColumn("value", Table::Align::kRight);
  t.AddRow({"a,b", "1"});
  t.AddRow({"c", "22"});
  std::ostringstream text, md, csv;
  t.RenderText(text);
  t.RenderMarkdown(md);
  t.RenderCsv(csv);
  CHECK(text.str() == "id   value\n---  -----\na,b      1\nc       22\n");
  CHECK(md.str() == "| id | value |\n|---|---:|\n| a,b | 1 |\n| c | 22 |\n");
  CHECK(csv.str() == "id,value\n\"a,b\",1\nc,22\n");
}

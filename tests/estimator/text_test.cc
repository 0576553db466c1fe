#include "estimator/suggest.h"
#include "estimator/table.h"
#include "estimator/text.h"

#include <catch2/catch.hpp>
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

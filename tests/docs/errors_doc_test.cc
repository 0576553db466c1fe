// docs/errors.md lists every user-facing message; this test keeps the doc and the code in step:
//  • every fixed fragment of a documented message (the text between `…` placeholders) is in the code;
//  • the leading literal of every MakeError / ErrorAt / Warn / UnknownIdMessage call is in the doc.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "core/data_files.h"
#include "core/text.h"
#include "test_util.h"

using namespace foreprint;

namespace {

std::string Unescape(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    o += s[i];
  }
  return o;
}

// All .cc sources, with adjacent string literals joined ("a" "b" → "ab") as the compiler does.
std::string SourceText() {
  std::string all;
  for (const char* dir : {"core", "models", "hardware_db", "estimator", "report", "calibration", "cli"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::SourcePath(dir))) {
      if (e.path().extension() == ".cc") all += *ReadTextFile(e.path().string()) + "\n";
    }
  }
  static const std::regex adjacent(R"re("\s+")re");
  return std::regex_replace(all, adjacent, "");
}

// The first string literal with a space in each error/warning call: the message's fixed start.
std::set<std::string> MessageLiterals(const std::string& src) {
  std::set<std::string> out;
  static const std::regex call(R"re((MakeError|ErrorAt|Warn|UnknownIdMessage)\()re");
  static const std::regex literal(R"re("((?:[^"\\]|\\.)*)")re");
  for (auto it = std::sregex_iterator(src.begin(), src.end(), call); it != std::sregex_iterator(); ++it) {
    size_t i = it->position() + it->length(), depth = 1, j = i;
    while (j < src.size() && depth > 0) {
      if (src[j] == '(') ++depth;
      if (src[j] == ')') --depth;
      ++j;
    }
    const std::string args = src.substr(i, j - i);
    for (auto l = std::sregex_iterator(args.begin(), args.end(), literal); l != std::sregex_iterator(); ++l) {
      std::string text = Unescape((*l)[1].str());
      if (text.find(' ') == std::string::npos) continue;
      if (Trim(text).size() >= 10) out.insert(Trim(text));
      break;
    }
  }
  return out;
}

std::vector<std::string> DocFragments(const std::string& doc) {
  std::vector<std::string> out;
  static const std::regex span("`([^`]+)`");
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| ", 0) != 0 || line.rfind("| message", 0) == 0) continue;
    const std::string first_cell = line.substr(2, line.find(" | ") - 2);
    for (auto m = std::sregex_iterator(first_cell.begin(), first_cell.end(), span); m != std::sregex_iterator(); ++m) {
      std::string text = (*m)[1].str();
      size_t start = 0;
      while (start <= text.size()) {
        size_t dots = text.find("…", start);
        std::string piece = Trim(text.substr(start, dots == std::string::npos ? std::string::npos : dots - start));
        if (piece.size() >= 8) out.push_back(piece);
        if (dots == std::string::npos) break;
        start = dots + std::string("…").size();
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every message in docs/errors.md exists in the code", "[docs]") {
  const std::string src = Unescape(SourceText());
  auto doc = ReadTextFile(test::SourcePath("docs/errors.md"));
  REQUIRE(doc.ok());
  auto fragments = DocFragments(*doc);
  CHECK(fragments.size() >= 100);
  for (const auto& f : fragments) {
    INFO(f);
    CHECK(src.find(f) != std::string::npos);
  }
}

TEST_CASE("every message in the code is documented in docs/errors.md", "[docs]") {
  auto doc = ReadTextFile(test::SourcePath("docs/errors.md"));
  REQUIRE(doc.ok());
  auto literals = MessageLiterals(SourceText());
  CHECK(literals.size() >= 80);
  for (const auto& l : literals) {
    INFO(l);
    CHECK(doc->find(l) != std::string::npos);
  }
}

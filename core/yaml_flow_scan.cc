#include "core/yaml_flow_scan.h"

#include <vector>

namespace foreprint {
namespace {

struct Scanner {
  std::string_view text;
  size_t i = 0;
  int line = 1, column = 1;
  std::vector<FlowOpener> open;
  char quote = 0;              // '"' or '\'' while inside a quoted scalar
  int block_indent = -1;       // >= 0 while skipping a block scalar's lines (indent of its parent)
  bool node_start = true;      // a node may start at the next non-blank character

  char At(size_t k) const { return k < text.size() ? text[k] : '\0'; }

  // Columns count bytes, as yaml-cpp's marks do.
  void Advance() {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  }

  // Indentation of the line starting at `start` (spaces only).
  int IndentAt(size_t start) const {
    int n = 0;
    while (At(start + n) == ' ') ++n;
    return n;
  }

  void SkipToLineEnd() {
    while (i < text.size() && text[i] != '\n') Advance();
  }

  // At the start of a line inside a block scalar: skip it while it is more indented than the
  // scalar's parent (or blank).
  bool SkipBlockScalarLine() {
    const int indent = IndentAt(i);
    const char first = At(i + indent);
    if (first == '\n' || first == '\0' || indent > block_indent) {
      SkipToLineEnd();
      return true;
    }
    block_indent = -1;
    return false;
  }

  void QuotedChar() {
    const char c = text[i];
    if (quote == '"' && c == '\\') {
      Advance();
      if (i < text.size()) Advance();
      return;
    }
    if (c == quote) {
      if (quote == '\'' && At(i + 1) == '\'') {
        Advance();
      } else {
        quote = 0;
        node_start = false;
      }
    }
    Advance();
  }

  // '|' or '>' followed only by modifiers, blanks and a comment up to the line end.
  bool BlockScalarIndicator() const {
    size_t k = i + 1;
    while (At(k) == '+' || At(k) == '-' || (At(k) >= '1' && At(k) <= '9')) ++k;
    while (At(k) == ' ' || At(k) == '\t') ++k;
    return At(k) == '\n' || At(k) == '\0' || At(k) == '#';
  }

  void PlainChar(size_t line_start) {
    const char c = text[i];
    const bool flow = !open.empty();
    const bool prev_blank = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n';
    if (c == '#' && prev_blank) {
      SkipToLineEnd();
      return;
    }
    if (node_start && (c == '[' || c == '{')) {
      open.push_back({c, line, column});
      Advance();
      return;  // node_start stays true: a node may follow the opener
    }
    if (node_start && (c == '"' || c == '\'')) {
      quote = c;
      Advance();
      return;
    }
    if (node_start && !flow && (c == '|' || c == '>') && BlockScalarIndicator()) {
      block_indent = IndentAt(line_start);
      SkipToLineEnd();
      return;
    }
    if (flow && (c == ']' || c == '}')) {
      const char want = c == ']' ? '[' : '{';
      if (open.back().bracket == want) open.pop_back();
      node_start = false;
    } else if (flow && c == ',') {
      node_start = true;
    } else if (c == ':' && (flow || At(i + 1) == ' ' || At(i + 1) == '\n' || At(i + 1) == '\0')) {
      node_start = true;
    } else if ((c == '-' || c == '?') && (At(i + 1) == ' ' || At(i + 1) == '\n') && node_start) {
      node_start = true;
    } else if (c != ' ' && c != '\t') {
      node_start = false;
    }
    Advance();
  }

  void Run() {
    size_t line_start = 0;
    while (i < text.size()) {
      if (column == 1) {
        line_start = i;
        if (block_indent >= 0 && SkipBlockScalarLine()) {
          if (i < text.size()) Advance();  // the newline
          continue;
        }
        if (open.empty() && quote == 0) node_start = true;  // a block line may start a node
      }
      if (quote) {
        QuotedChar();
      } else {
        PlainChar(line_start);
      }
    }
  }
};

}  // namespace

std::optional<FlowOpener> UnclosedFlowOpener(std::string_view text) {
  Scanner s;
  s.text = text;
  s.Run();
  if (s.open.empty()) return std::nullopt;
  return s.open.back();
}

}  // namespace foreprint

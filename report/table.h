// table.h — a small table model rendered as aligned text, Markdown or CSV.
//
// Cells are strings already formatted by the caller; numeric columns are right-aligned in text.
// CSV quotes fields per RFC 4180 when they contain a comma, quote or newline.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace foreprint {

class Table {
 public:
  enum class Align { kLeft, kRight };
  void AddColumn(std::string header, Align align = Align::kLeft);
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  void RenderText(std::ostream& out) const;
  void RenderMarkdown(std::ostream& out) const;
  void RenderCsv(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

std::string CsvField(const std::string& s);

}  // namespace foreprint

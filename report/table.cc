#include "report/table.h"

#include <algorithm>

namespace foreprint {
namespace {

// Display width in code points (UTF-8 continuation bytes don't count).
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) w += (c & 0xC0) != 0x80;
  return w;
}

}  // namespace

void Table::AddColumn(std::string header, Align align) {
  headers_.push_back(std::move(header));
  align_.push_back(align);
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::RenderText(std::ostream& out) const {
  std::vector<size_t> w(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    w[c] = Width(headers_[c]);
    for (const auto& r : rows_) w[c] = std::max(w[c], Width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string pad(w[c] - Width(cells[c]), ' ');
      if (c) s += "  ";
      s += align_[c] == Align::kRight ? pad + cells[c] : cells[c] + (c + 1 < cells.size() ? pad : "");
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << "\n";
  };
  line(headers_);
  std::vector<std::string> rule;
  for (size_t c = 0; c < headers_.size(); ++c) rule.push_back(std::string(w[c], '-'));
  line(rule);
  for (const auto& r : rows_) line(r);
}

void Table::RenderMarkdown(std::ostream& out) const {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char ch : s) {
      if (ch == '|') o += "\\|";
      else o += ch;
    }
    return o;
  };
  out << "|";
  for (const auto& h : headers_) out << " " << esc(h) << " |";
  out << "\n|";
  for (auto a : align_) out << (a == Align::kRight ? "---:|" : "---|");
  out << "\n";
  for (const auto& r : rows_) {
    out << "|";
    for (const auto& c : r) out << " " << esc(c) << " |";
    out << "\n";
  }
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) {
    if (c == '"') o += "\"\"";
    else o += c;
  }
  return o + "\"";
}

void Table::RenderCsv(std::ostream& out) const {
  for (size_t c = 0; c < headers_.size(); ++c) out << (c ? "," : "") << CsvField(headers_[c]);
  out << "\n";
  for (const auto& r : rows_) {
    for (size_t c = 0; c < r.size(); ++c) out << (c ? "," : "") << CsvField(r[c]);
    out << "\n";
  }
}

}  // namespace foreprint

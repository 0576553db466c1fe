#include "core/error.h"

#include <sstream>

namespace foreprint {

std::string Error::Format() const {
  std::ostringstream out;
  if (!file.empty()) {
    out << file;
    if (line > 0) {
      out << ':' << line;
      if (column > 0) out << ':' << column;
    }
    out << ": ";
  }
  if (!field.empty()) out << field << ": ";
  out << message;
  return out.str();
}

Error& Error::At(const std::string& file_name, int line_no, int column_no) {
  if (file.empty()) file = file_name;
  if (line == 0) line = line_no;
  if (column == 0) column = column_no;
  return *this;
}

Error& Error::Field(const std::string& field_name) {
  if (field.empty()) field = field_name;
  return *this;
}

Error MakeError(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

}  // namespace foreprint

// error.h — errors as values.
//
// An Error names where the problem is (file, line, column, field) and what to do about it.
// Result<T> holds either a value or an Error; nothing in the library throws across its API.
// Format (Ninja style): "file:line:column: field: message".
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace foreprint {

struct Error {
  std::string message;   // what went wrong, with a suggestion where one exists
  std::string file;      // empty when the error has no file
  int line = 0;          // 1-based; 0 = unknown
  int column = 0;        // 1-based; 0 = unknown
  std::string field;     // dotted key path, e.g. "hardware.device"
  int exit_code = 2;     // what the CLI returns for it

  // "file:line:column: field: message" with absent parts left out.
  std::string Format() const;

  // Fills in location details that are still empty, keeping the ones already set.
  Error& At(const std::string& file_name, int line_no = 0, int column_no = 0);
  Error& Field(const std::string& field_name);
};

Error MakeError(std::string message);

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error& error() & { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// A Result without a value: success or an Error.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace foreprint

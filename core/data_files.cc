#include "core/data_files.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace foreprint {
namespace {

std::string& DataDirOverride() {
  static std::string dir;
  return dir;
}

std::string DataDirectory() {
  if (!DataDirOverride().empty()) return DataDirOverride();
  const char* env = std::getenv("FOREPRINT_DATA_DIR");
  return env ? std::string(env) : std::string();
}

}  // namespace

bool DataDirectoryOverridden() { return !DataDirectory().empty(); }

void SetDataDirectory(std::string dir) { DataDirOverride() = std::move(dir); }

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = MakeError("cannot open file (does it exist and is it readable?)");
    e.At(path);
    return e;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    Error e = MakeError("read error");
    e.At(path);
    return e;
  }
  return ss.str();
}

Result<DataFile> ReadDataFile(std::string_view name) {
  const std::string dir = DataDirectory();
  if (!dir.empty()) {
    std::string path = dir + "/" + std::string(name);
    auto text = ReadTextFile(path);
    if (!text) return text.error();
    return DataFile{std::move(*text), path};
  }
  for (const auto& f : EmbeddedFiles()) {
    if (name == f.name) return DataFile{std::string(f.text), std::string(f.name)};
  }
  return MakeError("data file '" + std::string(name) + "' is not built into this binary");
}

Status WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp-foreprint";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      Error e = MakeError("cannot write here (does the directory exist and is it writable?)");
      return e.At(path);
    }
    out << text;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      Error e = MakeError("write failed (disk full?)");
      return e.At(path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    Error e = MakeError("cannot replace the file");
    return e.At(path);
  }
  return {};
}

}  // namespace foreprint

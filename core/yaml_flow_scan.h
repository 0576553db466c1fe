// yaml_flow_scan.h — where an unclosed YAML flow collection ('[' or '{') was opened.
//
// yaml-cpp reports an unclosed bracket where it gives up (often the end of the file), not where
// the problem starts. After a parse failure, the YAML reader asks this scanner for the innermost
// '[' or '{' that is never closed, so the error can point at it. The scan is lexical: it skips
// comments, quoted scalars and block scalars (| and >), and treats '[' / '{' as an opener only
// where a YAML node can start (after "key:", "- ", "?", ",", another opener, or at a line's
// first character); a '[' inside a plain scalar such as `name: a[1]` is text.
#pragma once

#include <optional>
#include <string_view>

namespace foreprint {

struct FlowOpener {
  char bracket = '[';  // '[' or '{'
  int line = 0;        // 1-based
  int column = 0;      // 1-based
};

// The innermost flow opener still open at the end of `text`, if any.
std::optional<FlowOpener> UnclosedFlowOpener(std::string_view text);

}  // namespace foreprint

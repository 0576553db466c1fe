// log_text.h — text from tracker logs made safe to print: valid UTF-8, bounded length.
//
// Logs carry whatever their writers put in them (Latin-1 region names, binary junk, cut lines).
// Everything foreprint copies out of a log into a summary, a warning or JSON goes through these.
#pragma once

#include <string>
#include <string_view>

namespace foreprint {

// `s` with every invalid UTF-8 sequence replaced by U+FFFD and control characters (other than
// tab) by spaces.
std::string ValidUtf8(std::string_view s);

// At most `max_chars` code points of `s` (made valid), with "…" when cut.
std::string Snippet(std::string_view s, size_t max_chars = 60);

// Case-insensitive (ASCII) substring test.
bool ContainsNoCase(std::string_view haystack, std::string_view needle);

}  // namespace foreprint

#pragma once
// Heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`) on a RUN/COPY/ADD line, found
// the way BuildKit's heredocsFromLine/ParseHeredoc find them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::parser {

struct HeredocMarker {
  std::string name;
  bool expand = true;
  bool chomp = false;
  std::uint64_t file_descriptor = 0;
};

struct HeredocWord {
  std::optional<HeredocMarker> marker;  // nullopt: the word is not a heredoc marker
  std::optional<std::string> error;     // e.g. an unterminated quote in the delimiter
};

// ParseHeredoc: one word such as `<<-"EOF"`.
HeredocWord parse_heredoc_word(std::string_view word);

struct LineHeredoc {
  HeredocMarker marker;
  std::size_t begin = 0;  // offsets of the marker word in the line
  std::size_t end = 0;
};

// heredocsFromLine: every marker word of a logical line, in order. Returns an error
// text when a marker's delimiter cannot be lexed.
std::optional<std::string> heredocs_from_line(std::string_view line, std::vector<LineHeredoc>& out);

// ChompHeredocContent: what a `<<-` body becomes when used (leading tabs of every line
// removed). The AST keeps the raw body.
std::string chomp_heredoc_content(std::string_view content);

}  // namespace sagelint::parser

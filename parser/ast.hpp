#pragma once
// The Dockerfile AST: what BuildKit's frontend/dockerfile/parser produces, plus the
// source position of every token. Values are exactly BuildKit's Node values (so
// dump.cpp can print Node.Dump() byte for byte); positions are ours.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sagelint::parser {

// 1-based line; 1-based column counted in bytes of the original line (after BOM
// removal; a CR of a CRLF ending is not part of any token).
struct Pos {
  int line = 0;
  int column = 0;
  friend bool operator==(const Pos&, const Pos&) = default;
};

// [begin, end): end is the position just after the last byte of the token.
struct Span {
  Pos begin;
  Pos end;
  friend bool operator==(const Span&, const Span&) = default;
};

// A word as BuildKit stores it (Node.Value), and where it came from.
struct Token {
  std::string value;
  Span span;
};

// A leading `--name[=value]` word. BuildKit keeps it raw (`--from=build`).
struct Flag {
  std::string raw;                   // as in the file, e.g. "--chmod=755"
  std::string name;                  // "chmod"
  std::optional<std::string> value;  // "755"; nullopt for a bare `--link`
  Span span;
};

struct Heredoc {
  std::string name;     // delimiter word without quotes, e.g. "EOF"
  std::string content;  // body lines exactly as in the file, line endings included (BuildKit keeps
                        // them raw; chomp is applied when used)
  bool expand = true;   // false when the delimiter was quoted
  bool chomp = false;   // `<<-`
  int file_descriptor = 0;  // `3<<EOF` -> 3; 0 when not given
  Span marker;              // the `<<EOF` word on the instruction line
  int body_first_line = 0;  // source line of the first body line (== terminator line if empty)
  int terminator_line = 0;  // source line holding the closing delimiter
};

// One instruction: a top-level child of BuildKit's root Node.
struct Instruction {
  std::string keyword;           // lowercased, as Node.Value ("from", "run", "onbuild", ...)
  std::string original_keyword;  // as written ("From")
  Span keyword_span;
  Span span;  // whole instruction: from the keyword to the end of its last line (heredoc bodies
              // included)

  std::vector<Flag> flags;
  // The Next chain of the node, exactly as BuildKit builds it. ENV/LABEL: triples
  // key, value, separator ("=" or "" for the legacy form). HEALTHCHECK: the subcommand
  // word, then its parsed rest. ONBUILD: empty (see `onbuild`).
  std::vector<Token> args;

  // Exec form: parseMaybeJSON / parseMaybeJSONToList accepted a JSON array of strings
  // (Node.Attributes["json"]).
  bool json = false;
  // Set when the text after the keyword (and flags) starts with '[' but was not a
  // valid JSON array, so BuildKit took the shell form; says why, for SMP003.
  std::optional<std::string> json_error;
  // Span of the text that looked like JSON (from '[' to the end of the arguments).
  std::optional<Span> json_text_span;

  std::vector<Heredoc> heredocs;
  std::unique_ptr<Instruction> onbuild;  // ONBUILD's sub-instruction

  // Node.Original: the joined logical line as BuildKit keeps it.
  std::string original;
  // Comment lines directly above the instruction (Node.PrevComment), without '#'.
  std::vector<std::string> prev_comment;

  // The logical text after the keyword, as joined from the physical lines (comment
  // lines and empty continuation lines removed, escape+newline removed), from the first
  // byte after the keyword's blanks to the last non-space byte; flags included. `rest_pos`
  // maps each byte offset of `rest` (and one past the end) to its source position,
  // so a rule can point at any substring of a shell-form command.
  std::string rest;
  std::vector<Pos> rest_pos;

  // Source span of bytes [offset, offset+length) of `rest`.
  Span span_in_rest(std::size_t offset, std::size_t length) const;

  Instruction() = default;
  Instruction(const Instruction& other);
  Instruction& operator=(const Instruction& other);
  Instruction(Instruction&&) noexcept = default;
  Instruction& operator=(Instruction&&) noexcept = default;
};

struct Directive {
  std::string name;  // lowercased key: "syntax", "escape", "check"
  std::string value;
  int line = 0;
};

struct Warning {
  std::string short_name;  // "NoEmptyContinuation"
  std::string message;     // BuildKit's text: "Empty continuation line found in: ..."
  Span span;
};

// A comment line anywhere in the file (also inside continuations), without the '#'.
struct Comment {
  std::string text;
  int line = 0;
  bool inside_continuation = false;
};

struct Dockerfile {
  std::vector<Instruction> instructions;
  char escape_token = '\\';
  std::vector<Directive> directives;
  std::vector<Warning> warnings;
  std::vector<Comment> comments;
  int line_count = 0;
};

struct ParseError {
  std::string message;  // one line, no file name (the caller adds it)
  Span span;            // where; {0,0} when not tied to a place
};

}  // namespace sagelint::parser

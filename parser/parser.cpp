// The line loop of BuildKit's parser.Parse: physical lines are joined into logical
// lines (continuations, comment lines dropped, empty continuation lines warned about),
// each logical line becomes an instruction, and heredoc bodies are read after it.
#include "parser/parser.hpp"

#include <algorithm>
#include <climits>

#include "parser/directives.hpp"
#include "parser/go_text.hpp"
#include "parser/heredoc.hpp"
#include "parser/line_parsers.hpp"

namespace sagelint::parser {
namespace {

// bufio.Scanner's default limit: a line (with its '\n') must fit in 64 KiB.
constexpr std::size_t kMaxLineBytes = 64 * 1024 - 1;

struct PhysicalLine {
  std::size_t begin = 0;    // first byte (after a BOM on line 1)
  std::size_t end = 0;      // end of content: line ending ("\r\n", "\n", trailing '\r's) removed
  std::size_t raw_end = 0;  // one past the '\n' (or the end of the text)
  int number = 0;
};

class LineScanner {
 public:
  explicit LineScanner(std::string_view text) : text_(text) {}

  bool next(PhysicalLine& line) {
    if (pos_ >= text_.size() || too_long_) return false;
    const std::size_t nl = text_.find('\n', pos_);
    const std::size_t raw_end = nl == std::string_view::npos ? text_.size() : nl + 1;
    const std::size_t content_end = nl == std::string_view::npos ? text_.size() : nl;
    if (content_end - pos_ > kMaxLineBytes) {
      too_long_ = true;
      return false;
    }
    line.begin = pos_;
    line.raw_end = raw_end;
    line.number = ++number_;
    if (number_ == 1 && text_.substr(pos_, 3) == "\xEF\xBB\xBF") line.begin += 3;
    std::size_t e = raw_end;
    while (e > line.begin && (text_[e - 1] == '\n' || text_[e - 1] == '\r')) --e;
    line.end = e;
    pos_ = raw_end;
    return true;
  }
  bool too_long() const { return too_long_; }
  int lines_read() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
  bool too_long_ = false;
};

bool is_comment(std::string_view s, std::size_t b, std::size_t e) {
  const std::size_t i = go::trim_left_space(s.substr(0, e), b);
  return i < e && s[i] == '#';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), lines_(text) {}

  ParseResult run() {
    ParseResult result;
    Dockerfile& file = result.file;
    std::vector<std::string> comments;
    PhysicalLine pl;
    while (lines_.next(pl)) {
      if (is_comment(text_, pl.begin, pl.raw_end)) {
        // BuildKit drops exactly one byte before trimming (normally the '#').
        const std::string_view c =
            go::trim_space(text_.substr(pl.begin + 1, pl.raw_end - pl.begin - 1));
        if (c.empty())
          comments.clear();
        else
          comments.emplace_back(c);
      }
      std::size_t tb = go::trim_left_space(text_.substr(0, pl.end), pl.begin);
      const auto outcome = directives_.parse_line(text_.substr(tb, pl.end - tb), pl.number);
      if (outcome.error) return fail(result, *outcome.error, pl.number, pl.number);
      if (outcome.directive) {
        if (!comments.empty()) comments.pop_back();  // a directive is not a comment
        file.directives.push_back(*outcome.directive);
      } else if (is_comment(text_, pl.begin, pl.end)) {
        record_comment(file, pl, false);
      }
      if (tb < pl.end && text_[tb] == '#') tb = pl.end;  // a comment line has no content

      const int start_line = pl.number;
      const char escape = directives_.escape_token();
      LogicalLine line;
      std::size_t piece_end = pl.end;
      bool end_of_line = !trim_continuation(tb, piece_end, escape);
      if (end_of_line && tb == piece_end) continue;
      append_piece(line, pl, tb, piece_end);
      const PhysicalLine first_line = pl;
      PhysicalLine last = pl;
      bool has_empty_continuation = false;
      while (!end_of_line && lines_.next(pl)) {
        last = pl;
        if (is_comment(text_, pl.begin, pl.end)) {
          record_comment(file, pl, true);
          continue;
        }
        if (go::trim_left_space(text_.substr(0, pl.end), pl.begin) == pl.end) {
          has_empty_continuation = true;
          continue;
        }
        piece_end = pl.end;
        end_of_line = !trim_continuation(pl.begin, piece_end, escape);
        append_piece(line, pl, pl.begin, piece_end);
      }
      line.pos.push_back(tail_);

      if (has_empty_continuation) {
        file.warnings.push_back(Warning{"NoEmptyContinuation",
                                        "Empty continuation line found in: " + line.text,
                                        {{start_line, 1}, {last.number, 1}}});
      }

      Instruction inst;
      if (auto err = instruction_from_line(line, 0, line.text.size(), escape, inst)) {
        const Span where =
            line.span(std::min(err->begin, line.text.size()), std::min(err->end, line.text.size()));
        return fail(result, err->message, start_line, last.number, where);
      }
      inst.prev_comment = comments;
      // BuildKit's StartLine: the instruction's first physical line, even when that line
      // holds only an escape and the keyword follows on the next one.
      inst.span.begin = Pos{start_line, static_cast<int>(tb - line_start(first_line)) + 1};
      if (can_contain_heredoc(inst) && line.text.find("<<") != std::string::npos) {
        std::vector<LineHeredoc> markers;
        if (auto err = heredocs_from_line(line.text, markers))
          return fail(result, *err, start_line, last.number);
        for (LineHeredoc& m : markers) {
          Heredoc h;
          h.name = m.marker.name;
          h.expand = m.marker.expand;
          h.chomp = m.marker.chomp;
          h.file_descriptor =
              static_cast<int>(std::min<std::uint64_t>(m.marker.file_descriptor, INT_MAX));
          h.marker = line.span(m.begin, m.end);
          h.body_first_line = lines_.lines_read() + 1;
          bool terminated = false;
          while (lines_.next(pl)) {
            last = pl;
            std::size_t b = pl.begin;
            if (h.chomp)
              while (b < pl.end && text_[b] == '\t') ++b;
            if (text_.substr(b, pl.end - b) == h.name) {
              terminated = true;
              break;
            }
            h.content.append(text_.substr(pl.begin, pl.raw_end - pl.begin));
          }
          if (!terminated)
            return fail(result, "unterminated heredoc", start_line, lines_.lines_read(), h.marker);
          h.terminator_line = pl.number;
          inst.heredocs.push_back(std::move(h));
        }
      }
      inst.span.end = Pos{last.number, static_cast<int>(last.end - line_start(last)) + 1};
      file.instructions.push_back(std::move(inst));
      comments.clear();
    }
    if (file.instructions.empty())
      return fail(result, "file with no instructions", lines_.lines_read(), lines_.lines_read());
    if (lines_.too_long())
      return fail(result, "dockerfile line greater than max allowed size of 65535",
                  lines_.lines_read() + 1, lines_.lines_read() + 1);
    file.escape_token = directives_.escape_token();
    file.line_count = lines_.lines_read();
    return result;
  }

 private:
  std::string_view text_;
  LineScanner lines_;
  DirectiveParser directives_;

  // Columns count from the line's first byte (after the BOM on line 1).
  static std::size_t line_start(const PhysicalLine& pl) { return pl.begin; }

  void record_comment(Dockerfile& file, const PhysicalLine& pl, bool inside) {
    std::size_t b = go::trim_left_space(text_.substr(0, pl.end), pl.begin) + 1;
    file.comments.push_back(Comment{std::string(text_.substr(b, pl.end - b)), pl.number, inside});
  }

  // BuildKit's continuation regex ([^E])E[ \t]*$|^E[ \t]*$ on [b, e): when it matches,
  // `e` is moved to drop the escape and what follows it; returns whether it matched.
  bool trim_continuation(std::size_t b, std::size_t& e, char escape) const {
    std::size_t p = e;
    while (p > b && (text_[p - 1] == ' ' || text_[p - 1] == '\t')) --p;
    if (p == b || text_[p - 1] != escape) return false;
    if (p - 1 > b && text_[p - 2] == escape) return false;
    e = p - 1;
    return true;
  }

  void append_piece(LogicalLine& line, const PhysicalLine& pl, std::size_t b, std::size_t e) const {
    line.text.append(text_.substr(b, e - b));
    const std::size_t start = line_start(pl);
    for (std::size_t i = b; i < e; ++i)
      line.pos.push_back(Pos{pl.number, static_cast<int>(i - start) + 1});
    tail_ = Pos{pl.number, static_cast<int>(e - start) + 1};
  }

  static bool can_contain_heredoc(const Instruction& inst) {
    const Instruction* target = &inst;
    if (inst.keyword == "onbuild" && inst.onbuild) target = inst.onbuild.get();
    const std::string& k = target->keyword;
    return (k == "run" || k == "copy" || k == "add") && !target->json;
  }

  // Records the error; the partial file keeps what was parsed and how far reading got.
  ParseResult& fail(ParseResult& r, std::string message, int first, int last,
                    std::optional<Span> where = std::nullopt) const {
    ParseError e;
    e.message = std::move(message);
    e.span = where && where->begin.line > 0 ? *where : Span{{first, 0}, {last, 0}};
    r.error = std::move(e);
    r.file.escape_token = directives_.escape_token();
    r.file.line_count = lines_.lines_read();
    return r;
  }

  mutable Pos tail_;
};

}  // namespace

ParseResult parse(std::string_view text) { return Parser(text).run(); }

}  // namespace sagelint::parser

#include "knowledge/shell_structure.hpp"

#include <cctype>

namespace sagelint::knowledge {
namespace {

std::string construct_of(std::string_view first_word) {
  if (first_word == "for") return "for loop";
  if (first_word == "while") return "while loop";
  if (first_word == "until") return "until loop";
  if (first_word == "select") return "select loop";
  if (first_word == "if") return "if statement";
  if (first_word == "case") return "case statement";
  if (first_word == "{") return "command group";
  if (first_word == "(") return "subshell";
  return "";
}

// The word a compound command that starts with `word` ends with ("" if none).
std::string_view closer_of(std::string_view word) {
  if (word == "if") return "fi";
  if (word == "for" || word == "while" || word == "until" || word == "select") return "done";
  if (word == "case") return "esac";
  if (word == "{") return "}";
  return "";
}

bool starts_command(std::string_view previous_word) {
  for (std::string_view w : {"then", "do", "else", "elif", "{", "!", "if", "while", "until"}) {
    if (previous_word == w) return true;
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::vector<TopLevelCommand> run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
        i_ += 2;
      } else if (c == '\n') {
        ++i_;
        separator();
        skip_heredocs();
      } else if (c == '#' && at_word_start()) {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (starts("&>")) {
        mark(i_, i_ + 2);
        i_ += 2;
      } else if (c == ';' || c == '&' || starts("||")) {
        i_ += (starts(";;") || starts("&&") || starts("||")) ? 2 : 1;
        separator();
      } else if (c == '|') {
        i_ += starts("|&") ? 2 : 1;
        if (depth_.empty()) piped_ = true;
        command_position_ = true;
      } else if (c == '(' && command_position_) {
        word("(", i_, i_ + 1);
        ++i_;
        depth_.push_back(")");
        command_position_ = true;
      } else if (c == '(' || c == ')') {
        if (c == ')' && !depth_.empty() && depth_.back() == ")") depth_.pop_back();
        mark(i_, i_ + 1);
        ++i_;
        command_position_ = true;
      } else if (c == '<' && s_.substr(i_, 2) == "<<" && s_.substr(i_, 3) != "<<<") {
        heredoc();
      } else if (c == '<' || c == '>') {
        // `>`, `>>`, `>&`, `>|`, `<&`, `<>`: the second character belongs to the operator.
        std::size_t length = i_ + 1 < s_.size() && std::string_view("<>&|").find(s_[i_ + 1]) !=
                                                       std::string_view::npos
                                 ? 2
                                 : 1;
        mark(i_, i_ + length);
        i_ += length;
      } else {
        std::size_t start = i_;
        std::string value = read_word();
        word(value, start, i_);
      }
    }
    depth_.clear();  // an unterminated construct runs to the end
    separator();
    return std::move(out_);
  }

 private:
  bool starts(std::string_view what) const { return s_.substr(i_, what.size()) == what; }
  bool at_word_start() const {
    return i_ == 0 || std::isspace(static_cast<unsigned char>(s_[i_ - 1])) || s_[i_ - 1] == ';';
  }

  void mark(std::size_t begin, std::size_t end) {
    if (!open_) {
      open_ = true;
      cur_ = TopLevelCommand{};
      cur_.offset = begin;
    }
    cur_.end = end;
  }

  void word(const std::string& value, std::size_t begin, std::size_t end) {
    bool first = !open_;
    mark(begin, end);
    if (first) cur_.first_word = value;
    if (command_position_) {
      if (!depth_.empty() && value == depth_.back()) {
        depth_.pop_back();
      } else if (auto closer = closer_of(value); !closer.empty()) {
        depth_.push_back(std::string(closer));
      }
    }
    command_position_ = starts_command(value);
  }

  // A `;`, `&`, `&&`, `||` or newline: ends the top-level command unless inside a construct.
  void separator() {
    command_position_ = true;
    if (!depth_.empty() || !open_) return;
    cur_.construct = piped_ ? "pipeline" : construct_of(cur_.first_word);
    out_.push_back(std::move(cur_));
    open_ = false;
    piped_ = false;
  }

  std::string read_word() {
    std::string out;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (std::isspace(static_cast<unsigned char>(c)) || c == ';' || c == '&' || c == '|' ||
          c == '<' || c == '>' || c == '(' || c == ')') {
        if (c == '(' && !out.empty() && out.back() == '$') {  // $( ... )
          skip_group('(', ')');
          out += "(...)";
          continue;
        }
        break;
      }
      if (c == '\\') {
        i_ += 2;
        out += '\\';
        continue;
      }
      if (c == '\'') {
        std::size_t close = s_.find('\'', i_ + 1);
        i_ = close == std::string_view::npos ? s_.size() : close + 1;
        out += "'...'";
        continue;
      }
      if (c == '"' || c == '`') {
        ++i_;
        while (i_ < s_.size() && s_[i_] != c) i_ += s_[i_] == '\\' ? 2 : 1;
        ++i_;
        out += c;
        continue;
      }
      out += c;
      ++i_;
    }
    if (i_ > s_.size()) i_ = s_.size();
    return out;
  }

  void skip_group(char open, char close) {
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '\\') {
        ++i_;
      } else if (c == '\'') {
        while (i_ < s_.size() && s_[i_] != '\'') ++i_;
        ++i_;
      } else if (c == open) {
        ++depth;
      } else if (c == close && --depth == 0) {
        return;
      }
    }
  }

  void heredoc() {
    std::size_t start = i_;
    i_ += 2;
    bool strip_tabs = i_ < s_.size() && s_[i_] == '-';
    if (strip_tabs) ++i_;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    std::string delimiter;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != ';' &&
           s_[i_] != '&' && s_[i_] != '|' && s_[i_] != '<' && s_[i_] != '>' && s_[i_] != ')') {
      if (s_[i_] != '\'' && s_[i_] != '"' && s_[i_] != '\\') delimiter += s_[i_];
      ++i_;
    }
    mark(start, i_);
    pending_.push_back({delimiter, strip_tabs});
  }

  void skip_heredocs() {
    for (const auto& [delimiter, strip_tabs] : pending_) {
      while (i_ < s_.size()) {
        std::size_t eol = s_.find('\n', i_);
        std::size_t line_end = eol == std::string_view::npos ? s_.size() : eol;
        std::string_view line = s_.substr(i_, line_end - i_);
        if (strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        i_ = eol == std::string_view::npos ? s_.size() : eol + 1;
        if (line == delimiter) break;
      }
    }
    pending_.clear();
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<std::string> depth_;                     // the closers of the open constructs
  std::vector<std::pair<std::string, bool>> pending_;  // heredoc delimiters, strip tabs
  bool command_position_ = true;
  bool open_ = false;
  bool piped_ = false;
  TopLevelCommand cur_;
  std::vector<TopLevelCommand> out_;
};

}  // namespace

std::vector<TopLevelCommand> top_level_commands(std::string_view script) {
  return Scanner(script).run();
}

}  // namespace sagelint::knowledge

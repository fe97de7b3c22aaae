#include "knowledge/shell_command.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {

bool ShellRedirect::writes_file() const {
  if (op == ">&" || op == "<&") {
    // `2>&1`, `>&-`: descriptor duplication; `>&file` (bash) writes a file.
    const std::string& v = target.value;
    bool descriptor = v == "-" || (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
                        return std::isdigit(static_cast<unsigned char>(c)) != 0;
                      }));
    return op == ">&" && !descriptor && !v.empty();
  }
  return op == ">" || op == ">>" || op == ">|" || op == "&>" || op == "&>>" || op == "<>";
}

namespace {

bool is_operator_char(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>' ||
         c == '\n';
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Characters read_word copies as they are, so a run of them is copied at once.
bool is_plain_word_char(char c) {
  return !is_blank(c) && !is_operator_char(c) && c != '\\' && c != '\'' && c != '"' && c != '$' &&
         c != '`';
}
bool is_special_in_double_quotes(char c) { return c == '"' || c == '\\' || c == '$' || c == '`'; }

bool is_assignment(const ShellWord& w, std::string_view raw) {
  auto eq = raw.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  for (std::size_t k = 0; k < eq; ++k) {
    char c = raw[k];
    bool ok = c == '_' || std::isalpha(static_cast<unsigned char>(c)) ||
              (k > 0 && std::isdigit(static_cast<unsigned char>(c)));
    if (!ok) return false;
  }
  (void)w;
  return true;
}

// Reserved words that open or close compound commands; dropped from argv.
bool is_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : s_(text) {}

  std::vector<ShellCommand> run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c)) {
        ++i_;
      } else if (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
        i_ += 2;
      } else if (c == '\n') {
        finish("\n");
        ++i_;
        skip_heredoc_bodies();
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == ';') {
        bool dsemi = i_ + 1 < s_.size() && s_[i_ + 1] == ';';
        i_ += dsemi ? 2 : 1;
        finish(dsemi ? ";;" : ";");
      } else if (c == '&') {
        if (starts("&&")) {
          i_ += 2;
          finish("&&");
        } else if (starts("&>")) {
          redirect(-1);
        } else {
          ++i_;
          finish("&");
        }
      } else if (c == '|') {
        std::string op = starts("||") ? "||" : starts("|&") ? "|&" : "|";
        i_ += op.size();
        finish(op);
      } else if (c == '(' || c == ')') {
        if (c == '(' && function_header()) continue;
        ++i_;
        finish(std::string(1, c));
      } else if (c == '<' || c == '>') {
        redirect(-1);
      } else if (std::isdigit(static_cast<unsigned char>(c)) && digits_then_redirect()) {
        std::size_t start = i_;
        while (std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        redirect(std::stoi(std::string(s_.substr(start, i_ - start))), start);
      } else {
        add_word(read_word());
      }
    }
    finish("");
    return std::move(out_);
  }

 private:
  bool starts(std::string_view what) const { return s_.substr(i_, what.size()) == what; }

  bool digits_then_redirect() const {
    std::size_t k = i_;
    while (k < s_.size() && std::isdigit(static_cast<unsigned char>(s_[k]))) ++k;
    return k < s_.size() && k - i_ < 4 && (s_[k] == '<' || s_[k] == '>');
  }

  // `name ( )` starts a function definition: the name is not a command.
  bool function_header() {
    if (cur_.words.size() != 1 || !cur_.assignments.empty() || !cur_.redirects.empty())
      return false;
    std::size_t k = i_ + 1;
    while (k < s_.size() && is_blank(s_[k])) ++k;
    if (k >= s_.size() || s_[k] != ')') return false;
    cur_ = ShellCommand{};
    ignoring_ = false;
    i_ = k + 1;
    return true;
  }

  void touch(std::size_t begin, std::size_t end) {
    if (cur_.empty()) cur_.offset = begin;
    cur_.end = std::max(cur_.end, end);
  }

  void add_word(ShellWord w) {
    if (w.length == 0) return;
    std::string_view raw = w.raw(s_);
    if (ignoring_) return;
    // NAME="a b" is an assignment too: only the name must be unquoted (is_assignment).
    if (cur_.words.empty() && is_assignment(w, raw)) {
      touch(w.offset, w.offset + w.length);
      cur_.assignments.push_back(std::move(w));
      return;
    }
    if (cur_.words.empty() && !w.quoted) {
      if (is_keyword(raw)) return;
      // `for x in ...` and `case w in` carry no command of their own.
      if (raw == "for" || raw == "case" || raw == "select") {
        ignoring_ = true;
        return;
      }
    }
    touch(w.offset, w.offset + w.length);
    cur_.words.push_back(std::move(w));
  }

  void redirect(int fd, std::size_t start = std::string_view::npos) {
    if (start == std::string_view::npos) start = i_;
    static constexpr std::array<std::string_view, 12> kOps = {"&>>", "<<-", "<<<", "&>", ">>", ">|",
                                                              ">&",  "<&",  "<>",  "<<", ">",  "<"};
    ShellRedirect r;
    r.fd = fd;
    for (auto op : kOps) {
      if (starts(op)) {
        r.op = std::string(op);
        break;
      }
    }
    i_ += r.op.size();
    while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
    if (i_ < s_.size() && !is_operator_char(s_[i_])) r.target = read_word();
    if (r.is_heredoc()) pending_.push_back({r.target.value, r.op == "<<-"});
    if (ignoring_) return;
    touch(start, r.target.length ? r.target.offset + r.target.length : i_);
    cur_.redirects.push_back(std::move(r));
  }

  // Copies a balanced $( ... ), ${ ... } or `...` group starting at i_ into `out`.
  void copy_group(std::string& out, char open, char close) {
    int depth = 0;
    while (i_ < s_.size()) {
      char c = s_[i_];
      out += c;
      ++i_;
      if (c == '\\' && i_ < s_.size()) {
        out += s_[i_++];
        continue;
      }
      if (c == '\'' && open != '`') {
        while (i_ < s_.size() && s_[i_] != '\'') out += s_[i_++];
        if (i_ < s_.size()) out += s_[i_++];
        continue;
      }
      if (open == close) {  // backticks
        if (c == close && depth++ > 0) return;
        continue;
      }
      if (c == open) ++depth;
      if (c == close && --depth == 0) return;
    }
  }

  ShellWord read_word() {
    ShellWord w;
    w.offset = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c) || is_operator_char(c)) break;
      if (c == '\\') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
          i_ += 2;
          continue;
        }
        w.quoted = true;
        if (i_ + 1 < s_.size()) w.value += s_[i_ + 1];
        i_ += 2;
      } else if (c == '\'') {
        w.quoted = true;
        ++i_;
        std::size_t close = std::min(s_.find('\'', i_), s_.size());
        w.value.append(s_.substr(i_, close - i_));
        i_ = close + 1;
      } else if (c == '"') {
        w.quoted = true;
        ++i_;
        while (i_ < s_.size() && s_[i_] != '"') {
          char d = s_[i_];
          if (d == '\\' && i_ + 1 < s_.size()) {
            char e = s_[i_ + 1];
            if (e == '\n') {
              i_ += 2;
              continue;
            }
            if (e == '$' || e == '`' || e == '"' || e == '\\') {
              w.value += e;
              i_ += 2;
              continue;
            }
            w.value += d;
            ++i_;
          } else if (d == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
            w.value += '$';
            ++i_;
            copy_group(w.value, s_[i_], s_[i_] == '(' ? ')' : '}');
          } else if (d == '`') {
            copy_group(w.value, '`', '`');
          } else {
            std::size_t j = i_ + 1;
            while (j < s_.size() && !is_special_in_double_quotes(s_[j])) ++j;
            w.value.append(s_.substr(i_, j - i_));
            i_ = j;
          }
        }
        ++i_;
      } else if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '(' || s_[i_ + 1] == '{')) {
        w.value += '$';
        ++i_;
        copy_group(w.value, s_[i_], s_[i_] == '(' ? ')' : '}');
      } else if (c == '`') {
        copy_group(w.value, '`', '`');
      } else {
        std::size_t j = i_ + 1;
        while (j < s_.size() && is_plain_word_char(s_[j])) ++j;
        w.value.append(s_.substr(i_, j - i_));
        i_ = j;
      }
    }
    i_ = std::min(i_, s_.size());
    w.length = i_ - w.offset;
    return w;
  }

  void skip_heredoc_bodies() {
    for (const auto& h : pending_) {
      while (i_ < s_.size()) {
        std::size_t eol = s_.find('\n', i_);
        if (eol == std::string_view::npos) eol = s_.size();
        std::string_view line = s_.substr(i_, eol - i_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (h.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        i_ = std::min(eol + 1, s_.size());
        if (line == h.delimiter) break;
      }
    }
    pending_.clear();
  }

  void finish(std::string terminator) {
    ignoring_ = false;
    if (cur_.empty()) {
      cur_ = ShellCommand{};
      return;
    }
    cur_.terminator = std::move(terminator);
    out_.push_back(std::move(cur_));
    cur_ = ShellCommand{};
  }

  struct PendingHeredoc {
    std::string delimiter;
    bool strip_tabs = false;
  };

  std::string_view s_;
  std::size_t i_ = 0;
  ShellCommand cur_;
  bool ignoring_ = false;
  std::vector<PendingHeredoc> pending_;
  std::vector<ShellCommand> out_;
};

}  // namespace

std::vector<ShellCommand> split_shell_commands(std::string_view text) {
  return Splitter(text).run();
}

bool is_shell_name(std::string_view name) {
  return name == "sh" || name == "bash" || name == "dash" || name == "ash" || name == "zsh" ||
         name == "ksh" || name == "mksh";
}

std::size_t program_index(const ShellCommand& command) {
  const auto& w = command.words;
  std::size_t k = 0;
  while (k < w.size()) {
    std::string_view name = base_name(w[k].value);
    if (name == "exec" || name == "nohup" || name == "time" || name == "command" ||
        name == "builtin" || name == "stdbuf" || name == "tini" || name == "dumb-init") {
      ++k;
      while (k < w.size() && !w[k].value.empty() && w[k].value[0] == '-') ++k;
      if (name == "tini" || name == "dumb-init") {
        if (k < w.size() && w[k].value == "--") ++k;
      }
    } else if (name == "sudo" || name == "nice" || name == "ionice" || name == "chroot" ||
               name == "timeout") {
      ++k;
      while (k < w.size() && !w[k].value.empty() && w[k].value[0] == '-') {
        // sudo -u USER, nice -n N: options that take a separate value.
        const std::string& opt = w[k].value;
        bool takes_value = (name == "sudo" && (opt == "-u" || opt == "-g")) ||
                           (name == "nice" && opt == "-n") ||
                           (name == "ionice" && (opt == "-c" || opt == "-n"));
        k += takes_value ? 2 : 1;
      }
      if (name == "timeout" && k < w.size()) ++k;  // the duration
      if (name == "chroot" && k < w.size()) ++k;   // the new root
    } else if (name == "env") {
      ++k;
      while (k < w.size() && (w[k].value.find('=') != std::string::npos ||
                              (!w[k].value.empty() && w[k].value[0] == '-'))) {
        bool takes_value = w[k].value == "-u" || w[k].value == "-C";
        k += takes_value ? 2 : 1;
      }
    } else if (name == "gosu" || name == "su-exec") {
      k += 2;  // the user
    } else {
      return k;
    }
  }
  return w.size();
}

}  // namespace sagelint::knowledge

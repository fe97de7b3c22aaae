#include "fix/shell_text.hpp"

#include <algorithm>
#include <set>

namespace sagelint::fix {
namespace {

// Words that make the text a compound command when they start one.
const std::set<std::string_view> kReserved = {
    "if",  "then", "else", "elif", "fi", "do",       "done",   "case", "esac", "while", "until",
    "for", "in",   "{",    "}",    "!",  "function", "select", "[[",   "]]",   "time",  "coproc"};

// Builtins with no program of the same name (or one that would act differently
// outside the shell): exec form cannot run them, and `exec` cannot precede them.
const std::set<std::string_view> kBuiltins = {
    "cd",       ".",       "source",  "export", "set",      "unset",   "eval",  "exit",  "trap",
    "alias",    "unalias", "ulimit",  "umask",  "wait",     "read",    "shift", "local", "return",
    "readonly", "exec",    ":",       "break",  "continue", "times",   "hash",  "type",  "command",
    "builtin",  "declare", "typeset", "let",    "shopt",    "pushd",   "popd",  "jobs",  "fg",
    "bg",       "getopts", "enable",  "logout", "disown",   "suspend", "ulimit"};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

struct Word {
  std::string value;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool quoted = false;   // some part quoted or escaped
  bool expands = false;  // holds a $ or ` expansion
};

struct Command {
  std::vector<Word> words;
  bool in_pipeline = false;
  bool assignment = false;
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  ShellText run() {
    commands_.emplace_back();
    while (i_ < t_.size()) step();
    end_word();
    return finish();
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;
  std::vector<Command> commands_;
  bool in_word_ = false;
  bool redirect_target_ = false;  // the word being read is a redirection's target
  std::optional<std::string> needs_;
  std::optional<std::string> unsafe_;

  void need(const std::string& why) {
    if (!needs_) needs_ = why;
  }
  void bad(const std::string& why) {
    need(why);
    if (!unsafe_) unsafe_ = why;
  }
  Command& cmd() { return commands_.back(); }
  Word& word() { return cmd().words.back(); }

  void start_word() {
    if (in_word_) return;
    in_word_ = true;
    cmd().words.push_back(Word{"", i_, i_, false, false});
  }
  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    word().end = i_;
    if (redirect_target_) {
      cmd().words.pop_back();
      redirect_target_ = false;
    }
  }
  void separate(bool pipe) {
    end_word();
    need(pipe ? "a pipe" : "a command list");
    if (pipe) cmd().in_pipeline = true;
    commands_.emplace_back();
    if (pipe) cmd().in_pipeline = true;
  }

  // Skips a quoted string starting at i_ (a quote character) without reading it.
  void skip_quoted() {
    const char q = t_[i_++];
    while (i_ < t_.size() && t_[i_] != q) {
      if (q == '"' && t_[i_] == '\\') ++i_;
      ++i_;
    }
    if (i_ < t_.size()) ++i_;
  }
  // Skips to the bracket closing the one at i_ (nesting, quotes and escapes honoured).
  void skip_balanced(char open, char close) {
    int depth = 0;
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        skip_quoted();
        continue;
      }
      ++i_;
      if (c == open) ++depth;
      if (c == close && --depth == 0) return;
    }
    bad("an unterminated " + std::string(1, open));
  }
  // At a '$': an expansion sh performs at run time.
  void skip_expansion() {
    word().expands = true;
    need("a $ expansion");
    ++i_;
    if (i_ >= t_.size()) return;
    const char c = t_[i_];
    if (c == '(') return skip_balanced('(', ')');
    if (c == '{') return skip_balanced('{', '}');
    if (c == '\'') return skip_quoted();  // bash $'...'
    if (is_name_start(c)) {
      while (i_ < t_.size() && is_name_char(t_[i_])) ++i_;
      return;
    }
    if (std::string_view("@*#?$!-0123456789").find(c) != std::string_view::npos) ++i_;
  }
  void skip_backquote() {
    word().expands = true;
    need("a command substitution");
    ++i_;
    while (i_ < t_.size() && t_[i_] != '`') i_ += t_[i_] == '\\' ? 2 : 1;
    if (i_ >= t_.size()) bad("an unterminated `");
    ++i_;
  }

  void double_quoted() {
    word().quoted = true;
    ++i_;
    while (i_ < t_.size() && t_[i_] != '"') {
      const char c = t_[i_];
      if (c == '\\' && i_ + 1 < t_.size() &&
          std::string_view("$`\"\\\n").find(t_[i_ + 1]) != std::string_view::npos) {
        if (t_[i_ + 1] != '\n') word().value += t_[i_ + 1];
        i_ += 2;
      } else if (c == '$') {
        skip_expansion();
      } else if (c == '`') {
        skip_backquote();
      } else {
        word().value += c;
        ++i_;
      }
    }
    if (i_ >= t_.size()) bad("an unterminated \"");
    ++i_;
  }

  void redirection() {
    need("a redirection");
    // A number written right before the operator is its descriptor, not a word.
    if (in_word_) {
      const Word& w = word();
      const bool fd =
          !w.quoted && !w.value.empty() &&
          std::all_of(w.value.begin(), w.value.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (fd) cmd().words.pop_back();
      in_word_ = false;
      if (!fd) word().end = i_;
    }
    if (t_.substr(i_, 2) == "<<") bad("a here-document");
    while (i_ < t_.size() && std::string_view("<>&|-").find(t_[i_]) != std::string_view::npos) ++i_;
    while (i_ < t_.size() && is_blank(t_[i_])) ++i_;
    redirect_target_ = true;
  }

  void step() {
    const char c = t_[i_];
    if (is_blank(c)) {
      end_word();
      ++i_;
      return;
    }
    if (c == '\n' || c == ';') {
      if (t_.substr(i_, 2) == ";;") bad("a case statement");
      separate(false);
      ++i_;
      return;
    }
    if (c == '&') {
      if (t_.substr(i_, 2) == "&&") {
        separate(false);
        i_ += 2;
        return;
      }
      if (t_.substr(i_, 2) == "&>") return redirection();
      bad("a command run in the background (&)");
      separate(false);
      ++i_;
      return;
    }
    if (c == '|') {
      if (t_.substr(i_, 2) == "||") {
        bad("an || list");
        separate(false);
        i_ += 2;
        return;
      }
      separate(true);
      ++i_;
      return;
    }
    if (c == '(' || c == ')') {
      bad("a subshell");
      separate(false);
      ++i_;
      return;
    }
    if (c == '<' || c == '>') return redirection();
    if (c == '#' && !in_word_) {
      need("a comment");
      while (i_ < t_.size() && t_[i_] != '\n') ++i_;
      return;
    }
    const bool at_start = !in_word_;
    start_word();
    Word& w = word();
    switch (c) {
      case '\'': {
        const std::size_t close = t_.find('\'', i_ + 1);
        w.quoted = true;
        if (close == std::string_view::npos) {
          bad("an unterminated '");
          i_ = t_.size();
          return;
        }
        w.value.append(t_.substr(i_ + 1, close - i_ - 1));
        i_ = close + 1;
        return;
      }
      case '"': return double_quoted();
      case '\\':
        w.quoted = true;
        if (i_ + 1 >= t_.size()) {
          w.value += '\\';
          ++i_;
          return;
        }
        if (t_[i_ + 1] != '\n') w.value += t_[i_ + 1];
        i_ += 2;
        return;
      case '$': return skip_expansion();
      case '`': return skip_backquote();
      case '*':
      case '?':
      case '[': need("a glob pattern"); break;
      case '~':
        if (at_start) need("a ~ expansion");
        break;
      case '=': {
        const bool first = cmd().words.size() == 1 && !redirect_target_;
        if (first && !w.quoted && !w.expands && !w.value.empty() && is_name_start(w.value[0]) &&
            std::all_of(w.value.begin(), w.value.end(), is_name_char)) {
          cmd().assignment = true;
          need("a variable assignment");
        }
        break;
      }
      default: break;
    }
    w.value += c;
    ++i_;
  }

  ShellText finish() {
    ShellText out;
    std::vector<const Command*> nonempty;
    for (const auto& c : commands_)
      if (!c.words.empty()) nonempty.push_back(&c);
    for (const Command* c : nonempty) {
      const Word& first = c->words.front();
      if (first.quoted || first.expands) continue;
      if (kReserved.count(first.value)) bad("the shell keyword `" + first.value + "`");
      if (first.value == "trap") bad("a trap");
    }
    if (nonempty.empty()) need("no command");

    // Plain words: one simple command.
    if (!needs_ && nonempty.size() == 1) {
      const Command& c = *nonempty.front();
      std::size_t k = 0;
      const Word& first = c.words.front();
      if (!first.quoted && first.value == "exec") {
        if (c.words.size() < 2 || c.words[1].value.rfind('-', 0) == 0) need("`exec` with options");
        k = 1;
      } else if (!first.quoted && kBuiltins.count(first.value)) {
        need("the shell builtin `" + first.value + "`");
      }
      if (!needs_)
        for (; k < c.words.size(); ++k)
          out.words.push_back({c.words[k].value, c.words[k].begin, c.words[k].end});
    }
    out.needs_shell = needs_;

    // Where exec goes.
    if (nonempty.empty()) {
      out.exec_unsafe = "no command";
      return out;
    }
    const Command& last = *nonempty.back();
    const Word& first = last.words.front();
    if (!first.quoted && !first.expands && first.value == "exec") {
      out.already_exec = true;
    } else if (unsafe_) {
      out.exec_unsafe = *unsafe_;
    } else if (last.in_pipeline) {
      out.exec_unsafe = "the last command is a pipeline";
    } else if (last.assignment) {
      out.exec_unsafe = "the last command starts with a variable assignment";
    } else if (!first.quoted && !first.expands && kBuiltins.count(first.value)) {
      out.exec_unsafe = "the last command is the shell builtin `" + first.value + "`";
    } else {
      out.exec_at = first.begin;
    }
    return out;
  }
};

}  // namespace

ShellText analyze_shell_text(std::string_view text) { return Scanner(text).run(); }

bool is_posix_shell(std::string_view program) {
  const std::size_t slash = program.rfind('/');
  if (slash != std::string_view::npos) program = program.substr(slash + 1);
  return program == "sh" || program == "bash" || program == "dash" || program == "ash" ||
         program == "ksh" || program == "mksh";
}

}  // namespace sagelint::fix

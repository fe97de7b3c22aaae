#include "knowledge/written_files.hpp"

#include <algorithm>

#include "knowledge/paths.hpp"
#include "knowledge/run_scripts.hpp"
#include "knowledge/shell_command.hpp"
#include "knowledge/shell_variables.hpp"
#include "knowledge/shell_writes.hpp"
#include "knowledge/shipped_stage.hpp"

namespace sagelint::knowledge {
namespace {

// Backslash escapes of echo (dash interprets them always) and printf formats.
// Returns false when `\c` asks to stop the output.
bool append_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return false;
      case '0': {
        int value = 0;
        std::size_t digits = 0;
        while (digits < 3 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7') {
          value = value * 8 + (s[++i] - '0');
          ++digits;
        }
        out += static_cast<char>(value);
        break;
      }
      default: out += '\\'; out += c;
    }
  }
  return true;
}

std::string heredoc_body_from_text(std::string_view text, std::size_t after,
                                   const std::string& delimiter, bool strip_tabs) {
  std::string body;
  std::size_t i = text.find('\n', after);
  if (i == std::string_view::npos) return body;
  ++i;
  while (i < text.size()) {
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(i, eol - i);
    if (strip_tabs) {
      while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
    }
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\r') bare.remove_suffix(1);
    if (bare == delimiter) break;
    body += line;
    body += '\n';
    i = eol + 1;
  }
  return body;
}

// The heredoc body a command reads on stdin, when it has one.
std::optional<std::string> heredoc_input(const RunScript& script, const ShellCommand& command,
                                         const parser::Instruction& run) {
  for (const auto& r : command.redirects) {
    if (!r.is_heredoc() || (r.fd != -1 && r.fd != 0)) continue;
    if (script.origin == RunScript::Origin::command_line) {
      for (const auto& h : run.heredocs) {
        if (h.name != r.target.value) continue;
        if (!h.chomp) return h.content;
        std::string out;
        std::size_t i = 0;
        while (i < h.content.size()) {
          std::size_t eol = h.content.find('\n', i);
          if (eol == std::string::npos) eol = h.content.size() - 1;
          std::size_t k = i;
          while (k < eol && h.content[k] == '\t') ++k;
          out.append(h.content, k, eol + 1 - k);
          i = eol + 1;
        }
        return out;
      }
      return std::nullopt;
    }
    return heredoc_body_from_text(script.text, command.end, r.target.value, r.op == "<<-");
  }
  return std::nullopt;
}

int line_of(const RunScript& script, std::size_t offset) {
  return script.locate(offset, 0).begin.line;
}

}  // namespace

std::string echo_output(const std::vector<std::string>& operands) {
  std::size_t k = 0;
  bool newline = true;
  // dash's echo takes only -n; bash's -e/-E are printed by dash, but Dockerfiles
  // that write scripts with `echo -e` mean bash's reading.
  while (k < operands.size() &&
         (operands[k] == "-n" || operands[k] == "-e" || operands[k] == "-E" ||
          operands[k] == "-ne" || operands[k] == "-en")) {
    if (operands[k].find('n') != std::string::npos) newline = false;
    ++k;
  }
  std::string out;
  for (std::size_t first = k; k < operands.size(); ++k) {
    if (k > first) out += ' ';
    if (!append_escaped(out, operands[k])) return out;
  }
  if (newline) out += '\n';
  return out;
}

std::string printf_output(const std::vector<std::string>& operands) {
  if (operands.empty()) return "";
  const std::string& format = operands.front();
  std::size_t next = 1;
  std::string out;
  // The format is reused while operands remain (at least once).
  for (int round = 0; round < 64; ++round) {
    bool consumed = false;
    std::string literal;
    for (std::size_t i = 0; i < format.size(); ++i) {
      if (format[i] != '%') {
        literal += format[i];
        continue;
      }
      if (i + 1 < format.size() && format[i + 1] == '%') {
        literal += '%';
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < format.size() &&
             std::string_view("-+ #0123456789.").find(format[j]) != std::string_view::npos) {
        ++j;
      }
      if (j >= format.size()) break;
      if (!append_escaped(out, literal)) return out;
      literal.clear();
      std::string arg = next < operands.size() ? operands[next] : std::string();
      if (next < operands.size()) {
        ++next;
        consumed = true;
      }
      if (format[j] == 'b') {
        if (!append_escaped(out, arg)) return out;
      } else {
        out += arg;
      }
      i = j;
    }
    if (!append_escaped(out, literal)) return out;
    if (!consumed || next >= operands.size()) break;
  }
  return out;
}

std::vector<ShellFileWrite> run_file_writes(const std::vector<RunScript>& scripts,
                                            const parser::Instruction& run,
                                            const std::optional<std::string>& workdir,
                                            const parser::VarScope& scope) {
  std::vector<ShellFileWrite> out;
  for (const auto& script : scripts) {
    auto scopes = scopes_before_commands(script, scope);
    std::optional<std::string> cwd = workdir;
    std::optional<std::string> piped;  // what the previous command printed into a pipe
    for (std::size_t n = 0; n < script.commands.size(); ++n) {
      const auto& command = script.commands[n];
      auto expand = [&](const ShellWord& w) {
        auto value = expand_shell_word(w, script.text, scopes[n]);
        return value ? *value : w.value;
      };
      auto place = [&](const ShellWord& w) -> std::optional<std::string> {
        auto value = expand_shell_word(w, script.text, scopes[n]);
        if (!value || value->empty()) return std::nullopt;
        return resolve_in_workdir(*value, cwd);
      };
      if (const ShellWord* dir = cd_target(command)) {
        auto value = expand_shell_word(*dir, script.text, scopes[n]);
        cwd = value ? resolve_in_workdir(*value, cwd) : std::nullopt;
        piped.reset();
        continue;
      }
      int line = line_of(script, command.offset);
      std::size_t p = program_index(command);
      std::string program = p < command.words.size() ? command.words[p].value : std::string();
      // The text the command prints on stdout, when it is one we reconstruct.
      std::optional<std::string> printed;
      bool tee_append = false;
      std::vector<std::string> tee_files;
      if (program == "echo" || program == "printf") {
        std::vector<std::string> operands;
        for (std::size_t k = p + 1; k < command.words.size(); ++k) {
          operands.push_back(expand(command.words[k]));
        }
        printed = program == "echo" ? echo_output(operands) : printf_output(operands);
      } else if (program == "cat" && p + 1 == command.words.size()) {
        printed = heredoc_input(script, command, run);
        if (!printed) printed = piped;
      } else if (program == "tee") {
        printed = heredoc_input(script, command, run);
        if (!printed) printed = piped;
        for (std::size_t k = p + 1; k < command.words.size(); ++k) {
          const std::string& v = command.words[k].value;
          if (v == "-a" || v == "--append") {
            tee_append = true;
          } else if (!v.empty() && v.front() != '-') {
            if (auto path = place(command.words[k])) tee_files.push_back(*path);
          }
        }
      }
      piped.reset();
      if (command.terminator == "|") {
        bool redirected = std::any_of(
            command.redirects.begin(), command.redirects.end(),
            [](const ShellRedirect& r) { return r.writes_file() && (r.fd == -1 || r.fd == 1); });
        if (!redirected) piped = printed;
      }
      std::vector<std::string> reconstructed;
      for (const auto& r : command.redirects) {
        if (!r.writes_file() || (r.fd != -1 && r.fd != 1)) continue;
        auto path = place(r.target);
        if (!path || *path == "/dev/null") continue;
        if (printed && r.op != "&>" && r.op != "&>>") {
          out.push_back({*path, printed, r.op == ">>", line});
          reconstructed.push_back(*path);
        }
      }
      for (const auto& path : tee_files) {
        out.push_back({path, printed, tee_append, line});
        reconstructed.push_back(path);
      }
      // Every other write leaves the file's content unknown.
      for (const auto& written : script.writes[n]) {
        if (written.in_cwd) continue;
        auto path = place(written.word);
        if (!path) continue;
        if (std::find(reconstructed.begin(), reconstructed.end(), *path) != reconstructed.end()) {
          continue;
        }
        out.push_back({*path, std::nullopt, false, line});
      }
    }
  }
  return out;
}

void ReconstructedFile::apply(const ShellFileWrite& write) {
  line_ = write.line;
  if (!write.content) {
    state_ = State::unknown;
    content_.clear();
    return;
  }
  if (write.append) {
    // Appending to a file this Dockerfile has not written: it starts empty unless the
    // base image had it, which a Dockerfile rarely relies on for a script it writes.
    if (state_ == State::unknown) return;
    content_ += *write.content;
  } else {
    content_ = *write.content;
  }
  state_ = State::known;
}

void ReconstructedFile::replace(std::optional<std::string> content) {
  if (content) {
    state_ = State::known;
    content_ = std::move(*content);
  } else {
    state_ = State::unknown;
    content_.clear();
  }
}

}  // namespace sagelint::knowledge

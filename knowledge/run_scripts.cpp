#include "knowledge/run_scripts.hpp"

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {

parser::Span RunScript::locate(std::size_t offset, std::size_t length) const {
  switch (origin) {
    case Origin::exec_element: return element;
    case Origin::command_line: return node->span_in_rest(rest_offset + offset, length);
    case Origin::heredoc_body: break;
  }
  int line_no = first_line;
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line_no;
      line_start = k + 1;
    }
  }
  int col = static_cast<int>(offset - line_start) + 1;
  return {{line_no, col}, {line_no, col + static_cast<int>(length)}};
}

namespace {

// Offset in `rest` where the command starts: RUN flags (--mount=..., --network=...)
// are not part of the shell text, whether or not the parser kept them in `rest`.
std::size_t command_start(const parser::Instruction& run) {
  const std::string& rest = run.rest;
  std::size_t pos = 0;
  auto skip_blanks = [&] {
    while (pos < rest.size() && (rest[pos] == ' ' || rest[pos] == '\t')) ++pos;
  };
  skip_blanks();
  bool advanced = true;
  while (advanced) {
    advanced = false;
    for (const auto& flag : run.flags) {
      if (!flag.raw.empty() && rest.compare(pos, flag.raw.size(), flag.raw) == 0) {
        pos += flag.raw.size();
        skip_blanks();
        advanced = true;
      }
    }
  }
  return pos;
}

// A heredoc body is shell text when it is the stdin of a shell (`RUN bash <<EOF`),
// or when it is the whole command (`RUN <<EOF`, which BuildKit runs as a script:
// by its shebang, so a python shebang makes it python). A heredoc that feeds
// another command (`RUN cat <<EOF > /x.sh`) is data, whatever it contains.
bool heredoc_is_script(const parser::Heredoc& h, const std::vector<ShellCommand>& commands) {
  for (const auto& c : commands) {
    for (const auto& r : c.redirects) {
      if (!r.is_heredoc() || r.target.value != h.name) continue;
      if (!c.words.empty()) {
        std::size_t p = program_index(c);
        return p < c.words.size() && is_shell_name(base_name(c.words[p].value));
      }
      if (h.content.rfind("#!", 0) != 0) return true;
      std::string_view shebang = std::string_view(h.content).substr(0, h.content.find('\n'));
      if (!shebang.empty() && shebang.back() == '\r') shebang.remove_suffix(1);
      std::string_view interpreter = base_name(shebang.substr(0, shebang.find(' ', 3)));
      if (interpreter == "env") {
        auto args = shebang.substr(shebang.find(' ', 3) + 1);
        interpreter = args.substr(0, args.find(' '));
      }
      return is_shell_name(interpreter);
    }
  }
  return false;
}

void split(RunScript& script) {
  script.commands = split_shell_commands(script.text);
  script.writes.reserve(script.commands.size());
  for (const auto& c : script.commands) script.writes.push_back(written_paths(c));
}

}  // namespace

std::vector<RunScript> run_scripts(const parser::Instruction& run) {
  std::vector<RunScript> out;
  if (run.json) {
    // ["sh", "-c", "script"]: the script is shell text; point at the element.
    const auto& a = run.args;
    if (a.size() >= 3 && is_shell_name(base_name(a[0].value)) && a[1].value.size() >= 2 &&
        a[1].value[0] == '-' && a[1].value.back() == 'c') {
      RunScript s;
      s.text = a[2].value;
      s.origin = RunScript::Origin::exec_element;
      s.node = &run;
      s.element = a[2].span;
      split(s);
      out.push_back(std::move(s));
    }
    return out;
  }
  RunScript line;
  line.rest_offset = command_start(run);
  line.text = std::string_view(run.rest).substr(line.rest_offset);
  line.origin = RunScript::Origin::command_line;
  line.node = &run;
  split(line);
  out.push_back(std::move(line));
  for (const auto& h : run.heredocs) {
    if (!heredoc_is_script(h, out.front().commands)) continue;
    RunScript body;
    body.text = h.content;
    body.origin = RunScript::Origin::heredoc_body;
    body.node = &run;
    body.first_line = h.body_first_line;
    split(body);
    out.push_back(std::move(body));
  }
  return out;
}

}  // namespace sagelint::knowledge

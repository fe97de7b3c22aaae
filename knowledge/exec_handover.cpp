#include "knowledge/exec_handover.hpp"

#include <algorithm>

#include "knowledge/paths.hpp"
#include "knowledge/shell_command.hpp"
#include "knowledge/shell_structure.hpp"

namespace sagelint::knowledge {

std::optional<std::size_t> shell_script_index(const std::vector<std::string>& argv) {
  if (argv.empty()) return std::nullopt;
  std::size_t k = 1;
  std::string_view program = base_name(argv[0]);
  if (program == "busybox" && argv.size() > 1 && is_shell_name(argv[1])) {
    program = argv[1];
    k = 2;
  }
  if (!is_shell_name(program)) return std::nullopt;
  bool dash_c = false;
  for (; k < argv.size(); ++k) {
    const std::string& a = argv[k];
    if (a.size() < 2 || (a[0] != '-' && a[0] != '+')) break;
    if (a == "--") {
      ++k;
      break;
    }
    // `-o pipefail` takes a value.
    if (a == "-o" || a == "+o") {
      ++k;
      continue;
    }
    if (a[0] == '-' && a[1] != '-' && a.find('c') != std::string::npos) dash_c = true;
  }
  if (!dash_c || k >= argv.size()) return std::nullopt;
  return k;
}

std::optional<MissingExec> missing_exec(std::string_view script) {
  auto commands = split_shell_commands(script);
  for (const auto& c : commands) {
    if (!c.words.empty() && c.words.front().value == "trap") return std::nullopt;
  }
  auto last = std::find_if(commands.rbegin(), commands.rend(), [](const ShellCommand& c) {
    return !c.words.empty() && c.words.front().value != "exit";
  });
  if (last == commands.rend()) return std::nullopt;
  if (last->words.front().value == "exec" && last->words.size() > 1) return std::nullopt;
  MissingExec m;
  m.offset = last->offset;
  m.command = std::string(script.substr(last->offset, last->end - last->offset));
  m.line =
      1 + static_cast<int>(std::count(
              script.begin(), script.begin() + static_cast<std::ptrdiff_t>(last->offset), '\n'));
  for (const auto& top : top_level_commands(script)) {
    if (top.offset <= last->offset && last->offset < top.end && !top.construct.empty()) {
      m.construct = top.construct;
      m.construct_text = std::string(script.substr(top.offset, top.end - top.offset));
    }
  }
  return m;
}

bool is_shell_script(std::string_view content, std::string_view path) {
  if (content.find('\0') != std::string_view::npos) return false;
  if (content.substr(0, 2) == "#!") {
    std::string_view line = content.substr(2, content.find('\n') - 2);
    // "#!/usr/bin/env bash", "#! /bin/sh -e"
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) words.push_back(line.substr(i, j - i));
      i = j;
    }
    if (words.empty()) return false;
    std::string_view interpreter = base_name(words[0]);
    if (interpreter == "env") {
      std::size_t k = 1;
      while (k < words.size() && words[k].substr(0, 1) == "-") ++k;
      if (k >= words.size()) return false;
      interpreter = base_name(words[k]);
    }
    if (interpreter == "busybox") return words.size() > 1 && is_shell_name(words[1]);
    return is_shell_name(interpreter);
  }
  return path.size() >= 3 && path.substr(path.size() - 3) == ".sh";
}

}  // namespace sagelint::knowledge

// `sagelint rules [ID]`: the rule list, or one rule explained from its RuleInfo;
// `sagelint rules --markdown DIR`: the rule pages of docs/rules/.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lint/commands.hpp"
#include "lint/exit_codes.hpp"
#include "lint/rule_docs.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {
namespace {

void print_block(const char* heading, std::string_view text) {
  if (text.empty()) return;
  std::cout << '\n' << heading << ":\n";
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    auto line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::cout << "  " << line << '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

}  // namespace

int rules_command(const std::string& id) {
  if (id.empty()) {
    std::size_t inputs_width = 6;
    for (const auto* rule : rules::all_rules())
      inputs_width = std::max(inputs_width, rule->info().inputs.size());
    std::printf("%-7s %-8s %-*s %s\n", "ID", "SEVERITY", static_cast<int>(inputs_width), "INPUTS",
                "TITLE");
    for (const auto* rule : rules::all_rules()) {
      const auto& info = rule->info();
      std::printf("%-7.*s %-8.*s %-*.*s %.*s\n", static_cast<int>(info.id.size()), info.id.data(),
                  static_cast<int>(to_string(info.severity).size()),
                  to_string(info.severity).data(), static_cast<int>(inputs_width),
                  static_cast<int>(info.inputs.size()), info.inputs.data(),
                  static_cast<int>(info.title.size()), info.title.data());
    }
    std::fflush(stdout);
    return kExitClean;
  }
  std::string wanted = id;
  for (char& c : wanted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const rules::Rule* rule = rules::find_rule(wanted);
  if (!rule) {
    std::cerr << "sagelint: unknown rule '" << id << "' (see `sagelint rules`)\n";
    return kExitUsage;
  }
  const auto& info = rule->info();
  std::cout << info.id << ": " << info.title << '\n'
            << "Severity: " << to_string(info.severity) << '\n'
            << "Inputs: " << info.inputs << '\n';
  print_block("Why", info.rationale);
  print_block("Bad", info.bad);
  print_block("Good", info.good);
  print_block("Fix", info.fix);
  std::cout.flush();
  return kExitClean;
}

namespace {

// Writes `text` to `path` unless the file already holds exactly that.
bool write_if_changed(const std::string& path, const std::string& text) {
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream old;
    if (in && (old << in.rdbuf()) && old.str() == text) return true;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

int rules_markdown_command(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> pages;
  for (const auto* rule : rules::all_rules())
    pages.emplace_back(std::string(rule->info().id) + ".md", rule_markdown(rule->info()));
  pages.emplace_back("README.md", rule_index_markdown());
  for (const auto& [name, text] : pages) {
    std::string path = dir + "/" + name;
    if (!write_if_changed(path, text)) {
      std::cerr << "sagelint: cannot write " << path << ": " << std::strerror(errno) << '\n';
      return kExitUsage;
    }
  }
  return kExitClean;
}

}  // namespace sagelint::lint

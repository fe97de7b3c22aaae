#include "lint/rule_docs.hpp"

namespace sagelint::lint {
namespace {

std::string fenced(std::string_view syntax, std::string_view text) {
  return "```" + std::string(syntax) + "\n" + std::string(text) + "\n```\n";
}

std::string_view trim_newlines(std::string_view s) {
  while (!s.empty() && s.front() == '\n') s.remove_prefix(1);
  while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string rule_markdown(const rules::RuleInfo& info) {
  std::string inputs(info.inputs);
  if (inputs == "run") inputs += " (a dynamic finding of `sagelint run`)";
  std::string page = "# " + std::string(info.id) + ": " + std::string(info.title) + "\n\n";
  page += "Default severity: **" + std::string(to_string(info.severity)) + "**. Input: " + inputs +
          ".\n\n";
  page += "## Why\n\n" + std::string(info.rationale) + "\n\n";
  page += "## Bad\n\n" + fenced(info.example_syntax, info.bad) + "\n";
  page += "## Good\n\n" + fenced(info.example_syntax, info.good) + "\n";
  page += "## Fix\n\n" + std::string(info.fix) + "\n";
  if (auto details = trim_newlines(info.details); !details.empty())
    page += "\n" + std::string(details) + "\n";
  return page;
}

std::string rule_index_markdown() {
  std::string page =
      "# Rules\n\n"
      "Generated from the rules' metadata (`sagelint rules --markdown docs/rules`); "
      "`sagelint rules ID` prints the same text.\n\n"
      "| ID | severity | input | title |\n| --- | --- | --- | --- |\n";
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info();
    std::string id(info.id);
    page += "| [" + id + "](" + id + ".md) | " + std::string(to_string(info.severity)) + " | " +
            std::string(info.inputs) + " | " + std::string(info.title) + " |\n";
  }
  return page;
}

}  // namespace sagelint::lint

// SMP007: an exec-form element that cannot work as written.
#include <regex>

#include "image/view.hpp"
#include "rules/exec_handover.hpp"
#include "rules/image_command.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/start_command.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP007",
    Severity::warning,
    "Exec-form element with a variable reference or a program name containing a space",
    "dockerfile, image",
    "Exec form runs the program directly, without a shell: `$VAR` and `${VAR}` stay literal "
    "(Docker does not expand them there), and a first element such as \"/run.sh --port 8080\" "
    "is looked up as a program with that whole name, so the SageMaker job fails at start. The "
    "script "
    "after a shell's `-c` is expanded by that shell and is fine.",
    "ENTRYPOINT [\"$APP_HOME/run.sh\", \"--port 8080\"]",
    "ENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]",
    "Write literal paths and split arguments into separate elements; if you need variables, "
    "run a script that ends with `exec \"$@\"`.",
};

bool has_variable_reference(const std::string& s) {
  static const std::regex kVar(R"(\$(\{|[A-Za-z_]))");
  return std::regex_search(s, kVar);
}

// The problems of one argv, as (element index, message) pairs.
std::vector<std::pair<std::size_t, std::string>> problems(const std::vector<std::string>& argv) {
  std::vector<std::pair<std::size_t, std::string>> out;
  auto script = shell_script_index(argv);
  for (std::size_t k = 0; k < argv.size(); ++k) {
    if (script && k == *script) continue;
    if (has_variable_reference(argv[k])) {
      out.push_back({k, "exec-form element \"" + argv[k] +
                            "\" refers to a variable, which is not expanded without a shell"});
    }
    if (k == 0 && argv[k].find(' ') != std::string::npos) {
      out.push_back({k, "the program \"" + argv[k] +
                            "\" contains a space: exec form looks for a file with that whole "
                            "name; put each argument in its own element"});
    }
  }
  return out;
}

class Smp007 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    auto argv = effective_start_command(ctx).argv();
    std::vector<std::string> values;
    for (const auto& a : argv) values.push_back(a.value);
    for (const auto& [index, message] : problems(values)) {
      const auto& element = argv[index];
      // Only what the file wrote in exec form; shell-form words are SMP001/SMP002.
      if (element.token == nullptr || !element.from->json) continue;
      report.at(to_range(element.token->span), message);
    }
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& config = ctx.image.config;
    // Shell + one string is what the shell form produces: SMP001/SMP002.
    if (starts_in_shell_form(config)) return;
    auto argv = image_argv(config);
    for (const auto& [index, message] : problems(argv)) {
      (void)index;
      report.general(message + " (start command " + quote_argv(argv) + ")");
    }
  }
};

}  // namespace

const Rule& rule_SMP007() {
  static const Smp007 rule;
  return rule;
}

}  // namespace sagelint::rules

// SMP007: an exec-form element that cannot work as written.
#include "image/view.hpp"
#include "knowledge/exec_handover.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP007",
    .severity = Severity::warning,
    .title = "Exec-form element with a variable reference or a program name containing a space",
    .inputs = "dockerfile, image",
    .rationale =
        "Exec form runs the program directly, without a shell: `$VAR` and `${VAR}` stay literal "
        "(Docker does not expand them there), and a first element such as \"/run.sh --port 8080\" "
        "is looked up as a program with that whole name, so the SageMaker job fails at start. The "
        "script "
        "after a shell's `-c` is expanded by that shell and is fine.",
    .bad =
        "ENTRYPOINT [\"$APP_HOME/run.sh\", \"--port 8080\"]\n"
        "ENTRYPOINT [\"/run.sh --port 8080\"]",
    .good = "ENTRYPOINT [\"/opt/app/run.sh\", \"--port\", \"8080\"]",
    .fix =
        "Write literal paths and split arguments into separate elements; if you need variables, "
        "run a script that ends with `exec \"$@\"`.",
    .details = R"md(## What is judged

- Every element of the exec-form ENTRYPOINT and CMD the shipped image keeps, except the script
  argument of a shell's `-c` (arguments after that script become `$0 $1 ...` and are not
  expanded either, so they are judged).
- A space is judged only in the program (the first element of ENTRYPOINT, or of CMD without an
  ENTRYPOINT). `$1`-style positional parameters are not variable references.
)md",
};

// `$NAME` or `${...}`; `$1` and a lone `$` are not variable references.
bool has_variable_reference(std::string_view s) {
  for (std::size_t i = s.find('$'); i != std::string_view::npos; i = s.find('$', i + 1)) {
    if (i + 1 >= s.size()) break;
    char next = s[i + 1];
    if (next == '{' || next == '_' || (next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z'))
      return true;
  }
  return false;
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

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  auto argv = ctx.shipped.start_command().argv();
  std::vector<std::string> values;
  for (const auto& a : argv) values.push_back(a.value);
  for (const auto& [index, message] : problems(values)) {
    const auto& element = argv[index];
    // Only what the file wrote in exec form; shell-form words are SMP001/SMP002.
    if (element.token == nullptr || !element.from->json) continue;
    report.at(element.token->span, message);
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  // Shell + one string is what the shell form produces: SMP001/SMP002.
  if (starts_in_shell_form(config)) return;
  auto argv = image_argv(config);
  for (const auto& [index, message] : problems(argv)) {
    (void)index;
    report.general(message + " (start command " + quote_argv(argv) + ")");
  }
}

}  // namespace

SAGELINT_RULE(SMP007, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules

// `sagelint dump`: the parsed Dockerfile, to see exactly what the rules see.
#include <iostream>

#include "lint/commands.hpp"
#include "lint/engine.hpp"
#include "lint/exit_codes.hpp"
#include "lint/targets.hpp"
#include "parser/dump.hpp"
#include "parser/parser.hpp"

namespace sagelint::lint {

int dump_command(const std::string& format, const std::string& path) {
  DetectedTarget input = detect_target(path, TargetKind::dockerfile);
  if (input.error) {
    std::cerr << "sagelint: " << path << ": " << *input.error << '\n';
    return kExitUnreadable;
  }
  auto parsed = parser::parse(input.text);
  if (parsed.error) {
    std::cerr << "sagelint: " << path << ": " << parse_error_text(*parsed.error) << '\n';
    return kExitUnreadable;
  }
  if (format == "json")
    std::cout << parser::dump_json(parsed.file)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << '\n';
  else
    std::cout << parser::dump_buildkit(parsed.file);
  std::cout.flush();
  return std::cout ? kExitClean : kExitUnreadable;
}

}  // namespace sagelint::lint

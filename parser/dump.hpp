#pragma once
// Printing the AST: BuildKit's Node.Dump() (byte for byte) and a JSON form with
// positions for people debugging what the parser saw (docs/ast-json.md).
#include <string>

#include <nlohmann/json.hpp>

#include "parser/ast.hpp"

namespace sagelint::parser {

// Node.Dump() of the root node + "\n".
std::string dump_buildkit(const Dockerfile& file);
nlohmann::json dump_json(const Dockerfile& file);

}  // namespace sagelint::parser

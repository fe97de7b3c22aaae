#pragma once
// The bytes a Dockerfile puts at a path of the shipped image through COPY/ADD, when
// the file itself or its build context has them: the last COPY/ADD of the shipped
// stage chain writing that path decides. A heredoc source is read from the
// Dockerfile; a source file from the build context (sources that would leave the
// context are not read, nor files over 1 MB); a `--from` source cannot be read here.
#include <optional>
#include <string>

#include "knowledge/shipped_image.hpp"
#include "parser/ast.hpp"

namespace sagelint::knowledge {

struct CopiedFile {
  std::string content;
  std::string origin;                        // "heredoc" or the build-context file's path
  const parser::Heredoc* heredoc = nullptr;  // the heredoc it came from, if one
};

// `context_dir` "" = no build context.
std::optional<CopiedFile> find_copied_file(const ShippedImage& shipped, char escape,
                                           const std::string& context_dir, const std::string& path);

}  // namespace sagelint::knowledge

#pragma once
// The bytes a Dockerfile puts at a path of the shipped image, when the file itself or
// its build context has them: the last instruction of the shipped stage chain writing
// that path decides. A COPY/ADD heredoc source is read from the Dockerfile; a source
// file from the build context (sources that would leave the context are not read, nor
// files over 1 MB); a `--from` source cannot be read here; RUN shell text that writes
// the file (echo/printf/cat <<EOF > path, appends: knowledge/written_files.hpp) is
// reconstructed, and any other RUN write makes it unknown.
#include <optional>
#include <string>

#include "knowledge/shipped_image.hpp"
#include "parser/ast.hpp"

namespace sagelint::knowledge {

struct CopiedFile {
  std::string content;
  std::string origin;  // "heredoc", the build-context file's path, or "written by a RUN at line N"
  const parser::Heredoc* heredoc = nullptr;  // the heredoc it came from, if one
};

// `context_dir` "" = no build context.
std::optional<CopiedFile> find_copied_file(const ShippedImage& shipped, char escape,
                                           const std::string& context_dir, const std::string& path);

}  // namespace sagelint::knowledge

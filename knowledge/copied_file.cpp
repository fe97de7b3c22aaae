#include "knowledge/copied_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "knowledge/paths.hpp"
#include "knowledge/written_files.hpp"

namespace sagelint::knowledge {
namespace {

constexpr std::uintmax_t kMaxScriptBytes = 1u << 20;
std::optional<std::string> read_small_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  auto size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxScriptBytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A source path inside the build context; nullopt when it would leave it.
std::optional<std::filesystem::path> in_context(const std::string& context_dir,
                                                const std::string& source) {
  if (context_dir.empty() || source.find_first_of("*?[") != std::string::npos) return std::nullopt;
  if (source.find("://") != std::string::npos) return std::nullopt;  // ADD URL
  std::string relative = normalize_path(source);  // "/x/y": ".." cannot climb above the context
  return std::filesystem::path(context_dir) / relative.substr(1);
}

std::string heredoc_name(std::string_view word) {
  word.remove_prefix(2);
  if (!word.empty() && word.front() == '-') word.remove_prefix(1);
  std::string out;
  for (char c : word) {
    if (c != '"' && c != '\'') out += c;
  }
  return out;
}

}  // namespace

std::optional<CopiedFile> find_copied_file(const ShippedImage& shipped, char escape,
                                           const std::string& context_dir,
                                           const std::string& path) {
  ReconstructedFile file;
  std::string origin;
  const parser::Heredoc* heredoc = nullptr;
  for (const auto& si : shipped.instructions()) {
    const auto& node = si.node();
    if (node.keyword == "run") {
      for (const auto& write : shipped.file_writes(si)) {
        if (write.path != path) continue;
        file.apply(write);
        origin = "written by a RUN at line " + std::to_string(file.last_line());
        heredoc = nullptr;
      }
      continue;
    }
    if ((node.keyword != "copy" && node.keyword != "add") || node.args.size() < 2) continue;
    auto dest_text = expand_known(node.args.back().value, si.at->scope, escape);
    if (!dest_text) continue;
    auto dest = resolve_in_workdir(*dest_text, si.workdir);
    if (!dest) continue;
    bool into_dir = node.args.size() > 2 || dest_text->back() == '/';
    bool from_stage = false;
    for (const auto& f : node.flags) from_stage = from_stage || f.name == "from";
    for (std::size_t k = 0; k + 1 < node.args.size(); ++k) {
      const std::string& source = node.args[k].value;
      if (source.rfind("<<", 0) == 0) {
        if ((into_dir ? normalize_path(heredoc_name(source), *dest) : *dest) != path) continue;
        for (const auto& h : node.heredocs) {
          if (h.name == heredoc_name(source)) {
            file.replace(h.content);
            origin = "heredoc";
            heredoc = &h;
          }
        }
        continue;
      }
      auto source_text = expand_known(source, si.at->scope, escape);
      if (!source_text) continue;
      std::string as_file = normalize_path(base_name(*source_text), *dest);
      bool exact = !into_dir && *dest == path;
      bool inside = is_at_or_under(path, *dest) && path != *dest;
      if (!exact && !inside) continue;
      heredoc = nullptr;
      if (from_stage) {
        file.replace(std::nullopt);  // from another stage: not readable here
        continue;
      }
      auto base = in_context(context_dir, *source_text);
      if (!base) {
        file.replace(std::nullopt);
        continue;
      }
      std::filesystem::path context_file = *base;
      if (!exact) {
        // COPY dir/ /dest/ puts dir's contents there; COPY f /dest/ puts f there.
        std::string rest = path.substr(*dest == "/" ? 1 : dest->size() + 1);
        std::error_code ec;
        if (std::filesystem::is_directory(*base, ec)) {
          context_file = *base / rest;
        } else if (as_file != path) {
          continue;
        }
      }
      file.replace(read_small_file(context_file));
      origin = context_file.string();
    }
  }
  if (file.state() != ReconstructedFile::State::known) return std::nullopt;
  return CopiedFile{file.content(), origin, heredoc};
}

}  // namespace sagelint::knowledge

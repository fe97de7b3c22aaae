#include "knowledge/start_program.hpp"

#include "image/resolve.hpp"
#include "image/view.hpp"
#include "knowledge/config_memo.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/start_script.hpp"

namespace sagelint::knowledge {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

struct Candidate {
  ProgramLookup::Status status = ProgramLookup::not_found;
  std::string path;
  const image::FileEntry* entry = nullptr;
};

// Go's findExecutable after the stat: a directory is EISDIR, a file needs an execute bit.
Candidate check_candidate(const image::ImageView& image, const std::string& path,
                          const std::string& workdir) {
  Candidate c;
  auto r = image::resolve_in_image(image.files, path, workdir);
  c.path = r.status == image::Resolved::found ? r.path : path;
  if (r.status == image::Resolved::loop) {
    c.status = ProgramLookup::link_loop;
    return c;
  }
  if (r.status != image::Resolved::found) return c;  // not_found
  const image::FileEntry* e = r.entry;
  if (e == nullptr ||
      (e->type != image::FileEntry::file && e->type != image::FileEntry::hardlink)) {
    c.status = ProgramLookup::not_regular;
    return c;
  }
  c.entry = e;
  c.status = (e->mode & 0111) != 0 ? ProgramLookup::found : ProgramLookup::not_executable;
  return c;
}

}  // namespace

std::string image_path_env(const image::ImageConfig& config) {
  std::string path_env = kDefaultPath;
  for (const auto& kv : config.env) {
    if (kv.rfind("PATH=", 0) == 0) path_env = kv.substr(5);
  }
  return path_env;
}

std::string image_workdir(const image::ImageConfig& config) {
  return config.working_dir.empty() ? std::string("/") : normalize_path(config.working_dir);
}

ProgramLookup find_program(const image::ImageView& image, const std::string& name,
                           const std::string& path_env, const std::string& workdir) {
  ProgramLookup out;
  if (name.empty()) return out;
  if (name.find('/') != std::string::npos) {
    Candidate c = check_candidate(image, name, workdir);
    out.status = c.status;
    out.path = c.entry != nullptr ? c.path : name;
    out.entry = c.entry;
    return out;
  }
  out.searched_path = true;
  std::size_t i = 0;
  while (i <= path_env.size()) {
    std::size_t j = path_env.find(':', i);
    if (j == std::string::npos) j = path_env.size();
    std::string dir = path_env.substr(i, j - i);
    i = j + 1;
    // An empty PATH entry is the working directory. (assign(1, '.'), not `= "."`: g++ 12
    // at -O3 gives a false -Wrestrict on a one-character literal, GCC bug 105329.)
    if (dir.empty()) dir.assign(1, '.');
    std::string candidate = dir + "/" + name;
    Candidate c = check_candidate(image, candidate, workdir);
    if (c.status == ProgramLookup::found) {
      out.status = ProgramLookup::found;
      out.path = c.path;
      out.entry = c.entry;
      return out;
    }
    if (out.passed_over.empty() && c.status != ProgramLookup::not_found) {
      out.passed_over = normalize_path(candidate, workdir);
      out.passed_over_reason = c.status == ProgramLookup::not_executable ? "has no execute bit"
                               : c.status == ProgramLookup::link_loop    ? "is a symlink loop"
                                                                         : "is not a regular file";
    }
  }
  return out;
}

ProgramLookup find_image_program(const image::ImageView& image, const std::string& name) {
  return find_program(image, name, image_path_env(image.config), image_workdir(image.config));
}

std::optional<Shebang> read_shebang(std::string_view head) {
  if (head.substr(0, 2) != "#!") return std::nullopt;
  std::size_t nl = head.find('\n');
  std::string_view line =
      head.substr(2, nl == std::string_view::npos ? std::string_view::npos : nl - 2);
  Shebang s;
  s.crlf = nl != std::string_view::npos && !line.empty() && line.back() == '\r';
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  std::size_t j = i;
  while (j < line.size() && !is_blank(line[j]) && line[j] != '\0') ++j;
  s.interpreter = std::string(line.substr(i, j - i));
  while (j < line.size() && is_blank(line[j])) ++j;
  std::string_view rest = line.substr(j);
  while (!rest.empty() && is_blank(rest.back())) rest.remove_suffix(1);
  s.argument = std::string(rest);
  if (s.interpreter.empty()) return std::nullopt;
  return s;
}

std::optional<std::string> env_program(const Shebang& shebang) {
  if (base_name(shebang.interpreter) != "env") return std::nullopt;
  // The kernel passes the whole rest as one argument; `env -S` splits it again.
  std::string_view rest = shebang.argument;
  bool split = false;
  if (rest.substr(0, 2) == "-S") {
    split = true;
    rest.remove_prefix(2);
    while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  }
  std::size_t end = split ? rest.find_first_of(" \t") : std::string_view::npos;
  std::string_view program = rest.substr(0, end);
  if (!split && program.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;  // "python3 -u" is one name to env without -S: not found, but rare
  }
  if (program.empty() || program.front() == '-' || program.find('=') != std::string_view::npos)
    return std::nullopt;
  return std::string(program);
}

namespace {

// What may_be_start_program needs of the config, per image.
struct StartProgramFacts {
  std::string workdir;
  std::vector<std::string> path_dirs;  // $PATH, in order
  bool has_argv = false;
  std::string argv0, script;  // base names of the start word and of its script
  bool has_script = false;
};

StartProgramFacts start_program_facts(const image::ImageConfig& config) {
  StartProgramFacts facts;
  facts.workdir = image_workdir(config);
  std::string path_env = image_path_env(config);
  std::size_t i = 0;
  while (i <= path_env.size()) {
    std::size_t j = path_env.find(':', i);
    if (j == std::string::npos) j = path_env.size();
    facts.path_dirs.push_back(path_env.substr(i, j - i));
    i = j + 1;
  }
  auto argv = image_argv(config);
  if (!argv.empty()) {
    facts.has_argv = true;
    facts.argv0 = std::string(base_name(argv.front()));
    std::size_t script = start_script_index(argv);
    facts.has_script = script < argv.size();
    if (facts.has_script) facts.script = std::string(base_name(argv[script]));
  }
  return facts;
}

}  // namespace

bool may_be_start_program(const std::string& path, const image::ImageConfig& config) {
  std::string_view dir = dir_name(path);
  std::string_view dir_base = base_name(dir);
  if (dir_base == "bin" || dir_base == "sbin") return true;
  const auto& facts = per_start_command<StartProgramFacts>(config, start_program_facts);
  if (dir == facts.workdir) return true;
  for (const auto& d : facts.path_dirs)
    if (dir == d) return true;
  if (!facts.has_argv) return false;
  std::string_view name = base_name(path);
  return name == facts.argv0 || (facts.has_script && name == facts.script);
}

bool starts_with_bom(std::string_view head) { return head.substr(0, 3) == "\xEF\xBB\xBF"; }

}  // namespace sagelint::knowledge

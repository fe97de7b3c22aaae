#include "knowledge/shell_writes.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool in(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// A word with its first `n` bytes cut off (the value of `--target=DIR`, `-tDIR`).
ShellWord tail(const ShellWord& w, std::size_t n) {
  ShellWord out = w;
  out.value = w.value.size() > n ? w.value.substr(n) : std::string();
  std::size_t shift = std::min(n, w.length);
  out.offset = w.offset + shift;
  out.length = w.length - shift;
  return out;
}

// The operands and options of a command. `value_options` take a value: the next
// word, or glued (`-tDIR`, `--target=DIR`).
struct Args {
  std::vector<ShellWord> positional;
  std::vector<std::pair<std::string, std::optional<ShellWord>>> options;
};

Args parse_args(const std::vector<ShellWord>& words, std::size_t first,
                std::initializer_list<std::string_view> value_options) {
  Args a;
  bool operands_only = false;
  for (std::size_t k = first; k < words.size(); ++k) {
    const ShellWord& w = words[k];
    const std::string& v = w.value;
    if (operands_only || v.size() < 2 || v[0] != '-') {
      a.positional.push_back(w);
      continue;
    }
    if (v == "--") {
      operands_only = true;
      continue;
    }
    auto eq = v.find('=');
    if (starts_with(v, "--") && eq != std::string::npos) {
      a.options.push_back({v.substr(0, eq), tail(w, eq + 1)});
    } else if (in(v, value_options)) {
      std::optional<ShellWord> value;
      if (k + 1 < words.size()) value = words[++k];
      a.options.push_back({v, value});
    } else if (!starts_with(v, "--") && v.size() > 2) {
      // A cluster of short options: -fsSLO, -qO-, -tDIR (the value glued or next).
      for (std::size_t i = 1; i < v.size(); ++i) {
        std::string name = std::string("-") + v[i];
        if (!in(name, value_options)) {
          a.options.push_back({name, std::nullopt});
          continue;
        }
        std::optional<ShellWord> value;
        if (i + 1 < v.size()) {
          value = tail(w, i + 1);
        } else if (k + 1 < words.size()) {
          value = words[++k];
        }
        a.options.push_back({name, value});
        break;
      }
    } else {
      a.options.push_back({v, std::nullopt});
    }
  }
  return a;
}

std::optional<ShellWord> option(const Args& a, std::initializer_list<std::string_view> names) {
  std::optional<ShellWord> found;
  for (const auto& [name, value] : a.options) {
    if (in(name, names) && value) found = value;
  }
  return found;
}

bool has_option(const Args& a, std::initializer_list<std::string_view> names) {
  return std::any_of(a.options.begin(), a.options.end(),
                     [&](const auto& o) { return in(o.first, names); });
}

bool is_stdout(const ShellWord& w) { return w.value == "-" || starts_with(w.value, "/dev/"); }

// cp, mv, install, ln, rsync: `-t DIR`, else the last of two or more operands.
void destination_of_copy(const Args& a, std::vector<WrittenPath>& out, bool link) {
  if (auto dir = option(a, {"-t", "--target-directory"})) {
    out.push_back({*dir, std::nullopt, link});
  } else if (a.positional.size() >= 2) {
    out.push_back({a.positional.back(), std::nullopt, link});
  }
}

std::string repository_name(std::string_view url) {
  std::string_view name = base_name(url);
  if (name.size() > 4 && name.substr(name.size() - 4) == ".git") name.remove_suffix(4);
  auto colon = name.rfind(':');
  if (colon != std::string_view::npos) name = name.substr(colon + 1);
  return std::string(name);
}

// The file name wget and curl -O save a URL under: its last path component.
std::string url_file_name(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  std::string_view name = base_name(url);
  return name.empty() || name.find(':') != std::string_view::npos ? "index.html"
                                                                  : std::string(name);
}

void tar_writes(const std::vector<ShellWord>& words, std::size_t p, std::vector<WrittenPath>& out) {
  if (p + 1 >= words.size()) return;
  bool extract = false;
  bool create = false;
  std::optional<ShellWord> archive;
  std::optional<ShellWord> directory;
  for (std::size_t k = p + 1; k < words.size(); ++k) {
    const std::string& v = words[k].value;
    bool old_style = k == p + 1 && !v.empty() && v[0] != '-';
    if (starts_with(v, "--")) {
      if (v == "--extract" || v == "--get") extract = true;
      if (v == "--create") create = true;
      if (v == "--directory" && k + 1 < words.size()) directory = words[++k];
      if (starts_with(v, "--directory=")) directory = tail(words[k], 12);
      if (v == "--file" && k + 1 < words.size()) archive = words[++k];
      if (starts_with(v, "--file=")) archive = tail(words[k], 7);
      continue;
    }
    if (!old_style && (v.size() < 2 || v[0] != '-')) continue;
    std::string cluster = old_style ? v : v.substr(1);
    for (std::size_t i = 0; i < cluster.size(); ++i) {
      char c = cluster[i];
      if (c == 'x') extract = true;
      if (c == 'c') create = true;
      if (c == 'f' || c == 'C') {
        std::optional<ShellWord> value;
        if (i + 1 < cluster.size()) {
          value = tail(words[k], (old_style ? 0 : 1) + i + 1);
        } else if (k + 1 < words.size()) {
          value = words[++k];
        }
        (c == 'f' ? archive : directory) = value;
        break;
      }
    }
  }
  if (extract) {
    if (directory) {
      out.push_back({*directory, std::nullopt, false});
    } else {
      out.push_back({words[p], std::string(), false});
    }
  } else if (create && archive && !is_stdout(*archive)) {
    out.push_back({*archive, std::nullopt, false});
  }
}

}  // namespace

const ShellWord* cd_target(const ShellCommand& c) {
  if (c.words.size() < 2 || c.words[0].value != "cd") return nullptr;
  for (std::size_t k = 1; k < c.words.size(); ++k) {
    if (c.words[k].value == "-P" || c.words[k].value == "-L") continue;
    return &c.words[k];
  }
  return nullptr;
}

std::vector<ShellWord> link_sources(const ShellCommand& c) {
  std::size_t p = program_index(c);
  if (p >= c.words.size() || base_name(c.words[p].value) != "ln") return {};
  auto a = parse_args(c.words, p + 1, {"-t", "--target-directory", "-S", "--suffix"});
  auto sources = a.positional;
  if (!option(a, {"-t", "--target-directory"}) && sources.size() >= 2) sources.pop_back();
  return sources;
}

std::vector<WrittenPath> written_paths(const ShellCommand& c) {
  std::vector<WrittenPath> out;
  for (const auto& r : c.redirects) {
    if (r.writes_file() && r.target.length > 0 && !is_stdout(r.target)) {
      out.push_back({r.target, std::nullopt, false});
    }
  }
  std::size_t p = program_index(c);
  if (p >= c.words.size()) return out;
  const auto& words = c.words;
  std::string_view prog = base_name(words[p].value);
  const ShellWord& program_word = words[p];

  if (prog == "touch") {
    auto a = parse_args(words, p + 1, {"-d", "-r", "-t", "--date", "--reference"});
    for (const auto& w : a.positional) out.push_back({w, std::nullopt, false});
  } else if (prog == "tee") {
    auto a = parse_args(words, p + 1, {});
    for (const auto& w : a.positional) {
      if (!is_stdout(w)) out.push_back({w, std::nullopt, false});
    }
  } else if (prog == "cp" || prog == "mv" || prog == "rsync") {
    auto a = parse_args(words, p + 1, {"-t", "--target-directory", "-S", "--suffix", "-e"});
    destination_of_copy(a, out, false);
  } else if (prog == "install") {
    auto a = parse_args(words, p + 1,
                        {"-t", "--target-directory", "-m", "--mode", "-o", "--owner", "-g",
                         "--group", "-S", "--suffix"});
    // `install -d DIR` only creates (empty) directories.
    if (!has_option(a, {"-d", "--directory"})) destination_of_copy(a, out, false);
  } else if (prog == "ln") {
    auto a = parse_args(words, p + 1, {"-t", "--target-directory", "-S", "--suffix"});
    destination_of_copy(a, out, true);
  } else if (prog == "wget") {
    auto a = parse_args(words, p + 1,
                        {"-O", "--output-document", "-P", "--directory-prefix", "-o",
                         "--output-file", "-a", "--append-output"});
    if (auto f = option(a, {"-O", "--output-document"})) {
      if (!is_stdout(*f)) out.push_back({*f, std::nullopt, false});
    } else if (auto d = option(a, {"-P", "--directory-prefix"})) {
      out.push_back({*d, std::nullopt, false});
    } else {
      // Saved under the URL's file name in the current directory.
      for (const auto& url : a.positional) out.push_back({url, url_file_name(url.value), false});
    }
  } else if (prog == "curl") {
    auto a = parse_args(words, p + 1, {"-o",           "--output",    "--output-dir",
                                       "-H",           "--header",    "-d",
                                       "--data",       "-u",          "--user",
                                       "-X",           "--request",   "-A",
                                       "--user-agent", "-e",          "--referer",
                                       "-w",           "--write-out", "--retry",
                                       "-m",           "--max-time",  "--connect-timeout",
                                       "-x",           "--proxy",     "-T",
                                       "--upload-file"});
    if (auto f = option(a, {"-o", "--output"})) {
      if (!is_stdout(*f)) out.push_back({*f, std::nullopt, false});
    } else if (auto d = option(a, {"--output-dir"})) {
      out.push_back({*d, std::nullopt, false});
    } else if (has_option(a, {"-O", "--remote-name", "--remote-name-all"})) {
      for (const auto& url : a.positional) out.push_back({url, url_file_name(url.value), false});
    }
  } else if (prog == "tar") {
    tar_writes(words, p, out);
  } else if (prog == "unzip") {
    auto a = parse_args(words, p + 1, {"-d", "-x", "-P"});
    if (has_option(a, {"-l", "-t", "-v", "-Z", "-p", "-c"})) return out;
    if (auto d = option(a, {"-d"})) {
      out.push_back({*d, std::nullopt, false});
    } else {
      out.push_back({program_word, std::string(), false});
    }
  } else if (prog == "git") {
    auto a = parse_args(words, p + 1,
                        {"-C", "-c", "-b", "--branch", "--depth", "-o", "--origin", "--reference",
                         "--separate-git-dir", "-j", "--jobs", "--filter", "--config", "-u",
                         "--upload-pack", "--template"});
    if (a.positional.empty() || a.positional.front().value != "clone") return out;
    if (a.positional.size() >= 3) {
      out.push_back({a.positional[2], std::nullopt, false});
    } else if (a.positional.size() == 2) {
      out.push_back({a.positional[1], repository_name(a.positional[1].value), false});
    }
  } else if (starts_with(prog, "pip") || starts_with(prog, "python") || prog == "uv") {
    std::size_t first = p + 1;
    if (starts_with(prog, "python")) {
      // python -m pip install ..., python -m venv DIR
      if (first + 1 >= words.size() || words[first].value != "-m") return out;
      std::string module = words[first + 1].value;
      if (module == "venv" || module == "virtualenv") {
        auto a = parse_args(words, first + 2, {"--prompt"});
        if (!a.positional.empty()) out.push_back({a.positional.front(), std::nullopt, false});
        return out;
      }
      if (module != "pip") return out;
      first += 2;
    }
    auto a = parse_args(words, first,
                        {"-t", "--target", "--prefix", "--root", "-r", "--requirement", "-c",
                         "--constraint", "-i", "--index-url", "--extra-index-url", "-f",
                         "--find-links", "--trusted-host", "--cache-dir", "--python"});
    bool install = std::any_of(a.positional.begin(), a.positional.end(),
                               [](const ShellWord& w) { return w.value == "install"; });
    if (!install) return out;
    if (auto d = option(a, {"-t", "--target", "--prefix", "--root"})) {
      out.push_back({*d, std::nullopt, false});
    }
  } else if (prog == "virtualenv") {
    auto a = parse_args(words, p + 1, {"-p", "--python", "--prompt"});
    if (!a.positional.empty()) out.push_back({a.positional.front(), std::nullopt, false});
  } else if (prog == "conda" || prog == "mamba" || prog == "micromamba") {
    auto a = parse_args(words, p + 1,
                        {"-p", "--prefix", "-n", "--name", "-c", "--channel", "-f", "--file"});
    if (auto d = option(a, {"-p", "--prefix"})) out.push_back({*d, std::nullopt, false});
  } else if (prog == "dd") {
    for (std::size_t k = p + 1; k < words.size(); ++k) {
      if (starts_with(words[k].value, "of="))
        out.push_back({tail(words[k], 3), std::nullopt, false});
    }
  } else if (prog == "aws") {
    auto a = parse_args(
        words, p + 1,
        {"--region", "--profile", "--endpoint-url", "--exclude", "--include", "--acl", "--sse"});
    const auto& ops = a.positional;
    if (ops.size() >= 4 && ops[0].value == "s3" && in(ops[1].value, {"cp", "sync", "mv"}) &&
        !starts_with(ops.back().value, "s3://")) {
      out.push_back({ops.back(), std::nullopt, false});
    }
  } else if (prog == "huggingface-cli" || prog == "hf") {
    auto a = parse_args(words, p + 1,
                        {"--local-dir", "--cache-dir", "--revision", "--token", "--repo-type",
                         "--include", "--exclude"});
    if (auto d = option(a, {"--local-dir"})) out.push_back({*d, std::nullopt, false});
  }
  return out;
}

}  // namespace sagelint::knowledge

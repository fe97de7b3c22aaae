#include "knowledge/package_installs.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {
namespace {

bool in(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Operands after the subcommand, skipping options and the values of `value_options`.
std::vector<ShellWord> operands_after(const std::vector<ShellWord>& words, std::size_t first,
                                      std::initializer_list<std::string_view> subcommands,
                                      std::initializer_list<std::string_view> value_options) {
  std::vector<ShellWord> out;
  bool found = false;
  for (std::size_t k = first; k < words.size(); ++k) {
    const std::string& v = words[k].value;
    if (!v.empty() && v[0] == '-') {
      if (in(v, value_options)) ++k;
      continue;
    }
    if (!found) {
      if (in(v, subcommands)) found = true;
      // dnf module install NAME:STREAM
      if (v == "module") continue;
      if (!found) {
        // Any other first operand is another subcommand (update, remove, ...).
        return out;
      }
      continue;
    }
    out.push_back(words[k]);
  }
  return out;
}

// Options that make an install subcommand only fetch the packages: apt-get -d /
// --download-only / -o APT::Get::Download-Only=true, yum/dnf --downloadonly, zypper
// -d / --download-only / --download only. Downloading is not installing.
bool downloads_only(const std::vector<ShellWord>& words, std::size_t first,
                    std::string_view manager) {
  bool apt = in(manager, {"apt-get", "apt", "aptitude"});
  for (std::size_t k = first; k < words.size(); ++k) {
    const std::string& v = words[k].value;
    if (v.size() < 2 || v[0] != '-') continue;
    if (v == "--download-only" || v == "--downloadonly" || v == "--download=only") return true;
    if (v == "--download" && k + 1 < words.size() && words[k + 1].value == "only") return true;
    if (apt && (v == "-o" || v == "--option") && k + 1 < words.size()) {
      std::string option = words[k + 1].value;
      for (auto& c : option) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (option == "apt::get::download-only=true" || option == "apt::get::download-only=1") {
        return true;
      }
    }
    // A cluster of apt's short options (-d, -yd, -qqd).
    if (apt && v[1] != '-' && v.find('d') != std::string::npos) return true;
    if (manager == "zypper" && v == "-d") return true;
  }
  return false;
}

}  // namespace

std::vector<InstalledPackage> installed_packages(const ShellCommand& c) {
  std::vector<InstalledPackage> out;
  std::size_t p = program_index(c);
  if (p >= c.words.size()) return out;
  const auto& words = c.words;
  std::string_view prog = base_name(words[p].value);
  std::vector<ShellWord> names;
  if (in(prog, {"apt-get", "apt", "aptitude"})) {
    names = operands_after(
        words, p + 1, {"install", "reinstall"},
        {"-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"});
  } else if (in(prog, {"yum", "dnf", "microdnf", "tdnf", "dnf5"})) {
    names = operands_after(words, p + 1, {"install", "reinstall", "groupinstall", "localinstall"},
                           {"-x", "--exclude", "-d", "--debuglevel", "-e", "--errorlevel",
                            "--enablerepo", "--disablerepo", "--releasever", "--installroot", "-c",
                            "--config", "--repo", "--setopt", "-R", "--repofrompath"});
  } else if (prog == "zypper") {
    names = operands_after(words, p + 1, {"install", "in"},
                           {"-t", "--type", "-r", "--repo", "--root", "-R", "--from"});
  } else if (prog == "apk") {
    names = operands_after(words, p + 1, {"add"},
                           {"-t", "--virtual", "-X", "--repository", "--root", "-p",
                            "--repositories-file", "--arch", "--cache-dir", "--keys-dir"});
  } else if (prog == "dpkg") {
    bool install =
        std::any_of(words.begin() + static_cast<std::ptrdiff_t>(p) + 1, words.end(),
                    [](const ShellWord& w) { return w.value == "-i" || w.value == "--install"; });
    if (install) {
      for (std::size_t k = p + 1; k < words.size(); ++k) {
        if (!words[k].value.empty() && words[k].value[0] != '-') names.push_back(words[k]);
      }
    }
  } else if (prog == "rpm") {
    bool install = std::any_of(
        words.begin() + static_cast<std::ptrdiff_t>(p) + 1, words.end(), [](const ShellWord& w) {
          const std::string& v = w.value;
          return v.size() > 1 && v[0] == '-' && v[1] != '-' &&
                 (v.find('i') != std::string::npos || v.find('U') != std::string::npos);
        });
    if (install) {
      for (std::size_t k = p + 1; k < words.size(); ++k) {
        if (!words[k].value.empty() && words[k].value[0] != '-') names.push_back(words[k]);
      }
    }
  } else {
    return out;
  }
  if (downloads_only(words, p + 1, prog)) return out;
  for (auto& w : names) {
    bool file = ends_with(w.value, ".deb") || ends_with(w.value, ".rpm") ||
                w.value.find('/') != std::string::npos;
    out.push_back({std::move(w), std::string(prog), file});
  }
  return out;
}

std::vector<ExecutedInstaller> executed_runfiles(const ShellCommand& c) {
  std::vector<ExecutedInstaller> out;
  std::size_t p = program_index(c);
  if (p >= c.words.size()) return out;
  std::size_t file = p;
  if (is_shell_name(base_name(c.words[p].value))) {
    file = p + 1;
    while (file < c.words.size() && !c.words[file].value.empty() && c.words[file].value[0] == '-') {
      ++file;
    }
  }
  if (file >= c.words.size() || !ends_with(c.words[file].value, ".run")) return out;
  ExecutedInstaller installer{c.words[file], {}};
  for (std::size_t k = file + 1; k < c.words.size(); ++k) {
    const std::string& v = c.words[k].value;
    if (!v.empty() && v[0] == '-') installer.flags.push_back(v.substr(0, v.find('=')));
  }
  out.push_back(std::move(installer));
  return out;
}

std::string package_of_file(std::string_view file) {
  std::string_view base = base_name(file);
  for (std::string_view ext : {".deb", ".rpm"}) {
    if (ends_with(base, ext) && base.size() > ext.size()) base.remove_suffix(ext.size());
  }
  return std::string(base.substr(0, base.find('_')));
}

}  // namespace sagelint::knowledge

// Which file contents an image lint keeps while reading the layers. Only a few
// files are ever read by the image rules: the script the start command runs
// (SMP006) and the package databases (SMP020). Everything else is listed, never
// read, so memory grows with the number of entries and not with file sizes.
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "image/view.hpp"
#include "lint/engine.hpp"

namespace sagelint::lint {
namespace {

bool is_package_database(const std::string& path) {
  return path == "/var/lib/dpkg/status" || path.rfind("/var/lib/dpkg/status.d/", 0) == 0 ||
         path == "/lib/apk/db/installed";
}

std::string absolute_in(const std::string& word, const std::string& working_dir) {
  if (!word.empty() && word[0] == '/') return word;
  std::string dir = working_dir.empty() ? "/" : working_dir;
  if (dir.back() != '/') dir += '/';
  std::string path = word.rfind("./", 0) == 0 ? word.substr(2) : word;
  return dir + path;
}

// Every word of the start command that could name a script: argv elements and the
// words of a `-c` string, as absolute paths (relative ones against WorkingDir).
std::set<std::string> command_paths(const image::ImageConfig& config) {
  std::set<std::string> paths;
  // A bare program name is looked up on the image's PATH, as the runtime does.
  std::vector<std::string> search{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                  "/usr/bin", "/sbin", "/bin"};
  for (const auto& kv : config.env) {
    if (kv.rfind("PATH=", 0) != 0) continue;
    search.clear();
    std::size_t start = 5;
    while (start <= kv.size()) {
      auto colon = kv.find(':', start);
      auto dir = kv.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!dir.empty()) search.push_back(dir);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
  auto add_words = [&](const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ';' ||
                                 text[i] == '&' || text[i] == '|'))
        ++i;
      std::size_t start = i;
      while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == ';' ||
                                  text[i] == '&' || text[i] == '|'))
        ++i;
      if (i > start) {
        std::string word = text.substr(start, i - start);
        if (word.size() >= 2 && (word.front() == '"' || word.front() == '\'') &&
            word.back() == word.front())
          word = word.substr(1, word.size() - 2);
        if (word.empty() || word[0] == '-') continue;
        paths.insert(absolute_in(word, config.working_dir));
        if (word.find('/') == std::string::npos)
          for (const auto& dir : search) paths.insert(dir + "/" + word);
      }
    }
  };
  for (const auto* argv : {&config.entrypoint, &config.cmd}) {
    if (!*argv) continue;
    for (const auto& arg : **argv) add_words(arg);
  }
  return paths;
}

}  // namespace

image::ReadOptions image_read_options(const std::string& image_name, const std::string& platform,
                                      bool verify) {
  image::ReadOptions options;
  if (!image_name.empty()) options.image_name = image_name;
  if (!platform.empty()) options.platform = platform;
  options.verify = verify;
  // Layers may be decoded on several threads: the command's paths are computed
  // once, from the config the reader passes in.
  struct Shared {
    std::once_flag once;
    std::set<std::string> paths;
  };
  auto shared = std::make_shared<Shared>();
  options.want_content = [shared](const std::string& path, const image::ImageConfig& config) {
    if (is_package_database(path)) return true;
    std::call_once(shared->once, [&] { shared->paths = command_paths(config); });
    return shared->paths.count(path) > 0;
  };
  return options;
}

}  // namespace sagelint::lint

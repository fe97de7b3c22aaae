// libFuzzer target for the image reader: any bytes given as an image archive must
// give a view or a one-line error, never a crash, a hang, a sanitizer report or a
// write outside the fuzzer's private temp dir.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "image/view.hpp"

namespace {
const std::string& input_path() {
  static const std::string path = [] {
    char tmpl[] = "/tmp/sagelint-image-fuzz-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    if (!dir) abort();
    return std::string(dir) + "/input";
  }();
  return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sagelint::image;
  const std::string& path = input_path();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) abort();
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  (void)looks_like_image(path);
  ReadOptions opt;
  opt.verify = size % 2 == 0;  // both the hashing and the seeking paths
  opt.threads = 1 + static_cast<int>(size % 3 == 0);
  opt.max_content = 4096;
  opt.want_content = [](const std::string&, const ImageConfig&) { return true; };
  auto r = read_image(path, opt);
  if (auto* e = std::get_if<ReadError>(&r)) {
    if (e->message.empty() || e->message.find('\n') != std::string::npos) abort();
  } else {
    const ImageView& v = std::get<ImageView>(r);
    for (const auto& entry : v.files) {
      if (entry.path.empty() || entry.path[0] != '/') abort();
      (void)v.files.children(entry.path);
    }
  }
  return 0;
}

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "parser/parser.hpp"

namespace sagelint::parser {

namespace {
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;
}

LoadResult load_file(const std::string& path) {
  LoadResult r;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    r.error = errno == ENOENT   ? "no such file"
              : errno == EACCES ? "permission denied"
                                : std::strerror(errno);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    r.error = "is a directory";
    return r;
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > kMaxFileBytes) {
    r.error = "too large (" + std::to_string(st.st_size) + " bytes, limit 64 MiB)";
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.error = errno == EACCES ? "permission denied" : "cannot open";
    return r;
  }
  // Read in chunks so a FIFO or a file that grows cannot exceed the limit.
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    r.text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (r.text.size() > kMaxFileBytes) {
      r.text.clear();
      r.error = "too large (limit 64 MiB)";
      return r;
    }
  }
  if (in.bad()) {
    r.text.clear();
    r.error = "read error";
    return r;
  }
  const std::size_t nul = r.text.find('\0');
  if (nul != std::string::npos) {
    r.text.clear();
    r.error = "binary file (NUL byte at offset " + std::to_string(nul) + ")";
  }
  return r;
}

}  // namespace sagelint::parser

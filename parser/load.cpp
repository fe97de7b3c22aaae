#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "parser/parser.hpp"

namespace sagelint::parser {

namespace {
constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};
}  // namespace

// open + fstat + read rather than stat + ifstream: one path lookup per file and no
// stream (locale, buffers) per file, which showed in linting many small files.
LoadResult load_file(const std::string& path) {
  LoadResult r;
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    r.error = errno == ENOENT   ? "no such file"
              : errno == EACCES ? "permission denied"
              : errno == EISDIR ? "is a directory"
                                : std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    r.error = std::strerror(errno);
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
  if (S_ISREG(st.st_mode)) r.text.reserve(static_cast<std::size_t>(st.st_size));
  // Read in chunks so a FIFO or a file that grows cannot exceed the limit.
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.text.clear();
      r.error = "read error";
      return r;
    }
    if (n == 0) break;
    r.text.append(buf, static_cast<std::size_t>(n));
    if (r.text.size() > kMaxFileBytes) {
      r.text.clear();
      r.error = "too large (limit 64 MiB)";
      return r;
    }
  }
  const std::size_t nul = r.text.find('\0');
  if (nul != std::string::npos) {
    r.text.clear();
    r.error = "binary file (NUL byte at offset " + std::to_string(nul) + ")";
  }
  return r;
}

}  // namespace sagelint::parser

#include "runtime/exit_message.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sagelint::runtime {

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

ExitMessage collect_exit_message(const std::vector<std::filesystem::path>& output_dirs) {
  ExitMessage m;
  for (const auto& dir : output_dirs) {
    std::string path = (dir / "message").string();
    int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      if (errno != ENOENT) m.unreadable.push_back(dir.parent_path().filename().string());
      continue;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      m.unreadable.push_back(dir.parent_path().filename().string());
      close(fd);
      continue;
    }
    // Read it all to judge its encoding, in chunks: memory stays bounded by the chunk
    // plus what ExitMessage keeps. A code point split across chunks is carried over.
    std::string carry;
    char buf[65536];
    for (;;) {
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      m.total_size += static_cast<uint64_t>(n);
      std::string_view chunk(buf, static_cast<size_t>(n));
      if (m.text.size() < kExitMessageLimit)
        m.text.append(chunk.substr(0, kExitMessageLimit - m.text.size()));
      if (m.valid_utf8) {
        std::string part = carry + std::string(chunk);
        size_t cut = part.size();
        // Hold back an incomplete sequence at the end for the next chunk.
        for (size_t back = 1; back <= 3 && back <= part.size(); ++back) {
          unsigned char c = static_cast<unsigned char>(part[part.size() - back]);
          if ((c & 0xC0) == 0x80) continue;
          if (c >= 0xC0) cut = part.size() - back;
          break;
        }
        m.valid_utf8 = is_valid_utf8(std::string_view(part).substr(0, cut));
        carry = part.substr(cut);
      }
    }
    if (m.valid_utf8 && !carry.empty()) m.valid_utf8 = is_valid_utf8(carry);
    close(fd);
  }
  return m;
}

}  // namespace sagelint::runtime

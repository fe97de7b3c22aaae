#include "runtime/exit_message.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "image/hostfs.hpp"

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
    std::string host = dir.parent_path().filename().string();
    hostfs::UniqueFd dirfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dirfd) {
      m.unreadable.push_back({host, "/opt/ml/output cannot be opened: " + hostfs::errno_text()});
      continue;
    }
    auto read = hostfs::read_regular_file_prefix(dirfd.get(), "message", kExitMessageLimit + 3);
    if (auto* failed = std::get_if<hostfs::ReadFailure>(&read)) {
      if (failed->error != ENOENT) m.unreadable.push_back({host, failed->reason});
      continue;
    }
    const auto& prefix = std::get<hostfs::FilePrefix>(read);
    m.total_size += prefix.size;
    std::string_view bytes = prefix.bytes;
    if (m.text.size() < kExitMessageLimit)
      m.text.append(bytes.substr(0, kExitMessageLimit - m.text.size()));
    // Judge what was read; a sequence cut by the read limit (not by the end of the
    // file) is not an error.
    std::string_view judged = bytes;
    if (prefix.size > bytes.size()) {
      std::size_t cut = judged.size();
      for (std::size_t back = 1; back <= 3 && back <= judged.size(); ++back) {
        unsigned char c = static_cast<unsigned char>(judged[judged.size() - back]);
        if ((c & 0xC0) == 0x80) continue;
        if (c >= 0xC0) cut = judged.size() - back;
        break;
      }
      judged = judged.substr(0, cut);
    }
    if (!is_valid_utf8(judged)) m.valid_utf8 = false;
  }
  return m;
}

}  // namespace sagelint::runtime

#include "image/cache_eviction.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <vector>

#include "image/sha256.hpp"

namespace sagelint::image {
namespace fs = std::filesystem;

void evict_least_recent(const std::string& dir, uint64_t max_bytes) {
  struct Entry {
    fs::path path;
    uint64_t size;
    fs::file_time_type used;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  const auto now = fs::file_time_type::clock::now();
  for (const char* sub : {kLayerCacheSubdir, kManifestCacheSubdir, kResultCacheSubdir}) {
    std::error_code ec;
    for (fs::directory_iterator it(dir + "/" + sub, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code e2;
      if (!it->is_regular_file(e2)) continue;
      auto size = it->file_size(e2);
      auto used = it->last_write_time(e2);
      if (e2) continue;
      if (it->path().filename().string().find(".tmp.") != std::string::npos) {
        // Left behind by a process that died while writing.
        if (now - used > std::chrono::hours(1)) fs::remove(it->path(), e2);
        continue;
      }
      entries.push_back({it->path(), size, used});
      total += size;
    }
  }
  if (total <= max_bytes) return;
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  // Down to 90%, so the next few stores do not evict again.
  const uint64_t goal = max_bytes - max_bytes / 10;
  for (const auto& e : entries) {
    if (total <= goal) break;
    std::error_code e2;
    if (fs::remove(e.path, e2)) total -= e.size;
  }
}

std::optional<std::string> read_cache_entry(const std::string& path, uint64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(0, std::ios::end);
  auto size = static_cast<uint64_t>(in.tellg());
  if (!in || size > max_bytes) return std::nullopt;
  in.seekg(0);
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (!in) return std::nullopt;
  return data;
}

namespace {

constexpr std::size_t kSumLen = 7 + 64;  // "sha256:<hex>"

std::string sha256_of(std::string_view data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();
}

}  // namespace

std::string seal_cache_entry(std::string_view magic, const std::string& body) {
  std::string data;
  data.reserve(magic.size() + body.size() + kSumLen);
  data.append(magic).append(body).append(sha256_of(body));
  return data;
}

std::optional<std::string> unseal_cache_entry(const std::string& data, std::string_view magic) {
  if (data.size() < magic.size() + kSumLen || data.compare(0, magic.size(), magic) != 0)
    return std::nullopt;
  std::string body = data.substr(magic.size(), data.size() - magic.size() - kSumLen);
  if (data.compare(data.size() - kSumLen, kSumLen, sha256_of(body)) != 0) return std::nullopt;
  return body;
}

bool write_cache_entry(const std::string& path, const std::string& data) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::string tmp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(std::random_device{}());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  bool ok = done == data.size();
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace sagelint::image

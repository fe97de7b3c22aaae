#include "lint/result_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <variant>

#include "image/cache_eviction.hpp"
#include "image/sha256.hpp"
#include "lint/report_merge.hpp"

namespace sagelint::lint {
namespace {

// An entry: the magic line, the key line, a one-target JSON report holding the
// findings and the image summary (which layers were read), then the SHA-256 of the key line and the
// report.
constexpr char kMagic[] = "sagelint-result-cache 1\n";
constexpr std::size_t kSumLen = 7 + 64;           // "sha256:<hex>"
constexpr uint64_t kMaxEntryBytes = 64ull << 20;  // findings of one image
// The report in an entry names this target; load() names the findings after the caller's.
constexpr char kEntryTarget[] = "cached";

std::string sha256_of(const std::string& data) {
  image::Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();
}

}  // namespace

ResultCache::ResultCache(std::string dir, std::string salt, uint64_t max_bytes)
    : dir_(std::move(dir)), salt_(std::move(salt)), max_bytes_(max_bytes) {}

std::string ResultCache::key(const std::string& target, const image::ImageView& view,
                             const LintSettings& settings) const {
  if (view.config_digest.empty()) return "";
  nlohmann::json k;
  k["salt"] = salt_;
  k["target"] = target;
  k["config"] = view.config_digest;
  auto layers = nlohmann::json::array();
  for (const auto& l : view.layers) {
    if (l.digest.empty() || l.diff_id.empty()) return "";
    layers.push_back({l.digest, l.diff_id});
  }
  k["layers"] = std::move(layers);
  k["selected"] = settings.selected;
  k["ignored"] = settings.ignored;
  auto overrides = nlohmann::json::object();
  for (const auto& [rule, severity] : settings.overrides)
    overrides[rule] = static_cast<int>(severity);
  k["overrides"] = std::move(overrides);
  k["options"] = settings.rule_options;
  k["inline"] = settings.inline_ignores;
  k["threshold"] = static_cast<int>(settings.failure_threshold);
  return sha256_of(k.dump());
}

std::string ResultCache::path_for(const std::string& key) const {
  return dir_ + "/" + image::kResultCacheSubdir + "/" + key.substr(7);
}

std::optional<ResultCache::Known> ResultCache::load(const std::string& key,
                                                    const std::string& target) {
  if (key.size() != kSumLen) return std::nullopt;
  const std::string path = path_for(key);
  auto data = image::read_cache_entry(path, kMaxEntryBytes);
  if (!data) return std::nullopt;
  auto sealed = image::unseal_cache_entry(*data, kMagic);
  if (!sealed) return std::nullopt;
  const std::string& signed_part = *sealed;
  // The key is repeated in the entry: a file renamed to another key is not trusted.
  if (signed_part.compare(0, key.size() + 1, key + "\n") != 0) return std::nullopt;
  auto read = read_json_report(signed_part.substr(key.size() + 1), Severity::warning);
  auto* results = std::get_if<LintResults>(&read);
  if (!results || results->size() != 1 || (*results)[0].kind != TargetKind::image ||
      (*results)[0].error || !(*results)[0].image)
    return std::nullopt;
  Known known;
  known.findings = std::move((*results)[0].findings);
  for (auto& f : known.findings) f.target = target;
  for (const auto& l : (*results)[0].image->layers) known.layers_read.push_back(l.read);
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // least recently used: a hit is a use
  ++hits_;
  return known;
}

void ResultCache::store(const std::string& key, const TargetResult& result) {
  if (key.size() != kSumLen || result.error || result.kind != TargetKind::image || !result.image)
    return;
  TargetResult entry;
  entry.target = kEntryTarget;
  entry.kind = TargetKind::image;
  entry.findings = result.findings;
  entry.image = result.image;
  entry.image->bytes_read = 0;  // this run's, not the image's
  for (auto& f : entry.findings) f.target = kEntryTarget;
  std::ostringstream report;
  write_json_report(LintResults{entry}, report);
  const std::string signed_part = key + "\n" + report.str();
  const std::string data = image::seal_cache_entry(kMagic, signed_part);
  if (data.size() > kMaxEntryBytes || !image::write_cache_entry(path_for(key), data)) return;
  ++stores_;
  if ((since_evict_ += data.size()) >= max_bytes_ / 16) {
    since_evict_ = 0;
    image::evict_least_recent(dir_, max_bytes_);
  }
}

}  // namespace sagelint::lint

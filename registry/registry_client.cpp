#include "registry/registry_client.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "image/sha256.hpp"
#include "registry/cert_dir.hpp"
#include "registry/connection_pool.hpp"
#include "registry/plain_http_hosts.hpp"

namespace sagelint::registry {

namespace {

constexpr int kMaxRedirects = 10;

const char* kManifestAccept =
    "Accept: application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.v1+prettyjws;q=0.1, "
    "application/vnd.docker.distribution.manifest.v1+json;q=0.1";

std::string sha256_of(const std::string& data) {
  image::Sha256 h;
  h.update(data.data(), data.size());
  return h.digest();
}

std::string short_digest(const std::string& d) { return d.size() > 19 ? d.substr(0, 19) + "…" : d; }

// Printable ASCII only, one line, bounded: text from a server goes into one message.
std::string printable(const std::string& s, std::size_t max = 160) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max) {
      out += "…";
      break;
    }
    out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  }
  return out;
}

HttpSettings http_settings(const ImageTarget& t, const RegistryOptions& o) {
  HttpSettings h;
  h.tls = tls_settings_for(t.host, o.cert_dir, o.tls_verify);
  h.connect_timeout_seconds = o.connect_timeout_seconds;
  h.stall_timeout_seconds = o.stall_timeout_seconds;
  // SAGELINT_REGISTRY_TIMEOUT=SECONDS: the connect and stall timeouts, for slow links
  // (and for tests of a registry that stalls).
  if (const char* t = std::getenv("SAGELINT_REGISTRY_TIMEOUT"); t && std::atol(t) > 0)
    h.connect_timeout_seconds = h.stall_timeout_seconds = std::atol(t);
  h.attempts = o.attempts;
  h.connections = connection_pool_for(t.host);
  return h;
}

// Streams one blob, hashing it; the digest is checked at the end.
class BlobReader : public image::ByteReader {
 public:
  BlobReader(RegistryClient& client, std::string digest, uint64_t size,
             std::unique_ptr<HttpStream> stream, std::atomic<uint64_t>& counter)
      : client_(client),
        digest_(std::move(digest)),
        size_(size),
        stream_(std::move(stream)),
        counter_(counter) {}

  std::string verified_digest() const override { return digest_; }

  long read(void* buf, std::size_t n) override {
    if (failed_) return -1;
    if (finished_) return 0;
    for (;;) {
      long got = stream_->read(buf, n);
      if (got < 0) {
        // A dropped connection: ask again for the rest (Range), as skopeo does.
        if (resumes_left_-- > 0 && resume()) continue;
        return fail("blob " + short_digest(digest_) + ": truncated: the transfer failed after " +
                    std::to_string(received_) + (size_ ? " of " + std::to_string(size_) : "") +
                    " bytes (" + stream_->error() + ")");
      }
      if (got == 0) {
        if (size_ && received_ < size_)
          return fail("blob " + short_digest(digest_) +
                      ": truncated: " + std::to_string(received_) + " of " + std::to_string(size_) +
                      " bytes arrived");
        std::string actual = hash_.digest();
        if (actual != digest_)
          return fail("blob " + short_digest(digest_) + ": digest mismatch (" + client_.host() +
                      " sent bytes that hash to " + short_digest(actual) + ")");
        finished_ = true;  // verified: later reads see the end again
        return 0;
      }
      received_ += static_cast<uint64_t>(got);
      if (size_ && received_ > size_)
        return fail("blob " + short_digest(digest_) + ": more than the " + std::to_string(size_) +
                    " bytes the manifest declares");
      hash_.update(buf, static_cast<std::size_t>(got));
      counter_ += static_cast<uint64_t>(got);
      return got;
    }
  }

 private:
  long fail(std::string why) {
    failed_ = true;
    error_ = std::move(why);
    return -1;
  }

  bool resume() {
    auto r = client_.get("blobs/" + digest_, {"Range: bytes=" + std::to_string(received_) + "-"},
                         "blob " + short_digest(digest_));
    if (!std::holds_alternative<std::unique_ptr<HttpStream>>(r)) return false;
    auto next = std::move(std::get<std::unique_ptr<HttpStream>>(r));
    if (next->head().status == 200) {  // no range support: skip what we have
      uint64_t skip = received_;
      char tmp[65536];
      while (skip > 0) {
        long got = next->read(tmp, std::min<uint64_t>(skip, sizeof tmp));
        if (got <= 0) return false;
        skip -= static_cast<uint64_t>(got);
      }
    } else if (next->head().status != 206) {
      return false;
    }
    stream_ = std::move(next);
    return true;
  }

  RegistryClient& client_;
  std::string digest_;
  uint64_t size_;
  std::unique_ptr<HttpStream> stream_;
  std::atomic<uint64_t>& counter_;
  image::Sha256 hash_;
  uint64_t received_ = 0;
  int resumes_left_ = 3;
  bool failed_ = false;
  bool finished_ = false;
};

}  // namespace

RegistryClient::RegistryClient(const ImageTarget& target, const RegistryOptions& options)
    : target_(target),
      http_(http_settings(target, options)),
      auth_(target.host, options.credentials, http_) {
  // An earlier client of this run found the registry speaking plain HTTP: start there
  // (only --tls-verify=false allows it) instead of failing a TLS handshake again.
  if (!http_.tls.verify && known_plain_http(target_.api_host)) {
    scheme_ = "http";
    plain_http_tried_ = true;
  }
}

std::string RegistryClient::base_url() {
  std::lock_guard lock(mu_);
  return scheme_ + "://" + target_.api_host + "/v2/" + target_.repository + "/";
}

std::string RegistryClient::describe_failure(HttpStream& s, const std::string& what) {
  long status = s.head().status;
  std::string body;
  char buf[4096];
  for (long got; body.size() < 16384 && (got = s.read(buf, sizeof buf)) > 0;)
    body.append(buf, static_cast<std::size_t>(got));
  std::string detail;
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array() &&
      !doc["errors"].empty() && doc["errors"][0].is_object()) {
    const auto& e = doc["errors"][0];
    if (e.contains("code") && e["code"].is_string()) detail = e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string())
      detail += (detail.empty() ? "" : ": ") + e["message"].get<std::string>();
  }
  std::string prefix = target_.host + ": " + what + ": ";
  std::string tail = detail.empty() ? "" : " (" + auth_.redact(printable(detail)) + ")";
  if (status == 404)
    return prefix + "not found (no such repository, tag or digest: " + target_.name() + ")" + tail;
  if (status == 403) return prefix + "access denied (HTTP 403)" + tail;
  return prefix + "HTTP " + std::to_string(status) + tail;
}

std::variant<std::unique_ptr<HttpStream>, std::string> RegistryClient::get(
    const std::string& path, std::vector<std::string> headers, const std::string& what) {
  return get_url(base_url() + path, std::move(headers), what);
}

std::variant<std::unique_ptr<HttpStream>, std::string> RegistryClient::get_v2(
    const std::string& path, std::vector<std::string> headers, const std::string& what) {
  std::string root;
  {
    std::lock_guard lock(mu_);
    root = scheme_ + "://" + target_.api_host + "/v2/";
  }
  return get_url(root + path, std::move(headers), what);
}

std::variant<std::unique_ptr<HttpStream>, std::string> RegistryClient::get_url(
    std::string url, std::vector<std::string> headers, const std::string& what, bool head_only) {
  const std::string registry_origin = url_origin(url);
  bool answered = false;
  for (int hop = 0; hop <= kMaxRedirects; ++hop) {
    HttpRequest req{url, headers, head_only};
    // The registry's Authorization header goes to the registry only.
    const bool at_registry = url_origin(url) == registry_origin;
    std::string authz = at_registry ? auth_.header_for(target_.repository) : "";
    if (!authz.empty()) req.headers.push_back(authz);
    auto opened = HttpStream::open(req, http_);
    if (auto* err = std::get_if<std::string>(&opened)) {
      // --tls-verify=false also allows a registry that speaks plain HTTP, as skopeo does.
      bool tls_failed = err->find("TLS handshake failed") != std::string::npos;
      std::lock_guard lock(mu_);
      if (tls_failed && !http_.tls.verify && hop == 0 && !plain_http_tried_ && scheme_ == "https") {
        plain_http_tried_ = true;
        scheme_ = "http";
        remember_plain_http(target_.api_host);
        url = "http" + url.substr(5);
        --hop;
        continue;
      }
      return auth_.redact(*err);
    }
    auto stream = std::move(std::get<std::unique_ptr<HttpStream>>(opened));
    long status = stream->head().status;
    if (status == 401 && at_registry) {
      if (auto err = auth_.answer(stream->head().all("www-authenticate"), target_.repository,
                                  /*rejected=*/!authz.empty()))
        return *err;
      if (answered) return target_.host + ": " + what + ": authentication failed (HTTP 401)";
      answered = true;
      --hop;
      continue;
    }
    if (status >= 300 && status < 400 && !stream->head().redirect_url.empty()) {
      url = stream->head().redirect_url;
      if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
        return target_.host + ": " + what + ": redirected to a URL that is not http(s)";
      if (hop == kMaxRedirects)
        return target_.host + ": " + what + ": more than " + std::to_string(kMaxRedirects) +
               " redirects (a redirect loop), last to " + url_host(url);
      continue;
    }
    if (status >= 200 && status < 300) return stream;
    return describe_failure(*stream, what);
  }
  return target_.host + ": " + what + ": too many redirects";
}

std::variant<FetchedManifest, std::string> RegistryClient::manifest(const std::string& reference,
                                                                    uint64_t cap) {
  const std::string what =
      "manifest " + (reference.rfind("sha256:", 0) == 0 ? short_digest(reference) : reference);
  auto r = get("manifests/" + reference, {kManifestAccept}, what);
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  HttpStream& s = *std::get<std::unique_ptr<HttpStream>>(r);
  FetchedManifest m;
  m.media_type = s.head().header("content-type");
  if (auto semi = m.media_type.find(';'); semi != std::string::npos) m.media_type.resize(semi);
  char buf[65536];
  for (;;) {
    long got = s.read(buf, sizeof buf);
    if (got < 0) return target_.host + ": " + what + ": " + s.error();
    if (got == 0) break;
    if (m.body.size() + static_cast<uint64_t>(got) > cap)
      return target_.host + ": " + what + ": larger than the " + std::to_string(cap) +
             "-byte limit for a manifest";
    m.body.append(buf, static_cast<std::size_t>(got));
  }
  m.digest = sha256_of(m.body);
  if (reference.rfind("sha256:", 0) == 0) {
    if (m.digest != reference)
      return target_.host + ": " + what +
             ": digest mismatch (the registry sent a manifest that hashes to " +
             short_digest(m.digest) + ")";
  } else {
    std::string claimed = s.head().header("docker-content-digest");
    if (!claimed.empty() && claimed.rfind("sha256:", 0) == 0 && claimed != m.digest)
      return target_.host + ": " + what + ": digest mismatch (Docker-Content-Digest says " +
             short_digest(claimed) + ", the manifest hashes to " + short_digest(m.digest) + ")";
  }
  return m;
}

std::string RegistryClient::manifest_digest(const std::string& tag) {
  auto r = get_url(base_url() + "manifests/" + tag, {kManifestAccept}, "manifest " + tag,
                   /*head_only=*/true);
  if (!std::holds_alternative<std::unique_ptr<HttpStream>>(r)) return "";
  std::string digest =
      std::get<std::unique_ptr<HttpStream>>(r)->head().header("docker-content-digest");
  return digest.rfind("sha256:", 0) == 0 ? digest : "";
}

std::variant<FetchedBlob, std::string> RegistryClient::blob(const std::string& digest,
                                                            uint64_t size, uint64_t cap,
                                                            std::atomic<uint64_t>& counter) {
  if (size > cap)
    return "blob " + short_digest(digest) + ": " + std::to_string(size) +
           " bytes, larger than the " + std::to_string(cap) + "-byte limit";
  auto opened = open_blob(digest, size, counter);
  if (auto* err = std::get_if<std::string>(&opened)) return *err;
  auto& reader = *std::get<std::unique_ptr<image::ByteReader>>(opened);
  std::string out;
  char buf[65536];
  for (;;) {
    long got = reader.read(buf, sizeof buf);
    if (got < 0) return target_.host + ": " + reader.error();  // the reader names no host
    if (got == 0) break;
    if (out.size() + static_cast<uint64_t>(got) > cap)
      return "blob " + short_digest(digest) + ": larger than the " + std::to_string(cap) +
             "-byte limit";
    out.append(buf, static_cast<std::size_t>(got));
  }
  return FetchedBlob{std::move(out)};
}

std::variant<std::unique_ptr<image::ByteReader>, std::string> RegistryClient::open_blob(
    const std::string& digest, uint64_t size, std::atomic<uint64_t>& counter) {
  auto r = get("blobs/" + digest, {}, "blob " + short_digest(digest));
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  return std::unique_ptr<image::ByteReader>(std::make_unique<BlobReader>(
      *this, digest, size, std::move(std::get<std::unique_ptr<HttpStream>>(r)), counter));
}

}  // namespace sagelint::registry

// The OCI distribution API for one repository of one registry: manifests (negotiated
// by Accept, every one checked against its digest) and blobs (streamed, hashed on the
// way, checked at their end). Answers 401s through the Authorizer, follows redirects
// itself so the registry's Authorization header never goes to another host (ECR
// sends blob GETs to a presigned S3 URL), resumes a blob whose connection drops.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include "image/input.hpp"
#include "image/manifest_cache.hpp"
#include "registry/authorizer.hpp"
#include "registry/http_client.hpp"
#include "registry/image_target.hpp"

namespace sagelint::registry {

struct RegistryOptions {
  CredentialOptions credentials;
  std::string cert_dir;  // --cert-dir
  bool tls_verify = true;
  long connect_timeout_seconds = 30;
  long stall_timeout_seconds = 60;  // $SAGELINT_REGISTRY_TIMEOUT overrides
  int attempts = 4;
  // Manifests and configs by digest (--cache-dir); null: every run asks the registry.
  std::shared_ptr<image::ManifestCache> manifest_cache;
};

struct FetchedManifest {
  std::string body, media_type, digest;
};

struct FetchedBlob {
  std::string data;
};

class RegistryClient {
 public:
  RegistryClient(const ImageTarget& target, const RegistryOptions& options);

  // reference: a tag or a digest. cap: the largest manifest accepted.
  std::variant<FetchedManifest, std::string> manifest(const std::string& reference, uint64_t cap);
  // The digest a tag names now, from a HEAD request's Docker-Content-Digest (the manifest
  // cache's question); "" when the request fails or the registry does not say (the
  // caller then GETs the manifest, whose answer carries the reason of a failure).
  std::string manifest_digest(const std::string& tag);
  // A small blob (a config), whole and verified.
  std::variant<FetchedBlob, std::string> blob(const std::string& digest, uint64_t size,
                                              uint64_t cap, std::atomic<uint64_t>& counter);
  // A blob as a stream; its digest is checked when it is read to the end. size: as
  // the manifest declares it (0 = unknown).
  std::variant<std::unique_ptr<image::ByteReader>, std::string> open_blob(
      const std::string& digest, uint64_t size, std::atomic<uint64_t>& counter);

  const std::string& host() const { return target_.host; }
  const std::string& repository() const { return target_.repository; }

  // GET path below /v2/<repository>/ with auth and redirects; the final 2xx stream or
  // an error for anything else. Public for the blob reader's resumes.
  std::variant<std::unique_ptr<HttpStream>, std::string> get(const std::string& path,
                                                             std::vector<std::string> headers,
                                                             const std::string& what);
  // The same below /v2/ itself (the catalog: "_catalog?n=1000").
  std::variant<std::unique_ptr<HttpStream>, std::string> get_v2(const std::string& path,
                                                                std::vector<std::string> headers,
                                                                const std::string& what);

 private:
  std::variant<std::unique_ptr<HttpStream>, std::string> get_url(std::string url,
                                                                 std::vector<std::string> headers,
                                                                 const std::string& what,
                                                                 bool head_only = false);
  std::string base_url();
  std::string describe_failure(HttpStream& s, const std::string& what);

  ImageTarget target_;
  HttpSettings http_;
  Authorizer auth_;
  std::mutex mu_;
  std::string scheme_ = "https";
  bool plain_http_tried_ = false;
};

}  // namespace sagelint::registry

// A registry image as the image reader's Input: a virtual OCI layout whose index.json
// names the manifest the reference resolves to, and whose blobs/ are fetched from the
// registry when the reader asks for them (manifests from /manifests/, the rest from
// /blobs/). Only what the reader asks for is fetched: manifest and config for a
// config-only rule set, the layers too for the rest, each layer streamed. With a
// manifest cache, manifests and configs already seen come from it by digest (a tag
// still costs one HEAD request for its current digest; a digest reference none).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <variant>

#include "image/input.hpp"
#include "registry/image_target.hpp"
#include "registry/manifest_descriptors.hpp"
#include "registry/registry_client.hpp"

namespace sagelint::registry {

class RegistryInput : public image::Input {
 public:
  // Fetches the manifest the target names. Error: one line naming the host.
  static std::variant<std::shared_ptr<RegistryInput>, std::string> open(
      const ImageTarget& target, const RegistryOptions& options);

  bool has(const std::string& name) const override;
  std::variant<std::string, image::InputError> read_small(const std::string& name,
                                                          uint64_t cap) override;
  std::optional<uint64_t> size_of(const std::string& name) const override;
  bool random_access() const override { return true; }
  std::unique_ptr<image::ByteReader> open(const std::string& name) override;
  std::string kind() const override { return "registry"; }

  // The digest the reference resolved to (an index's, for a multi-platform tag).
  const std::string& top_digest() const { return top_.digest; }

 private:
  RegistryInput(const ImageTarget& target, const RegistryOptions& options);
  std::optional<std::string> learn(const std::string& body, const std::string& content_type,
                                   const std::string& what);
  const Descriptor* find(const std::string& name) const;

  ImageTarget target_;
  std::unique_ptr<RegistryClient> client_;
  std::shared_ptr<image::ManifestCache> cache_;  // null: everything from the registry
  FetchedManifest top_;
  mutable std::mutex mu_;
  std::map<std::string, Descriptor> known_;     // by member name "blobs/sha256/<hex>"
  std::map<std::string, std::string> fetched_;  // manifests already fetched, by member name
  std::string open_error_;                      // why the last open() returned nullptr
};

}  // namespace sagelint::registry

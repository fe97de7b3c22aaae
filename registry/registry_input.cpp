#include "registry/registry_input.hpp"

#include <nlohmann/json.hpp>

#include "image/manifest.hpp"
#include "registry/background_reader.hpp"

namespace sagelint::registry {

namespace {

// Manifests are small (registries refuse more than 4 MiB); configs may be larger.
constexpr uint64_t kMaxManifestBytes = 4u << 20;
// Fetched layer bytes queued ahead of the scanner, per layer in flight.
constexpr std::size_t kLayerReadAhead = 4u << 20;

}  // namespace

RegistryInput::RegistryInput(const ImageTarget& target, const RegistryOptions& options)
    : target_(target), client_(std::make_unique<RegistryClient>(target, options)) {}

std::variant<std::shared_ptr<RegistryInput>, std::string> RegistryInput::open(
    const ImageTarget& target, const RegistryOptions& options) {
  std::shared_ptr<RegistryInput> in(new RegistryInput(target, options));
  in->cache_ = options.manifest_cache;
  image::ManifestCache* cache = in->cache_.get();
  const std::string tag_ref = target.api_host + "/" + target.repository + ":" + target.tag;
  std::string last;  // the digest the tag named last time
  bool cached = false;
  if (cache && !target.digest.empty()) {
    // A digest names one manifest forever: a cached copy needs no request at all.
    if (auto doc = cache->load(target.digest)) {
      in->top_ = {std::move(doc->body), std::move(doc->media_type), target.digest};
      cached = true;
    }
  } else if (cache && !(last = cache->last_digest(tag_ref)).empty()) {
    // A tag can move: the registry says which digest it names now (HEAD), and the
    // manifest of that digest comes from the cache when it is there. Without a
    // Docker-Content-Digest answer, or never seen before, the GET below fetches it.
    std::string now = in->client_->manifest_digest(target.tag);
    if (!now.empty()) {
      if (auto doc = cache->load(now)) {
        in->top_ = {std::move(doc->body), std::move(doc->media_type), now};
        cached = true;
      }
    }
  }
  if (!cached) {
    auto m = in->client_->manifest(target.digest.empty() ? target.tag : target.digest,
                                   kMaxManifestBytes);
    if (auto* err = std::get_if<std::string>(&m)) return *err;
    in->top_ = std::move(std::get<FetchedManifest>(m));
    in->bytes_read += in->top_.body.size();
    if (cache) cache->store(in->top_.digest, {in->top_.body, in->top_.media_type});
  }
  if (cache && target.digest.empty() && last != in->top_.digest)
    cache->remember(tag_ref, in->top_.digest);
  std::string what =
      target.host + ": manifest " + (target.digest.empty() ? target.tag : target.digest);
  if (auto err = in->learn(in->top_.body, in->top_.media_type, what)) return *err;
  auto name = image::blob_name(in->top_.digest);
  Descriptor top{in->top_.digest, in->top_.media_type, in->top_.body.size(), true};
  in->known_[*name] = top;
  in->fetched_[*name] = in->top_.body;
  return in;
}

std::optional<std::string> RegistryInput::learn(const std::string& body,
                                                const std::string& content_type,
                                                const std::string& what) {
  auto info = describe_manifest(body, content_type, what);
  if (auto* err = std::get_if<std::string>(&info)) return *err;
  std::lock_guard lock(mu_);
  for (const auto& d : std::get<ManifestInfo>(info).children) {
    auto name = image::blob_name(d.digest);
    if (name && !known_.count(*name)) known_[*name] = d;
  }
  return std::nullopt;
}

const Descriptor* RegistryInput::find(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = known_.find(name);
  return it == known_.end() ? nullptr : &it->second;
}

bool RegistryInput::has(const std::string& name) const {
  return name == "index.json" || name == "oci-layout" || find(name) != nullptr;
}

std::optional<uint64_t> RegistryInput::size_of(const std::string& name) const {
  const Descriptor* d = find(name);
  if (!d) return std::nullopt;
  return d->size;
}

std::variant<std::string, image::InputError> RegistryInput::read_small(const std::string& name,
                                                                       uint64_t cap) {
  if (name == "oci-layout") return std::string(R"({"imageLayoutVersion":"1.0.0"})");
  if (name == "index.json") {
    nlohmann::json index = {{"schemaVersion", 2},
                            {"mediaType", "application/vnd.oci.image.index.v1+json"},
                            {"manifests",
                             {{{"mediaType", top_.media_type},
                               {"digest", top_.digest},
                               {"size", top_.body.size()},
                               {"annotations", {{"io.containerd.image.name", target_.name()}}}}}}};
    return index.dump();
  }
  const Descriptor* d = find(name);
  if (!d) return image::InputError{name + ": not referenced by the registry's manifests"};
  Descriptor desc = *d;
  if (desc.size > cap)
    return image::InputError{(desc.manifest ? "manifest " : "blob ") + desc.digest.substr(0, 19) +
                             "…: the descriptor declares " + std::to_string(desc.size) +
                             " bytes, larger than the " + std::to_string(cap) + "-byte limit"};
  {
    // The resolver and the config check both read the config: fetch it once.
    std::lock_guard lock(mu_);
    if (auto it = fetched_.find(name); it != fetched_.end()) return it->second;
  }
  // A platform's manifest or a config from the manifest cache: no request, no byte read.
  std::optional<image::ManifestCache::Document> doc;
  if (cache_ && (doc = cache_->load(desc.digest)) && doc->body.size() <= cap) {
    if (desc.manifest) {
      if (auto err = learn(doc->body, doc->media_type.empty() ? desc.media_type : doc->media_type,
                           target_.host + ": manifest " + desc.digest.substr(0, 19) + "…"))
        return image::InputError{*err};
    }
    std::lock_guard lock(mu_);
    fetched_[name] = std::move(doc->body);
    return fetched_[name];
  }
  if (desc.manifest) {
    auto m = client_->manifest(desc.digest, std::min<uint64_t>(cap, kMaxManifestBytes));
    if (auto* err = std::get_if<std::string>(&m)) return image::InputError{*err};
    auto& fm = std::get<FetchedManifest>(m);
    bytes_read += fm.body.size();
    if (auto err = learn(fm.body, fm.media_type.empty() ? desc.media_type : fm.media_type,
                         target_.host + ": manifest " + desc.digest.substr(0, 19) + "…"))
      return image::InputError{*err};
    if (cache_)
      cache_->store(desc.digest,
                    {fm.body, fm.media_type.empty() ? desc.media_type : fm.media_type});
    std::lock_guard lock(mu_);
    fetched_[name] = fm.body;
    return fm.body;
  }
  auto b = client_->blob(desc.digest, desc.size, cap, bytes_read);
  if (auto* err = std::get_if<std::string>(&b)) return image::InputError{*err};
  if (cache_) cache_->store(desc.digest, {std::get<FetchedBlob>(b).data, desc.media_type});
  std::lock_guard lock(mu_);
  fetched_[name] = std::get<FetchedBlob>(b).data;
  return fetched_[name];
}

std::unique_ptr<image::ByteReader> RegistryInput::open(const std::string& name) {
  const Descriptor* d = find(name);
  if (!d || d->manifest) return nullptr;
  Descriptor desc = *d;
  auto r = client_->open_blob(desc.digest, desc.size, bytes_read);
  if (auto* err = std::get_if<std::string>(&r)) {
    // The reader reports a missing blob; the registry's reason is better. A reader that
    // fails at once carries it.
    class Failed : public image::ByteReader {
     public:
      explicit Failed(std::string why) { error_ = std::move(why); }
      long read(void*, std::size_t) override { return -1; }
    };
    return std::make_unique<Failed>(*err);
  }
  // The transfer (socket, TLS, digest check) runs on its own thread while this one
  // decompresses and scans; the digest verdict still arrives as the stream's last read.
  return read_in_background(std::move(std::get<std::unique_ptr<image::ByteReader>>(r)),
                            kLayerReadAhead);
}

}  // namespace sagelint::registry

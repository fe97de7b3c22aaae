#include "image/manifest.hpp"

#include <algorithm>
#include <set>

#include "image/json_doc.hpp"

namespace sagelint::image {

namespace {
using json = nlohmann::json;

bool is_hex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// docker.io/library/foo:latest, library/foo, foo and foo:latest all name the same image.
std::string canonical_name(std::string n) {
  for (const char* prefix : {"docker.io/", "index.docker.io/"})
    if (n.rfind(prefix, 0) == 0) n = n.substr(std::char_traits<char>::length(prefix));
  if (n.rfind("library/", 0) == 0) n = n.substr(8);
  auto slash = n.rfind('/');
  auto colon = n.rfind(':');
  if (n.find('@') == std::string::npos &&
      (colon == std::string::npos || (slash != std::string::npos && colon < slash)))
    n += ":latest";
  return n;
}

struct Platform {
  std::string os, arch, variant;
  std::string str() const { return os + "/" + arch + (variant.empty() ? "" : "/" + variant); }
};

std::optional<Platform> parse_platform(const std::string& s) {
  Platform p;
  auto a = s.find('/');
  if (a == std::string::npos) return std::nullopt;
  p.os = s.substr(0, a);
  auto b = s.find('/', a + 1);
  p.arch = s.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos) p.variant = s.substr(b + 1);
  if (p.os.empty() || p.arch.empty()) return std::nullopt;
  return p;
}

bool platform_matches(const Platform& want, const Platform& have) {
  return want.os == have.os && want.arch == have.arch &&
         (want.variant.empty() || want.variant == have.variant);
}

std::variant<json, std::string> read_json(Input& in, const std::string& name,
                                          const std::string& what) {
  auto data = in.read_small(name, kMaxJsonBytes);
  if (auto* err = std::get_if<1>(&data)) return err->message;
  return parse_json_document(std::get<0>(data), what);
}

// Platform from a config blob, for images whose descriptors carry none.
std::optional<Platform> config_platform(Input& in, const std::string& config_blob) {
  auto doc = read_json(in, config_blob, config_blob);
  if (auto* j = std::get_if<json>(&doc))
    return Platform{json_string(*j, "os"), json_string(*j, "architecture"),
                    json_string(*j, "variant")};
  return std::nullopt;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::variant<ImageRef, std::string> from_docker_manifest(Input& in, const ReadOptions& opt) {
  auto doc = read_json(in, "manifest.json", "manifest.json");
  if (auto* err = std::get_if<std::string>(&doc)) return *err;
  const json& arr = std::get<json>(doc);
  if (!arr.is_array() || arr.empty())
    return std::string("manifest.json: not a non-empty array of images");
  std::optional<Platform> want_platform;
  if (opt.platform) {
    want_platform = parse_platform(*opt.platform);
    if (!want_platform) return "invalid --platform " + *opt.platform + " (want os/arch[/variant])";
  }
  struct Candidate {
    const json* entry;
    std::string label;
    std::string tag;
  };
  std::vector<Candidate> all, chosen;
  for (const auto& e : arr) {
    std::string config = json_string(e, "Config");
    if (config.empty()) return std::string("manifest.json: an image without Config");
    std::vector<std::string> tags;
    if (auto* t = json_field(e, "RepoTags", json::value_t::array))
      for (const auto& s : *t)
        if (s.is_string()) tags.push_back(s.get<std::string>());
    Candidate c{&e, tags.empty() ? config : join(tags), tags.empty() ? "" : tags.front()};
    all.push_back(c);
    bool ok = true;
    if (opt.image_name) {
      ok = std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
        return canonical_name(t) == canonical_name(*opt.image_name);
      });
      if (!ok && config.find(*opt.image_name) != std::string::npos && opt.image_name->size() >= 12)
        ok = true;
    }
    if (ok && want_platform) {
      auto name = member_name(config);
      auto p = name ? config_platform(in, *name) : std::nullopt;
      ok = p && platform_matches(*want_platform, *p);
      if (p) c.label += " (" + p->str() + ")";
    }
    if (ok) chosen.push_back(c);
  }
  std::vector<std::string> labels;
  for (const auto& c : all) labels.push_back(c.label);
  if (chosen.empty())
    return "no image matching " + (opt.image_name ? "--image " + *opt.image_name : std::string()) +
           (opt.platform
                ? std::string(opt.image_name ? " and " : "") + "--platform " + *opt.platform
                : "") +
           " in archive (it holds: " + join(labels) + ")";
  if (chosen.size() > 1) {
    labels.clear();
    for (const auto& c : chosen) labels.push_back(c.label);
    return "several images in archive: " + join(labels) + "; choose one with --image";
  }
  const json& e = *chosen.front().entry;
  ImageRef ref;
  ref.reference = chosen.front().tag;
  auto config = member_name(json_string(e, "Config"));
  if (!config)
    return "manifest.json: config path " + json_string(e, "Config") + " leaves the archive";
  ref.config_blob = *config;
  // <hex>.json (classic) and blobs/sha256/<hex> (Docker 25+) are named by the config digest.
  std::string base =
      config->substr(config->rfind('/') == std::string::npos ? 0 : config->rfind('/') + 1);
  if (base.size() >= 5 && base.substr(base.size() - 5) == ".json") base.resize(base.size() - 5);
  if (base.size() == 64 && is_hex(base)) ref.config_digest = "sha256:" + base;
  const json* layers = json_field(e, "Layers", json::value_t::array);
  if (!layers) return std::string("manifest.json: Layers is not an array");
  bool classic = false;
  for (const auto& l : *layers) {
    if (!l.is_string()) return std::string("manifest.json: Layers holds a non-string");
    auto name = member_name(l.get<std::string>());
    if (!name) return "manifest.json: layer path " + l.get<std::string>() + " leaves the archive";
    LayerRef lr;
    lr.blob = *name;
    if (name->rfind("blobs/sha256/", 0) == 0 && name->size() == 13 + 64 && is_hex(name->substr(13)))
      lr.digest = "sha256:" + name->substr(13);
    if (name->size() > 10 && name->substr(name->size() - 10) == "/layer.tar") classic = true;
    lr.size = in.size_of(*name).value_or(0);
    ref.layers.push_back(std::move(lr));
  }
  ref.shape = (in.has("index.json") && in.has("oci-layout")) ? "docker-save-oci"
              : classic                                      ? "docker-save"
                                                             : "docker-archive";
  return ref;
}

bool is_index_type(const std::string& mt) {
  return mt == "application/vnd.oci.image.index.v1+json" ||
         mt == "application/vnd.docker.distribution.manifest.list.v2+json";
}

struct OciCandidate {
  std::string manifest_digest;
  std::string index_digest;          // the nested index (manifest list) that listed it
  std::string ref_name, image_name;  // org.opencontainers.image.ref.name, io.containerd.image.name
  std::optional<Platform> platform;
  json manifest;
  std::string label() const {
    std::string n = !image_name.empty() ? image_name
                    : !ref_name.empty() ? ref_name
                                        : manifest_digest.substr(0, 19);
    return platform ? n + " (" + platform->str() + ")" : n;
  }
};

struct IndexWalk {
  Input& in;
  std::vector<OciCandidate> found;
  std::vector<std::string> missing;
  std::set<std::string> seen;

  std::optional<std::string> walk(const json& index, int depth, const std::string& ref_name,
                                  const std::string& image_name,
                                  const std::string& index_digest = "") {
    if (depth > 8) return std::string("index.json: indexes nested too deeply");
    const json* list = json_field(index, "manifests", json::value_t::array);
    if (!list) return std::nullopt;  // Docker 25.0 wrote "manifests": null for some saves
    for (const auto& d : *list) {
      if (!d.is_object()) continue;
      std::string digest = json_string(d, "digest");
      std::string mt = json_string(d, "mediaType");
      const json* ann = json_field(d, "annotations", json::value_t::object);
      std::string rn = ref_name, in_name = image_name;
      if (ann) {
        if (json_string(*ann, "vnd.docker.reference.type") == "attestation-manifest") continue;
        if (depth == 0) {
          rn = json_string(*ann, "org.opencontainers.image.ref.name");
          in_name = json_string(*ann, "io.containerd.image.name");
        }
      }
      std::optional<Platform> plat;
      if (const json* p = json_field(d, "platform", json::value_t::object)) {
        plat = Platform{json_string(*p, "os"), json_string(*p, "architecture"),
                        json_string(*p, "variant")};
        if (plat->os == "unknown" && plat->arch == "unknown") continue;
      }
      auto blob = blob_name(digest);
      if (!blob) return "index: invalid digest \"" + digest + "\"";
      if (!in.has(*blob)) {
        missing.push_back(digest);
        continue;
      }
      auto doc = read_json(in, *blob, "manifest " + digest);
      if (auto* err = std::get_if<std::string>(&doc)) return *err;
      json& m = std::get<json>(doc);
      std::string inner_mt = json_string(m, "mediaType");
      if (is_index_type(mt) || is_index_type(inner_mt) ||
          (inner_mt.empty() && m.contains("manifests"))) {
        if (!seen.insert(digest).second) continue;
        if (auto err = walk(m, depth + 1, rn, in_name, digest)) return err;
        continue;
      }
      if (!m.contains("layers") && !m.contains("config"))
        continue;  // unknown kind: not an error (image-spec)
      if (std::any_of(found.begin(), found.end(),
                      [&](const OciCandidate& c) { return c.manifest_digest == digest; }))
        continue;
      found.push_back(OciCandidate{digest, index_digest, rn, in_name, plat, std::move(m)});
    }
    return std::nullopt;
  }
};

std::variant<ImageRef, std::string> from_oci_index(Input& in, const ReadOptions& opt) {
  auto doc = read_json(in, "index.json", "index.json");
  if (auto* err = std::get_if<std::string>(&doc)) return *err;
  std::optional<Platform> want_platform;
  if (opt.platform) {
    want_platform = parse_platform(*opt.platform);
    if (!want_platform) return "invalid --platform " + *opt.platform + " (want os/arch[/variant])";
  }
  IndexWalk w{in, {}, {}, {}};
  if (auto err = w.walk(std::get<json>(doc), 0, "", "")) return *err;
  std::vector<OciCandidate*> chosen;
  for (auto& c : w.found) {
    if (!c.platform || c.platform->os.empty()) {
      const json* cfg = json_field(c.manifest, "config", json::value_t::object);
      auto blob = cfg ? blob_name(json_string(*cfg, "digest")) : std::nullopt;
      if (blob) {
        auto p = config_platform(in, *blob);
        if (p && p->os == "unknown") continue;
        if (p) c.platform = p;
      }
    }
    bool ok = true;
    if (opt.image_name)
      ok = *opt.image_name == c.ref_name || *opt.image_name == c.manifest_digest ||
           (!c.image_name.empty() &&
            canonical_name(*opt.image_name) == canonical_name(c.image_name));
    if (ok && want_platform) ok = c.platform && platform_matches(*want_platform, *c.platform);
    if (ok) chosen.push_back(&c);
  }
  // One multi-platform image and no --platform: linux/amd64, the architecture of every
  // Processing instance; an index without it gives its first platform (SMP040 judges).
  std::vector<std::string> platforms;
  for (const auto& c : w.found)
    if (c.platform) platforms.push_back(c.platform->str());
  bool defaulted = false;
  if (!want_platform && chosen.size() > 1) {
    std::set<std::string> distinct;
    bool multi_platform = true;
    for (const auto* c : chosen) {
      multi_platform = multi_platform && c->platform &&
                       c->image_name == chosen.front()->image_name &&
                       c->ref_name == chosen.front()->ref_name;
      if (c->platform) distinct.insert(c->platform->str());
    }
    if (multi_platform && distinct.size() == chosen.size()) {
      std::vector<OciCandidate*> amd64;
      for (auto* c : chosen)
        if (platform_matches(Platform{"linux", "amd64", ""}, *c->platform)) amd64.push_back(c);
      if (amd64.size() == 1) {
        chosen = amd64;
      } else if (amd64.empty()) {
        // erase, not resize(1): g++ 12 at -O3 warns (-Warray-bounds) about resize's
        // growing path, which a shrink never takes (GCC -Warray-bounds meta-bug 56456).
        chosen.erase(chosen.begin() + 1, chosen.end());
        defaulted = true;
      }
    }
  }
  std::vector<std::string> labels;
  if (chosen.empty()) {
    if (!w.missing.empty() && w.found.empty())
      return "index.json: blob " + w.missing.front() + " missing";
    for (const auto& c : w.found) labels.push_back(c.label());
    if (labels.empty()) return std::string("index.json: no image manifest");
    return "no image matching " + (opt.image_name ? "--image " + *opt.image_name : std::string()) +
           (opt.platform
                ? std::string(opt.image_name ? " and " : "") + "--platform " + *opt.platform
                : "") +
           " (it holds: " + join(labels) + ")";
  }
  if (chosen.size() > 1) {
    for (const auto* c : chosen) labels.push_back(c->label());
    return "several images in " + std::string(in.kind() == "directory" ? "layout" : "archive") +
           ": " + join(labels) + "; choose one with --image or --platform";
  }
  const OciCandidate& c = *chosen.front();
  ImageRef ref;
  ref.shape = in.kind() == "directory"                              ? "oci-layout"
              : in.kind() == "tar" || in.kind() == "compressed tar" ? "oci-archive"
                                                                    : in.kind();
  ref.reference = !c.image_name.empty() ? c.image_name : c.ref_name;
  ref.manifest_digest = c.manifest_digest;
  ref.index_digest = c.index_digest;
  if (platforms.size() > 1 || defaulted) ref.index_platforms = platforms;
  ref.platform_defaulted = defaulted;
  const json* cfg = json_field(c.manifest, "config", json::value_t::object);
  if (!cfg) return "manifest " + c.manifest_digest + ": no config descriptor";
  ref.config_digest = json_string(*cfg, "digest");
  auto cblob = blob_name(ref.config_digest);
  if (!cblob)
    return "manifest " + c.manifest_digest + ": invalid config digest \"" + ref.config_digest +
           "\"";
  ref.config_blob = *cblob;
  if (const json* layers = json_field(c.manifest, "layers", json::value_t::array)) {
    for (const auto& l : *layers) {
      LayerRef lr;
      lr.digest = json_string(l, "digest");
      lr.media_type = json_string(l, "mediaType");
      if (const json* s = json_field(l, "size", json::value_t::number_unsigned))
        lr.size = s->get<uint64_t>();
      auto b = blob_name(lr.digest);
      if (!b)
        return "manifest " + c.manifest_digest + ": invalid layer digest \"" + lr.digest + "\"";
      lr.blob = *b;
      ref.layers.push_back(std::move(lr));
    }
  }
  return ref;
}

}  // namespace

std::optional<std::string> blob_name(const std::string& digest) {
  auto colon = digest.find(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string alg = digest.substr(0, colon), hex = digest.substr(colon + 1);
  if (!((alg == "sha256" && hex.size() == 64) || (alg == "sha512" && hex.size() == 128)) ||
      !is_hex(hex))
    return std::nullopt;
  return "blobs/" + alg + "/" + hex;
}

std::variant<ImageRef, std::string> resolve_image(Input& in, const ReadOptions& options) {
  if (in.has("manifest.json")) return from_docker_manifest(in, options);
  if (in.has("index.json")) return from_oci_index(in, options);
  return std::string("not an image: no manifest.json or index.json");
}

}  // namespace sagelint::image

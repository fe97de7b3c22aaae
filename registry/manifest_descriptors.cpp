#include "registry/manifest_descriptors.hpp"

#include "image/json_doc.hpp"
#include "image/manifest.hpp"

namespace sagelint::registry {

namespace {
using json = nlohmann::json;

bool is_index_type(const std::string& mt) {
  return mt == "application/vnd.oci.image.index.v1+json" ||
         mt == "application/vnd.docker.distribution.manifest.list.v2+json";
}

std::variant<Descriptor, std::string> descriptor(const json& d, const std::string& what,
                                                 const char* role) {
  if (!d.is_object()) return what + ": a " + std::string(role) + " descriptor is not an object";
  Descriptor out;
  out.digest = image::json_string(d, "digest");
  out.media_type = image::json_string(d, "mediaType");
  if (!image::blob_name(out.digest))
    return what + ": a " + std::string(role) + " descriptor has an invalid digest";
  auto it = d.find("size");
  if (it == d.end() || !it->is_number_unsigned())
    return what + ": the " + std::string(role) + " descriptor " + out.digest.substr(0, 19) +
           "… has no valid size";
  out.size = it->get<uint64_t>();
  return out;
}

}  // namespace

std::variant<ManifestInfo, std::string> describe_manifest(const std::string& body,
                                                          const std::string& content_type,
                                                          const std::string& what) {
  auto parsed = image::parse_json_document(body, what);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  const json& doc = std::get<json>(parsed);
  if (!doc.is_object()) return what + ": not a JSON object";
  ManifestInfo info;
  info.media_type = image::json_string(doc, "mediaType");
  if (info.media_type.empty()) info.media_type = content_type;
  auto version = doc.find("schemaVersion");
  if ((version != doc.end() && version->is_number_integer() && version->get<int64_t>() == 1) ||
      info.media_type.find("distribution.manifest.v1+") != std::string::npos)
    return what +
           ": a Docker schema 1 manifest (deprecated since 2017, no config or layer digests to "
           "verify); push the image again with a current Docker, podman or skopeo";
  if (version == doc.end() || !version->is_number_integer() || version->get<int64_t>() != 2)
    return what + ": not a schema 2 manifest (schemaVersion is not 2)";
  const json* list = image::json_field(doc, "manifests", json::value_t::array);
  info.index = is_index_type(info.media_type) || (list && !doc.contains("config"));
  if (info.index) {
    if (!list) return what + ": an index without a manifests list";
    for (const auto& d : *list) {
      auto r = descriptor(d, what, "manifest");
      if (auto* err = std::get_if<std::string>(&r)) return *err;
      auto desc = std::get<Descriptor>(r);
      desc.manifest = true;
      info.children.push_back(std::move(desc));
    }
    return info;
  }
  const json* cfg = image::json_field(doc, "config", json::value_t::object);
  if (!cfg) return what + ": an image manifest without a config descriptor";
  auto c = descriptor(*cfg, what, "config");
  if (auto* err = std::get_if<std::string>(&c)) return *err;
  info.children.push_back(std::get<Descriptor>(c));
  if (const json* layers = image::json_field(doc, "layers", json::value_t::array)) {
    for (const auto& l : *layers) {
      auto r = descriptor(l, what, "layer");
      if (auto* err = std::get_if<std::string>(&r)) return *err;
      info.children.push_back(std::get<Descriptor>(r));
    }
  }
  return info;
}

}  // namespace sagelint::registry

#include "registry/image_source.hpp"

#include <sys/stat.h>

#include "image/image_config.hpp"
#include "registry/docker_engine.hpp"
#include "registry/image_target.hpp"
#include "registry/registry_input.hpp"

namespace sagelint::registry {

namespace {

using json = nlohmann::json;

// The config document an inspect answer describes (the fields the rules read).
std::string config_from_inspect(const json& inspect) {
  json cfg = json::object();
  for (auto [from, to] : {std::pair{"Architecture", "architecture"}, std::pair{"Os", "os"},
                          std::pair{"Variant", "variant"}}) {
    auto it = inspect.find(from);
    if (it != inspect.end() && it->is_string()) cfg[to] = *it;
  }
  if (auto it = inspect.find("Config"); it != inspect.end() && it->is_object()) cfg["config"] = *it;
  json diff_ids = json::array();
  if (auto rootfs = inspect.find("RootFS"); rootfs != inspect.end() && rootfs->is_object())
    if (auto layers = rootfs->find("Layers"); layers != rootfs->end() && layers->is_array())
      diff_ids = *layers;
  cfg["rootfs"] = {{"type", "layers"}, {"diff_ids", diff_ids}};
  return cfg.dump();
}

std::string string_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

image::ReadResult read_from_daemon(const std::string& target, const ImageTarget& t,
                                   const SourceOptions& options) {
  auto engine = DockerEngine::from_environment();
  if (auto* err = std::get_if<std::string>(&engine)) return image::ReadError{*err};
  DockerEngine& docker = std::get<DockerEngine>(engine);
  auto inspected = docker.inspect(t.daemon_name);
  if (auto* err = std::get_if<std::string>(&inspected)) return image::ReadError{*err};
  const json& inspect = std::get<json>(inspected);
  auto parsed = image::parse_image_config(config_from_inspect(inspect), "image inspect");
  if (auto* err = std::get_if<std::string>(&parsed)) return image::ReadError{*err};
  image::ParsedConfig& pc = std::get<image::ParsedConfig>(parsed);
  if (!options.read.read_layers) {
    // Config-only rules: the inspect call is all that is asked of the engine.
    image::ImageView view;
    view.source = target;
    view.reference = t.daemon_name;
    view.shape = "docker-daemon";
    view.config_digest = string_of(inspect, "Id");
    if (auto it = inspect.find("RepoDigests");
        it != inspect.end() && it->is_array() && !it->empty() && (*it)[0].is_string()) {
      std::string rd = (*it)[0].get<std::string>();
      if (auto at = rd.find('@'); at != std::string::npos) view.manifest_digest = rd.substr(at + 1);
    }
    view.config = std::move(pc.config);
    for (std::size_t i = 0; i < pc.diff_ids.size(); ++i) {
      image::Layer l;
      l.index = static_cast<int>(i);
      l.digest = l.diff_id = pc.diff_ids[i];
      view.layers.push_back(std::move(l));
    }
    return view;
  }
  auto stream = docker.save(t.daemon_name);
  if (auto* err = std::get_if<std::string>(&stream)) return image::ReadError{*err};
  auto view = image::read_image_stream(*std::get<std::unique_ptr<image::ByteReader>>(stream),
                                       target, options.read, pc.config);
  if (auto* v = std::get_if<image::ImageView>(&view)) {
    v->shape = "docker-daemon";
    if (v->reference.empty()) v->reference = t.daemon_name;
  }
  return view;
}

std::optional<std::string> check_local_kind(const ImageTarget& t) {
  struct stat st {};
  if (::stat(t.path.c_str(), &st) != 0) return t.path + ": no such file or directory";
  if (t.transport == Transport::oci_layout && !S_ISDIR(st.st_mode))
    return t.path + ": oci: names an OCI layout directory, and this is a file";
  if (t.transport != Transport::oci_layout && S_ISDIR(st.st_mode))
    return t.path + ": is a directory; use oci:" + t.path + " for an OCI layout";
  return std::nullopt;
}

}  // namespace

bool is_daemon_target(const std::string& target) {
  auto parsed = parse_image_target(target);
  return parsed && std::holds_alternative<ImageTarget>(*parsed) &&
         std::get<ImageTarget>(*parsed).transport == Transport::daemon;
}

image::ReadResult read_image_target(const std::string& target, const SourceOptions& options) {
  auto parsed = parse_image_target(target);
  if (!parsed) return image::read_image(target, options.read);
  if (auto* err = std::get_if<std::string>(&*parsed)) return image::ReadError{*err};
  const ImageTarget& t = std::get<ImageTarget>(*parsed);
  switch (t.transport) {
    case Transport::registry: {
      auto in = RegistryInput::open(t, options.registry);
      if (auto* err = std::get_if<std::string>(&in)) return image::ReadError{*err};
      return image::read_image(std::get<std::shared_ptr<RegistryInput>>(in), target, options.read);
    }
    case Transport::daemon: return read_from_daemon(target, t, options);
    case Transport::oci_layout:
    case Transport::oci_archive:
    case Transport::docker_archive: {
      if (auto err = check_local_kind(t)) return image::ReadError{*err};
      image::ReadOptions read = options.read;
      if (!t.ref.empty()) read.image_name = t.ref;
      return image::read_image(t.path, read);
    }
  }
  return image::ReadError{"unknown transport"};
}

std::optional<std::string> unpack_image_target(const std::string& target,
                                               const std::string& dest_dir,
                                               const image::UnpackOptions& unpack,
                                               const RegistryOptions& registry) {
  auto parsed = parse_image_target(target);
  if (!parsed) return image::unpack_rootfs(target, dest_dir, unpack);
  if (auto* err = std::get_if<std::string>(&*parsed)) return *err;
  const ImageTarget& t = std::get<ImageTarget>(*parsed);
  switch (t.transport) {
    case Transport::registry: {
      auto in = RegistryInput::open(t, registry);
      if (auto* err = std::get_if<std::string>(&in)) return *err;
      return image::unpack_rootfs(std::get<std::shared_ptr<RegistryInput>>(in), dest_dir, unpack);
    }
    case Transport::daemon:
      return std::string("a docker-daemon: image runs on the Docker runtime (--runtime docker)");
    default: {
      if (auto err = check_local_kind(t)) return err;
      image::UnpackOptions u = unpack;
      if (!t.ref.empty()) u.read.image_name = t.ref;
      return image::unpack_rootfs(t.path, dest_dir, u);
    }
  }
}

}  // namespace sagelint::registry

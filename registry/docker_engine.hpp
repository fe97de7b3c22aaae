// The local Docker Engine's API (the socket of DOCKER_HOST, else /var/run/docker.sock):
// image inspect for the config, and the image export (`docker save`) as a stream.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "image/input.hpp"
#include "registry/http_client.hpp"

namespace sagelint::registry {

class DockerEngine {
 public:
  // From DOCKER_HOST (unix:///path or tcp://host:port), else the default socket.
  static std::variant<DockerEngine, std::string> from_environment();

  // GET /images/NAME/json. Error: one line ("no such image", "not reachable").
  std::variant<nlohmann::json, std::string> inspect(const std::string& name);
  // GET /images/NAME/get: the image as a docker save tar, streamed.
  std::variant<std::unique_ptr<image::ByteReader>, std::string> save(const std::string& name);

  const std::string& label() const { return label_; }  // "unix:///var/run/docker.sock"

 private:
  DockerEngine() = default;
  std::variant<std::unique_ptr<HttpStream>, std::string> get(const std::string& path,
                                                             const std::string& name);
  HttpSettings http_;
  std::string base_url_, label_;
};

}  // namespace sagelint::registry

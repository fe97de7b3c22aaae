#include "registry/docker_engine.hpp"

#include <cstdlib>

namespace sagelint::registry {

namespace {

class StreamReader : public image::ByteReader {
 public:
  explicit StreamReader(std::unique_ptr<HttpStream> s) : s_(std::move(s)) {}
  long read(void* buf, std::size_t n) override {
    long got = s_->read(buf, n);
    if (got < 0) error_ = s_->error();
    return got;
  }

 private:
  std::unique_ptr<HttpStream> s_;
};

}  // namespace

std::variant<DockerEngine, std::string> DockerEngine::from_environment() {
  DockerEngine e;
  const char* env = std::getenv("DOCKER_HOST");
  std::string host = env && *env ? env : "unix:///var/run/docker.sock";
  if (host.rfind("unix://", 0) == 0) {
    e.http_.unix_socket = host.substr(7);
    e.base_url_ = "http://docker";
  } else if (host.rfind("tcp://", 0) == 0) {
    if (const char* tls = std::getenv("DOCKER_TLS_VERIFY"); tls && *tls)
      return "DOCKER_HOST " + host +
             " with DOCKER_TLS_VERIFY is not supported; use its unix socket";
    e.base_url_ = "http://" + host.substr(6);
  } else {
    return "DOCKER_HOST " + host + " is not unix:///PATH or tcp://HOST:PORT";
  }
  e.label_ = host;
  // Exporting a big image takes the engine a while before the first byte.
  e.http_.stall_timeout_seconds = 300;
  e.http_.attempts = 1;
  return e;
}

std::variant<std::unique_ptr<HttpStream>, std::string> DockerEngine::get(const std::string& path,
                                                                         const std::string& name) {
  auto r = HttpStream::open(HttpRequest{base_url_ + path, {}, false}, http_);
  if (auto* err = std::get_if<std::string>(&r))
    return "the Docker Engine at " + label_ + " is not reachable (" + *err + ")";
  auto s = std::move(std::get<std::unique_ptr<HttpStream>>(r));
  long status = s->head().status;
  if (status == 200) return s;
  std::string body;
  char buf[4096];
  for (long got; body.size() < 8192 && (got = s->read(buf, sizeof buf)) > 0;)
    body.append(buf, static_cast<std::size_t>(got));
  auto doc = nlohmann::json::parse(body, nullptr, false);
  std::string message = doc.is_object() && doc.contains("message") && doc["message"].is_string()
                            ? doc["message"].get<std::string>()
                            : "";
  for (char& c : message)
    if (c < 0x20) c = ' ';
  if (message.size() > 200) message = message.substr(0, 200) + "…";
  if (status == 404) return "no such image in the Docker Engine at " + label_ + ": " + name;
  return "the Docker Engine answered HTTP " + std::to_string(status) +
         (message.empty() ? "" : " (" + message + ")");
}

std::variant<nlohmann::json, std::string> DockerEngine::inspect(const std::string& name) {
  auto r = get("/images/" + name + "/json", name);
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  auto& s = *std::get<std::unique_ptr<HttpStream>>(r);
  std::string body;
  char buf[65536];
  for (;;) {
    long got = s.read(buf, sizeof buf);
    if (got < 0) return s.error();
    if (got == 0) break;
    if (body.size() > (64u << 20)) return std::string("image inspect answer too large");
    body.append(buf, static_cast<std::size_t>(got));
  }
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return std::string("the Docker Engine's image inspect answer is not JSON");
  return doc;
}

std::variant<std::unique_ptr<image::ByteReader>, std::string> DockerEngine::save(
    const std::string& name) {
  auto r = get("/images/" + name + "/get", name);
  if (auto* err = std::get_if<std::string>(&r)) return *err;
  return std::unique_ptr<image::ByteReader>(
      std::make_unique<StreamReader>(std::move(std::get<std::unique_ptr<HttpStream>>(r))));
}

}  // namespace sagelint::registry

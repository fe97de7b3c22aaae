#include "registry/image_target.hpp"

#include <cctype>

namespace sagelint::registry {

namespace {

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

bool valid_host(const std::string& h) {
  if (h.empty() || h.size() > 255) return false;
  std::string name = h, port;
  if (h.front() == '[') {  // [ipv6]:port
    auto close = h.find(']');
    if (close == std::string::npos) return false;
    if (close + 1 < h.size()) {
      if (h[close + 1] != ':') return false;
      port = h.substr(close + 2);
      if (port.empty()) return false;
    }
    name = h.substr(1, close - 1);
    for (char c : name)
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.')) return false;
  } else {
    auto colon = h.find(':');
    if (colon != std::string::npos) {
      port = h.substr(colon + 1);
      name = h.substr(0, colon);
      if (port.empty()) return false;
    }
    if (name.empty()) return false;
    for (char c : name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-')) return false;
  }
  for (char c : port)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return port.size() <= 5;
}

// distribution's reference grammar, simplified: lower-case components separated by
// '/', each starting and ending with a letter or digit, with '.', '_' and '-' inside.
bool valid_repository(const std::string& r) {
  if (r.empty() || r.size() > 255) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  std::size_t start = 0;
  for (;;) {
    std::size_t end = r.find('/', start);
    std::string comp = r.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (comp.empty() || !alnum(comp.front()) || !alnum(comp.back())) return false;
    for (char c : comp)
      if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

bool valid_tag(const std::string& t) {
  if (t.empty() || t.size() > 128) return false;
  if (!(std::isalnum(static_cast<unsigned char>(t[0])) || t[0] == '_')) return false;
  for (char c : t)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

bool valid_digest(const std::string& d) {
  if (!starts_with(d, "sha256:") || d.size() != 7 + 64) return false;
  for (std::size_t i = 7; i < d.size(); ++i)
    if (!((d[i] >= '0' && d[i] <= '9') || (d[i] >= 'a' && d[i] <= 'f'))) return false;
  return true;
}

std::variant<ImageTarget, std::string> parse_registry(const std::string& rest) {
  ImageTarget t;
  t.transport = Transport::registry;
  auto slash = rest.find('/');
  if (rest.empty()) return std::string("no image name after docker://");
  std::string first = rest.substr(0, slash);
  bool has_host = slash != std::string::npos &&
                  (first.find('.') != std::string::npos || first.find(':') != std::string::npos ||
                   first == "localhost" || first.front() == '[');
  std::string path;
  if (has_host) {
    t.host = first;
    path = rest.substr(slash + 1);
    if (path.empty())
      return "docker://" + t.host +
             "/ names every repository of the registry (lint expands it; here name one)";
  } else {
    t.host = "docker.io";  // Docker's normalisation: ubuntu = docker.io/library/ubuntu
    path = rest;
  }
  if (!valid_host(t.host)) return "\"" + t.host + "\" is not a valid registry host[:port]";
  auto at = path.find('@');
  if (at != std::string::npos) {
    t.digest = path.substr(at + 1);
    path = path.substr(0, at);
    if (!valid_digest(t.digest))
      return "\"" + t.digest + "\" is not a digest (sha256: and 64 lower-case hex digits)";
  }
  auto colon = path.rfind(':');
  if (colon != std::string::npos && path.find('/', colon) == std::string::npos) {
    t.tag = path.substr(colon + 1);
    path = path.substr(0, colon);
    if (!valid_tag(t.tag)) return "\"" + t.tag + "\" is not a valid tag";
  }
  if (t.host == "docker.io" && path.find('/') == std::string::npos) path = "library/" + path;
  if (!valid_repository(path))
    return "\"" + path + "\" is not a valid repository name (lower-case letters, digits, . _ - /)";
  t.repository = path;
  if (t.tag.empty() && t.digest.empty()) t.tag = "latest";
  t.api_host = t.host == "docker.io" ? "registry-1.docker.io" : t.host;
  return t;
}

// FILE[:REF]: as skopeo, the path ends at the first ':' (paths with ':' cannot be named).
void split_ref(const std::string& rest, ImageTarget& t) {
  auto colon = rest.find(':');
  t.path = rest.substr(0, colon);
  if (colon != std::string::npos) t.ref = rest.substr(colon + 1);
}

}  // namespace

std::string ImageTarget::name() const {
  return host + "/" + repository + (digest.empty() ? ":" + tag : "@" + digest);
}

bool has_transport_prefix(const std::string& text) {
  for (const char* p :
       {"docker://", "docker-daemon:", "docker:", "oci:", "oci-archive:", "docker-archive:"})
    if (starts_with(text, p)) return true;
  return false;
}

std::optional<std::variant<ImageTarget, std::string>> parse_image_target(const std::string& text) {
  using Result = std::variant<ImageTarget, std::string>;
  if (starts_with(text, "docker://")) return Result(parse_registry(text.substr(9)));
  for (const char* p : {"docker-daemon:", "docker:"}) {
    if (!starts_with(text, p)) continue;
    ImageTarget t;
    t.transport = Transport::daemon;
    t.daemon_name = text.substr(std::char_traits<char>::length(p));
    if (t.daemon_name.empty()) return Result(std::string("no image name after ") + p);
    for (char c : t.daemon_name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) ||
            std::string("._-:/@").find(c) != std::string::npos))
        return Result("\"" + t.daemon_name + "\" is not a valid image name");
    return Result(t);
  }
  struct Local {
    const char* prefix;
    Transport transport;
  };
  for (Local l :
       {Local{"oci:", Transport::oci_layout}, Local{"oci-archive:", Transport::oci_archive},
        Local{"docker-archive:", Transport::docker_archive}}) {
    if (!starts_with(text, l.prefix)) continue;
    ImageTarget t;
    t.transport = l.transport;
    split_ref(text.substr(std::char_traits<char>::length(l.prefix)), t);
    if (t.path.empty()) return Result(std::string("no path after ") + l.prefix);
    return Result(t);
  }
  return std::nullopt;
}

}  // namespace sagelint::registry

#include "registry/cert_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace sagelint::registry {

namespace fs = std::filesystem;

TlsSettings tls_settings_for(const std::string& registry_host, const std::string& cert_dir,
                             bool tls_verify) {
  TlsSettings tls;
  tls.verify = tls_verify;
  std::string dir = cert_dir;
  if (dir.empty()) {
    for (const char* base : {"/etc/containers/certs.d/", "/etc/docker/certs.d/"}) {
      std::error_code ec;
      if (fs::is_directory(base + registry_host, ec)) {
        dir = base + registry_host;
        break;
      }
    }
  }
  if (dir.empty()) return tls;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (f.extension() == ".crt") {
      std::ifstream in(f, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      tls.extra_ca_pem += s.str() + "\n";
    } else if (f.extension() == ".cert" && tls.client_cert.empty()) {
      fs::path key = f;
      key.replace_extension(".key");
      if (fs::exists(key, ec)) {
        tls.client_cert = f.string();
        tls.client_key = key.string();
      }
    }
  }
  return tls;
}

}  // namespace sagelint::registry

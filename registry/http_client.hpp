// HTTP on libcurl for the registry and Docker Engine clients: one transfer at a time
// per stream (its connection kept for the next request when the settings give a
// pool), the body pulled by the caller (so a layer flows from the socket into the
// image reader through a buffer of bounded size), transient failures retried with
// backoff, connect and stall timeouts, proxies from the environment as libcurl reads
// them (http_proxy, https_proxy, no_proxy). Redirects are not followed here: the
// caller decides which headers may go to the next host.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace sagelint::registry {

struct TlsSettings {
  bool verify = true;                   // --tls-verify=false turns peer and host checks off
  std::string extra_ca_pem;             // added to the system roots (--cert-dir DIR/*.crt)
  std::string client_cert, client_key;  // PEM files (--cert-dir DIR/*.cert, *.key)
};

class ConnectionPool;

struct HttpSettings {
  TlsSettings tls;
  long connect_timeout_seconds = 30;
  long stall_timeout_seconds = 60;  // no byte for this long: the transfer fails
  int attempts = 4;                 // tries for 429, 5xx and dropped connections
  double backoff_seconds = 0.5;     // before the second try; doubled each time
  std::string unix_socket;          // the Docker Engine's socket; proxies are not used
  // Connections kept between requests (connection_pool.hpp); null: one per request.
  std::shared_ptr<ConnectionPool> connections;
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  bool head_only = false;            // HEAD instead of GET
};

struct HttpHead {
  long status = 0;
  std::multimap<std::string, std::string> headers;          // names lower-cased
  std::string redirect_url;                                 // absolute, for a 3xx with Location
  std::string header(const std::string& lower_name) const;  // "" when absent
  std::vector<std::string> all(const std::string& lower_name) const;
};

struct HttpResponse {
  HttpHead head;
  std::string body;
};

// One transfer, started by open() and read to its end by read().
class HttpStream {
 public:
  // Connects, sends the request and waits for the final response's headers, trying
  // again on 429, 5xx and connections dropped before the headers. Error: one line.
  static std::variant<std::unique_ptr<HttpStream>, std::string> open(const HttpRequest& request,
                                                                     const HttpSettings& settings);
  ~HttpStream();
  HttpStream(const HttpStream&) = delete;
  HttpStream& operator=(const HttpStream&) = delete;

  const HttpHead& head() const { return head_; }
  // Up to n body bytes; 0 at the end; -1 on error (error() says why).
  long read(void* buf, std::size_t n);
  const std::string& error() const { return error_; }

  struct State;

 private:
  explicit HttpStream(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
  HttpHead head_;
  std::string error_;
};

// A whole response body of at most cap bytes (more is an error).
std::variant<HttpResponse, std::string> http_fetch(const HttpRequest& request,
                                                   const HttpSettings& settings, uint64_t cap);

// "https://host:port" of a URL, lower-cased: requests to another origin get no
// credentials.
std::string url_origin(const std::string& url);
// "host:port" or "host" of a URL, for messages (never the path or query, which for a
// presigned URL carries a signature).
std::string url_host(const std::string& url);

}  // namespace sagelint::registry

// Connections kept open between the requests to one registry (token, manifests,
// config, blobs), as a browser or skopeo keeps them: a transfer runs on a curl multi
// handle taken from the pool and handed back when it ends, and libcurl reuses that
// multi handle's open connection for the next request to the same origin. Each
// transfer still has the pool's session to itself while it runs, so transfers on
// several threads never share a connection (libcurl does not support that); DNS
// answers and TLS sessions are shared through a locked CURLSH, so a second connection
// to the same host resumes its TLS session instead of a full handshake.
//
// Which headers a request carries is decided per request (the registry's
// Authorization goes to the registry's origin only): a kept connection carries no
// headers of its own from one request to the next.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/curl_library.hpp"

namespace sagelint::registry {

class ConnectionPool {
 public:
  struct Session {
    CURLM* multi = nullptr;
    CURL* easy = nullptr;
  };

  explicit ConnectionPool(const CurlLibrary& curl);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // An idle session that last talked to origin, else another idle one, else a new one
  // (members null when libcurl is out of memory). The easy handle has no options set.
  Session take(const std::string& origin);
  // The transfer is over: its easy handle is taken off the multi handle (a transfer
  // cut short closes its connection there) and its options are cleared; at most a
  // few sessions are kept.
  void give_back(Session session, const std::string& origin);
  CURLSH* share() const { return share_; }

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);

  struct Idle {
    Session session;
    std::string origin;
  };

  const CurlLibrary& c_;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks_;
  std::mutex mu_;
  std::vector<Idle> idle_;  // most recently used last
};

// The process's pool for one registry host (created on first use), or nullptr when
// libcurl cannot be loaded (the transfer then reports why).
std::shared_ptr<ConnectionPool> connection_pool_for(const std::string& registry_host);

}  // namespace sagelint::registry

#include "registry/connection_pool.hpp"

#include <map>

namespace sagelint::registry {

namespace {

// Sessions kept per registry: a few layers in flight plus the token endpoint.
constexpr std::size_t kMaxIdle = 8;

}  // namespace

ConnectionPool::ConnectionPool(const CurlLibrary& curl) : c_(curl) {
  share_ = c_.share_init();
  if (share_) {
    c_.share_setopt(share_, CURLSHOPT_LOCKFUNC, &ConnectionPool::lock);
    c_.share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &ConnectionPool::unlock);
    c_.share_setopt(share_, CURLSHOPT_USERDATA, this);
    c_.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    c_.share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
}

ConnectionPool::~ConnectionPool() {
  for (auto& i : idle_) {
    c_.easy_cleanup(i.session.easy);
    c_.multi_cleanup(i.session.multi);
  }
  // The share is left to process exit: an easy handle elsewhere may still point at it.
}

void ConnectionPool::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<ConnectionPool*>(self)->share_locks_.at(static_cast<std::size_t>(data)).lock();
}

void ConnectionPool::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<ConnectionPool*>(self)->share_locks_.at(static_cast<std::size_t>(data)).unlock();
}

ConnectionPool::Session ConnectionPool::take(const std::string& origin) {
  {
    std::lock_guard lock(mu_);
    for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
      if (it->origin == origin) {
        Session s = it->session;
        idle_.erase(std::next(it).base());
        return s;
      }
    }
    if (!idle_.empty()) {
      Session s = idle_.back().session;
      idle_.pop_back();
      return s;
    }
  }
  Session s{c_.multi_init(), c_.easy_init()};
  if (!s.multi || !s.easy) {
    if (s.easy) c_.easy_cleanup(s.easy);
    if (s.multi) c_.multi_cleanup(s.multi);
    return {};
  }
  return s;
}

void ConnectionPool::give_back(Session s, const std::string& origin) {
  if (!s.multi || !s.easy) return;
  c_.multi_remove_handle(s.multi, s.easy);
  c_.easy_reset(s.easy);  // no callback or header list of the finished transfer stays set
  std::lock_guard lock(mu_);
  if (idle_.size() >= kMaxIdle) {
    c_.easy_cleanup(idle_.front().session.easy);
    c_.multi_cleanup(idle_.front().session.multi);
    idle_.erase(idle_.begin());
  }
  idle_.push_back({s, origin});
}

std::shared_ptr<ConnectionPool> connection_pool_for(const std::string& registry_host) {
  const CurlLibrary* c = curl_library(nullptr);
  if (!c) return nullptr;
  // Never freed: pools live as long as the process, and sessions close with it.
  static std::mutex mu;
  static auto* pools = new std::map<std::string, std::shared_ptr<ConnectionPool>>;
  std::lock_guard lock(mu);
  auto& pool = (*pools)[registry_host];
  if (!pool) pool = std::make_shared<ConnectionPool>(*c);
  return pool;
}

}  // namespace sagelint::registry

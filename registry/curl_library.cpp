#include "registry/curl_library.hpp"

#include <dlfcn.h>

#include <mutex>

namespace sagelint::registry {

namespace {

struct Loaded {
  CurlLibrary lib{};
  bool ok = false;
  std::string error;
};

template <typename Fn>
bool bind(void* handle, const char* name, Fn& out, std::string& error) {
  void* sym = ::dlsym(handle, name);
  if (!sym) {
    error = std::string("libcurl lacks ") + name;
    return false;
  }
  out = reinterpret_cast<Fn>(sym);
  return true;
}

Loaded load() {
  Loaded l;
  // Debian's libcurl4 (the OpenSSL flavour, whose -dev package gives the headers).
  void* h = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char* why = ::dlerror();
    l.error = std::string("libcurl is not available (") + (why ? why : "libcurl.so.4") +
              "); install Debian's libcurl4";
    return l;
  }
  CurlLibrary& c = l.lib;
  std::string& e = l.error;
  l.ok =
      bind(h, "curl_global_init", c.global_init, e) && bind(h, "curl_easy_init", c.easy_init, e) &&
      bind(h, "curl_easy_setopt", c.easy_setopt, e) &&
      bind(h, "curl_easy_getinfo", c.easy_getinfo, e) &&
      bind(h, "curl_easy_cleanup", c.easy_cleanup, e) &&
      bind(h, "curl_easy_strerror", c.easy_strerror, e) &&
      bind(h, "curl_easy_pause", c.easy_pause, e) && bind(h, "curl_easy_reset", c.easy_reset, e) &&
      bind(h, "curl_slist_append", c.slist_append, e) &&
      bind(h, "curl_slist_free_all", c.slist_free_all, e) &&
      bind(h, "curl_multi_init", c.multi_init, e) &&
      bind(h, "curl_multi_add_handle", c.multi_add_handle, e) &&
      bind(h, "curl_multi_remove_handle", c.multi_remove_handle, e) &&
      bind(h, "curl_multi_perform", c.multi_perform, e) &&
      bind(h, "curl_multi_poll", c.multi_poll, e) &&
      bind(h, "curl_multi_info_read", c.multi_info_read, e) &&
      bind(h, "curl_multi_cleanup", c.multi_cleanup, e) &&
      bind(h, "curl_share_init", c.share_init, e) &&
      bind(h, "curl_share_setopt", c.share_setopt, e);
  if (l.ok && c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.ok = false;
    l.error = "libcurl failed to initialise";
  }
  // The handle stays open for the life of the process: handles outlive any scope.
  return l;
}

}  // namespace

const CurlLibrary* curl_library(std::string* error) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.ok) {
    if (error) *error = loaded.error;
    return nullptr;
  }
  return &loaded.lib;
}

}  // namespace sagelint::registry

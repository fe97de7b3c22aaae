// libcurl, loaded the first time a registry or the Docker Engine is asked for.
//
// Linking libcurl (shared: Debian ships no static Kerberos or LDAP for a static
// libcurl) would load about thirty shared libraries into every process before
// main(), and most sagelint processes lint one Dockerfile and never touch the
// network. So the library is opened with dlopen() on first use, as systemd does
// for its optional libraries; the declarations still come from libcurl's headers.
#pragma once

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include <string>

namespace sagelint::registry {

struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_easy_pause) easy_pause;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_share_init) share_init;
  decltype(&::curl_share_setopt) share_setopt;
};

// The loaded library (initialised once, thread-safe), or nullptr with the reason in
// *error ("libcurl.so.4: cannot open shared object file ...").
const CurlLibrary* curl_library(std::string* error);

}  // namespace sagelint::registry

#pragma once
// A network namespace that outlives any process in it: created with unshare(2) in a
// short-lived child, loopback brought up, and kept by a bind mount on a file in
// sagelint's temporary directory. runc containers of one job join it for
// `--network private`: the hosts reach each other over loopback and nothing else.
#include <string>

namespace sagelint::runtime {

// Creates the namespace and bind-mounts it on `path` (a file, created). Throws
// std::runtime_error with the reason.
void create_network_namespace(const std::string& path);

// Unmounts and removes `path`; safe to call when it does not exist.
void remove_network_namespace(const std::string& path) noexcept;

}  // namespace sagelint::runtime

// Listing a registry (OCI distribution API): every repository of its catalog
// (GET /v2/_catalog) and every tag of a repository (GET /v2/<name>/tags/list), both
// paginated as the API says (`n`, `last`, and the `Link: <…>; rel="next"` header).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "registry/image_target.hpp"
#include "registry/registry_client.hpp"

namespace sagelint::registry {

// host: "HOST[:PORT]". Repository names in the registry's order. Error: one line
// naming the host.
std::variant<std::vector<std::string>, std::string> list_repositories(
    const std::string& host, const RegistryOptions& options);

// The tags of target.repository, in the registry's order.
std::variant<std::vector<std::string>, std::string> list_tags(const ImageTarget& target,
                                                              const RegistryOptions& options);

// The path below /v2/ of a `Link` header's rel="next" URL, "" when there is none.
std::string next_page(const std::string& link_header);

}  // namespace sagelint::registry

#pragma once
// What a distribution's package database says is installed: dpkg's status file
// (and the status.d/ fragments distroless images use) and apk's installed database.
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

enum class PackageDatabase { none, dpkg, apk };

// Which database an image path holds, if any.
PackageDatabase package_database_at(std::string_view path);

// The names of the packages the database marks as installed, in file order.
std::vector<std::string> installed_in_database(std::string_view content, PackageDatabase kind);

}  // namespace sagelint::knowledge

#pragma once
// The three families of checks validate() runs over a Request. Internal to request/.
#include <vector>

#include "request/model.hpp"

namespace sagelint::request {

// SMJ001: lengths, counts, ranges, patterns, enums and instance types of the values.
void check_values(const Request& request, std::vector<Violation>& out);
// SMJ002 (LocalPath outside /opt/ml/processing/) and SMJ003 (equal or nested LocalPaths).
void check_local_paths(const Request& request, std::vector<Violation>& out);
// SMJ004: input mode combinations the service rejects (Gzip without Pipe, FastFile).
void check_input_modes(const Request& request, std::vector<Violation>& out);

}  // namespace sagelint::request

#pragma once
// Image recipes: fixtures/images/<name>.json describes an image for the fixture builder
// (config, layers, entries), so the images the tests share are data beside the other
// inputs. A recipe:
//   {"config": {"Entrypoint": [...]}, "tags": ["name:tag"],
//    "layers": [{"created_by": "COPY ...", "compression": "none|gzip|zstd",
//                "entries": [{"dir": "opt/ml", "mode": "755"},
//                            {"file": "opt/ml/job.py", "content": "...", "mode": "644"},
//                            {"file": "bin/busybox", "host_file": "busybox", "mode": "755"},
//                            {"symlink": "bin/sh", "target": "busybox"},
//                            {"hardlink": "a", "target": "b"},
//                            {"whiteout": "opt/ml/old"}, {"opaque": "opt/ml"}]}]}
// A "host_file" names a file of the machine the caller passes in (busybox-static's path
// differs between systems). A test changes what it needs on the returned ImageSpec.
#include <map>
#include <string>

#include "tests/support/fixture_builder.hpp"

namespace sagelint::fixtures {

using HostFiles = std::map<std::string, std::string>;  // "host_file" key -> path

// Throws std::runtime_error naming the recipe and the reason on a bad recipe.
ImageSpec load_image_recipe(const std::string& path, const HostFiles& host_files = {});
// fixtures/images/<name>.json of this checkout.
ImageSpec image_recipe(const std::string& name, const HostFiles& host_files = {});

}  // namespace sagelint::fixtures

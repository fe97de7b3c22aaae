#pragma once
// What SageMaker Processing does with each part of the reserved /opt/ml tree, so that a
// finding can say what happens to the path at hand. Processing mounts
// /opt/ml/processing/... (the job's input and output LocalPaths), /opt/ml/config and
// /opt/ml/output; /opt/ml/code, /opt/ml/model and /opt/ml/input are the training and
// inference conventions, reserved but not mounted by Processing (research §2.3-§2.5).
#include <string>
#include <string_view>

namespace sagelint::knowledge {

enum class OptMlArea {
  outside,              // not under /opt/ml
  root,                 // /opt/ml itself: Processing mounts inside it
  processing_mounts,    // /opt/ml/processing and below: input and output LocalPaths
  config_mount,         // /opt/ml/config: the job's configuration files
  output_mount,         // /opt/ml/output: fresh and empty for every job
  training_convention,  // /opt/ml/code, /opt/ml/model, /opt/ml/input: not mounted
  reserved,             // /opt/ml itself or another path under it: not mounted
};

// `path` is absolute and normalised.
OptMlArea opt_ml_area(std::string_view path);

// Why data that the image puts at `path` (under /opt/ml) should move, for a message:
// what Processing does there, then the consequence.
std::string opt_ml_data_reason(std::string_view path);

// The same for a working directory (volume: false) or a VOLUME (true) at `path`.
std::string opt_ml_directory_reason(std::string_view path, bool volume);

}  // namespace sagelint::knowledge

#include "knowledge/opt_ml.hpp"

#include "knowledge/paths.hpp"

namespace sagelint::knowledge {
namespace {

// The top directory under /opt/ml that `path` is in: "/opt/ml/code/x" -> "/opt/ml/code".
std::string top_dir(std::string_view path) {
  std::string_view rest = path.substr(kOptMl.size());
  if (rest.empty()) return std::string(kOptMl);
  std::size_t end = rest.find('/', 1);
  return std::string(kOptMl) + std::string(rest.substr(0, end));
}

constexpr std::string_view kReserved =
    "SageMaker reserves all of /opt/ml and asks images not to keep data there";

}  // namespace

OptMlArea opt_ml_area(std::string_view path) {
  if (!is_at_or_under(path, kOptMl)) return OptMlArea::outside;
  if (path == kOptMl) return OptMlArea::root;
  if (is_at_or_under(path, "/opt/ml/processing")) return OptMlArea::processing_mounts;
  if (is_at_or_under(path, "/opt/ml/config")) return OptMlArea::config_mount;
  if (is_at_or_under(path, "/opt/ml/output")) return OptMlArea::output_mount;
  for (std::string_view convention : {"/opt/ml/code", "/opt/ml/model", "/opt/ml/input"}) {
    if (is_at_or_under(path, convention)) return OptMlArea::training_convention;
  }
  return OptMlArea::reserved;
}

std::string opt_ml_data_reason(std::string_view path) {
  const std::string move = "; install it outside /opt/ml (for example under /opt/program)";
  switch (opt_ml_area(path)) {
    case OptMlArea::root:
      return "Processing mounts its config, output and LocalPath directories inside /opt/ml at "
             "run time, and " +
             std::string(kReserved) + move;
    case OptMlArea::processing_mounts:
      return "Processing mounts the job's input and output LocalPaths under /opt/ml/processing "
             "at run time, so it is hidden by an input mounted over it or uploaded as job "
             "output" +
             move;
    case OptMlArea::config_mount:
      return "Processing mounts its own /opt/ml/config (the job's configuration files) at run "
             "time, which hides it" +
             move;
    case OptMlArea::output_mount:
      return "Processing mounts a fresh, empty /opt/ml/output at run time, which hides it" + move;
    case OptMlArea::training_convention:
      return top_dir(path) +
             " is a training/inference convention that Processing does not mount, so it stays "
             "visible, but " +
             std::string(kReserved) + move;
    case OptMlArea::reserved:
    case OptMlArea::outside: break;
  }
  return "Processing does not mount " + top_dir(path) + ", so it stays visible, but " +
         std::string(kReserved) + move;
}

std::string opt_ml_directory_reason(std::string_view path, bool volume) {
  const std::string instead = volume ? "; drop the VOLUME"
                                     : "; use a working directory outside /opt/ml (for example "
                                       "/opt/program) and full paths for inputs and outputs";
  const std::string anonymous =
      volume ? "Docker creates an anonymous volume there, which competes with the directory " : "";
  switch (opt_ml_area(path)) {
    case OptMlArea::root:
      return (volume ? anonymous +
                           "holds every directory Processing mounts (config, output "
                           "and the LocalPaths under /opt/ml/processing)"
                     : std::string("Processing mounts its config, output and LocalPath "
                                   "directories inside /opt/ml at run time, so relative paths "
                                   "resolve among the job's mounts")) +
             instead;
    case OptMlArea::processing_mounts:
      return (volume ? anonymous +
                           "Processing mounts there (the job's input and output "
                           "LocalPaths live under /opt/ml/processing)"
                     : std::string("Processing mounts the job's input and output LocalPaths "
                                   "under /opt/ml/processing at run time, so the directory's "
                                   "contents depend on the job, and relative paths read and "
                                   "write job inputs and outputs")) +
             instead;
    case OptMlArea::config_mount:
    case OptMlArea::output_mount: {
      std::string mount = top_dir(path);
      return (volume ? anonymous + "Processing mounts at " + mount
                     : "Processing mounts its own " + mount +
                           " at run time, hiding what the image put there, so relative paths "
                           "resolve among the job's " +
                           (mount == "/opt/ml/config" ? "configuration files" : "output files")) +
             instead;
    }
    case OptMlArea::training_convention:
      return top_dir(path) +
             " is a training/inference convention that Processing does not mount, so it holds "
             "only what the image put there, but " +
             std::string(kReserved) + instead;
    case OptMlArea::reserved:
    case OptMlArea::outside: break;
  }
  return "Processing does not mount " + top_dir(path) + ", but " + std::string(kReserved) + instead;
}

}  // namespace sagelint::knowledge

// Builds container images for tests, in every archive shape read_image accepts,
// on libarchive's writer. A test-only library (tests/support/CMakeLists.txt): tests,
// fuzz seed generation and benchmarks may link it; the shipped binary never does.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sagelint::fixtures {

struct Entry {
  enum Kind { file, dir, symlink, hardlink, chardev, blockdev, fifo } kind = file;
  std::string name;     // written into the tar exactly as given ("opt/ml/x", "./a", "../evil")
  std::string content;  // file
  std::string target;   // symlink / hardlink
  uint32_t mode = 0644;
  int64_t size_override = -1;  // declare a size without content bytes (hostile cases)
  uint64_t zeros = 0;  // file: this many zero bytes instead of content, streamed (tar bombs)
};

Entry File(std::string name, std::string content = "", uint32_t mode = 0644);
Entry Dir(std::string name, uint32_t mode = 0755);
Entry Symlink(std::string name, std::string target);
Entry Hardlink(std::string name, std::string target);
Entry Device(std::string name);
// ".wh.<base>" beside the hidden path, and the opaque marker inside dir.
Entry Whiteout(const std::string& hidden_path);
Entry Opaque(const std::string& dir);

struct LayerSpec {
  std::vector<Entry> entries;
  std::string compression = "none";  // none, gzip, zstd
  std::string created_by;
  std::string raw;  // when set: the layer blob's bytes as they are (entries ignored)
  // When set: called (twice) to produce entries after `entries`, for layers too big to list.
  std::function<void(const std::function<void(const Entry&)>& add)> generate;
};

struct ImageSpec {
  std::vector<LayerSpec> layers;
  nlohmann::json config =
      nlohmann::json::object();  // the "config" object (Entrypoint, Cmd, Env, ...)
  std::string os = "linux", architecture = "amd64", variant;
  std::vector<std::string> tags;  // repo:tag
  // Extra history entries with empty_layer, inserted before layer i's entry: {i, "ENV A=1"}.
  std::vector<std::pair<std::size_t, std::string>> empty_history;
};

enum class Shape {
  docker_classic,  // <id>/layer.tar + <cfg>.json + manifest.json (docker save up to 24)
  docker_oci,      // Docker 25+: blobs/sha256 + index.json + oci-layout + manifest.json
  docker_archive,  // podman/skopeo docker-archive: <digest>.tar + <cfg>.json + manifest.json
  oci_layout,      // a directory
  oci_archive,     // the layout tarred
};

struct ArchiveSpec {
  std::vector<ImageSpec> images;
  Shape shape = Shape::docker_classic;
  std::string outer_compression = "none";  // none, gzip, zstd (tar shapes)
  bool dot_slash = false;                  // "./"-prefixed member names
  bool platform_index = false;  // OCI: the images are platforms of one nested image index
  bool attestation = false;     // OCI: add a BuildKit attestation manifest to the nested index
  bool manifest_first = false;  // tar shapes: JSON documents before the layers
  // Called with each member (name relative to the archive root) before it is written;
  // may change bytes or return false to leave the member out.
  std::function<bool(const std::string& name, std::string& bytes)> tamper;
};

// Writes the image to dest (a file for tar shapes, a directory for oci_layout).
// Throws std::runtime_error on failure.
void write_archive(const ArchiveSpec& spec, const std::string& dest);

// A layer tar (compressed as asked) and its uncompressed bytes' digest.
std::string layer_blob(const LayerSpec& layer, std::string* diff_id = nullptr);
std::string sha256_digest(const std::string& bytes);  // "sha256:<hex>"

// A private temporary directory removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace sagelint::fixtures

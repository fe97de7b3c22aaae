// The typed view of a built container image that the image rules read.
// Produced by read_image() from any archive shape (docker save classic and
// Docker 25+, podman/skopeo docker-archive, OCI layout directory, oci-archive),
// without a daemon and without extracting anything to disk.
//
// Limits on hostile input: JSON documents over 64 MiB or nested deeper than 256
// levels are refused. Layers are streamed, never buffered: memory grows with the
// number of entries (about 250 bytes each) plus the contents asked for, never with
// file sizes, so a layer that expands hugely (a tar bomb) is read through, in time
// proportional to its expanded size when verifying, with constant memory.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sagelint::image {

// The runtime part of the image config ("config" object) plus platform fields.
// entrypoint/cmd keep the difference between null/absent (nullopt) and [] (empty).
struct ImageConfig {
  std::optional<std::vector<std::string>> entrypoint, cmd;
  std::vector<std::string> shell;  // Docker extension; empty when unset
  std::vector<std::string> env;    // "NAME=value", in config order
  std::string user, working_dir, stop_signal;
  std::vector<std::string> volumes;  // keys of config.Volumes, sorted
  std::map<std::string, std::string> labels;
  std::string os, architecture, variant;
};

struct HistoryEntry {
  std::string created_by;
  std::string created;  // RFC 3339 as written, may be empty
  std::string comment;
  bool empty_layer = false;
};

struct Layer {
  int index = 0;  // 0 = base layer
  std::string
      digest;  // manifest descriptor digest ("sha256:..."); for classic docker save the DiffID
  std::string diff_id;      // rootfs.diff_ids[index]
  std::string media_type;   // as declared (may be empty for classic docker save)
  std::string compression;  // detected from the bytes: "none", "gzip", "zstd" (or another
                            // libarchive filter)
  std::string created_by;   // from the matching non-empty history entry, empty when unknown
  uint64_t size = 0;        // blob size in bytes as stored
  bool read = false;        // its contents were read (false for a config-only read)
};

// One path of the merged final filesystem.
struct FileEntry {
  std::string path;  // absolute and normalised: "/opt/ml/x" ("/" for the root)
  enum Type { file, dir, symlink, hardlink, other } type = file;
  std::string link_target;  // symlink: as written; hardlink: the normalised absolute target path
  uint32_t mode = 0;        // permission bits and setuid/setgid/sticky (no file type bits)
  uint64_t size = 0;        // regular files; a hardlink carries its target's size
  int layer = 0;            // index of the layer that put this version here
};

// The merged filesystem, ordered by path (byte-wise string order, so a
// directory's subtree is one contiguous range right after it).
class FileTree {
  struct PathLess {
    using is_transparent = void;
    bool operator()(const FileEntry& a, const FileEntry& b) const { return a.path < b.path; }
    bool operator()(const FileEntry& a, std::string_view b) const { return a.path < b; }
    bool operator()(std::string_view a, const FileEntry& b) const { return a < b.path; }
  };
  using Set = std::set<FileEntry, PathLess>;

 public:
  using const_iterator = Set::const_iterator;

  // Lookup by normalised absolute path; nullptr when absent.
  const FileEntry* find(std::string_view path) const;
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // Everything strictly below dir, in path order (dir itself excluded).
  std::pair<const_iterator, const_iterator> subtree(std::string_view dir) const;
  // Direct children of dir, in path order.
  std::vector<const FileEntry*> children(std::string_view dir) const;
  // True when at least one path exists strictly below dir.
  bool has_children(std::string_view dir) const;

  // The history created_by of a layer index, "" when unknown.
  const std::string& created_by(int layer) const;

  // Building (used by the reader; rules only read).
  // Inserts or replaces path; a non-directory replacing a directory drops its subtree.
  // Missing parent directories are added as implicit directories (mode 0755).
  void put(FileEntry entry, const std::function<void(const std::string&)>& on_removed = {});
  // Removes path and everything below it (keep_root: only what is below it).
  // Returns the removed paths through on_removed when given.
  void remove(std::string_view path, bool keep_root,
              const std::function<void(const std::string&)>& on_removed = {});
  void set_created_by(std::vector<std::string> per_layer) { created_by_ = std::move(per_layer); }

 private:
  Set entries_;
  std::vector<std::string> created_by_;
};

struct ReadStats {
  uint64_t input_bytes = 0;  // size of the archive or the layout's referenced blobs
  uint64_t bytes_read = 0;   // bytes actually read from the input (seeks skip the rest)
};

struct ImageView {
  std::string source;     // the path given to read_image
  std::string reference;  // repo:tag when known (RepoTags, io.containerd.image.name or ref.name)
  std::string
      shape;  // "docker-save", "docker-save-oci", "docker-archive", "oci-layout", "oci-archive"
  std::string config_digest;
  std::string manifest_digest;  // the image manifest read, when it has one (OCI, registry)
  std::string index_digest;     // the index (manifest list) it was chosen from, when nested
  // Every platform an index offered ("linux/amd64", …), when the image was chosen from
  // one; platform_defaulted: no --platform was given and the index has no linux/amd64,
  // so the first platform listed was read.
  std::vector<std::string> index_platforms;
  bool platform_defaulted = false;
  ImageConfig config;
  std::vector<HistoryEntry> history;
  std::vector<Layer> layers;
  FileTree files;
  // Captured file contents by final path: at most ReadOptions::max_content bytes
  // (the beginning of the file; FileEntry::size has the full size), or its first
  // ReadOptions::head_bytes when only its head was asked for (want_head). Only the
  // version that survives in the final filesystem is kept.
  std::map<std::string, std::string> contents;
  std::vector<std::string> warnings;  // tolerated oddities (e.g. history/diff_ids count mismatch)
  ReadStats stats;
};

class LayerCache;

struct ReadOptions {
  std::optional<std::string>
      image_name;                       // --image: a repo tag or org.opencontainers.image.ref.name
  std::optional<std::string> platform;  // --platform os/arch[/variant]
  bool verify = true;                   // check layer digests and DiffIDs
  // Asked once per regular file (normalised path) of every layer to decide whether to keep
  // its bytes. Layers are read in parallel: it may be called from several threads at once.
  std::function<bool(const std::string& path, const ImageConfig&)> want_content;
  uint64_t max_content = 8u << 20;
  // Asked for the regular files want_content does not keep: true keeps only the file's
  // first head_bytes (an ELF header, a #! line), so a program's header costs no more
  // than that however big the program is. Same threading as want_content.
  std::function<bool(const std::string& path, const ImageConfig&)> want_head;
  uint64_t head_bytes = 256;  // what the kernel reads to find a #! line (BINPRM_BUF_SIZE)
  int threads = 2;            // layers decoded in parallel when the input allows random access
  // false: only the manifest and config are read (rules that need no file contents);
  // the view then lists the layers but has no files.
  bool read_layers = true;
  // Asked once the manifest and config are read (the view lists the layers, no files),
  // for inputs read at random: true = the caller needs no more of this image (it has
  // what it would make of these layers already), so no layer is read, as read_layers =
  // false. Not asked for one-pass streams.
  std::function<bool(const ImageView&)> layers_known;
  // Per-layer scans by blob digest (image/layer_cache.hpp); null = no cache. Used for
  // inputs read at random (registries, layouts, archives), not for one-pass streams.
  std::shared_ptr<LayerCache> layer_cache;
};

// A one-line reason, e.g. "layer 2 (sha256:ab…): digest mismatch".
struct ReadError {
  std::string message;
};

using ReadResult = std::variant<ImageView, ReadError>;

ReadResult read_image(const std::string& path, const ReadOptions& options = {});

class Input;
class ByteReader;

// The same from an already opened input (a registry, say); source names it in the view.
ReadResult read_image(std::shared_ptr<Input> input, const std::string& source,
                      const ReadOptions& options);

// One pass over an image archive that can be read only once, front to back (the Docker
// Engine's `docker save` stream): small JSON members are kept, every layer is scanned
// as it passes, and the image is put together at the end, so nothing is written to disk.
// content_config decides which file contents are kept (ReadOptions::want_content), as
// the config itself may come after the layers in the stream.
ReadResult read_image_stream(ByteReader& archive, const std::string& source,
                             const ReadOptions& options, const ImageConfig& content_config);

// Cheap content sniffing for the CLI: a tar (optionally gzip/zstd-compressed as a
// whole) or a directory holding an OCI layout (oci-layout or index.json).
bool looks_like_image(const std::string& path);

}  // namespace sagelint::image

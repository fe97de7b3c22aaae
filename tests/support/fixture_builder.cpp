#include "tests/support/fixture_builder.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "image/sha256.hpp"

namespace sagelint::fixtures {

namespace fs = std::filesystem;
using json = nlohmann::json;

Entry File(std::string name, std::string content, uint32_t mode) {
  Entry e;
  e.kind = Entry::file;
  e.name = std::move(name);
  e.content = std::move(content);
  e.mode = mode;
  return e;
}
Entry Dir(std::string name, uint32_t mode) {
  Entry e;
  e.kind = Entry::dir;
  e.name = std::move(name);
  e.mode = mode;
  return e;
}
Entry Symlink(std::string name, std::string target) {
  Entry e;
  e.kind = Entry::symlink;
  e.name = std::move(name);
  e.target = std::move(target);
  e.mode = 0777;
  return e;
}
Entry Hardlink(std::string name, std::string target) {
  Entry e;
  e.kind = Entry::hardlink;
  e.name = std::move(name);
  e.target = std::move(target);
  return e;
}
Entry Device(std::string name) {
  Entry e;
  e.kind = Entry::chardev;
  e.name = std::move(name);
  e.mode = 0666;
  return e;
}
Entry Whiteout(const std::string& hidden) {
  auto slash = hidden.rfind('/');
  std::string dir = slash == std::string::npos ? "" : hidden.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? hidden : hidden.substr(slash + 1);
  return File(dir + ".wh." + base, "", 0644);
}
Entry Opaque(const std::string& dir) {
  std::string d = dir;
  if (!d.empty() && d.back() != '/') d += '/';
  return File(d + ".wh..wh..opq", "", 0644);
}

std::string sha256_digest(const std::string& bytes) {
  image::Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.digest();
}

namespace {

std::string hex_of(const std::string& digest) { return digest.substr(digest.find(':') + 1); }

la_ssize_t append_cb(archive*, void* data, const void* buf, size_t n) {
  static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

la_ssize_t hash_cb(archive*, void* data, const void* buf, size_t n) {
  static_cast<image::Sha256*>(data)->update(buf, n);
  return static_cast<la_ssize_t>(n);
}

// A tar writer into memory, or (hash_only) into a digest without keeping the bytes.
class TarWriter {
 public:
  explicit TarWriter(const std::string& compression, image::Sha256* hash_only = nullptr)
      : a_(archive_write_new()) {
    archive_write_set_format_pax_restricted(a_);
    if (compression == "gzip")
      archive_write_add_filter_gzip(a_);
    else if (compression == "zstd")
      archive_write_add_filter_zstd(a_);
    else if (compression != "none")
      throw std::runtime_error("unknown compression " + compression);
    archive_write_set_bytes_in_last_block(a_, 1);
    int r = hash_only ? archive_write_open2(a_, hash_only, nullptr, hash_cb, nullptr, nullptr)
                      : archive_write_open2(a_, &out_, nullptr, append_cb, nullptr, nullptr);
    if (r != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a_));
  }
  ~TarWriter() {
    if (a_) archive_write_free(a_);
  }
  void add(const Entry& e) {
    archive_entry* en = archive_entry_new();
    archive_entry_set_pathname(en, e.name.c_str());
    archive_entry_set_mtime(en, 1700000000, 0);
    archive_entry_set_uid(en, 0);
    archive_entry_set_gid(en, 0);
    std::size_t data = 0;
    switch (e.kind) {
      case Entry::file:
        archive_entry_set_filetype(en, AE_IFREG);
        archive_entry_set_size(en, e.size_override >= 0 ? e.size_override
                                   : e.zeros            ? static_cast<la_int64_t>(e.zeros)
                                             : static_cast<la_int64_t>(e.content.size()));
        data = e.size_override >= 0 ? 0 : e.content.size();
        break;
      case Entry::dir: archive_entry_set_filetype(en, AE_IFDIR); break;
      case Entry::symlink:
        archive_entry_set_filetype(en, AE_IFLNK);
        archive_entry_set_symlink(en, e.target.c_str());
        break;
      case Entry::hardlink:
        archive_entry_set_filetype(en, AE_IFREG);
        archive_entry_set_hardlink(en, e.target.c_str());
        archive_entry_set_size(en, 0);
        break;
      case Entry::chardev:
        archive_entry_set_filetype(en, AE_IFCHR);
        archive_entry_set_rdev(en, 0x0103);
        break;
      case Entry::blockdev: archive_entry_set_filetype(en, AE_IFBLK); break;
      case Entry::fifo: archive_entry_set_filetype(en, AE_IFIFO); break;
    }
    archive_entry_set_perm(en, e.mode);
    if (archive_write_header(a_, en) != ARCHIVE_OK) {
      archive_entry_free(en);
      throw std::runtime_error(std::string("tar header: ") + archive_error_string(a_));
    }
    archive_entry_free(en);
    if (data) archive_write_data(a_, e.content.data(), data);
    if (e.kind == Entry::file && e.zeros && e.size_override < 0) {
      std::string block(1 << 20, '\0');
      for (uint64_t left = e.zeros; left > 0;) {
        std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(left, block.size()));
        archive_write_data(a_, block.data(), n);
        left -= n;
      }
    }
  }
  std::string finish() {
    archive_write_close(a_);
    archive_write_free(a_);
    a_ = nullptr;
    return std::move(out_);
  }

 private:
  archive* a_;
  std::string out_;
};

struct Blob {
  std::string name;  // member name / file path relative to the root
  std::string bytes;
  std::string link = {};  // tar shapes: a symlink to this target instead of bytes
};

struct BuiltImage {
  std::string config, config_digest;
  std::string manifest, manifest_digest;
  std::vector<std::string> layer_blobs, layer_digests, diff_ids, layer_media_types;
};

std::string media_type_for(const std::string& compression) {
  if (compression == "gzip") return "application/vnd.oci.image.layer.v1.tar+gzip";
  if (compression == "zstd") return "application/vnd.oci.image.layer.v1.tar+zstd";
  return "application/vnd.oci.image.layer.v1.tar";
}

BuiltImage build_image(const ImageSpec& img) {
  BuiltImage b;
  json history = json::array();
  for (std::size_t i = 0; i < img.layers.size(); ++i) {
    for (const auto& [at, text] : img.empty_history)
      if (at == i) history.push_back({{"created_by", text}, {"empty_layer", true}});
    std::string diff;
    b.layer_blobs.push_back(layer_blob(img.layers[i], &diff));
    b.layer_digests.push_back(sha256_digest(b.layer_blobs.back()));
    b.diff_ids.push_back(diff);
    b.layer_media_types.push_back(media_type_for(img.layers[i].compression));
    std::string cb =
        img.layers[i].created_by.empty() ? "layer " + std::to_string(i) : img.layers[i].created_by;
    history.push_back({{"created_by", cb}});
  }
  for (const auto& [at, text] : img.empty_history)
    if (at >= img.layers.size()) history.push_back({{"created_by", text}, {"empty_layer", true}});
  json cfg = {{"architecture", img.architecture},
              {"os", img.os},
              {"config", img.config},
              {"rootfs", {{"type", "layers"}, {"diff_ids", b.diff_ids}}},
              {"history", history}};
  if (!img.variant.empty()) cfg["variant"] = img.variant;
  b.config = cfg.dump();
  b.config_digest = sha256_digest(b.config);
  json layers = json::array();
  for (std::size_t i = 0; i < b.layer_blobs.size(); ++i)
    layers.push_back({{"mediaType", b.layer_media_types[i]},
                      {"digest", b.layer_digests[i]},
                      {"size", b.layer_blobs[i].size()}});
  json manifest = {{"schemaVersion", 2},
                   {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                   {"config",
                    {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                     {"digest", b.config_digest},
                     {"size", b.config.size()}}},
                   {"layers", layers}};
  b.manifest = manifest.dump();
  b.manifest_digest = sha256_digest(b.manifest);
  return b;
}

json platform_of(const ImageSpec& img) {
  json p = {{"os", img.os}, {"architecture", img.architecture}};
  if (!img.variant.empty()) p["variant"] = img.variant;
  return p;
}

void add_blob(std::vector<Blob>& blobs, const std::string& digest, const std::string& bytes) {
  std::string name = "blobs/sha256/" + hex_of(digest);
  for (const auto& b : blobs)
    if (b.name == name) return;
  blobs.push_back({name, bytes});
}

// The members of an archive (or files of a layout) in writing order.
std::vector<Blob> members_of(const ArchiveSpec& spec) {
  std::vector<Blob> data, meta;
  std::vector<BuiltImage> built;
  for (const auto& img : spec.images) built.push_back(build_image(img));
  const bool oci = spec.shape == Shape::oci_layout || spec.shape == Shape::oci_archive ||
                   spec.shape == Shape::docker_oci;

  if (oci) {
    json index_manifests = json::array();
    for (std::size_t i = 0; i < built.size(); ++i) {
      const auto& b = built[i];
      add_blob(data, b.config_digest, b.config);
      for (std::size_t l = 0; l < b.layer_blobs.size(); ++l)
        add_blob(data, b.layer_digests[l], b.layer_blobs[l]);
      add_blob(data, b.manifest_digest, b.manifest);
    }
    if (spec.platform_index) {
      json manifests = json::array();
      for (std::size_t i = 0; i < built.size(); ++i)
        manifests.push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                             {"digest", built[i].manifest_digest},
                             {"size", built[i].manifest.size()},
                             {"platform", platform_of(spec.images[i])}});
      if (spec.attestation && !built.empty()) {
        std::string statement = R"({"_type":"https://in-toto.io/Statement/v0.1"})";
        std::string sdigest = sha256_digest(statement);
        add_blob(data, sdigest, statement);
        std::string empty_cfg = "{}";
        add_blob(data, sha256_digest(empty_cfg), empty_cfg);
        json att = {{"schemaVersion", 2},
                    {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                    {"config",
                     {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                      {"digest", sha256_digest(empty_cfg)},
                      {"size", 2}}},
                    {"layers", json::array({{{"mediaType", "application/vnd.in-toto+json"},
                                             {"digest", sdigest},
                                             {"size", statement.size()}}})}};
        std::string att_text = att.dump();
        add_blob(data, sha256_digest(att_text), att_text);
        manifests.push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                             {"digest", sha256_digest(att_text)},
                             {"size", att_text.size()},
                             {"platform", {{"os", "unknown"}, {"architecture", "unknown"}}},
                             {"annotations",
                              {{"vnd.docker.reference.type", "attestation-manifest"},
                               {"vnd.docker.reference.digest", built[0].manifest_digest}}}});
      }
      json nested = {{"schemaVersion", 2},
                     {"mediaType", "application/vnd.oci.image.index.v1+json"},
                     {"manifests", manifests}};
      std::string nested_text = nested.dump();
      add_blob(data, sha256_digest(nested_text), nested_text);
      json desc = {{"mediaType", "application/vnd.oci.image.index.v1+json"},
                   {"digest", sha256_digest(nested_text)},
                   {"size", nested_text.size()}};
      const auto& tags = spec.images.front().tags;
      if (!tags.empty()) {
        desc["annotations"] = {{"io.containerd.image.name", tags.front()},
                               {"org.opencontainers.image.ref.name",
                                tags.front().substr(tags.front().rfind(':') + 1)}};
      }
      index_manifests.push_back(desc);
    } else {
      for (std::size_t i = 0; i < built.size(); ++i) {
        json desc = {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                     {"digest", built[i].manifest_digest},
                     {"size", built[i].manifest.size()}};
        const auto& tags = spec.images[i].tags;
        if (!tags.empty()) {
          const std::string& t = tags.front();
          desc["annotations"] = {
              {"org.opencontainers.image.ref.name",
               spec.shape == Shape::docker_oci ? t.substr(t.rfind(':') + 1) : t}};
          if (spec.shape == Shape::docker_oci)
            desc["annotations"]["io.containerd.image.name"] = "docker.io/library/" + t;
        }
        index_manifests.push_back(desc);
      }
    }
    json index = {{"schemaVersion", 2},
                  {"mediaType", "application/vnd.oci.image.index.v1+json"},
                  {"manifests", index_manifests}};
    meta.push_back({"index.json", index.dump()});
    meta.push_back({"oci-layout", R"({"imageLayoutVersion":"1.0.0"})"});
  }

  if (spec.shape == Shape::docker_classic || spec.shape == Shape::docker_archive ||
      spec.shape == Shape::docker_oci) {
    json manifest = json::array();
    std::map<std::string, std::string> written_layers;  // diff_id -> layer directory
    for (std::size_t i = 0; i < built.size(); ++i) {
      const auto& b = built[i];
      json layers = json::array();
      std::string config_name;
      if (spec.shape == Shape::docker_oci) {
        config_name = "blobs/sha256/" + hex_of(b.config_digest);
        for (const auto& d : b.layer_digests) layers.push_back("blobs/sha256/" + hex_of(d));
      } else if (spec.shape == Shape::docker_classic) {
        config_name = hex_of(b.config_digest) + ".json";
        data.push_back({config_name, b.config});
        for (std::size_t l = 0; l < b.layer_blobs.size(); ++l) {
          // Layer directory ids are not digests of anything the reader may rely on.
          std::string id =
              hex_of(sha256_digest(b.diff_ids[l] + std::to_string(l) + b.config_digest));
          data.push_back({id + "/VERSION", "1.0"});
          data.push_back({id + "/json", R"({"id":")" + id + "\"}"});
          // docker save links a layer it already wrote instead of writing it again.
          auto first = written_layers.find(b.diff_ids[l]);
          if (first == written_layers.end()) {
            data.push_back({id + "/layer.tar", b.layer_blobs[l]});
            written_layers[b.diff_ids[l]] = id;
          } else {
            data.push_back({id + "/layer.tar", "", "../" + first->second + "/layer.tar"});
          }
          layers.push_back(id + "/layer.tar");
        }
      } else {
        config_name = hex_of(b.config_digest) + ".json";
        data.push_back({config_name, b.config});
        for (std::size_t l = 0; l < b.layer_blobs.size(); ++l) {
          std::string name = hex_of(b.layer_digests[l]) + ".tar";
          bool seen = false;
          for (const auto& d : data) seen |= d.name == name;
          if (!seen) data.push_back({name, b.layer_blobs[l]});
          layers.push_back(name);
        }
      }
      manifest.push_back(
          {{"Config", config_name}, {"RepoTags", spec.images[i].tags}, {"Layers", layers}});
    }
    meta.push_back({"manifest.json", manifest.dump()});
  }
  std::vector<Blob> out;
  if (spec.manifest_first) {
    out = meta;
    out.insert(out.end(), data.begin(), data.end());
  } else {
    out = data;
    out.insert(out.end(), meta.begin(), meta.end());
  }
  return out;
}

}  // namespace

std::string layer_blob(const LayerSpec& layer, std::string* diff_id) {
  if (!layer.raw.empty()) {
    if (diff_id) *diff_id = sha256_digest(layer.raw);
    return layer.raw;
  }
  if (layer.compression != "none") {
    // Two passes over the entries (hash the plain tar, then write it compressed) so a
    // layer that expands hugely never exists uncompressed in memory.
    image::Sha256 h;
    TarWriter hashed("none", &h);
    for (const auto& e : layer.entries) hashed.add(e);
    if (layer.generate) layer.generate([&](const Entry& e) { hashed.add(e); });
    hashed.finish();
    if (diff_id) *diff_id = h.digest();
    TarWriter packed(layer.compression);
    for (const auto& e : layer.entries) packed.add(e);
    if (layer.generate) layer.generate([&](const Entry& e) { packed.add(e); });
    return packed.finish();
  }
  TarWriter plain("none");
  for (const auto& e : layer.entries) plain.add(e);
  if (layer.generate) layer.generate([&](const Entry& e) { plain.add(e); });
  std::string tar = plain.finish();
  if (diff_id) *diff_id = sha256_digest(tar);
  return tar;
}

void write_archive(const ArchiveSpec& spec, const std::string& dest) {
  auto members = members_of(spec);
  if (spec.tamper) {
    std::vector<Blob> kept;
    for (auto& m : members)
      if (spec.tamper(m.name, m.bytes)) kept.push_back(std::move(m));
    members = std::move(kept);
  }
  if (spec.shape == Shape::oci_layout) {
    fs::create_directories(fs::path(dest) / "blobs" / "sha256");
    for (const auto& m : members) {
      fs::create_directories((fs::path(dest) / m.name).parent_path());
      std::ofstream f(fs::path(dest) / m.name, std::ios::binary);
      f.write(m.bytes.data(), static_cast<std::streamsize>(m.bytes.size()));
      if (!f) throw std::runtime_error("cannot write " + dest + "/" + m.name);
    }
    return;
  }
  TarWriter tar(spec.outer_compression);
  std::string prefix = spec.dot_slash ? "./" : "";
  std::map<std::string, bool> dirs;
  for (const auto& m : members) {
    std::string dir =
        m.name.substr(0, m.name.rfind('/') == std::string::npos ? 0 : m.name.rfind('/'));
    // Parent directories first, as tar -c and docker save write them.
    std::string partial;
    std::size_t pos = 0;
    while (!dir.empty() && pos != std::string::npos) {
      pos = dir.find('/', pos + 1);
      partial = dir.substr(0, pos);
      if (!dirs[partial]) {
        dirs[partial] = true;
        tar.add(Dir(prefix + partial + "/"));
      }
    }
    tar.add(m.link.empty() ? File(prefix + m.name, m.bytes) : Symlink(prefix + m.name, m.link));
  }
  std::string bytes = tar.finish();
  std::ofstream f(dest, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + dest);
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "sagelint-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace sagelint::fixtures

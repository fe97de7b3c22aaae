// Hostile and broken input: every case gives a view or a one-line error, never a
// crash, a hang, unbounded memory or a write to disk.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <fstream>

#include "image/test_support.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;
using json = nlohmann::json;

namespace {

ArchiveSpec one_layer(std::vector<Entry> entries, Shape shape = Shape::oci_layout,
                      std::string compression = "none") {
  ArchiveSpec spec;
  spec.shape = shape;
  ImageSpec img;
  img.tags = {"hostile:1"};
  LayerSpec l;
  l.entries = std::move(entries);
  l.compression = std::move(compression);
  img.layers = {l};
  spec.images = {img};
  return spec;
}

std::string pseudo_random(std::size_t n) {
  std::string s(n, '\0');
  uint32_t x = 12345;
  for (auto& c : s) {
    x = x * 1103515245 + 12345;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

long max_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

bool single_line(const std::string& s) { return !s.empty() && s.find('\n') == std::string::npos; }

}  // namespace

TEST_CASE("entries escaping the root are refused; absolute names are rooted") {
  TempDir tmp;
  write_archive(one_layer({File("../../etc/passwd", "x")}), tmp / "a");
  std::string err = read_error(tmp / "a");
  CHECK(err.rfind("layer 0 (sha256:", 0) == 0);
  CHECK(err.find("): entry ../../etc/passwd escapes the root") != std::string::npos);
  write_archive(one_layer({File("ok", "x"), Hardlink("h", "../../etc/shadow")}), tmp / "b");
  CHECK(read_error(tmp / "b").find("hard link /h points outside the root") != std::string::npos);
  write_archive(one_layer({File("/etc/abs", "x")}), tmp / "c");
  CHECK(read_ok(tmp / "c").files.find("/etc/abs") != nullptr);
}

TEST_CASE(
    "links pointing out, hard links to missing targets, devices and duplicates are reported as "
    "they are") {
  TempDir tmp;
  write_archive(one_layer({Symlink("out", "../../../../etc/shadow"), Symlink("abs", "/etc/shadow"),
                           Hardlink("dangling", "not/there"), Device("dev/null"), File("dup", "1"),
                           File("dup", "22")}),
                tmp / "a");
  ImageView v = read_ok(tmp / "a");
  CHECK(v.files.find("/out")->link_target == "../../../../etc/shadow");
  CHECK(v.files.find("/dangling")->type == FileEntry::hardlink);
  CHECK(v.files.find("/dangling")->link_target == "/not/there");
  CHECK(v.files.find("/dev/null")->type == FileEntry::other);
  CHECK(v.files.find("/dup")->size == 2);  // the later duplicate wins, as tar extraction does
}

TEST_CASE("truncated gzip and zstd layers are one-line errors, with and without verification") {
  for (std::string comp : {"gzip", "zstd"}) {
    for (bool verify : {true, false}) {
      CAPTURE(comp);
      CAPTURE(verify);
      TempDir tmp;
      ArchiveSpec spec = one_layer({File("big", pseudo_random(300000))}, Shape::oci_layout, comp);
      spec.tamper = [](const std::string& name, std::string& bytes) {
        if (name.rfind("blobs/", 0) == 0 && bytes.size() > 200000) bytes.resize(bytes.size() / 2);
        return true;
      };
      write_archive(spec, tmp / "l");
      ReadOptions opt;
      opt.verify = verify;
      std::string err = read_error(tmp / "l", opt);
      CHECK(single_line(err));
      CHECK(err.find("layer 0") == 0);
      CHECK(err.find("truncated") != std::string::npos);
    }
  }
}

TEST_CASE("a whole archive cut short is a one-line error") {
  TempDir tmp;
  ArchiveSpec spec = one_layer({File("big", pseudo_random(200000))}, Shape::docker_classic);
  for (std::string outer : {"none", "gzip"}) {
    spec.outer_compression = outer;
    write_archive(spec, tmp / "x.tar");
    std::string bytes;
    {
      std::ifstream f(tmp / "x.tar", std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(f), {});
    }
    std::ofstream(tmp / "cut.tar", std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
    CHECK(single_line(read_error(tmp / "cut.tar")));
  }
}

TEST_CASE("a tar bomb streams through without growing memory") {
  // 1 GiB of zeros in a ~1 MiB gzip layer. The reader never holds file data, so it
  // streams through (decompressing and hashing every byte when verifying); only the
  // contents a caller asks for are kept, capped by max_content.
  TempDir tmp;
  Entry bomb = File("bomb", "");
  bomb.zeros = 1ull << 30;
  ArchiveSpec spec = one_layer({bomb}, Shape::oci_layout, "gzip");
  write_archive(spec, tmp / "l");
  long before = max_rss_mb();
  ReadOptions opt;
  opt.want_content = [](const std::string&, const ImageConfig&) { return true; };
  ImageView v = read_ok(tmp / "l", opt);
  CHECK(v.files.find("/bomb")->size == (1ull << 30));
  CHECK(v.contents.at("/bomb").size() == opt.max_content);
  CHECK(max_rss_mb() - before < 256);  // far below the 1 GiB the layer expands to
}

TEST_CASE("corrupt, deep and huge JSON documents are one-line errors") {
  auto with_member = [](const std::string& member, std::string text) {
    ArchiveSpec spec = one_layer({File("a", "a")}, Shape::docker_classic);
    spec.tamper = [member, text](const std::string& name, std::string& bytes) {
      if (name == member ||
          (member == "config" && name.size() > 5 && name.substr(name.size() - 5) == ".json" &&
           name != "manifest.json" && name.find('/') == std::string::npos))
        bytes = text;
      return true;
    };
    return spec;
  };
  TempDir tmp;
  write_archive(with_member("manifest.json", "[{\"Config\": oops"), tmp / "a.tar");
  CHECK(read_error(tmp / "a.tar") == "manifest.json: not valid JSON");
  write_archive(with_member("manifest.json", std::string(100000, '[')), tmp / "b.tar");
  CHECK(read_error(tmp / "b.tar") == "manifest.json: JSON nested too deeply");
  write_archive(with_member("manifest.json", "{}"), tmp / "c.tar");
  CHECK(read_error(tmp / "c.tar") == "manifest.json: not a non-empty array of images");
  write_archive(with_member("config", "{\"pad\":\"" + std::string(65u << 20, 'x') + "\"}"),
                tmp / "d.tar");
  CHECK(read_error(tmp / "d.tar").find("larger than the 67108864-byte limit") != std::string::npos);
  write_archive(
      with_member(
          "config",
          R"({"config":{"Entrypoint":"not an array"},"rootfs":{"type":"layers","diff_ids":[]}})"),
      tmp / "e.tar");
  ReadOptions opt;
  opt.verify = false;
  CHECK(read_error(tmp / "e.tar", opt).find("Entrypoint is not an array") != std::string::npos);

  ArchiveSpec oci = one_layer({File("a", "a")}, Shape::oci_archive);
  oci.outer_compression = "gzip";
  oci.tamper = [](const std::string& name, std::string& bytes) {
    if (name == "index.json") bytes = "{\"manifests\": [{\"digest\": 7}]";
    return true;
  };
  write_archive(oci, tmp / "f.tar.gz");
  CHECK(read_error(tmp / "f.tar.gz") == "index.json: not valid JSON");
}

TEST_CASE("manifests pointing outside the archive or layout are refused") {
  TempDir tmp;
  ArchiveSpec spec = one_layer({File("a", "a")}, Shape::docker_classic);
  spec.tamper = [](const std::string& name, std::string& bytes) {
    if (name == "manifest.json") {
      auto j = json::parse(bytes);
      j[0]["Layers"][0] = "../../../etc/passwd";
      bytes = j.dump();
    }
    return true;
  };
  write_archive(spec, tmp / "a.tar");
  CHECK(read_error(tmp / "a.tar") ==
        "manifest.json: layer path ../../../etc/passwd leaves the archive");

  ArchiveSpec oci = one_layer({File("a", "a")}, Shape::oci_layout);
  oci.tamper = [](const std::string& name, std::string& bytes) {
    if (name == "index.json") {
      auto j = json::parse(bytes);
      j["manifests"][0]["digest"] = "sha256:../../../../etc/passwd";
      bytes = j.dump();
    }
    return true;
  };
  write_archive(oci, tmp / "l");
  CHECK(read_error(tmp / "l") == "index: invalid digest \"sha256:../../../../etc/passwd\"");
}

TEST_CASE("not an image at all") {
  TempDir tmp;
  std::ofstream(tmp / "empty") << "";
  std::ofstream(tmp / "text") << "FROM scratch\n";
  std::ofstream(tmp / "noise", std::ios::binary) << pseudo_random(5000);
  for (std::string name : {"empty", "text", "noise"}) {
    CAPTURE(name);
    CHECK_FALSE(looks_like_image(tmp / name));
    CHECK(single_line(read_error(tmp / name)));
  }
  ArchiveSpec spec = one_layer({File("a", "a")}, Shape::oci_archive);
  spec.tamper = [](const std::string& name, std::string&) { return name != "index.json"; };
  write_archive(spec, tmp / "x.tar");
  CHECK(read_error(tmp / "x.tar") == "not an image: no manifest.json or index.json");
  CHECK(single_line(read_error(tmp / "missing-file")));
}

TEST_CASE("a million tiny files") {
  TempDir tmp;
  ArchiveSpec spec = one_layer({}, Shape::oci_layout, "gzip");
  spec.images[0].layers[0].generate = [](const std::function<void(const Entry&)>& add) {
    for (int d = 0; d < 1000; ++d) {
      add(Dir(std::string("d").append(std::to_string(d))));
      for (int f = 0; f < 1000; ++f)
        add(File(std::string("d").append(std::to_string(d)).append("/f").append(std::to_string(f)),
                 ""));
    }
  };
  write_archive(spec, tmp / "l");
  ImageView v = read_ok(tmp / "l");
  CHECK(v.files.size() == 1 + 1000 + 1000000);
  CHECK(v.files.children("/d999").size() == 1000);
}

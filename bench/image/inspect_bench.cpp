// Prints what read_image sees in an image (config, layers, merged tree) as JSON, for
// the benchmark and for comparing archive shapes of the same image end to end.
//   inspect_bench [--no-verify] [--image NAME] [--platform P] [--summary] [--content PATH]... IMAGE
//   inspect_bench --unpack DIR [--no-verify] IMAGE      (unpack_rootfs into DIR instead)
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "image/unpack.hpp"
#include "image/view.hpp"

using json = nlohmann::json;
using namespace sagelint::image;

int main(int argc, char** argv) {
  ReadOptions opt;
  bool summary = false;
  std::set<std::string> wanted;
  std::string path, unpack_dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--no-verify")
      opt.verify = false;
    else if (a == "--image")
      opt.image_name = value();
    else if (a == "--platform")
      opt.platform = value();
    else if (a == "--summary")
      summary = true;
    else if (a == "--content")
      wanted.insert(value());
    else if (a == "--threads")
      opt.threads = std::stoi(value());
    else if (a == "--unpack")
      unpack_dir = value();
    else
      path = a;
  }
  if (path.empty()) {
    std::cerr << "usage: inspect_bench [--no-verify] [--image NAME] [--platform P] [--summary] "
                 "[--content PATH] IMAGE\n";
    return 2;
  }
  if (!unpack_dir.empty()) {
    UnpackOptions uo;
    uo.read = opt;
    if (auto err = unpack_rootfs(path, unpack_dir, uo)) {
      std::cerr << path << ": " << *err << "\n";
      return 3;
    }
    return 0;
  }
  if (!wanted.empty())
    opt.want_content = [&wanted](const std::string& p, const ImageConfig&) {
      return wanted.count(p) > 0;
    };
  auto r = read_image(path, opt);
  if (auto* e = std::get_if<ReadError>(&r)) {
    std::cerr << path << ": " << e->message << "\n";
    return 3;
  }
  const ImageView& v = std::get<ImageView>(r);
  json out;
  const auto& c = v.config;
  out["config"] = {
      {"entrypoint", c.entrypoint ? json(*c.entrypoint) : json(nullptr)},
      {"cmd", c.cmd ? json(*c.cmd) : json(nullptr)},
      {"shell", c.shell},
      {"env", c.env},
      {"user", c.user},
      {"working_dir", c.working_dir},
      {"stop_signal", c.stop_signal},
      {"volumes", c.volumes},
      {"labels", c.labels},
      {"platform", c.os + "/" + c.architecture + (c.variant.empty() ? "" : "/" + c.variant)}};
  json layers = json::array();
  for (const auto& l : v.layers)
    layers.push_back({{"index", l.index}, {"diff_id", l.diff_id}, {"created_by", l.created_by}});
  out["layers"] = layers;
  json history = json::array();
  for (const auto& h : v.history)
    history.push_back({{"created_by", h.created_by}, {"empty_layer", h.empty_layer}});
  out["history"] = history;
  out["entries"] = v.files.size();
  if (!summary) {
    static const char* types[] = {"file", "dir", "symlink", "hardlink", "other"};
    json files = json::array();
    for (const auto& f : v.files) {
      json e = {{"path", f.path}, {"type", types[f.type]}, {"mode", f.mode}, {"layer", f.layer}};
      if (f.type == FileEntry::file || f.type == FileEntry::hardlink) e["size"] = f.size;
      if (!f.link_target.empty()) e["target"] = f.link_target;
      files.push_back(std::move(e));
    }
    out["files"] = files;
    out["contents"] = v.contents;
  }
  // Where the image came from differs between shapes of the same image; keep it apart.
  json compression = json::array();
  for (const auto& l : v.layers) compression.push_back(l.compression);
  json meta = {{"shape", v.shape},
               {"reference", v.reference},
               {"compression", compression},
               {"input_bytes", v.stats.input_bytes},
               {"bytes_read", v.stats.bytes_read}};
  std::cout << out.dump(1) << "\n";
  std::cerr << meta.dump() << "\n";
  return 0;
}

// SMP040, SMP041 and SMP042 through the CLI on images written by the fixture builder
// (the start program's ELF header, PATH lookup, #! interpreters, CRLF and BOM scripts,
// platform indexes and configs) and on a Dockerfile with its build context.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/e2e_support.hpp"
#include "tests/support/fixture_builder.hpp"

using nlohmann::json;
namespace fx = sagelint::fixtures;

namespace {

// The first 64 bytes of an ELF64 little-endian executable for `machine`, then padding
// so the file is bigger than what the reader keeps of it.
std::string elf_binary(uint16_t machine) {
  std::string h =
      "\x7f"
      "ELF\x02\x01\x01";
  h.resize(16, '\0');
  h += std::string("\x02\x00", 2);
  h += static_cast<char>(machine & 0xff);
  h += static_cast<char>(machine >> 8);
  h.resize(64, '\0');
  return h + std::string(4096, '\x90');
}

fx::ImageSpec image(json entrypoint, std::vector<fx::Entry> entries) {
  fx::ImageSpec img;
  img.config = {{"Entrypoint", std::move(entrypoint)}};
  fx::LayerSpec layer;
  layer.entries = std::move(entries);
  layer.created_by = "COPY . / # buildkit";
  img.layers.push_back(std::move(layer));
  return img;
}

std::string write(const e2e::TempDir& dir, const std::string& name, fx::ImageSpec img) {
  fx::ArchiveSpec spec;
  spec.images.push_back(std::move(img));
  fx::write_archive(spec, (dir / name).string());
  return name;
}

// rule -> places ("config" or the path, or "line N") of each target's findings of SMP04x.
std::map<std::string, std::multiset<std::string>> smp04x(const json& doc) {
  std::map<std::string, std::multiset<std::string>> out;
  for (const auto& t : doc["targets"]) out[t["target"]];
  for (const auto& f : doc["findings"]) {
    std::string rule = f["rule"];
    if (rule.rfind("SMP04", 0) != 0) continue;
    std::string place = f.contains("path")   ? f["path"].get<std::string>()
                        : f.contains("line") ? "line " + std::to_string(f["line"].get<int>())
                                             : "config";
    out[f["target"]].insert(rule + " " + place);
  }
  return out;
}

}  // namespace

TEST_CASE("SMP040-SMP042 on images: foreign ELF, missing programs, CRLF and BOM scripts") {
  e2e::TempDir dir;
  const std::string x86 = elf_binary(62);
  std::vector<std::string> targets = {
      write(dir, "arm-elf.tar",
            image({"/usr/local/bin/serve"},
                  {fx::File("usr/local/bin/serve", elf_binary(183), 0755)})),
      write(dir, "clean.tar",
            image({"python3", "/opt/program/job.py"},
                  {fx::Dir("usr"), fx::Dir("usr/bin"), fx::Symlink("bin", "usr/bin"),
                   fx::Symlink("usr/bin/python3", "python3.11"),
                   fx::File("usr/bin/python3.11", x86, 0755),
                   fx::File("opt/program/job.py", "print(1)\n")})),
      write(dir, "missing.tar", image({"serve"}, {fx::File("opt/program/serve", x86, 0755)})),
      write(dir, "no-exec.tar", image({"/app/serve"}, {fx::File("app/serve", x86, 0644)})),
      write(dir, "no-interpreter.tar",
            image({"/start.sh"}, {fx::File("start.sh", "#!/bin/bash\nexec true\n", 0755)})),
      write(dir, "crlf.tar",
            image({"/start.sh"}, {fx::File("start.sh", "#!/bin/sh\r\nexec true\r\n", 0755),
                                  fx::File("bin/sh", x86, 0755)})),
      write(dir, "bom.tar",
            image({"/start.sh"}, {fx::File("start.sh", "\xEF\xBB\xBF#!/bin/sh\nexec true\n", 0755),
                                  fx::File("bin/sh", x86, 0755)})),
  };
  fx::ImageSpec arm_config = image({"/serve"}, {fx::File("serve", x86, 0755)});
  arm_config.architecture = "arm64";
  targets.push_back(write(dir, "arm-config.tar", arm_config));
  // A multi-platform layout without linux/amd64.
  fx::ArchiveSpec index;
  for (const char* arch : {"arm64", "s390x"}) {
    fx::ImageSpec img = image({"/serve"}, {fx::File("serve", x86, 0755)});
    img.architecture = arch;
    index.images.push_back(img);
  }
  index.shape = fx::Shape::oci_layout;
  index.platform_index = true;
  fx::write_archive(index, (dir / "arm-index").string());
  targets.push_back("arm-index");

  std::vector<std::string> args = {"lint", "-f", "json"};
  args.insert(args.end(), targets.begin(), targets.end());
  auto r = e2e::run(dir, args);
  CAPTURE(r.err);
  CHECK(r.code == 1);
  auto doc = json::parse(r.out);
  for (const auto& t : doc["targets"]) CHECK(t["error"].is_null());
  using S = std::multiset<std::string>;
  std::map<std::string, S> expected = {
      {"arm-elf.tar", S{"SMP040 /usr/local/bin/serve"}},
      {"clean.tar", S{}},
      {"missing.tar", S{"SMP041 config"}},
      {"no-exec.tar", S{"SMP041 /app/serve"}},
      {"no-interpreter.tar", S{"SMP041 /start.sh"}},
      {"crlf.tar", S{"SMP042 /start.sh"}},
      {"bom.tar", S{"SMP042 /start.sh"}},
      {"arm-config.tar", S{"SMP040 config"}},
      {"arm-index", S{"SMP040 config"}},
  };
  CHECK(smp04x(doc) == expected);
  for (const auto& f : doc["findings"]) {
    if (f["target"] == "arm-index" && f["rule"] == "SMP040") {
      CHECK(f["message"].get<std::string>().find("linux/arm64, linux/s390x") != std::string::npos);
    }
    if (f["target"] == "arm-elf.tar" && f["rule"] == "SMP040") {
      CHECK(f["layer"] == 0);
      CHECK(f["message"].get<std::string>().find("AArch64") != std::string::npos);
    }
  }

  // --select SMP040 still reads the layers its ELF check needs.
  auto only = e2e::run(dir, {"lint", "-f", "json", "--select", "SMP040", "arm-elf.tar"});
  CHECK(only.code == 1);
  CHECK(smp04x(json::parse(only.out))["arm-elf.tar"] == S{"SMP040 /usr/local/bin/serve"});
}

TEST_CASE("SMP040 and SMP042 on a Dockerfile, its heredocs and its build context") {
  e2e::TempDir dir;
  dir.write("app/start.sh", "#!/bin/sh\r\nexec python3 /job.py\r\n");
  dir.write("app/Dockerfile",
            "FROM --platform=linux/arm64 python:3.12-slim\n"
            "COPY start.sh /start.sh\n"
            "ENTRYPOINT [\"/start.sh\"]\n");
  dir.write("heredoc/Dockerfile",
            "FROM python:3.12-slim\r\n"
            "COPY --chmod=755 <<EOF /start.sh\r\n"
            "#!/bin/sh\r\n"
            "exec python3 /job.py\r\n"
            "EOF\r\n"
            "ENTRYPOINT [\"/start.sh\"]\r\n");
  auto r = e2e::run(dir, {"lint", "-f", "json", "app/Dockerfile", "heredoc/Dockerfile"});
  CAPTURE(r.err);
  CHECK(r.code == 1);
  using S = std::multiset<std::string>;
  auto found = smp04x(json::parse(r.out));
  CHECK(found["app/Dockerfile"] == S{"SMP040 line 1", "SMP042 line 3"});
  CHECK(found["heredoc/Dockerfile"] == S{"SMP042 line 3"});
}

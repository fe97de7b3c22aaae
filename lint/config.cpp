#include "lint/config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace sagelint::lint {
namespace fs = std::filesystem;
namespace {

// Rule options a rule may read from `rules: {ID: {...}}`. Kept strict so a
// misspelt option is an error instead of a rule quietly running without it.
const std::set<std::string> kRuleOptionKeys{"allow"};

struct ConfigFailure {
  std::string message;
};

[[noreturn]] void fail(const std::string& key, const std::string& reason) {
  throw ConfigFailure{key + ": " + reason};
}

std::string scalar(const YAML::Node& node, const std::string& key) {
  if (!node.IsScalar()) fail(key, "expected a string");
  return node.Scalar();
}

// A list of strings; a single string is accepted as a list of one.
std::vector<std::string> string_list(const YAML::Node& node, const std::string& key) {
  std::vector<std::string> out;
  if (node.IsNull()) return out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) fail(key, "expected a list of strings");
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar()) fail(key, "expected a list of strings");
    out.push_back(node[i].Scalar());
  }
  return out;
}

std::string known_rule(const std::string& id, const std::string& key) {
  if (!rules::find_rule(id)) fail(key, "unknown rule '" + id + "'");
  return id;
}

Severity severity_value(const std::string& text, const std::string& key) {
  auto s = severity_from_string(text);
  if (!s) fail(key, "'" + text + "' is not one of error, warning, info, style, none");
  return *s;
}

Config read(const YAML::Node& root) {
  Config c;
  if (root.IsNull()) return c;  // an empty file is a valid, empty config
  if (!root.IsMap()) fail("(top level)", "expected a mapping of keys");
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "ignored") {
      for (const auto& id : string_list(value, key)) c.ignored.push_back(known_rule(id, key));
    } else if (key == "failure-threshold") {
      c.failure_threshold = severity_value(scalar(value, key), key);
    } else if (key == "override") {
      if (value.IsNull()) continue;
      if (!value.IsMap()) fail(key, "expected a mapping of severities to rule lists");
      for (const auto& sev : value) {
        const std::string level = sev.first.as<std::string>();
        const std::string sub = key + "." + level;
        auto s = severity_from_string(level);
        if (!s || *s == Severity::none) fail(sub, "not one of error, warning, info, style");
        for (const auto& id : string_list(sev.second, sub)) c.overrides[known_rule(id, sub)] = *s;
      }
    } else if (key == "rules") {
      if (value.IsNull()) continue;
      if (!value.IsMap()) fail(key, "expected a mapping of rule IDs to options");
      for (const auto& rule : value) {
        const std::string id = rule.first.as<std::string>();
        const std::string sub = key + "." + id;
        known_rule(id, sub);
        if (rule.second.IsNull()) continue;
        if (!rule.second.IsMap()) fail(sub, "expected a mapping of options");
        for (const auto& opt : rule.second) {
          const std::string name = opt.first.as<std::string>();
          if (!kRuleOptionKeys.count(name)) fail(sub + "." + name, "unknown rule option");
          c.rule_options[id][name] = string_list(opt.second, sub + "." + name);
        }
      }
    } else if (key == "format") {
      for (const auto& text : string_list(value, key)) {
        auto spec = parse_output_spec(text);
        if (!spec)
          fail(key, "'" + text +
                        "' is not FMT[=PATH] with FMT one of tty, json, sarif, "
                        "gnu, github, checkstyle, gitlab, junit, html");
        c.formats.push_back(*spec);
      }
    } else {
      fail(key, "unknown key (known: ignored, failure-threshold, override, rules, format)");
    }
  }
  return c;
}

}  // namespace

ConfigResult parse_config(const std::string& yaml_text, const std::string& source) {
  ConfigResult result;
  try {
    result.config = read(YAML::Load(yaml_text));
  } catch (const ConfigFailure& f) {
    result.error = source + ": " + f.message;
  } catch (const YAML::Exception& e) {
    // e.msg without the mark; the mark is 0-based.
    result.error = source + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg;
  }
  result.config.source = source;
  return result;
}

// A config is a few lines; a bigger file is refused before it is parsed.
constexpr std::size_t kConfigLimit = 1u << 20;

ConfigResult load_config(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return {{}, path + ": is a directory"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{}, path + ": cannot read config file"};
  std::string text(kConfigLimit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  auto got = static_cast<std::size_t>(in.gcount());
  if (got > kConfigLimit) return {{}, path + ": larger than 1 MiB; not a sagelint config"};
  text.resize(got);
  return parse_config(text, path);
}

std::optional<std::string> find_config(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir.empty() ? fs::path(".") : fs::path(start_dir), ec);
  if (ec) return std::nullopt;
  dir = dir.lexically_normal();
  while (true) {
    for (const char* name : {".sagelint.yaml", ".sagelint.yml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (!dir.has_relative_path()) return std::nullopt;  // reached the root
    dir = dir.parent_path();
  }
}

}  // namespace sagelint::lint

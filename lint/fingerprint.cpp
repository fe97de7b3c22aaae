#include "lint/fingerprint.hpp"

#include <map>

#include "image/sha256.hpp"
#include "lint/fix_targets.hpp"

namespace sagelint::lint {
namespace {

std::string sha256_hex(const std::string& data) {
  image::Sha256 hash;
  hash.update(data.data(), data.size());
  std::string digest = hash.digest();  // "sha256:<hex>"
  return digest.substr(digest.find(':') + 1);
}

// The message as first reported: without the note `--fix` appends when it leaves a
// finding alone, so trying a fix never changes a fingerprint.
std::string recorded_message(const std::string& message) {
  const auto at = message.find(kNotFixedNote);
  return at == std::string::npos ? message : message.substr(0, at);
}

// Everything that names the problem, each field length-prefixed so that no two
// identities can run into each other.
std::string identity(const Finding& f, const std::string& target) {
  std::string key;
  auto add = [&key](const std::string& field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
    key += '\0';
  };
  add("v2");
  add(f.rule);
  add(target);
  switch (f.kind) {
    case TargetKind::dockerfile: add(recorded_message(f.message)); break;
    case TargetKind::image:
      if (f.path)
        add("path:" + *f.path);
      else
        add(recorded_message(f.message));
      break;
    case TargetKind::request:
      if (f.pointer)
        add("pointer:" + *f.pointer);
      else
        add(recorded_message(f.message));
      break;
  }
  return key;
}

}  // namespace

std::string finding_fingerprint(const Finding& finding, const std::string& target, int occurrence) {
  return sha256_hex(identity(finding, target) + std::to_string(occurrence));
}

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings,
                                              const std::string& target) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const auto& f : findings) {
    std::string key = identity(f, target);
    const int occurrence = seen[key]++;
    out.push_back(sha256_hex(key + std::to_string(occurrence)));
  }
  return out;
}

std::vector<std::string> finding_fingerprints(const std::vector<Finding>& findings) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const auto& f : findings) {
    std::string key = identity(f, f.target);
    const int occurrence = seen[key]++;
    out.push_back(sha256_hex(key + std::to_string(occurrence)));
  }
  return out;
}

}  // namespace sagelint::lint

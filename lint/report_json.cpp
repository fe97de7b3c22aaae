// `-f json`: the shape fixed by SPEC.md ("version": 1). Fields are added, never
// renamed or removed.
#include <nlohmann/json.hpp>

#include "lint/finding_json.hpp"
#include "lint/report.hpp"
#include "lint/version.hpp"

namespace sagelint::lint {

void write_json_report(const LintResults& results, std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = {{"name", "sagelint"}, {"version", std::string(version())}};
  auto targets = nlohmann::ordered_json::array();
  auto findings = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    nlohmann::ordered_json t;
    t["target"] = r.target;
    t["kind"] = std::string(to_string(r.kind));
    t["error"] = r.error ? nlohmann::ordered_json(*r.error) : nlohmann::ordered_json(nullptr);
    if (r.kind == TargetKind::image) {
      // The digest the target resolved to, and which layers had to be read for the rules.
      auto digest_or_null = [](const std::string& d) {
        return d.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d);
      };
      t["digest"] = r.image ? digest_or_null(r.image->digest) : nlohmann::ordered_json(nullptr);
      if (r.image) {
        if (!r.image->index_digest.empty()) t["indexDigest"] = r.image->index_digest;
        t["configDigest"] = digest_or_null(r.image->config_digest);
        auto layers = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < r.image->layers.size(); ++i) {
          const auto& l = r.image->layers[i];
          nlohmann::ordered_json layer{{"digest", l.digest}, {"size", l.size}, {"read", l.read}};
          // Extra fields (SPEC allows them): what the html report shows per layer.
          layer["createdBy"] = l.created_by;
          if (r.image->base_layers) layer["fromBase"] = i < *r.image->base_layers;
          layers.push_back(std::move(layer));
        }
        t["layers"] = std::move(layers);
        t["bytesRead"] = r.image->bytes_read;
      }
    }
    targets.push_back(std::move(t));
    for (const auto& f : r.findings) findings.push_back(finding_to_json(f));
  }
  doc["targets"] = std::move(targets);
  doc["findings"] = std::move(findings);
  // Invalid UTF-8 in a message (from a file's bytes) is replaced, never a throw.
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace sagelint::lint

#include "image/prepare.hpp"

#include "image/sha256.hpp"

namespace sagelint::image {

std::string short_digest(const std::string& d) { return d.size() > 19 ? d.substr(0, 19) + "…" : d; }

std::string layer_label(std::size_t index, const LayerRef& ref) {
  return "layer " + std::to_string(index) + " (" +
         (ref.digest.empty() ? ref.blob : short_digest(ref.digest)) + ")";
}

std::variant<PreparedImage, std::string> prepare_image(const std::string& path,
                                                       const ReadOptions& options) {
  auto opened = open_input(path);
  if (auto* err = std::get_if<std::string>(&opened)) return *err;
  return prepare_image(std::shared_ptr<Input>(std::move(std::get<0>(opened))), options);
}

std::variant<PreparedImage, std::string> prepare_image(std::shared_ptr<Input> input,
                                                       const ReadOptions& options) {
  PreparedImage out;
  out.input = std::move(input);
  Input& in = *out.input;
  auto resolved = resolve_image(in, options);
  if (auto* err = std::get_if<std::string>(&resolved)) return *err;
  out.ref = std::move(std::get<ImageRef>(resolved));
  const ImageRef& ref = out.ref;

  std::string what =
      "config " + (ref.config_digest.empty() ? ref.config_blob : short_digest(ref.config_digest));
  auto text = in.read_small(ref.config_blob, kMaxJsonBytes);
  if (auto* err = std::get_if<InputError>(&text)) {
    if (!in.has(ref.config_blob)) return what + ": blob " + ref.config_blob + " missing";
    return err->message;
  }
  if (options.verify && ref.config_digest.rfind("sha256:", 0) == 0) {
    Sha256 h;
    h.update(std::get<0>(text).data(), std::get<0>(text).size());
    if (h.digest() != ref.config_digest) return what + ": digest mismatch";
  }
  auto parsed = parse_image_config(std::get<0>(text), what);
  if (auto* err = std::get_if<std::string>(&parsed)) return *err;
  out.parsed = std::move(std::get<ParsedConfig>(parsed));

  if (out.parsed.diff_ids.size() != ref.layers.size()) {
    std::string msg = "the manifest lists " + std::to_string(ref.layers.size()) +
                      " layers but the config has " + std::to_string(out.parsed.diff_ids.size()) +
                      " diff_ids";
    if (options.verify) return msg;
    out.warnings.push_back(msg);
  }
  for (std::size_t i = 0; i < ref.layers.size(); ++i)
    if (!in.has(ref.layers[i].blob))
      return layer_label(i, ref.layers[i]) + ": blob " + ref.layers[i].blob + " missing";
  return out;
}

std::optional<std::string> check_layer_digests(const PreparedImage& image, std::size_t i,
                                               const std::string& blob_digest,
                                               const std::string& diff_id) {
  const LayerRef& lr = image.ref.layers[i];
  if (!lr.digest.empty() && blob_digest != lr.digest)
    return layer_label(i, lr) + ": digest mismatch (the blob hashes to " +
           short_digest(blob_digest) + ")";
  const auto& ids = image.parsed.diff_ids;
  if (i < ids.size() && diff_id != ids[i])
    return layer_label(i, lr) + ": DiffID mismatch (config says " + short_digest(ids[i]) +
           ", the uncompressed layer hashes to " + short_digest(diff_id) + ")";
  return std::nullopt;
}

}  // namespace sagelint::image

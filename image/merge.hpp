// The steps of read_image that every way of reading an image shares once its layers
// are scanned: the view without files (config, history, layer list) and the merge of
// one scanned layer on top of it under the OCI whiteout rules.
#pragma once

#include <string>

#include "image/layer_scan.hpp"
#include "image/prepare.hpp"
#include "image/view.hpp"

namespace sagelint::image {

ImageView begin_view(const std::string& source, PreparedImage& image);
// Applies one layer: opaque markers first, then whiteouts (both only touch what lower
// layers put there), then the layer's own entries. Consumes scan's entries.
void apply_layer(ImageView& view, LayerScan& scan, int index);
ScanOptions scan_options(const ReadOptions& options, const ImageConfig& config);
std::string one_line(std::string s);

}  // namespace sagelint::image

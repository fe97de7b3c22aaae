// read_image: resolve the image, scan its layers (in parallel where the input can be
// read at random), and merge them in order under the OCI whiteout rules.
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "image/image_config.hpp"
#include "image/input.hpp"
#include "image/layer_cache.hpp"
#include "image/layer_scan.hpp"
#include "image/manifest.hpp"
#include "image/merge.hpp"
#include "image/prepare.hpp"
#include "image/sha256.hpp"
#include "image/view.hpp"

namespace sagelint::image {

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

// Applies one layer on top of the merged tree: opaque markers first, then whiteouts
// (both only touch what lower layers put there), then the layer's own entries.
void apply_layer(ImageView& view, LayerScan& scan, int index) {
  auto drop_content = [&](const std::string& p) { view.contents.erase(p); };
  for (const auto& dir : scan.opaque_dirs) view.files.remove(dir, true, drop_content);
  for (const auto& path : scan.whiteouts) view.files.remove(path, false, drop_content);
  while (!scan.entries.empty()) {
    FileEntry e = std::move(scan.entries.front());
    scan.entries.pop_front();
    e.layer = index;
    if (e.type == FileEntry::hardlink) {
      if (const FileEntry* target = view.files.find(e.link_target)) {
        e.mode = target->mode;
        e.size = target->size;
      }
    }
    std::string path = e.path;
    const bool is_file = e.type == FileEntry::file;
    view.files.put(std::move(e), drop_content);
    view.contents.erase(path);
    if (is_file) {
      auto it = scan.contents.find(path);
      if (it != scan.contents.end()) view.contents[path] = it->second;
    }
  }
  for (const auto& [link, target] : scan.content_links) {
    const FileEntry* f = view.files.find(link);
    auto it = view.contents.find(target);
    if (f && f->type == FileEntry::hardlink && f->layer == index && it != view.contents.end())
      view.contents[link] = it->second;
  }
}

namespace {

// Scans each distinct blob once; results are handed to the merger in layer order.
class LayerScanner {
 public:
  LayerScanner(Input& in, const ImageRef& ref, const ScanOptions& opt, int threads,
               LayerCache* cache)
      : in_(in), ref_(ref), opt_(opt), threads_(std::max(1, threads)), cache_(cache) {
    for (std::size_t i = 0; i < ref.layers.size(); ++i) {
      auto [it, inserted] = first_use_.emplace(ref.layers[i].blob, i);
      (void)it;
      if (inserted) order_.push_back(i);
    }
    results_.resize(ref.layers.size());
  }

  // Runs the scan; on_layer(i, scan) is called for i = 0, 1, … in order.
  std::optional<std::string> run(
      const std::function<std::optional<std::string>(std::size_t, LayerScan&)>& on_layer) {
    if (in_.random_access()) return run_parallel(on_layer);
    std::set<std::string> names;
    for (const auto& l : ref_.layers) names.insert(l.blob);
    auto err = in_.stream(
        names, [&](const std::string& name, ByteReader& r) -> std::optional<std::string> {
          std::size_t i = first_use_.at(name);
          auto res = scan_layer(r, opt_);
          if (auto* e = std::get_if<std::string>(&res))
            return layer_label(i, ref_.layers[i]) + ": " + *e;
          results_[i] = std::make_shared<LayerScan>(std::move(std::get<LayerScan>(res)));
          return std::nullopt;
        });
    if (err) return err;
    for (std::size_t i = 0; i < ref_.layers.size(); ++i) {
      if (auto e = on_layer(i, *take(i))) return e;
    }
    return std::nullopt;
  }

 private:
  // The scan of layer i for merging; a blob used by several layers is copied for all
  // but its last use, because merging consumes the scan.
  std::shared_ptr<LayerScan> take(std::size_t i) {
    std::size_t first = first_use_.at(ref_.layers[i].blob);
    bool reused_later = false;
    for (std::size_t j = i + 1; j < ref_.layers.size(); ++j)
      reused_later |= ref_.layers[j].blob == ref_.layers[i].blob;
    if (reused_later) return std::make_shared<LayerScan>(*results_[first]);
    return std::move(results_[first]);
  }

  std::optional<std::string> run_parallel(
      const std::function<std::optional<std::string>(std::size_t, LayerScan&)>& on_layer) {
    std::mutex mu;
    std::condition_variable cv;
    std::size_t next = 0;
    std::vector<bool> done(ref_.layers.size(), false);
    std::optional<std::string> failure;
    bool stop = false;
    auto worker = [&] {
      for (;;) {
        std::size_t i;
        {
          std::lock_guard lock(mu);
          if (stop || next >= order_.size()) return;
          i = order_[next++];
        }
        std::optional<std::string> err;
        std::shared_ptr<LayerScan> result;
        try {
          result = scan_one(i, err);
        } catch (const std::exception& ex) {
          err = layer_label(i, ref_.layers[i]) + ": " + ex.what();
        }
        std::lock_guard lock(mu);
        if (err && !failure) failure = err, stop = true;
        results_[i] = std::move(result);
        done[i] = true;
        cv.notify_all();
      }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads_; ++t) pool.emplace_back(worker);
    std::optional<std::string> merge_err;
    for (std::size_t i = 0; i < ref_.layers.size() && !merge_err; ++i) {
      std::size_t first = first_use_.at(ref_.layers[i].blob);
      std::shared_ptr<LayerScan> scan;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return done[first] || stop; });
        if (!done[first] || !results_[first]) break;
        scan = take(i);  // the last use moves it out, so merged layers free their entry lists
      }
      merge_err = on_layer(i, *scan);
    }
    {
      std::lock_guard lock(mu);
      if (merge_err) stop = true;
    }
    for (auto& t : pool) t.join();
    if (failure) return failure;
    return merge_err;
  }

  // Layer i from the cache, else scanned from its blob (and then cached).
  std::shared_ptr<LayerScan> scan_one(std::size_t i, std::optional<std::string>& err) {
    const std::string& digest = ref_.layers[i].digest;
    LayerCache::Lookup cached;
    if (cache_) {
      cached = cache_->load(digest, opt_);
      if (cached.scan) return std::make_shared<LayerScan>(std::move(*cached.scan));
    }
    auto reader = in_.open(ref_.layers[i].blob);
    if (!reader) {
      err = layer_label(i, ref_.layers[i]) + ": blob " + ref_.layers[i].blob + " missing";
      return nullptr;
    }
    // What an older entry kept for another image's config is kept again, so images
    // sharing the layer do not take turns rebuilding it.
    ScanOptions opt = opt_;
    if (!cached.kept_paths.empty()) {
      opt.want_content = [this, &cached](const std::string& p) {
        return (opt_.want_content && opt_.want_content(p)) || cached.kept_paths.count(p) > 0;
      };
    }
    auto res = scan_layer(*reader, opt);
    if (auto* e = std::get_if<std::string>(&res)) {
      err = layer_label(i, ref_.layers[i]) + ": " + *e;
      return nullptr;
    }
    auto scan = std::make_shared<LayerScan>(std::move(std::get<LayerScan>(res)));
    if (cache_) {
      cache_->store(digest, *scan, opt);
      if (!cached.kept_paths.empty()) filter_contents(*scan, opt_);
    }
    return scan;
  }

  Input& in_;
  const ImageRef& ref_;
  const ScanOptions& opt_;
  int threads_;
  LayerCache* cache_;
  std::map<std::string, std::size_t> first_use_;
  std::vector<std::size_t> order_;
  std::vector<std::shared_ptr<LayerScan>> results_;
};

}  // namespace

ImageView begin_view(const std::string& source, PreparedImage& image) {
  const ImageRef& ref = image.ref;
  Input& in = *image.input;
  ParsedConfig& pc = image.parsed;
  ImageView view;
  view.source = source;
  view.reference = ref.reference;
  view.shape = ref.shape;
  view.config_digest = ref.config_digest;
  view.manifest_digest = ref.manifest_digest;
  view.index_digest = ref.index_digest;
  view.index_platforms = ref.index_platforms;
  view.platform_defaulted = ref.platform_defaulted;
  if (ref.platform_defaulted)
    view.warnings.push_back("the index has no linux/amd64 image; read its first platform");
  view.config = pc.config;
  view.history = pc.history;
  for (auto& w : image.warnings) view.warnings.push_back(w);

  bool mismatch = false;
  auto created_by = created_by_per_layer(view.history, ref.layers.size(), &mismatch);
  if (mismatch)
    view.warnings.push_back(
        "history has a different number of non-empty entries than the image has layers");
  for (std::size_t i = 0; i < ref.layers.size(); ++i) {
    Layer l;
    l.index = static_cast<int>(i);
    l.digest = ref.layers[i].digest;
    l.diff_id = i < pc.diff_ids.size() ? pc.diff_ids[i] : "";
    if (l.digest.empty()) l.digest = l.diff_id;
    l.media_type = ref.layers[i].media_type;
    l.created_by = created_by[i];
    l.size = in.size_of(ref.layers[i].blob).value_or(ref.layers[i].size);
    view.layers.push_back(std::move(l));
  }
  view.files.set_created_by(created_by);
  return view;
}

ScanOptions scan_options(const ReadOptions& options, const ImageConfig& config) {
  ScanOptions scan_opt;
  scan_opt.hash = options.verify;
  scan_opt.max_content = options.max_content;
  if (options.want_content) {
    scan_opt.want_content = [&options, &config](const std::string& p) {
      return options.want_content(p, config);
    };
  }
  scan_opt.head_bytes = options.head_bytes;
  if (options.want_head) {
    scan_opt.want_head = [&options, &config](const std::string& p) {
      return options.want_head(p, config);
    };
  }
  return scan_opt;
}

namespace {

ReadResult read_prepared(PreparedImage& image, const std::string& path,
                         const ReadOptions& options) {
  Input& in = *image.input;
  const ImageRef& ref = image.ref;
  ImageView view = begin_view(path, image);
  if (!options.read_layers || (options.layers_known && options.layers_known(view))) {
    view.stats.input_bytes = in.total_bytes;
    view.stats.bytes_read = in.bytes_read;
    return view;
  }

  ScanOptions scan_opt = scan_options(options, view.config);
  LayerScanner scanner(in, ref, scan_opt, options.threads,
                       in.random_access() ? options.layer_cache.get() : nullptr);
  auto err = scanner.run([&](std::size_t i, LayerScan& scan) -> std::optional<std::string> {
    Layer& layer = view.layers[i];
    layer.compression = scan.compression;
    layer.read = true;
    if (options.verify)
      if (auto bad = check_layer_digests(image, i, scan.blob_digest, scan.diff_id)) return bad;
    apply_layer(view, scan, static_cast<int>(i));
    return std::nullopt;
  });
  if (err) return ReadError{*err};
  view.stats.input_bytes = in.total_bytes;
  if (view.stats.input_bytes == 0)  // a layout directory: count the blobs this image uses
    for (const auto& l : view.layers) view.stats.input_bytes += l.size;
  view.stats.bytes_read = in.bytes_read;
  return view;
}

template <typename Prepare>
ReadResult guarded(Prepare prepare, const std::string& source, const ReadOptions& options) {
  try {
    auto prepared = prepare();
    if (auto* err = std::get_if<std::string>(&prepared)) return ReadError{one_line(*err)};
    auto r = read_prepared(std::get<PreparedImage>(prepared), source, options);
    if (auto* e = std::get_if<ReadError>(&r)) e->message = one_line(e->message);
    return r;
  } catch (const std::bad_alloc&) {
    return ReadError{"out of memory while reading the image"};
  } catch (const std::exception& ex) {
    return ReadError{one_line(ex.what())};
  }
}

}  // namespace

ReadResult read_image(const std::string& path, const ReadOptions& options) {
  return guarded([&] { return prepare_image(path, options); }, path, options);
}

ReadResult read_image(std::shared_ptr<Input> input, const std::string& source,
                      const ReadOptions& options) {
  return guarded([&] { return prepare_image(std::move(input), options); }, source, options);
}

}  // namespace sagelint::image

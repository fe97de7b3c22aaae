#include <string>

#include "image/path.hpp"
#include "image/view.hpp"

namespace sagelint::image {

namespace {
// Keys bounding the subtree of dir: [prefix, end_key) where prefix = dir + "/" and
// end_key = dir + "0" ('0' follows '/' in byte order). The root's subtree is [/, 0).
std::string subtree_prefix(std::string_view dir) {
  return dir == "/" ? std::string("/") : std::string(dir) + "/";
}
std::string subtree_end(std::string_view dir) {
  return dir == "/" ? std::string("0") : std::string(dir) + "0";
}
}  // namespace

const FileEntry* FileTree::find(std::string_view path) const {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : &*it;
}

std::pair<FileTree::const_iterator, FileTree::const_iterator> FileTree::subtree(
    std::string_view dir) const {
  auto first = entries_.lower_bound(std::string_view(subtree_prefix(dir)));
  if (first != entries_.end() && first->path == dir) ++first;  // only the root equals its prefix
  auto last = entries_.lower_bound(std::string_view(subtree_end(dir)));
  return {first, last};
}

std::vector<const FileEntry*> FileTree::children(std::string_view dir) const {
  std::vector<const FileEntry*> out;
  auto [it, last] = subtree(dir);
  const std::size_t skip = subtree_prefix(dir).size();
  while (it != last) {
    auto slash = it->path.find('/', skip);
    if (slash == std::string::npos) {
      out.push_back(&*it);
      ++it;
    } else {
      // A descendant without its own directory entry above it cannot exist (put adds
      // parents), but jump past the whole child subtree either way.
      it = entries_.lower_bound(std::string_view(it->path.substr(0, slash) + "0"));
    }
  }
  return out;
}

bool FileTree::has_children(std::string_view dir) const {
  auto [first, last] = subtree(dir);
  return first != last;
}

const std::string& FileTree::created_by(int layer) const {
  static const std::string none;
  if (layer < 0 || static_cast<std::size_t>(layer) >= created_by_.size()) return none;
  return created_by_[static_cast<std::size_t>(layer)];
}

void FileTree::put(FileEntry entry, const std::function<void(const std::string&)>& on_removed) {
  auto it = entries_.find(std::string_view(entry.path));
  if (it != entries_.end()) {
    if (!(it->type == FileEntry::dir && entry.type == FileEntry::dir))
      remove(entry.path, true, on_removed);
    entries_.erase(it);
  }
  // Add missing parents (tar extraction would create them). An existing parent that
  // is not a directory (e.g. a symlink) is left as it is.
  std::string parent = parent_path(entry.path);
  const int layer = entry.layer;
  if (entry.path != "/") {
    std::vector<std::string> missing;
    while (entries_.find(std::string_view(parent)) == entries_.end()) {
      missing.push_back(parent);
      if (parent == "/") break;
      parent = parent_path(parent);
    }
    for (auto& p : missing)
      entries_.insert(FileEntry{std::move(p), FileEntry::dir, {}, 0755, 0, layer});
  }
  entries_.insert(std::move(entry));
}

void FileTree::remove(std::string_view path, bool keep_root,
                      const std::function<void(const std::string&)>& on_removed) {
  auto [first, last] = subtree(path);
  if (on_removed)
    for (auto it = first; it != last; ++it) on_removed(it->path);
  entries_.erase(first, last);
  if (!keep_root) {
    auto it = entries_.find(path);
    if (it != entries_.end()) {
      if (on_removed) on_removed(it->path);
      entries_.erase(it);
    }
  }
}

}  // namespace sagelint::image

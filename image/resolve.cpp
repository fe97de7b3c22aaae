#include "image/resolve.hpp"

#include <vector>

namespace sagelint::image {
namespace {

constexpr int kMaxLinks = 40;

// Pushes the components of `path` so that the first one is at the back (walked next).
void push_components(std::vector<std::string>& pending, std::string_view path) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) pending.push_back(std::move(*it));
}

std::string parent_of(const std::string& dir) {
  auto slash = dir.rfind('/');
  return slash == 0 || slash == std::string::npos ? std::string("/") : dir.substr(0, slash);
}

std::string child_of(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

}  // namespace

Resolved resolve_in_image(const FileTree& files, std::string_view path, std::string_view cwd) {
  Resolved out;
  std::vector<std::string> pending;
  push_components(pending, path);
  if (path.empty() || path.front() != '/') {
    std::vector<std::string> from_cwd;
    push_components(from_cwd, cwd);
    pending.insert(pending.end(), from_cwd.begin(), from_cwd.end());
  }
  std::string current = "/";
  while (!pending.empty()) {
    std::string name = std::move(pending.back());
    pending.pop_back();
    if (name == ".") continue;
    if (name == "..") {
      current = parent_of(current);
      continue;
    }
    std::string next = child_of(current, name);
    const FileEntry* e = files.find(next);
    if (e == nullptr) {
      out.status = Resolved::missing;
      out.path = next;
      return out;
    }
    if (e->type == FileEntry::symlink) {
      if (++out.links_followed > kMaxLinks) {
        out.status = Resolved::loop;
        out.path = next;
        return out;
      }
      if (e->link_target.empty()) {
        out.status = Resolved::missing;
        out.path = next;
        return out;
      }
      // An absolute target is the image's root again: the container's root, not the host's.
      // (resize, not `= "/"`: g++ 12 warns falsely about the assignment, -Wrestrict.)
      if (e->link_target.front() == '/') current.resize(1);
      push_components(pending, e->link_target);
      continue;
    }
    if (!pending.empty() && e->type != FileEntry::dir) {
      out.status = Resolved::not_directory;
      out.path = next;
      return out;
    }
    current = std::move(next);
  }
  out.status = Resolved::found;
  out.entry = files.find(current);  // nullptr only for "/" when the tree does not list it
  out.path = std::move(current);
  return out;
}

}  // namespace sagelint::image

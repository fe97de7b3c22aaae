// Copies a directory tree with runtime::copy_tree, as `sagelint run` copies inputs in
// (links as links) and outputs back (--outputs: links not copied, special bits dropped);
// bench/run/run.sh times it against `cp -a` of the same tree.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "image/hostfs.hpp"
#include "runtime/tree_copy.hpp"

int main(int argc, char** argv) {
  bool outputs = false;
  if (argc == 4 && std::strcmp(argv[1], "--outputs") == 0) {
    outputs = true;
    ++argv;
    --argc;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: copy_bench [--outputs] SRC_DIR DEST_DIR (DEST_DIR is created)\n");
    return 2;
  }
  if (::mkdir(argv[2], 0755) != 0) {
    std::perror(argv[2]);
    return 1;
  }
  sagelint::hostfs::UniqueFd src(::open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  sagelint::hostfs::UniqueFd dst(::open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!src || !dst) {
    std::perror("copy_bench: open");
    return 1;
  }
  sagelint::runtime::TreeCopyOptions options;
  options.keep_symlinks = !outputs;
  options.merge = outputs;
  sagelint::runtime::CopyBudget budget;
  auto r = sagelint::runtime::copy_tree(src.get(), dst.get(), options, budget);
  if (r.error) {
    std::fprintf(stderr, "copy_bench: %s: %s\n", r.error_path.c_str(), r.error->c_str());
    return 1;
  }
  std::fprintf(stderr, "copy_bench: %llu files, %llu bytes, %zu notes\n",
               static_cast<unsigned long long>(r.files), static_cast<unsigned long long>(r.bytes),
               r.notes.size());
  return 0;
}

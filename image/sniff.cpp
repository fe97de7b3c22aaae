// looks_like_image: content sniffing for the CLI, reading at most a few blocks.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <fstream>

#include "image/view.hpp"

namespace sagelint::image {

bool looks_like_image(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  if (S_ISDIR(st.st_mode)) {
    struct stat f {};
    return ::stat((path + "/oci-layout").c_str(), &f) == 0 ||
           ::stat((path + "/index.json").c_str(), &f) == 0;
  }
  if (!S_ISREG(st.st_mode)) return false;
  // A tar, possibly compressed as a whole: libarchive must find a first tar header.
  archive* a = archive_read_new();
  archive_read_support_filter_all(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  bool ok = false;
  if (archive_read_open_filename(a, path.c_str(), 16384) == ARCHIVE_OK) {
    archive_entry* e = nullptr;
    ok = archive_read_next_header(a, &e) == ARCHIVE_OK;
  }
  archive_read_free(a);
  return ok;
}

}  // namespace sagelint::image

// The members of an image archive by normalised name, with the links docker save uses
// for repeated layers resolved; shared by the archive inputs and the stream reader.
#pragma once

#include <cstdint>
#include <map>
#include <string>

struct archive_entry;

namespace sagelint::image {

struct Member {
  uint64_t offset = 0;  // of the data, in the (uncompressed) archive
  uint64_t size = 0;
  char type = '0';   // '0' file, '1' hard link, '2' symlink, '5' dir, other
  std::string link;  // resolved member name of a link target
};

// The regular-file member that name is, or links to (a few hops); nullptr otherwise.
const Member* resolve_member(const std::map<std::string, Member>& members, std::string name);
void record_member(std::map<std::string, Member>& members, archive_entry* e, uint64_t offset);

}  // namespace sagelint::image

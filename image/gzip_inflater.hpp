// A streaming gzip decompressor (ISA-L's igzip, about twice as fast as zlib's inflate)
// for verified gzip layers: the compressed blob is fed in pieces of any size and the
// plain bytes go to a sink. Concatenated members are one stream (as gzip -d reads
// them); bytes after the last member that do not start another are ignored, as
// libarchive ignores them. Each member's CRC-32 and length are checked.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

struct inflate_state;

namespace sagelint::image {

class GzipInflater {
 public:
  // Receives plain bytes; returns false to stop (feed() then returns false, stopped()).
  using Sink = std::function<bool(const unsigned char*, std::size_t)>;
  explicit GzipInflater(Sink sink);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  // Inflates n more compressed bytes. False on corrupt data (error() says why) or when
  // the sink stopped.
  bool feed(const unsigned char* in, std::size_t n);
  // The compressed input ended. False when it ended inside a member (error() then says
  // "unexpected end of gzip data").
  bool finish();
  const std::string& error() const { return error_; }
  bool stopped() const { return stopped_; }

 private:
  void start_member();
  Sink sink_;
  std::unique_ptr<inflate_state> state_;
  std::vector<unsigned char> out_;
  bool in_member_ = false;  // a member's header began and its trailer has not ended it
  bool trailing_ = false;   // past the last member: the rest is ignored
  bool stopped_ = false;
  std::string error_;
};

}  // namespace sagelint::image

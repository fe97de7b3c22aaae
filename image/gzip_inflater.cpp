#include "image/gzip_inflater.hpp"

#include <isa-l/igzip_lib.h>

#include <utility>

namespace sagelint::image {

namespace {

constexpr std::size_t kOut = 1 << 18;

std::string describe_isal(int code) {
  switch (code) {
    case ISAL_INVALID_BLOCK: return "gzip data is corrupt (invalid deflate block)";
    case ISAL_INVALID_SYMBOL: return "gzip data is corrupt (invalid deflate symbol)";
    case ISAL_INVALID_LOOKBACK: return "gzip data is corrupt (invalid back-reference distance)";
    case ISAL_INVALID_WRAPPER: return "gzip data is corrupt (invalid gzip header or trailer)";
    case ISAL_UNSUPPORTED_METHOD: return "gzip data uses an unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM: return "gzip data is corrupt (CRC-32 or length mismatch)";
    default: return "gzip decompression failed (ISA-L error " + std::to_string(code) + ")";
  }
}

}  // namespace

GzipInflater::GzipInflater(Sink sink)
    : sink_(std::move(sink)), state_(std::make_unique<inflate_state>()), out_(kOut) {}

GzipInflater::~GzipInflater() = default;

void GzipInflater::start_member() {
  isal_inflate_init(state_.get());
  state_->crc_flag = ISAL_GZIP;
  in_member_ = true;
}

bool GzipInflater::feed(const unsigned char* in, std::size_t n) {
  if (stopped_ || !error_.empty()) return false;
  inflate_state& s = *state_;
  while (n > 0 && !trailing_) {
    if (!in_member_) {
      if (in[0] != 0x1f) {  // not another member: trailing bytes
        trailing_ = true;
        break;
      }
      start_member();
    }
    // avail_in is 32 bits: hand over at most 1 GiB at a time.
    const std::size_t piece = n < (std::size_t{1} << 30) ? n : (std::size_t{1} << 30);
    s.next_in = const_cast<unsigned char*>(in);  // ISA-L does not write through it
    s.avail_in = static_cast<uint32_t>(piece);
    for (;;) {
      s.next_out = out_.data();
      s.avail_out = static_cast<uint32_t>(out_.size());
      const uint32_t in_before = s.avail_in;
      int r = isal_inflate(&s);
      if (r < 0) {
        error_ = describe_isal(r);
        return false;
      }
      std::size_t made = out_.size() - s.avail_out;
      // A call that neither read nor wrote would be repeated forever on the same input.
      if (made == 0 && s.avail_in == in_before && s.block_state != ISAL_BLOCK_FINISH) {
        error_ = "gzip decompression made no progress";
        return false;
      }
      if (made && !sink_(out_.data(), made)) {
        stopped_ = true;
        return false;
      }
      if (s.block_state == ISAL_BLOCK_FINISH) {
        in_member_ = false;
        break;
      }
      if (s.avail_in == 0 && s.avail_out != 0) break;  // wants more input
    }
    std::size_t used = piece - s.avail_in;
    in += used;
    n -= used;
  }
  return true;
}

bool GzipInflater::finish() {
  if (stopped_ || !error_.empty()) return false;
  if (in_member_) {
    error_ = "unexpected end of gzip data";
    return false;
  }
  return true;
}

}  // namespace sagelint::image

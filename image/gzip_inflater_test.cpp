#include "image/gzip_inflater.hpp"

#include <doctest/doctest.h>
#include <isa-l/igzip_lib.h>

#include <string>

#include "tests/support/byte_pattern.hpp"

using sagelint::testing::byte_pattern;
using namespace sagelint::image;

namespace {

// One gzip member of `plain` (ISA-L's compressor, level 0: no level buffer needed).
std::string gzip_member(const std::string& plain) {
  std::string out(plain.size() + plain.size() / 8 + 1024, '\0');
  isal_zstream z{};
  isal_deflate_stateless_init(&z);
  z.gzip_flag = IGZIP_GZIP;
  z.end_of_stream = 1;
  z.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(plain.data()));
  z.avail_in = static_cast<uint32_t>(plain.size());
  z.next_out = reinterpret_cast<uint8_t*>(out.data());
  z.avail_out = static_cast<uint32_t>(out.size());
  REQUIRE(isal_deflate_stateless(&z) == COMP_OK);
  out.resize(z.total_out);
  return out;
}

struct Result {
  std::string plain;
  bool fed = true, finished = false;
  std::string error;
};

Result inflate(const std::string& gz, std::size_t step) {
  Result r;
  GzipInflater inf([&](const unsigned char* d, std::size_t n) {
    r.plain.append(reinterpret_cast<const char*>(d), n);
    return true;
  });
  for (std::size_t at = 0; at < gz.size() && r.fed; at += step) {
    std::size_t n = std::min(step, gz.size() - at);
    r.fed = inf.feed(reinterpret_cast<const unsigned char*>(gz.data() + at), n);
  }
  if (r.fed) r.finished = inf.finish();
  r.error = inf.error();
  return r;
}

}  // namespace

TEST_CASE("gzip inflater: one member, in one piece and in small pieces") {
  std::string plain = byte_pattern(3u << 20);
  std::string gz = gzip_member(plain);
  for (std::size_t step : {gz.size(), std::size_t{4096}, std::size_t{7}, std::size_t{1}}) {
    if (step == 1 && gz.size() > (1u << 20)) continue;  // byte at a time: the small case below
    CAPTURE(step);
    Result r = inflate(gz, step);
    CHECK(r.fed);
    CHECK(r.finished);
    CHECK(r.plain == plain);
  }
  std::string small = byte_pattern(5000);
  Result r = inflate(gzip_member(small), 1);
  CHECK(r.finished);
  CHECK(r.plain == small);
}

TEST_CASE("gzip inflater: concatenated members are one stream; trailing bytes are ignored") {
  std::string a = byte_pattern(100000), b = byte_pattern(70001).substr(3);
  std::string gz = gzip_member(a) + gzip_member(b) + gzip_member("");
  for (std::size_t step : {gz.size(), std::size_t{13}}) {
    Result r = inflate(gz, step);
    CHECK(r.finished);
    CHECK(r.plain == a + b);
  }
  Result r = inflate(gzip_member(a) + std::string(1024, '\0'), 100);
  CHECK(r.finished);
  CHECK(r.plain == a);
}

TEST_CASE("gzip inflater: a truncated stream is an unexpected end") {
  std::string gz = gzip_member(byte_pattern(200000));
  for (std::size_t keep : {std::size_t{5}, gz.size() / 2, gz.size() - 4}) {
    CAPTURE(keep);
    Result r = inflate(gz.substr(0, keep), 1000);
    CHECK(r.fed);
    CHECK_FALSE(r.finished);
    CHECK(r.error == "unexpected end of gzip data");
  }
}

TEST_CASE("gzip inflater: corrupt data and a wrong checksum are errors") {
  std::string plain = byte_pattern(200000);
  std::string gz = gzip_member(plain);
  SUBCASE("bad deflate data") {
    std::string bad = gz;
    for (std::size_t i = 10; i < 40; ++i) bad[i] = static_cast<char>(0xff);
    Result r = inflate(bad, 4096);
    CHECK_FALSE(r.fed);
    CHECK(r.error.find("corrupt") != std::string::npos);
  }
  SUBCASE("CRC-32 in the trailer") {
    std::string bad = gz;
    bad[bad.size() - 8] = static_cast<char>(bad[bad.size() - 8] ^ 1);
    Result r = inflate(bad, 4096);
    CHECK_FALSE(r.finished);
    CHECK(r.error == "gzip data is corrupt (CRC-32 or length mismatch)");
  }
  SUBCASE("bad header") {
    std::string bad = gz;
    bad[2] = 7;  // compression method other than deflate
    Result r = inflate(bad, 4096);
    CHECK_FALSE(r.fed);
    CHECK_FALSE(r.error.empty());
  }
}

TEST_CASE("gzip inflater: a sink that stops ends feeding without an error") {
  std::string gz = gzip_member(byte_pattern(2u << 20));
  std::size_t seen = 0;
  GzipInflater inf([&](const unsigned char*, std::size_t n) {
    seen += n;
    return false;
  });
  CHECK_FALSE(inf.feed(reinterpret_cast<const unsigned char*>(gz.data()), gz.size()));
  CHECK(inf.stopped());
  CHECK(inf.error().empty());
  CHECK(seen > 0);
  CHECK(seen < (2u << 20));
}

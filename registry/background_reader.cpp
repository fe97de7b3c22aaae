#include "registry/background_reader.hpp"

#include <exception>
#include <thread>
#include <vector>

#include "image/byte_pipe.hpp"

namespace sagelint::registry {

namespace {

constexpr std::size_t kChunk = 256u << 10;  // one read from the source, one write to the pipe

class BackgroundReader : public image::ByteReader {
 public:
  BackgroundReader(std::unique_ptr<image::ByteReader> source, std::size_t capacity)
      : source_(std::move(source)), digest_(source_->verified_digest()), pipe_(capacity) {
    copier_ = std::thread([this] { copy(); });
  }

  ~BackgroundReader() override {
    pipe_.cancel();
    copier_.join();
  }

  std::string verified_digest() const override { return digest_; }

  long read(void* buf, std::size_t n) override {
    long got = pipe_.read(buf, n);
    if (got < 0) error_ = pipe_.error();
    return got;
  }

 private:
  void copy() {
    try {
      std::vector<char> chunk(kChunk);
      for (;;) {
        long got = source_->read(chunk.data(), chunk.size());
        if (got < 0) return pipe_.fail(source_->error());
        if (got == 0) return pipe_.close();
        if (!pipe_.write(chunk.data(), static_cast<std::size_t>(got))) return;  // reader gone
      }
    } catch (const std::bad_alloc&) {
      pipe_.fail("out of memory while fetching");
    } catch (const std::exception& ex) {
      pipe_.fail(ex.what());
    }
  }

  std::unique_ptr<image::ByteReader> source_;
  std::string digest_;  // source_'s, read before the copier starts
  image::BytePipe pipe_;
  std::thread copier_;  // last: started once the members above exist
};

}  // namespace

std::unique_ptr<image::ByteReader> read_in_background(std::unique_ptr<image::ByteReader> source,
                                                      std::size_t capacity) {
  return std::make_unique<BackgroundReader>(std::move(source), capacity);
}

}  // namespace sagelint::registry

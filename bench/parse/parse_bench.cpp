// Parser throughput. `parse_bench DIR [ROUNDS]` reads every file in DIR, then parses
// them all ROUNDS times in this process and prints files/s, MB/s and CPU ms per round.
// `parse_bench --one FILE` loads and parses a single file and exits: run.sh times one
// process per file with it. `parse_bench --list DIR` prints the files DIR mode parses,
// one per line, so that bench/lint lints exactly the files parsed here.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.hpp"
#include "parser/stages.hpp"

namespace {

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sagelint::parser;
  if (argc == 3 && std::string(argv[1]) == "--one") {
    const LoadResult l = load_file(argv[2]);
    if (l.error) {
      std::cerr << argv[2] << ": " << *l.error << "\n";
      return 3;
    }
    const ParseResult r = parse(l.text);
    (void)build_stages(r.file);
    return r.error ? 1 : 0;
  }
  const bool list = argc == 3 && std::string(argv[1]) == "--list";
  if (argc < 2) {
    std::cerr
        << "usage: parse_bench DIR [ROUNDS] | parse_bench --one FILE | parse_bench --list DIR\n";
    return 2;
  }
  const char* dir = list ? argv[2] : argv[1];
  const int rounds = !list && argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
  std::vector<std::string> texts;
  std::vector<std::string> paths;
  std::size_t bytes = 0;
  // The corpus directory also holds its index (*.tsv): every other regular file that
  // loads is parsed, whether or not BuildKit accepts it.
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.ends_with(".tsv")) continue;
    const LoadResult l = load_file(e.path().string());
    if (l.error) continue;
    bytes += l.text.size();
    texts.push_back(l.text);
    paths.push_back(e.path().string());
  }
  if (list) {
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) std::cout << p << "\n";
    return 0;
  }
  std::size_t instructions = 0;
  double best = 1e300;
  for (int i = 0; i < rounds; ++i) {
    const double start = cpu_ms();
    for (const std::string& t : texts) {
      const ParseResult r = parse(t);
      instructions += r.file.instructions.size();
    }
    best = std::min(best, cpu_ms() - start);
  }
  const double secs = best / 1e3;
  std::cout << "files: " << texts.size() << " (" << bytes << " bytes, "
            << instructions / static_cast<std::size_t>(rounds) << " instructions)\n"
            << "one process, whole corpus: " << best << " ms CPU (best of " << rounds << ")\n"
            << "files/s: " << static_cast<long>(static_cast<double>(texts.size()) / secs) << "\n"
            << "MB/s: " << static_cast<double>(bytes) / 1e6 / secs << "\n";
  return 0;
}

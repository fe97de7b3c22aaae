// CPU time of whole processes. `proc_cpu_bench RUNS CMD [ARGS...]` runs CMD RUNS times
// (standard output and error to /dev/null) and prints the median and the minimum of its
// CPU time (user + system, from wait4's rusage: microseconds, where bash's `times` only
// gives milliseconds) as "median_ms min_ms". bench/lint/run.sh compares a lint process
// with parse_bench and /bin/true by it: CPU time, unlike wall time, hardly depends on
// what else the machine runs.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: proc_cpu_bench RUNS CMD [ARGS...]\n");
    return 2;
  }
  const int runs = std::max(1, std::atoi(argv[1]));
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const pid_t pid = fork();
    if (pid < 0) {
      std::perror("proc_cpu_bench: fork");
      return 1;
    }
    if (pid == 0) {
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execvp(argv[2], argv + 2);
      _exit(127);
    }
    int status = 0;
    rusage ru{};
    if (wait4(pid, &status, 0, &ru) < 0) {
      std::perror("proc_cpu_bench: wait4");
      return 1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      std::fprintf(stderr, "proc_cpu_bench: cannot run %s\n", argv[2]);
      return 1;
    }
    auto to_ms = [](const timeval& t) {
      return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    ms.push_back(to_ms(ru.ru_utime) + to_ms(ru.ru_stime));
  }
  std::sort(ms.begin(), ms.end());
  const std::size_t n = ms.size();
  const double median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  std::printf("%.3f %.3f\n", median, ms.front());
  return 0;
}

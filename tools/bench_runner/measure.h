// Runs commands as child processes and measures them: wall time, CPU time and
// peak resident memory (getrusage of the child).
//
// Linux counts in a child's peak RSS the memory of the process it was forked
// from, until it calls exec (exec_mmap records the old address space's high
// water mark). Forked from the runner after it has scored a large digest, a
// precis run was charged the runner's few hundred megabytes. So children are
// forked by a helper process that the Spawner forks at its construction,
// while the runner is still small, and that does nothing else.
#ifndef PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_
#define PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace precis::bench {

struct Measurement {
  int exit_code = -1;  // -1: the command could not be run
  double wall_seconds = 0;
  double user_seconds = 0;
  double system_seconds = 0;
  long peak_rss_kib = 0;
};

class Spawner {
 public:
  // Forks the helper; construct it first thing in main. Not thread-safe.
  Spawner();
  ~Spawner();
  Spawner(const Spawner&) = delete;
  Spawner& operator=(const Spawner&) = delete;

  // Runs argv (argv[0] is the program path) with stdout and stderr appended
  // to `log_path`, and waits for it.
  Measurement Run(const std::vector<std::string>& argv, const std::string& log_path);

 private:
  pid_t helper_ = -1;
  int to_helper_ = -1;
  int from_helper_ = -1;
};

}  // namespace precis::bench

#endif  // PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_

// Runs a command as a child process and measures it: wall time and peak
// resident memory (getrusage of the child, so the runner's own memory never
// counts).
#ifndef PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_
#define PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_

#include <string>
#include <vector>

namespace precis::bench {

struct Measurement {
  int exit_code = -1;
  double wall_seconds = 0;
  double user_seconds = 0;
  double system_seconds = 0;
  long peak_rss_kib = 0;
};

// argv[0] is the program path; stdout/stderr go to `log_path` (appended).
Measurement RunMeasured(const std::vector<std::string>& argv, const std::string& log_path);

}  // namespace precis::bench

#endif  // PRECIS_TOOLS_BENCH_RUNNER_MEASURE_H_

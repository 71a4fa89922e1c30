// The benchmark table: one row per (command, corpus size, thread count).
#ifndef PRECIS_TOOLS_BENCH_RUNNER_REPORT_H_
#define PRECIS_TOOLS_BENCH_RUNNER_REPORT_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "tools/bench_runner/measure.h"

namespace precis::bench {

struct Row {
  std::string command;  // "dedup" or "digest"
  size_t documents = 0;
  double corpus_mb = 0;  // size of the corpus file on disk, 10^6 bytes
  int threads = 0;
  Measurement run;                   // the fastest of the runs
  std::vector<double> wall_seconds;  // every run's wall time, in order
  std::vector<std::pair<std::string, double>> stage_seconds;
  std::vector<std::pair<std::string, double>> quality;  // name -> value, e.g. "pair_f1"
};

// Markdown table plus the growth ratios between consecutive corpus sizes.
void WriteMarkdown(const std::vector<Row>& rows, std::ostream& out);
// The same as JSON (machine-readable, for comparing runs).
void WriteJson(const std::vector<Row>& rows, std::ostream& out);

}  // namespace precis::bench

#endif  // PRECIS_TOOLS_BENCH_RUNNER_REPORT_H_

// Benchmarks over the labelled news in ../shared/eval, which is never in the
// repository: they are registered only when their file is there. A machine
// without it runs the others and says which it skipped, instead of reporting
// an error, which the smoke tests (bench/CMakeLists.txt) count as a failed
// checksum.
#ifndef PRECIS_BENCH_EVAL_DATA_H_
#define PRECIS_BENCH_EVAL_DATA_H_

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

namespace precis::bench {

// Registers fn as `name` if PRECIS_EVAL_DIR/`file` exists; else prints a
// note on stderr and returns nullptr.
inline benchmark::internal::Benchmark* RegisterOnEvalData(const char* file, const char* name,
                                                          void (*fn)(benchmark::State&)) {
  const std::filesystem::path path = std::filesystem::path(PRECIS_EVAL_DIR) / file;
  if (!std::filesystem::exists(path)) {
    std::fprintf(stderr, "%s skipped: %s is absent (labelled data, ../shared/eval)\n", name,
                 path.c_str());
    return nullptr;
  }
  return benchmark::RegisterBenchmark(name, fn);
}

}  // namespace precis::bench

#endif  // PRECIS_BENCH_EVAL_DATA_H_

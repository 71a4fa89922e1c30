// precis-ingest-latency [STORED [MEASURED [DB]]]: adds STORED generated reports
// (default 100000) to an SQLite database, then times each of MEASURED more
// Adds (default 2000) and prints p50/p90/p99/max latency. A program, not a
// Google Benchmark: the quantity is a distribution at one state, and filling
// the state takes minutes.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "precis/ingest.h"
#include "tests/incremental/corpus.h"

int main(int argc, char** argv) {
  const size_t stored = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  const size_t measured = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2000;
  const std::string db = argc > 3 ? argv[3]
                                  : (std::filesystem::temp_directory_path() /
                                     ("precis-latency-" + std::to_string(getpid()) + ".db"))
                                        .string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  auto docs = precis::testing::GeneratedStream(stored + measured, 23);
  if (docs.size() < stored + measured) {
    std::fprintf(stderr, "the generator gave only %zu documents\n", docs.size());
    return 1;
  }
  // Measure a random-looking sample of the stream, not its last days only.
  std::rotate(docs.begin(), docs.begin() + static_cast<long>(stored / 2),
              docs.begin() + static_cast<long>(stored));
  auto engine = precis::IncrementalEngine::Open(db, precis::testing::StreamOptions());
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  const auto fill = Clock::now();
  for (size_t i = 0; i < stored; ++i) {
    if (!(*engine)->Add(docs[i]).ok()) return 1;
    if ((i + 1) % 10000 == 0) std::fprintf(stderr, "\rstored %zu", i + 1);
  }
  const double fill_s = std::chrono::duration<double>(Clock::now() - fill).count();
  std::vector<double> ms;
  for (size_t i = stored; i < stored + measured; ++i) {
    const auto t = Clock::now();
    if (!(*engine)->Add(docs[i]).ok()) return 1;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
  }
  std::sort(ms.begin(), ms.end());
  auto q = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };
  // Closed first: the last connection's close checkpoints the write-ahead
  // log into the database file, whose size alone had varied with the log's
  // last checkpoint (93 or 122 MB for the same content).
  engine->reset();
  std::printf(
      "\nfilled %zu documents in %.1f s (%.0f docs/s); %zu more Adds: p50 %.2f ms, p90 %.2f ms, "
      "p99 %.2f ms, max %.2f ms; database %.0f MB\n",
      stored, fill_s, stored / fill_s, measured, q(0.5), q(0.9), q(0.99), ms.back(),
      std::filesystem::file_size(db) / 1e6);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  return 0;
}

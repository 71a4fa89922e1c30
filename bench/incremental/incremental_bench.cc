// IncrementalEngine::Add speed on a generated corpus (real text, planted
// copies): in memory (analysis + placement) and into an SQLite file (plus the
// commit). Every timed run's fates are checked against a first, untimed run
// (a checksum of kinds, stories, events and copy targets), so a fast wrong
// answer fails instead of scoring.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "precis/ingest.h"
#include "tests/incremental/corpus.h"

namespace precis {
namespace {

const std::vector<Document>& Corpus() {
  static const std::vector<Document> docs = testing::GeneratedStream(2000, 17);
  return docs;
}

uint64_t Mix(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ull; }

// Adds the corpus to a fresh engine at `path`; returns the checksum of the fates.
uint64_t AddAll(const std::string& path, benchmark::State* state) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  auto engine = IncrementalEngine::Open(path, testing::StreamOptions());
  if (!engine.ok()) {
    if (state) state->SkipWithError(engine.status().ToString().c_str());
    return 0;
  }
  uint64_t h = 1469598103934665603ull;
  for (const Document& d : Corpus()) {
    auto f = (*engine)->Add(d);
    if (!f.ok()) {
      if (state) state->SkipWithError(f.status().ToString().c_str());
      return 0;
    }
    h = Mix(Mix(Mix(h, static_cast<uint64_t>(f->kind)), f->story), f->event);
    h = Mix(h, std::hash<std::string>{}(f->duplicate_of));
  }
  return h;
}

void Run(benchmark::State& state, const std::string& path) {
  const uint64_t expected = AddAll(path, nullptr);
  uint64_t bytes = 0;
  for (const Document& d : Corpus()) bytes += d.text.size() + d.title.size();
  for (auto _ : state) {
    if (AddAll(path, &state) != expected) {
      state.SkipWithError("fates differ from the first run");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Corpus().size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

void BM_AddInMemory(benchmark::State& state) { Run(state, ""); }
void BM_AddToSqliteFile(benchmark::State& state) {
  Run(state, (std::filesystem::temp_directory_path() /
              ("precis-bench-" + std::to_string(getpid()) + ".db"))
                 .string());
}
BENCHMARK(BM_AddInMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AddToSqliteFile)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace precis

BENCHMARK_MAIN();

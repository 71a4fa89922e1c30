// Clustering stage speed, each step alone (all cores, wall time): TF-IDF
// vectors, candidate search, average linkage, on synthetic feature bags
// (Zipf-like vocabulary with planted topics, the shape of real news bags
// after extraction). Each benchmark computes its
// answer once before timing and checks every timed run against it (a
// checksum of the output), so a fast wrong answer fails instead of scoring.
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <map>
#include <random>

#include "engine/cluster/batch/candidates.h"
#include "engine/cluster/batch/linkage.h"
#include "engine/cluster/batch/vectors.h"

namespace precis::cluster {
namespace {

std::vector<DocFeatures> Features(size_t n) {
  std::mt19937_64 rng(12345);
  std::vector<DocFeatures> docs(n);
  const uint64_t topics = std::max<uint64_t>(1, n / 8);
  for (size_t i = 0; i < n; ++i) {
    std::map<uint64_t, float> bag;
    const uint64_t topic = rng() % topics;
    for (int k = 0; k < 120; ++k) {
      const uint64_t word =
          rng() % 3 == 0 ? 1'000'000 + topic * 40 + rng() % 40 : rng() % (1 + rng() % 50'000);
      bag[TermKey("en", std::to_string(word))] += 1.0f;
    }
    docs[i].lang = "en";
    for (const auto& [key, w] : bag) {
      if (docs[i].terms.size() < 100) docs[i].terms.push_back({key, w});
    }
  }
  return docs;
}

uint64_t Checksum(const std::vector<Edge>& edges) {
  uint64_t h = 1469598103934665603ull;
  for (const Edge& e : edges) {
    h = (h ^ e.a) * 1099511628211ull;
    h = (h ^ e.b) * 1099511628211ull;
    h = (h ^ static_cast<uint64_t>(e.similarity * 1e6)) * 1099511628211ull;
  }
  return h;
}

uint64_t Checksum(const Hierarchy& h) {
  uint64_t x = 1469598103934665603ull;
  for (uint32_t v : h.event_of_unit) x = (x ^ v) * 1099511628211ull;
  for (uint32_t v : h.story_of_event) x = (x ^ v) * 1099511628211ull;
  return x;
}

size_t FeatureBytes(const std::vector<DocFeatures>& docs) {
  size_t b = 0;
  for (const DocFeatures& d : docs) b += d.terms.size() * sizeof(WeightedKey);
  return b;
}

uint64_t Checksum(const SparseRows& m) {
  uint64_t h = XXH3_64bits(m.outerIndexPtr(), static_cast<size_t>(m.outerSize() + 1) * sizeof(int));
  h = XXH3_64bits_withSeed(m.innerIndexPtr(), static_cast<size_t>(m.nonZeros()) * sizeof(int), h);
  return XXH3_64bits_withSeed(m.valuePtr(),
                              static_cast<size_t>(m.nonZeros()) * sizeof(*m.valuePtr()), h);
}

uint64_t Checksum(const UnitVectors& v) {
  uint64_t h = Checksum(v.text) ^ (Checksum(v.entities) * 1099511628211ull);
  return XXH3_64bits_withSeed(v.term_keys.data(), v.term_keys.size() * sizeof(uint64_t), h);
}

// TF-IDF vectors: term columns, idf, (1 + ln tf) * idf rows, L2-normalised.
void BM_Vectors(benchmark::State& state) {
  const std::vector<DocFeatures> docs = Features(static_cast<size_t>(state.range(0)));
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel parallel(0);
  const uint64_t expected = Checksum(BuildVectors(units, nullptr, parallel).value());
  for (auto _ : state) {
    const UnitVectors v = BuildVectors(units, nullptr, parallel).value();
    if (Checksum(v) != expected) state.SkipWithError("vectors differ from the reference run");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(FeatureBytes(docs)));
}

// Candidate search and exact scoring over ready vectors: the inverted index,
// the posting lists read rarest first, the best partners of each unit.
void BM_Candidates(benchmark::State& state) {
  const std::vector<DocFeatures> docs = Features(static_cast<size_t>(state.range(0)));
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel parallel(0);
  const ClusterOptions options;
  const UnitVectors v = BuildVectors(units, nullptr, parallel).value();
  const uint64_t expected = Checksum(FindCandidates(v, options, 0.04, parallel));
  size_t edges = 0;
  for (auto _ : state) {
    const std::vector<Edge> found = FindCandidates(v, options, 0.04, parallel);
    if (Checksum(found) != expected)
      state.SkipWithError("candidate edges differ from the reference run");
    edges = found.size();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(FeatureBytes(docs)));
  state.counters["edges"] = static_cast<double>(edges);
}

// Average linkage over the candidate graph: the sequential part.
void BM_AverageLinkage(benchmark::State& state) {
  const std::vector<DocFeatures> docs = Features(static_cast<size_t>(state.range(0)));
  std::vector<const DocFeatures*> units;
  for (const DocFeatures& d : docs) units.push_back(&d);
  Parallel parallel(0);
  const ClusterOptions options;
  const std::vector<Edge> edges =
      FindCandidates(BuildVectors(units, nullptr, parallel).value(), options, 0.04, parallel);
  const LinkageOptions lo{options.event_threshold, options.story_threshold, 0};
  const uint64_t expected = Checksum(AverageLinkage(units.size(), edges, {}, lo));
  for (auto _ : state) {
    const Hierarchy h = AverageLinkage(units.size(), edges, {}, lo);
    if (Checksum(h) != expected) state.SkipWithError("clustering differs from the reference run");
    benchmark::DoNotOptimize(h.event_of_unit.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(edges.size() * sizeof(Edge)));
  state.counters["edges"] = static_cast<double>(edges.size());
}

BENCHMARK(BM_Vectors)->Arg(1000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Candidates)->Arg(1000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AverageLinkage)->Arg(1000)->Arg(20000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace precis::cluster

BENCHMARK_MAIN();

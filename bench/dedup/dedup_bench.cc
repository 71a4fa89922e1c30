// Dedup throughput, one thread: shingling, signatures (what Deduplicator::Add
// does per document) and LSH banding, on a corpus made by tools/gen_corpus
// (--benchmark_context is not needed: sizes are printed as counters).
//
// Bytes are bytes of NORMALISED text (token norms joined by spaces), so the
// figures say how fast dedup is once the analyser has tokenised; documents
// are analysed once, untimed, with the real ICU analyser. Each benchmark
// checks a checksum of its output against an untimed reference run and
// fails (SkipWithError) on a mismatch.
//
//   build-dedup/bench/dedup/dedup_bench --benchmark_min_time=1s
//   PRECIS_BENCH_DOCS=20000 build-dedup/bench/dedup/dedup_bench   (larger corpus)
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <optional>
#include <string>
#include <vector>

#include "bench/generated_corpus.h"
#include "engine/common/parallel.h"
#include "engine/dedup/deduplicator.h"
#include "engine/dedup/lsh.h"
#include "engine/dedup/minhash.h"
#include "engine/dedup/shingle.h"
#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"

namespace precis::dedup {
namespace {

struct Corpus {
  std::vector<std::vector<std::string>> norms;  // per document
  size_t bytes = 0;                             // normalised text, spaces included
  size_t tokens = 0;
  std::string error;
};

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::string error;
    auto g = bench::BenchGenerator(5000, &error);
    auto analyzer = text::Analyzer::Create(TextOptions());
    if (!g || !analyzer.ok()) {
      c.error = g ? std::string(analyzer.status().message()) : error;
      return c;
    }
    const ingest::BoilerplateFilter filter{IngestOptions()};
    gen::GeneratedDoc d;
    while (g->Next(&d)) {
      const Document doc = gen::ToDocument(d);
      const text::AnalyzedDocument a = (*analyzer)->Analyze(doc, filter.Clean(doc));
      std::vector<std::string> norms;
      for (const text::Token& t : a.tokens) {
        norms.emplace_back(a.norm(t));
        c.bytes += t.norm_size + 1;
      }
      c.tokens += norms.size();
      c.norms.push_back(std::move(norms));
    }
    return c;
  }();
  return corpus;
}

std::vector<DocumentUnits> AllUnits(const Corpus& c, const DedupOptions& o) {
  std::vector<DocumentUnits> units;
  for (const auto& doc : c.norms) {
    std::vector<std::string_view> v(doc.begin(), doc.end());
    units.push_back(UnitsFromNorms(v, o));
  }
  return units;
}

void Counters(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.norms.size()));
  state.counters["docs"] = static_cast<double>(c.norms.size());
  state.counters["MB_normalised"] = static_cast<double>(c.bytes) / 1e6;
}

// Token hashes (XXH3-64 per norm) + word n-gram shingles.
void BM_Shingling(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  const int n = DedupOptions().shingle_size;
  auto run = [&] {
    uint64_t sum = 0;
    std::vector<uint64_t> units, shingles;
    for (const auto& doc : c.norms) {
      units.clear();
      shingles.clear();
      for (const std::string& w : doc) units.push_back(HashToken(w));
      AppendShingles(units, n, &shingles);
      for (uint64_t s : shingles) sum += s;
    }
    return sum;
  };
  const uint64_t expected = run();
  for (auto _ : state) {
    const uint64_t got = run();
    if (got != expected) return state.SkipWithError("shingle checksum changed between runs");
    benchmark::DoNotOptimize(got);
  }
  Counters(state, c);
}
BENCHMARK(BM_Shingling)->Unit(benchmark::kMillisecond);

// Everything Deduplicator::Add does per document: body hash (XXH3-128), token
// hashes, shingles, MinHash signature.
void BM_Signatures(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  DedupOptions o;
  o.signature_size = static_cast<int>(state.range(0));
  auto run = [&] {
    Deduplicator dedup(o, c.norms.size());
    std::vector<std::string_view> v;
    for (size_t i = 0; i < c.norms.size(); ++i) {
      v.assign(c.norms[i].begin(), c.norms[i].end());
      dedup.Add(i, UnitsFromNorms(v, o));
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < c.norms.size(); ++i) {
      const auto sig = dedup.signature(i);
      sum = XXH3_64bits_withSeed(sig.data(), sig.size_bytes(), sum);
    }
    return sum;
  };
  const uint64_t expected = run();
  for (auto _ : state) {
    const uint64_t got = run();
    if (got != expected) return state.SkipWithError("signature checksum changed between runs");
  }
  Counters(state, c);
}
BENCHMARK(BM_Signatures)->Arg(128)->Arg(256)->Unit(benchmark::kMillisecond);

// UnitsFromNorms alone: token hashes and the XXH3-128 body hash.
void BM_Units(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  const DedupOptions o;
  auto run = [&] {
    uint64_t sum = 0;
    std::vector<std::string_view> v;
    for (const auto& doc : c.norms) {
      v.assign(doc.begin(), doc.end());
      const DocumentUnits u = UnitsFromNorms(v, o);
      sum += u.body_hash_low + u.units.size();
    }
    return sum;
  };
  const uint64_t expected = run();
  for (auto _ : state) {
    if (run() != expected) return state.SkipWithError("unit checksum changed between runs");
  }
  Counters(state, c);
}
BENCHMARK(BM_Units)->Unit(benchmark::kMillisecond);

// MinHash alone, from shingle hashes already computed.
void BM_MinHashOnly(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  DedupOptions o;
  std::vector<std::vector<uint64_t>> shingles;
  for (const DocumentUnits& u : AllUnits(c, o)) {
    shingles.emplace_back();
    AppendShingles(u.units, o.shingle_size, &shingles.back());
  }
  const MinHasher hasher(o.signature_size, o.seed);
  std::vector<uint32_t> sig(o.signature_size);
  auto run = [&] {
    uint64_t sum = 0;
    for (const auto& s : shingles) {
      hasher.Sign(s, sig.data());
      sum = XXH3_64bits_withSeed(sig.data(), sig.size() * 4, sum);
    }
    return sum;
  };
  const uint64_t expected = run();
  for (auto _ : state) {
    if (run() != expected) return state.SkipWithError("signature checksum changed between runs");
  }
  Counters(state, c);
}
BENCHMARK(BM_MinHashOnly)->Unit(benchmark::kMillisecond);

// LSH banding over all signatures (bands sorted in parallel; 1 thread here).
void BM_Lsh(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  DedupOptions o;
  Deduplicator dedup(o, c.norms.size());
  const auto units = AllUnits(c, o);
  for (size_t i = 0; i < units.size(); ++i) dedup.Add(i, units[i]);
  std::vector<uint32_t> sigs, docs;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].units.empty()) continue;
    docs.push_back(static_cast<uint32_t>(i));
  }
  sigs.resize(units.size() * o.signature_size);
  for (size_t i = 0; i < units.size(); ++i) {
    std::copy(dedup.signature(i).begin(), dedup.signature(i).end(),
              sigs.begin() + i * o.signature_size);
  }
  const LshParams params = OptimalLshParams(0.19, o.signature_size, 0.1, 0.9);
  Parallel parallel(1);
  // The candidate pairs themselves, in the order they come.
  size_t candidates = 0;
  auto run = [&] {
    const auto pairs = LshCandidates(sigs, o.signature_size, docs, params, parallel);
    candidates = pairs.size();
    return XXH3_64bits(pairs.data(), pairs.size() * sizeof(pairs[0]));
  };
  const uint64_t expected = run();
  for (auto _ : state) {
    if (run() != expected) return state.SkipWithError("candidate pairs changed between runs");
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * docs.size() * o.signature_size * sizeof(uint32_t)));
  state.counters["candidates"] = static_cast<double>(candidates);
  state.counters["bands"] = params.bands;
  state.counters["rows"] = params.rows;
}
BENCHMARK(BM_Lsh)->Unit(benchmark::kMillisecond);

// The whole corpus-level step: exact groups, LSH, prefilter, verification on
// the sets Add stored.
void BM_Finish(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) return state.SkipWithError(c.error.c_str());
  DedupOptions o;
  const auto units = AllUnits(c, o);
  Deduplicator dedup(o, units.size());
  for (size_t i = 0; i < units.size(); ++i) dedup.Add(i, units[i]);
  Parallel parallel(1);
  // Every exact and near-duplicate group: canonical member, members, and the
  // verified pairs with their similarities.
  size_t near_groups = 0;
  auto run = [&]() -> std::optional<uint64_t> {
    const StatusOr<DedupResult> result = dedup.Finish(parallel);
    if (!result.ok()) return std::nullopt;
    uint64_t sum = 0;
    for (const auto* groups : {&result->exact_groups, &result->near_duplicate_groups}) {
      for (const DuplicateGroup& g : *groups) {
        sum = XXH3_64bits_withSeed(&g.canonical, sizeof g.canonical, sum);
        sum = XXH3_64bits_withSeed(g.members.data(), g.members.size() * sizeof(uint32_t), sum);
        for (const SimilarPair& p : g.pairs) {
          const double v[2] = {p.jaccard, p.containment};
          const uint32_t ab[2] = {p.a, p.b};
          sum = XXH3_64bits_withSeed(ab, sizeof ab, sum);
          sum = XXH3_64bits_withSeed(v, sizeof v, sum);
        }
      }
    }
    near_groups = result->near_duplicate_groups.size();
    return sum;
  };
  const std::optional<uint64_t> expected = run();
  if (!expected) return state.SkipWithError("Finish failed (temporary file)");
  for (auto _ : state) {
    if (run() != expected) return state.SkipWithError("groups changed between runs");
  }
  Counters(state, c);
  state.counters["groups"] = static_cast<double>(near_groups);
}
BENCHMARK(BM_Finish)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace precis::dedup

BENCHMARK_MAIN();

// Writing the digest, one thread: JSON, Markdown and HTML of the Result of a
// full run (stories, events, near-duplicate groups, summaries with their
// sources) over a corpus made by tools/gen_corpus (2,000 reports; more with
// PRECIS_BENCH_DOCS=N), and the duplicate groups' JSON of `precis dedup`. The
// run is made once, untimed.
//
// Bytes are bytes of output; items are stories. Each benchmark checks a hash
// of its whole output against an untimed reference run and fails
// (SkipWithError) on a mismatch.
//
//   build/bench/output/output_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <memory>
#include <sstream>
#include <string>

#include "bench/generated_corpus.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

struct Run {
  Options options;
  std::unique_ptr<Result> result;
  std::string error;
};

const Run& GetRun() {
  static const Run run = [] {
    Run r;
    auto g = bench::BenchGenerator(2000, &r.error);
    if (!g) return r;
    auto engine = Engine::Create(r.options);
    if (!engine.ok()) {
      r.error = engine.status().ToString();
      return r;
    }
    gen::GeneratedDoc d;
    while (g->Next(&d)) {
      if (Status s = (*engine)->Add(gen::ToDocument(d)); !s.ok()) {
        r.error = s.ToString();
        return r;
      }
    }
    auto result = (*engine)->Run();
    if (!result.ok()) {
      r.error = result.status().ToString();
      return r;
    }
    r.result = std::make_unique<Result>(std::move(result).value());
    return r;
  }();
  return run;
}

using WriteFn = Status (*)(const Run&, std::ostream&);

DigestOptions OneThread() {
  DigestOptions o;
  o.threads = 1;
  return o;
}

void RunWrite(benchmark::State& state, WriteFn write) {
  const Run& run = GetRun();
  if (run.result == nullptr) {
    state.SkipWithError(("no result: " + run.error).c_str());
    return;
  }
  auto written = [&](uint64_t* hash, size_t* bytes) {
    std::ostringstream out;
    if (!write(run, out).ok()) return false;
    const std::string s = std::move(out).str();
    *hash = XXH3_64bits(s.data(), s.size());
    *bytes = s.size();
    return true;
  };
  uint64_t reference = 0;
  size_t bytes = 0;
  if (!written(&reference, &bytes) || bytes == 0) {
    state.SkipWithError("the reference run wrote nothing or failed");
    return;
  }
  for (auto _ : state) {
    uint64_t hash = 0;
    size_t size = 0;
    if (!written(&hash, &size) || hash != reference) {
      state.SkipWithError("output differs from the reference run");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * run.result->stories.size()));
  state.counters["docs"] = static_cast<double>(run.result->documents.size());
  state.counters["stories"] = static_cast<double>(run.result->stories.size());
  state.counters["MB_output"] = static_cast<double>(bytes) / 1e6;
}

void BM_DigestJson(benchmark::State& state) {
  RunWrite(state, [](const Run& r, std::ostream& out) {
    return WriteDigest(*r.result, DigestFormat::kJson, OneThread(), out);
  });
}
BENCHMARK(BM_DigestJson)->Unit(benchmark::kMillisecond);

void BM_DigestMarkdown(benchmark::State& state) {
  RunWrite(state, [](const Run& r, std::ostream& out) {
    return WriteDigest(*r.result, DigestFormat::kMarkdown, OneThread(), out);
  });
}
BENCHMARK(BM_DigestMarkdown)->Unit(benchmark::kMillisecond);

void BM_DigestHtml(benchmark::State& state) {
  RunWrite(state, [](const Run& r, std::ostream& out) {
    return WriteDigest(*r.result, DigestFormat::kHtml, OneThread(), out);
  });
}
BENCHMARK(BM_DigestHtml)->Unit(benchmark::kMillisecond);

void BM_DuplicatesJson(benchmark::State& state) {
  RunWrite(state, [](const Run& r, std::ostream& out) {
    return WriteDuplicatesJson(*r.result, r.options, OneThread(), out);
  });
}
BENCHMARK(BM_DuplicatesJson)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace precis

BENCHMARK_MAIN();

// Analyzer::Analyze throughput (bytes of document text per second, one
// thread) on the seeds and, when present, the French RPM2 development corpus.
// Each benchmark first analyses its corpus once and checks that timed runs
// produce the same tokens (a hash of their normal forms, and their count).
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/eval_data.h"
#include "engine/text/analyzer.h"

namespace precis::text {
namespace {

struct Corpus {
  std::vector<Document> docs;
  std::vector<ingest::CleanedText> lines;
  size_t bytes = 0;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Kept lines as the boilerplate filter gives them when it removes nothing.
ingest::CleanedText AllLines(const std::string& text) {
  ingest::CleanedText cleaned;
  bool blank_before = true;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    size_t b = pos, e = eol;
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
    if (b == e) {
      blank_before = true;
    } else {
      cleaned.lines.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), blank_before});
      blank_before = false;
    }
    pos = eol + 1;
  }
  return cleaned;
}

void Add(Corpus* corpus, std::string id, std::string text) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  corpus->bytes += d.text.size();
  corpus->lines.push_back(AllLines(d.text));
  corpus->docs.push_back(std::move(d));
}

Corpus Seeds() {
  Corpus corpus;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(PRECIS_SOURCE_DIR) / "corpora/seeds"))
    paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) Add(&corpus, p.filename().string(), ReadFile(p));
  return corpus;
}

// The "text" fields of a JSON Lines file, without a JSON dependency: the
// development files write each record on one line with a plain "text" key.
Corpus Rpm2() {
  Corpus corpus;
  std::ifstream in(std::filesystem::path(PRECIS_EVAL_DIR) / "rpm2-fr.docs.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    const size_t key = line.find("\"text\": \"");
    if (key == std::string::npos) continue;
    std::string text;
    for (size_t i = key + 9; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        const char c = line[++i];
        if (c == 'n') {
          text.push_back('\n');
        } else if (c == 'u') {
          text.push_back(' ');  // rare escapes; their exact value does not matter here
          i += 4;
        } else {
          text.push_back(c);
        }
      } else {
        text.push_back(line[i]);
      }
    }
    Add(&corpus, "rpm2-" + std::to_string(n++), std::move(text));
  }
  return corpus;
}

// The tokens' normal forms in order, and their number: the same for the full
// analysis and AnalyzeWords, which differ in flags and stems only.
struct Output {
  uint64_t hash = 0;
  size_t tokens = 0;
  bool operator==(const Output&) const = default;
};

Output Tokens(const Analyzer& analyzer, const Corpus& corpus, bool words_only) {
  Output out;
  for (size_t i = 0; i < corpus.docs.size(); ++i) {
    const AnalyzedDocument a = words_only ? analyzer.AnalyzeWords(corpus.docs[i], corpus.lines[i])
                                          : analyzer.Analyze(corpus.docs[i], corpus.lines[i]);
    for (const Token& t : a.tokens) {
      const std::string_view norm = a.norm(t);
      out.hash = XXH3_64bits_withSeed(norm.data(), norm.size(), out.hash);
    }
    out.tokens += a.tokens.size();
  }
  return out;
}

// words_only: AnalyzeWords (what precis dedup runs), checked against the
// tokens of the full analysis.
void Run(benchmark::State& state, const Corpus& corpus, bool words_only = false) {
  if (corpus.docs.empty()) {
    state.SkipWithError("corpus not found");
    return;
  }
  auto analyzer = Analyzer::Create(TextOptions{});
  if (!analyzer.ok()) {
    state.SkipWithError(analyzer.status().ToString().c_str());
    return;
  }
  const Output expected = Tokens(**analyzer, corpus, /*words_only=*/false);
  for (auto _ : state) {
    const Output got = Tokens(**analyzer, corpus, words_only);
    if (!(got == expected)) {
      state.SkipWithError("tokens differ between runs or from the full analysis");
      return;
    }
    benchmark::DoNotOptimize(got);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.docs.size()));
  state.counters["tokens"] = static_cast<double>(expected.tokens);
  state.counters["docs"] = static_cast<double>(corpus.docs.size());
}

void BM_AnalyzeSeeds(benchmark::State& state) {
  static const Corpus corpus = Seeds();
  Run(state, corpus);
}
BENCHMARK(BM_AnalyzeSeeds);

void BM_AnalyzeRpm2French(benchmark::State& state) {
  static const Corpus corpus = Rpm2();
  Run(state, corpus);
}
[[maybe_unused]] const auto* kRpm2 =
    bench::RegisterOnEvalData("rpm2-fr.docs.jsonl", "BM_AnalyzeRpm2French", BM_AnalyzeRpm2French);

void BM_AnalyzeWordsRpm2French(benchmark::State& state) {
  static const Corpus corpus = Rpm2();
  Run(state, corpus, /*words_only=*/true);
}
[[maybe_unused]] const auto* kRpm2Words = bench::RegisterOnEvalData(
    "rpm2-fr.docs.jsonl", "BM_AnalyzeWordsRpm2French", BM_AnalyzeWordsRpm2French);

}  // namespace
}  // namespace precis::text

BENCHMARK_MAIN();

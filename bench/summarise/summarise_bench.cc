// Sentence scoring and selection of one story (SummariseStory): the seeds as
// one story, and each RPM2 development event (10 reports) when ../shared/eval
// is present. Bytes processed = body bytes of the story's reports. Every
// iteration's summary is checked against the first one (a checksum of texts
// and byte ranges), so a benchmark cannot time a wrong or non-deterministic
// answer.
#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "bench/eval_data.h"
#include "engine/ingest/boilerplate.h"
#include "engine/summarise/summariser.h"
#include "engine/text/analyzer.h"

namespace precis {
namespace {

struct Story {
  std::vector<Document> documents;
  std::vector<DocumentResult> results;
  std::vector<summarise::SentenceTerms> terms;
  std::vector<summarise::StoryDocument> input;
  size_t bytes = 0;
};

// Analyses `docs` and wires them up as one story.
std::unique_ptr<Story> MakeStory(std::vector<Document> docs) {
  auto story = std::make_unique<Story>();
  story->documents = std::move(docs);
  static auto analyzer = std::move(text::Analyzer::Create(TextOptions{})).value();
  ingest::BoilerplateFilter filter(IngestOptions{});
  for (const Document& d : story->documents) {
    text::AnalyzedDocument a = analyzer->Analyze(d, filter.Clean(d));
    DocumentResult r;
    r.id = d.id;
    r.text = d.text;
    r.sentences = a.sentences;
    story->results.push_back(std::move(r));
    story->terms.push_back(summarise::ExtractSentenceTerms(a));
    story->bytes += d.text.size();
  }
  for (uint32_t i = 0; i < story->documents.size(); ++i)
    story->input.push_back({i, &story->results[i], &story->terms[i], i});
  return story;
}

uint64_t Checksum(const summarise::StorySummary& s) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (const SummarySentence& sent : s.sentences) {
    XXH3_64bits_update(state, sent.text.data(), sent.text.size());
    for (const SourceSpan& span : sent.sources) {
      const uint64_t v[3] = {span.doc, span.source_begin, span.source_end};
      XXH3_64bits_update(state, v, sizeof v);
    }
  }
  const uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

void RunStories(benchmark::State& state, const std::vector<std::unique_ptr<Story>>& stories) {
  if (stories.empty()) {
    state.SkipWithError("no input");
    return;
  }
  SummaryOptions options;
  options.max_words = 100;
  std::vector<uint64_t> expected;
  size_t bytes = 0, reports = 0;
  for (const auto& s : stories) {
    expected.push_back(Checksum(summarise::SummariseStory(s->input, options)));
    bytes += s->bytes;
    reports += s->documents.size();
  }
  for (auto _ : state) {
    for (size_t i = 0; i < stories.size(); ++i) {
      const summarise::StorySummary summary = summarise::SummariseStory(stories[i]->input, options);
      if (Checksum(summary) != expected[i]) {
        state.SkipWithError("summary differs from the reference run");
        return;
      }
      benchmark::DoNotOptimize(summary);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * reports));  // reports summarised
  state.counters["stories"] = static_cast<double>(stories.size());
}

void BM_SummariseSeeds(benchmark::State& state) {
  std::vector<Document> docs;
  Status s = ReadSources(
      {std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds"}, IngestOptions{},
      [&](Document d) { docs.push_back(std::move(d)); }, [](SkippedSource) {});
  std::vector<std::unique_ptr<Story>> stories;
  if (s.ok() && !docs.empty()) stories.push_back(MakeStory(std::move(docs)));
  RunStories(state, stories);
}
BENCHMARK(BM_SummariseSeeds)->Unit(benchmark::kMillisecond);

void BM_SummariseRpm2Events(benchmark::State& state) {
  std::map<std::string, std::vector<Document>> events;
  std::ifstream in(std::string(PRECIS_EVAL_DIR) + "/rpm2-fr.docs.jsonl");
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json j = nlohmann::json::parse(line);
    Document d;
    d.id = j.value("id", "");
    d.title = j.value("title", "");
    d.text = j.value("text", "");
    d.lang = j.value("lang", "");
    events[j.value("event", "")].push_back(std::move(d));
  }
  std::vector<std::unique_ptr<Story>> stories;
  for (auto& [event, docs] : events) stories.push_back(MakeStory(std::move(docs)));
  RunStories(state, stories);
}
[[maybe_unused]] const bool kRpm2Registered = [] {
  if (auto* b = bench::RegisterOnEvalData("rpm2-fr.docs.jsonl", "BM_SummariseRpm2Events",
                                          BM_SummariseRpm2Events)) {
    b->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace precis

BENCHMARK_MAIN();

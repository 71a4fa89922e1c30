// SummariseStory on the seed reports as one story: the candidate filter's
// verdicts given at analysis time (AddVerdicts) must select exactly what the
// summariser's own check selects.
#include "engine/summarise/summariser.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/ingest/boilerplate.h"
#include "engine/summarise/candidate_filter.h"
#include "engine/text/analyzer.h"
#include "precis/document.h"

namespace precis::summarise {
namespace {

struct SeedStory {
  std::vector<Document> documents;
  std::vector<DocumentResult> results;
  std::vector<SentenceTerms> terms;

  std::vector<StoryDocument> Input() const {
    std::vector<StoryDocument> input;
    for (uint32_t i = 0; i < documents.size(); ++i) input.push_back({i, &results[i], &terms[i], i});
    return input;
  }
};

SeedStory ReadSeeds() {
  SeedStory story;
  const std::string dir = std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds";
  EXPECT_TRUE(ReadSources(
                  {dir}, IngestOptions{},
                  [&](Document d) { story.documents.push_back(std::move(d)); },
                  [](SkippedSource) {})
                  .ok());
  auto analyzer = std::move(text::Analyzer::Create(TextOptions{})).value();
  ingest::BoilerplateFilter filter(IngestOptions{});
  for (const Document& d : story.documents) {
    text::AnalyzedDocument a = analyzer->Analyze(d, filter.Clean(d));
    DocumentResult r;
    r.id = d.id;
    r.text = d.text;
    r.sentences = a.sentences;
    story.results.push_back(std::move(r));
    story.terms.push_back(ExtractSentenceTerms(a));
  }
  return story;
}

TEST(SummariserTest, VerdictsAgreeWithTheFilter) {
  SeedStory story = ReadSeeds();
  ASSERT_EQ(story.documents.size(), 5u);
  SummaryOptions options;
  options.max_position = 6;
  size_t checked = 0, rejected = 0;
  for (size_t d = 0; d < story.terms.size(); ++d) {
    SentenceTerms& t = story.terms[d];
    AddVerdicts(story.results[d], options, &t);
    ASSERT_EQ(t.verdicts.size(), std::min<size_t>(t.sentences(), 6));
    for (size_t s = 0; s < t.verdicts.size(); ++s) {
      const Rejection r = CheckSentence(story.results[d].SentenceText(s), t.words[s], options);
      EXPECT_EQ(static_cast<Rejection>(t.verdicts[s]), r) << "report " << d << " sentence " << s;
      ++checked;
      rejected += r != Rejection::kNone;
    }
  }
  EXPECT_EQ(checked, 30u);
  // The seeds open with headings and credits: the filter has work to do.
  EXPECT_GT(rejected, 0u);
  EXPECT_LT(rejected, checked);
}

TEST(SummariserTest, SameSummaryWithVerdictsGivenOrChecked) {
  SeedStory story = ReadSeeds();
  SummaryOptions options;
  const StorySummary checked = SummariseStory(story.Input(), options);
  for (size_t d = 0; d < story.terms.size(); ++d)
    AddVerdicts(story.results[d], options, &story.terms[d]);
  const StorySummary given = SummariseStory(story.Input(), options);
  ASSERT_FALSE(checked.sentences.empty());
  ASSERT_EQ(given.sentences.size(), checked.sentences.size());
  for (size_t i = 0; i < given.sentences.size(); ++i) {
    EXPECT_EQ(given.sentences[i].text, checked.sentences[i].text);
    ASSERT_EQ(given.sentences[i].sources.size(), checked.sentences[i].sources.size());
    for (size_t j = 0; j < given.sentences[i].sources.size(); ++j) {
      EXPECT_EQ(given.sentences[i].sources[j].doc, checked.sentences[i].sources[j].doc);
      EXPECT_EQ(given.sentences[i].sources[j].begin, checked.sentences[i].sources[j].begin);
    }
  }
  EXPECT_EQ(given.central_document, checked.central_document);
}

// The engine keeps sentence terms as records between its stages: what comes
// back is what went in, and a cut record is refused rather than misread.
TEST(SummariserTest, SentenceTermsComeBackFromTheirRecord) {
  SeedStory story = ReadSeeds();
  SummaryOptions options;
  for (size_t d = 0; d < story.terms.size(); ++d) {
    SentenceTerms& t = story.terms[d];
    AddVerdicts(story.results[d], options, &t);
    ASSERT_FALSE(t.terms.empty());
    const std::vector<std::byte> record = EncodeSentenceTerms(t);
    SentenceTerms back;
    ASSERT_TRUE(DecodeSentenceTerms(record, &back)) << d;
    EXPECT_EQ(back.terms, t.terms);
    EXPECT_EQ(back.end, t.end);
    EXPECT_EQ(back.words, t.words);
    EXPECT_EQ(back.title, t.title);
    EXPECT_EQ(back.verdicts, t.verdicts);
    EXPECT_FALSE(DecodeSentenceTerms(std::span(record).first(record.size() - 1), &back));
  }
}

// A verdict must win over the text: a sentence the filter would keep, marked
// rejected at analysis time, is never picked.
TEST(SummariserTest, GivenVerdictsAreWhatTheSummariserUses) {
  SeedStory story = ReadSeeds();
  SummaryOptions options;
  const StorySummary before = SummariseStory(story.Input(), options);
  ASSERT_FALSE(before.sentences.empty());
  const SourceSpan first = before.sentences.front().sources.front();
  for (size_t d = 0; d < story.terms.size(); ++d)
    AddVerdicts(story.results[d], options, &story.terms[d]);
  // Find the picked sentence's index in its report and reject it.
  const DocumentResult& r = story.results[first.doc];
  size_t index = r.sentences.size();
  for (size_t s = 0; s < r.sentences.size(); ++s) {
    if (r.sentences[s].begin == first.begin) index = s;
  }
  ASSERT_LT(index, story.terms[first.doc].verdicts.size());
  story.terms[first.doc].verdicts[index] = static_cast<uint8_t>(Rejection::kCredit);
  const StorySummary after = SummariseStory(story.Input(), options);
  for (const SummarySentence& s : after.sentences) {
    EXPECT_FALSE(s.sources.front().doc == first.doc && s.sources.front().begin == first.begin)
        << s.text;
  }
}

}  // namespace
}  // namespace precis::summarise

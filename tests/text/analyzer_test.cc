// Whole-document analysis of the seeds: byte ranges, coverage, boilerplate
// filter integration, thread safety.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "tests/text/text_test_util.h"

namespace precis::text {
namespace {

using testing::AllLines;
using testing::MakeAnalyzer;

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

TEST(AnalyzerTest, SentenceRangesSliceTheTextExactly) {
  auto analyzer = MakeAnalyzer();
  for (Document doc : testing::Seeds()) {
    // A source map shifted by 1000 bytes: every source offset must follow it.
    doc.source_map = {{0, 1000}};
    const ingest::CleanedText cleaned = AllLines(doc.text);
    const AnalyzedDocument a = analyzer->Analyze(doc, cleaned);
    ASSERT_GT(a.sentences.size(), 5u) << doc.id;
    uint32_t previous_end = 0;
    for (const Sentence& s : a.sentences) {
      ASSERT_LT(s.begin, s.end) << doc.id;
      ASSERT_LE(s.end, doc.text.size()) << doc.id;
      EXPECT_GE(s.begin, previous_end) << doc.id;  // ordered, disjoint
      previous_end = s.end;
      const std::string slice = doc.text.substr(s.begin, s.end - s.begin);
      EXPECT_FALSE(IsSpaceByte(slice.front()) || IsSpaceByte(slice.back())) << slice;
      EXPECT_EQ(slice.find("\n\n"), std::string::npos) << "spans a paragraph: " << slice;
      EXPECT_EQ(s.source_begin, s.begin + 1000u);
      EXPECT_EQ(s.source_end, s.end + 1000u);
    }
    // Every letter and digit of every kept line is in exactly one sentence,
    // and every token lies inside its sentence.
    std::vector<int> covered(doc.text.size(), 0);
    for (const Sentence& s : a.sentences)
      for (uint32_t i = s.begin; i < s.end; ++i) ++covered[i];
    for (const ingest::TextLine& line : cleaned.lines) {
      for (uint32_t i = line.begin; i < line.end; ++i) {
        if (std::isalnum(static_cast<unsigned char>(doc.text[i]))) {
          EXPECT_EQ(covered[i], 1) << doc.id << " byte " << i;
        }
      }
    }
    for (const Token& t : a.tokens) {
      ASSERT_LT(t.sentence, a.sentences.size());
      EXPECT_GE(t.begin, a.sentences[t.sentence].begin);
      EXPECT_LE(t.end, a.sentences[t.sentence].end);
    }
  }
}

TEST(AnalyzerTest, SourceOffsetsFollowAPiecewiseMap) {
  auto analyzer = MakeAnalyzer();
  // Text as if two removed runs of markup preceded each paragraph.
  Document doc;
  doc.id = "t";
  doc.lang = "fr";
  doc.text = "Première phrase ici.\n\nDeuxième phrase là.";
  doc.source_map = {{0, 10}};
  const AnalyzedDocument a = analyzer->Analyze(doc, AllLines(doc.text));
  ASSERT_EQ(a.sentences.size(), 2u);
  EXPECT_EQ(a.sentences[0].source_begin, 10u);
  EXPECT_EQ(a.sentences[0].source_end, 10u + a.sentences[0].end);
  const uint32_t second = static_cast<uint32_t>(doc.text.find("Deuxième"));
  doc.source_map = {{0, 10}, {second, 60}};
  const AnalyzedDocument b = analyzer->Analyze(doc, AllLines(doc.text));
  ASSERT_EQ(b.sentences.size(), 2u);
  EXPECT_EQ(b.sentences[1].begin, second);
  EXPECT_EQ(b.sentences[1].source_begin, 60u);
  EXPECT_EQ(b.sentences[1].source_end, 60u + (b.sentences[1].end - second));
}

TEST(AnalyzerTest, BoilerplateFilterOutputOnSeeds) {
  auto analyzer = MakeAnalyzer();
  std::vector<Document> docs = testing::Seeds();
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  IngestOptions ingest_options;
  const auto filter = ingest::BoilerplateFilter::Build(ptrs, ingest_options);
  size_t sentences = 0;
  for (const Document& doc : docs) {
    const AnalyzedDocument a = analyzer->Analyze(doc, filter.Clean(doc));
    for (const std::string& s : testing::SentenceTexts(doc.text, a)) {
      ++sentences;
      EXPECT_THAT(s, ::testing::Not(::testing::HasSubstr("Accueil Actu Monde"))) << doc.id;
      EXPECT_THAT(s, ::testing::Not(::testing::HasSubstr("Tout nettoyer"))) << doc.id;
    }
    EXPECT_EQ(a.lang, "fr");
  }
  EXPECT_GT(sentences, 50u);
}

// The words-only path (near-duplicate detection) sees the same words as the
// full analysis: same byte ranges, same normalised forms, title included.
TEST(AnalyzerTest, AnalyzeWordsGivesTheTokensOfAnalyze) {
  auto analyzer = MakeAnalyzer();
  std::vector<Document> docs = testing::Seeds();
  Document english;
  english.id = "en";
  english.title = "Storm hits the coast";
  english.text =
      "The U.S. Army said Mr. Smith's meetings went well.\nIt's a 2 000-mile trip, "
      "officials said.\n\nRead more: l'OTAN et les Etats-Unis.";
  docs.push_back(english);
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  const auto filter = ingest::BoilerplateFilter::Build(ptrs, IngestOptions{});
  size_t tokens = 0;
  for (const Document& doc : docs) {
    const ingest::CleanedText cleaned = filter.Clean(doc);
    const AnalyzedDocument full = analyzer->Analyze(doc, cleaned);
    const AnalyzedDocument words = analyzer->AnalyzeWords(doc, cleaned);
    EXPECT_EQ(words.lang, full.lang) << doc.id;
    EXPECT_EQ(words.title, full.title) << doc.id;
    EXPECT_TRUE(words.sentences.empty()) << doc.id;
    for (const auto& [w, f] : {std::pair{&words.tokens, &full.tokens},
                               std::pair{&words.title_tokens, &full.title_tokens}}) {
      ASSERT_EQ(w->size(), f->size()) << doc.id;
      for (size_t i = 0; i < w->size(); ++i) {
        EXPECT_EQ((*w)[i].begin, (*f)[i].begin) << doc.id;
        EXPECT_EQ((*w)[i].end, (*f)[i].end) << doc.id;
        EXPECT_EQ(words.norm((*w)[i]), full.norm((*f)[i])) << doc.id;
        EXPECT_EQ(words.stem((*w)[i]), words.norm((*w)[i])) << doc.id;
        EXPECT_EQ((*w)[i].sentence, Token::kNoSentence);
      }
      tokens += w->size();
    }
  }
  EXPECT_GT(tokens, 1000u);
}

TEST(AnalyzerTest, CreateRejectsBadOptions) {
  TextOptions options;
  options.max_sentence_bytes = 4;
  EXPECT_EQ(Analyzer::Create(options).status().code(), Status::Code::kInvalidArgument);
  options = {};
  options.fallback_language = "";
  EXPECT_EQ(Analyzer::Create(options).status().code(), Status::Code::kInvalidArgument);
}

TEST(AnalyzerTest, EightThreadsGiveTheSameResultsAsOne) {
  auto analyzer = MakeAnalyzer();
  const std::vector<Document> docs = testing::Seeds();
  std::vector<ingest::CleanedText> cleaned;
  for (const Document& d : docs) cleaned.push_back(AllLines(d.text));
  std::vector<std::string> expected;
  for (size_t i = 0; i < docs.size(); ++i)
    expected.push_back(testing::Dump(analyzer->Analyze(docs[i], cleaned[i])));

  // Each thread analyses every seed several times, in its own order, plus
  // English text (a second language per thread state).
  constexpr int kThreads = 8;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto fresh = MakeAnalyzer();
      const Analyzer* use = t % 2 == 0 ? analyzer.get() : fresh.get();
      std::vector<std::string> out(docs.size());
      for (int round = 0; round < 20; ++round) {
        for (size_t k = 0; k < docs.size(); ++k) {
          const size_t i = (k + static_cast<size_t>(t) + static_cast<size_t>(round)) % docs.size();
          out[i] = testing::Dump(use->Analyze(docs[i], cleaned[i]));
          use->AnalyzeText("The U.S. Army said Mr. Smith's meetings went well.", "en");
        }
      }
      got[t] = std::move(out);
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], expected) << "thread " << t;
}

}  // namespace
}  // namespace precis::text

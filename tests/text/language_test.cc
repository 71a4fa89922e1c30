// Language: detected with cld2, given by Document::lang, or the fallback.
#include "engine/text/language.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/text/text_test_util.h"

namespace precis::text {
namespace {

using testing::AllLines;
using testing::MakeAnalyzer;

AnalyzedDocument AnalyzeBody(const Analyzer& analyzer, const std::string& text,
                             const std::string& lang = "") {
  Document doc;
  doc.id = "t";
  doc.text = text;
  doc.lang = lang;
  return analyzer.Analyze(doc, AllLines(text));
}

constexpr const char* kEnglish =
    "Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov for less "
    "than ten minutes on the sidelines of the Group of 20 meeting in New Delhi on Thursday. "
    "He urged Moscow to reverse its decision to suspend the New START nuclear treaty and to "
    "release Paul Whelan, a former Marine detained in Russia since 2018.";

TEST(LanguageTest, SeedsAreDetectedAsFrench) {
  auto analyzer = MakeAnalyzer();
  for (const Document& doc : testing::Seeds()) {
    const AnalyzedDocument a = analyzer->Analyze(doc, AllLines(doc.text));
    EXPECT_EQ(a.lang, "fr") << doc.id;
    EXPECT_TRUE(a.lang_reliable) << doc.id;
  }
}

TEST(LanguageTest, EnglishParagraphIsDetectedAsEnglish) {
  auto analyzer = MakeAnalyzer();
  const AnalyzedDocument a = AnalyzeBody(*analyzer, kEnglish);
  EXPECT_EQ(a.lang, "en");
  EXPECT_TRUE(a.lang_reliable);
}

TEST(LanguageTest, GivenLanguageOverridesDetection) {
  auto analyzer = MakeAnalyzer();
  const AnalyzedDocument a = AnalyzeBody(*analyzer, kEnglish, "FR-fr");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_TRUE(a.lang_reliable);
}

TEST(LanguageTest, UndetectableTextGetsTheFallback) {
  TextOptions options;
  options.fallback_language = "de";
  auto analyzer = MakeAnalyzer(options);
  const AnalyzedDocument a = AnalyzeBody(*analyzer, "12 345 678 — 2024");
  EXPECT_EQ(a.lang, "de");
  EXPECT_FALSE(a.lang_reliable);
}

TEST(LanguageTest, InvalidUtf8IsSafe) {
  auto analyzer = MakeAnalyzer();
  const std::string text = std::string(
                               "Le pr\xe9sident fran\xe7"
                               "ais a parl\xe9.\xff\xfe") +
                           kEnglish;
  const AnalyzedDocument a = AnalyzeBody(*analyzer, text);
  EXPECT_FALSE(a.sentences.empty());
  EXPECT_EQ(DetectLanguage("\xff\xfe\xfd").code, "");
}

TEST(LanguageTest, NormalizeLanguageCode) {
  EXPECT_EQ(NormalizeLanguageCode("fr-FR"), "fr");
  EXPECT_EQ(NormalizeLanguageCode("EN_us"), "en");
  EXPECT_EQ(NormalizeLanguageCode(""), "");
}

// Labelled development data: documents whose `lang` is removed must be
// detected as that language.
TEST(LanguageTest, EvalCorporaAreDetected) {
  const std::filesystem::path dir = PRECIS_EVAL_DIR;
  if (!std::filesystem::exists(dir / "rpm2-fr.docs.jsonl"))
    GTEST_SKIP() << "labelled data not found at " << dir << " (optional; see ../shared/eval)";
  auto analyzer = MakeAnalyzer();
  for (const char* file : {"rpm2-fr.docs.jsonl", "allsides-en.docs.jsonl"}) {
    std::ifstream in(dir / file);
    std::string line;
    int total = 0, right = 0;
    while (total < 300 && std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      Document doc;
      doc.id = j["id"];
      doc.text = j["text"];
      ingest::CleanedText cleaned = AllLines(doc.text);
      cleaned.title = j["title"];
      ++total;
      right += analyzer->Analyze(doc, cleaned).lang == j["lang"].get<std::string>();
    }
    ASSERT_GT(total, 0) << file;
    // cld2 on news text: wrong answers are rare, on the shortest leads only.
    EXPECT_GE(right, total * 97 / 100) << file << ": " << right << " of " << total;
  }
}

}  // namespace
}  // namespace precis::text

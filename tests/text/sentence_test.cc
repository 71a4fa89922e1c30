// Sentence segmentation on the seeds and on English cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/text/text_test_util.h"

namespace precis::text {
namespace {

using testing::AllLines;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MakeAnalyzer;
using testing::SentenceTexts;

std::vector<std::string> Sentences(const Analyzer& analyzer, const std::string& text,
                                   const std::string& lang) {
  Document doc;
  doc.id = "t";
  doc.text = text;
  doc.lang = lang;
  return SentenceTexts(text, analyzer.Analyze(doc, AllLines(text)));
}

std::vector<std::string> SeedSentences(const Analyzer& analyzer, const std::string& prefix) {
  const Document doc = testing::Seed(prefix);
  return SentenceTexts(doc.text, analyzer.Analyze(doc, AllLines(doc.text)));
}

// The sentences of `all` containing `needle`.
std::vector<std::string> Containing(const std::vector<std::string>& all,
                                    const std::string& needle) {
  std::vector<std::string> out;
  for (const std::string& s : all)
    if (s.find(needle) != std::string::npos) out.push_back(s);
  return out;
}

TEST(SentenceTest, SeedTitleAbbreviationMDoesNotEndTheSentence) {
  auto analyzer = MakeAnalyzer();
  const auto sentences = SeedSentences(*analyzer, "003_");
  EXPECT_THAT(Containing(sentences, "pendant moins de 10 minutes"),
              ElementsAre("M. Blinken a rencontré M. Lavrov pendant moins de 10 minutes en marge "
                          "des discussions du Groupe des 20, un jour après avoir déclaré qu'il "
                          "n'avait pas l'intention de rencontrer ses homologues russe et chinois, "
                          "a déclaré un haut responsable américain."));
  // The same paragraph's second sentence starts right after.
  EXPECT_EQ(Containing(sentences, "Il voulait \"détromper").size(), 1u);
  EXPECT_THAT(Containing(sentences, "M. Blinken voulait"),
              ElementsAre(::testing::StartsWith("M. Blinken voulait \"envoyer ce message")));
}

TEST(SentenceTest, SeedPluralTitleMMDoesNotEndTheSentence) {
  auto analyzer = MakeAnalyzer();
  EXPECT_THAT(
      Containing(SeedSentences(*analyzer, "002_"), "MM. Biden"),
      ElementsAre(
          "MM. Biden et Macron auraient convenu de «\u00a0rester en contact étroit\u00a0» et "
          "de consulter les alliés de l’OTAN et les partenaires de l’UE."));
}

TEST(SentenceTest, SeedParagraphSentenceCounts) {
  auto analyzer = MakeAnalyzer();
  const auto s001 = SeedSentences(*analyzer, "001_");
  // "Loin devant Paris, ... février 2022. Mais à Washington, ... au Congrès."
  EXPECT_THAT(Containing(s001, "Loin devant Paris"),
              ElementsAre(::testing::EndsWith("en février 2022.")));
  EXPECT_THAT(
      Containing(s001, "Mais à Washington"),
      ElementsAre(::testing::StartsWith("Mais à Washington, un programme de 60 milliards")));
  const auto s000 = SeedSentences(*analyzer, "000_");
  EXPECT_THAT(Containing(s000, "peuple estonien"),
              ElementsAre(::testing::EndsWith("de la Russie en Ukraine est erronée.")));
  EXPECT_THAT(Containing(s000, "Comment le monde doit"),
              ElementsAre(::testing::EndsWith("la Première ministre estonienne Kaja Kallas.")));
}

TEST(SentenceTest, SeedSubheadingStaysApartFromTheNextLine) {
  auto analyzer = MakeAnalyzer();
  // 004: "UNITÉ DE L'OTAN" then, on the very next line, "De son côté, ...".
  const auto s004 = SeedSentences(*analyzer, "004_");
  EXPECT_THAT(Containing(s004, "UNITÉ"), ElementsAre("UNITÉ DE L'OTAN"));
  EXPECT_THAT(Containing(s004, "De son côté"),
              ElementsAre(::testing::StartsWith("De son côté, la représentante")));
  // 001: two one-line paragraphs separated by a single line break.
  const auto s001 = SeedSentences(*analyzer, "001_");
  EXPECT_THAT(Containing(s001, "A l'issue de leur réunion"),
              ElementsAre("A l'issue de leur réunion, Stéphane Séjourné et Antony Blinken "
                          "tiendront une conférence de presse commune."));
  EXPECT_THAT(Containing(s001, "Initiatives pour"), ElementsAre("Initiatives pour l'Ukraine"));
}

TEST(SentenceTest, HeadingWithoutPunctuationDoesNotMergeWithFollowingLine) {
  auto analyzer = MakeAnalyzer();
  EXPECT_THAT(Sentences(*analyzer,
                        "Initiatives pour l'Ukraine\nLe ministre abordera la coopération. "
                        "Il partira ensuite.",
                        "fr"),
              ElementsAre("Initiatives pour l'Ukraine", "Le ministre abordera la coopération.",
                          "Il partira ensuite."));
}

TEST(SentenceTest, WrappedLinesJoinIntoOneSentence) {
  auto analyzer = MakeAnalyzer();
  const std::string text =
      "The president said on Monday that the\nadministration would send more aid,\n"
      "including Patriot missiles. Congress must still agree.";
  const auto sentences = Sentences(*analyzer, text, "en");
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0],
            "The president said on Monday that the\nadministration would send more aid,\n"
            "including Patriot missiles.");
  EXPECT_EQ(sentences[1], "Congress must still agree.");
  // A title at the end of a wrapped line still does not end the sentence.
  EXPECT_THAT(Sentences(*analyzer, "Il a rencontré M.\nLavrov jeudi. Puis il est parti.", "fr"),
              ElementsAre("Il a rencontré M.\nLavrov jeudi.", "Puis il est parti."));
}

TEST(SentenceTest, EnglishAbbreviationsInitialsAndDecimals) {
  auto analyzer = MakeAnalyzer();
  EXPECT_THAT(Sentences(*analyzer,
                        "Mr. Blinken met Dr. Jones and Mrs. Smith in St. Louis on Monday. The U.S. "
                        "Army said the economy grew 2.5 percent. J. Smith, a spokesman, declined "
                        "comment. Prof. Lee cited oil, gas, etc. in her report. It rained.",
                        "en"),
              ElementsAre("Mr. Blinken met Dr. Jones and Mrs. Smith in St. Louis on Monday.",
                          "The U.S. Army said the economy grew 2.5 percent.",
                          "J. Smith, a spokesman, declined comment.",
                          "Prof. Lee cited oil, gas, etc. in her report.", "It rained."));
}

TEST(SentenceTest, FrenchAbbreviationsWithNoBreakSpaceAndMonths) {
  auto analyzer = MakeAnalyzer();
  // French typography often puts a no-break space after "M." and "Mme".
  EXPECT_THAT(Sentences(*analyzer,
                        "M.\u00a0Macron a reçu Mme Dupont le 3 févr. Lundi. Le 15 avril, "
                        "J.-C. Martin a parlé.",
                        "fr"),
              ElementsAre("M.\u00a0Macron a reçu Mme Dupont le 3 févr. Lundi.",
                          "Le 15 avril, J.-C. Martin a parlé."));
}

TEST(SentenceTest, RealSentenceEndsStillSplit) {
  auto analyzer = MakeAnalyzer();
  // Words ending like an abbreviation ("ATM" is not "M.") and "Paris." end sentences.
  EXPECT_THAT(Sentences(*analyzer, "Il vit à Paris. Elle vit à Lyon! Vraiment? Oui.", "fr"),
              ElementsAre("Il vit à Paris.", "Elle vit à Lyon!", "Vraiment?", "Oui."));
  EXPECT_THAT(Sentences(*analyzer, "He moved to the U.K. in 2019. She stayed.", "en"),
              ElementsAre("He moved to the U.K. in 2019.", "She stayed."));
}

TEST(SentenceTest, ParagraphBreaksAlwaysEndSentences) {
  auto analyzer = MakeAnalyzer();
  EXPECT_THAT(
      Sentences(*analyzer, "Le texte continue,\n\nmais ceci est un autre paragraphe.", "fr"),
      ElementsAre("Le texte continue,", "mais ceci est un autre paragraphe."));
}

TEST(SentenceTest, LongSentencesAreCutAtWordBoundaries) {
  TextOptions options;
  options.max_sentence_bytes = 100;
  auto short_analyzer = MakeAnalyzer(options);
  auto analyzer = MakeAnalyzer();
  for (const Document& doc : testing::Seeds()) {
    const AnalyzedDocument cut = short_analyzer->Analyze(doc, AllLines(doc.text));
    const AnalyzedDocument whole = analyzer->Analyze(doc, AllLines(doc.text));
    ASSERT_GT(cut.sentences.size(), whole.sentences.size()) << doc.id;
    for (const Sentence& s : cut.sentences) {
      EXPECT_LE(s.end - s.begin, 100u) << doc.id;
      // Never inside a word of the uncut analysis.
      for (const Token& t : whole.tokens) {
        EXPECT_FALSE(t.begin < s.end && s.end < t.end)
            << doc.id << ": cut inside " << doc.text.substr(t.begin, t.end - t.begin);
      }
    }
    // Cutting loses no words.
    EXPECT_EQ(cut.tokens.size(), whole.tokens.size()) << doc.id;
  }
}

TEST(SentenceTest, TextWithoutWordsHasNoSentences) {
  auto analyzer = MakeAnalyzer();
  EXPECT_TRUE(Sentences(*analyzer, "»\n\n— …\n\n  ", "fr").empty());
  EXPECT_TRUE(Sentences(*analyzer, "", "fr").empty());
}

}  // namespace
}  // namespace precis::text

// Word tokens: elisions, compounds, numbers, normal forms, flags, stems.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/text/text_test_util.h"

namespace precis::text {
namespace {

using ::testing::ElementsAre;
using testing::MakeAnalyzer;
using testing::Norms;
using testing::Stems;
using testing::Surfaces;

const Token* Find(const AnalyzedDocument& a, std::string_view norm) {
  for (const Token& t : a.tokens)
    if (a.norm(t) == norm) return &t;
  return nullptr;
}

TEST(WordTest, FrenchElisionsSplitWithBothApostrophes) {
  auto analyzer = MakeAnalyzer();
  const std::string text = "l’OTAN a dit qu'il n’a pas d'État aujourd’hui, jusqu'à quelqu'un";
  const AnalyzedDocument a = analyzer->AnalyzeText(text, "fr");
  EXPECT_THAT(Norms(a), ElementsAre("l", "otan", "a", "dit", "qu", "il", "n", "a", "pas", "d",
                                    "état", "aujourd'hui", "jusqu", "à", "quelqu'un"));
  EXPECT_THAT(Surfaces(text, a),
              ElementsAre("l’", "OTAN", "a", "dit", "qu'", "il", "n’", "a", "pas", "d'", "État",
                          "aujourd’hui", "jusqu'", "à", "quelqu'un"));
  for (std::string_view elided : {"l", "qu", "n", "d", "jusqu"}) {
    ASSERT_NE(Find(a, elided), nullptr) << elided;
    EXPECT_TRUE(Find(a, elided)->is(kStopword)) << elided;
  }
  EXPECT_FALSE(Find(a, "otan")->is(kStopword));
  EXPECT_TRUE(Find(a, "otan")->is(kAllCaps));
}

TEST(WordTest, ElisionsAreFrenchOnlyAndEnglishDropsPossessive) {
  auto analyzer = MakeAnalyzer();
  EXPECT_THAT(Norms(analyzer->AnalyzeText("Biden’s plan for O'Brien's team isn't new", "en")),
              ElementsAre("biden", "plan", "for", "o'brien", "team", "isn't", "new"));
}

TEST(WordTest, HyphenatedCompoundsAreOneWordButFrenchCliticsAreNot) {
  auto analyzer = MakeAnalyzer();
  const std::string text =
      "Les États-Unis, le porte-parole franco-allemand, a-t-il dit, peut-être dit-on; COVID-19.";
  EXPECT_THAT(Norms(analyzer->AnalyzeText(text, "fr")),
              ElementsAre("les", "états-unis", "le", "porte-parole", "franco-allemand", "a", "t",
                          "il", "dit", "peut-être", "dit", "on", "covid-19"));
}

TEST(WordTest, NumbersAreTokensAndDigitGroupsJoin) {
  auto analyzer = MakeAnalyzer();
  const std::string text =
      "quelque 2 000 soldats, 1\u202f000\u202f000 euros, 60 milliards, 2,5 % et 3\u00a0500 en "
      "2022 100 fois";
  const AnalyzedDocument a = analyzer->AnalyzeText(text, "fr");
  EXPECT_THAT(Norms(a), ElementsAre("quelque", "2000", "soldats", "1000000", "euros", "60",
                                    "milliards", "2,5", "et", "3500", "en", "2022", "100", "fois"));
  EXPECT_THAT(Surfaces(text, a)[1], "2 000");
  for (std::string_view n : {"2000", "1000000", "60", "2,5", "3500", "2022", "100"}) {
    ASSERT_NE(Find(a, n), nullptr) << n;
    EXPECT_TRUE(Find(a, n)->is(kNumeric)) << n;
    EXPECT_EQ(a.stem(*Find(a, n)), n);
  }
  EXPECT_FALSE(Find(a, "milliards")->is(kNumeric));
}

TEST(WordTest, NormalFormIsNfkcCaseFolded) {
  auto analyzer = MakeAnalyzer();
  const std::string text = "ÉTATS ﬁnance Straße ２０２４ Ｐａｒｉｓ";
  const AnalyzedDocument a = analyzer->AnalyzeText(text, "fr");
  EXPECT_THAT(Norms(a), ElementsAre("états", "finance", "strasse", "2024", "paris"));
  EXPECT_THAT(Surfaces(text, a),
              ElementsAre("ÉTATS", "ﬁnance", "Straße", "２０２４", "Ｐａｒｉｓ"));
  EXPECT_TRUE(a.tokens[0].is(kAllCaps));
  EXPECT_TRUE(a.tokens[0].is(kCapitalised));
  EXPECT_FALSE(a.tokens[1].is(kCapitalised));
  EXPECT_TRUE(a.tokens[2].is(kCapitalised));
  EXPECT_FALSE(a.tokens[2].is(kAllCaps));
}

TEST(WordTest, FlagsOnSeedSentence) {
  auto analyzer = MakeAnalyzer();
  const Document doc = testing::Seed("003_");
  const AnalyzedDocument a = analyzer->Analyze(doc, testing::AllLines(doc.text));
  // First token of every sentence has kSentenceStart, no other does.
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const bool first = i == 0 || a.tokens[i - 1].sentence != a.tokens[i].sentence;
    EXPECT_EQ(a.tokens[i].is(kSentenceStart), first) << i;
  }
  const Token* lavrov = Find(a, "lavrov");
  ASSERT_NE(lavrov, nullptr);
  EXPECT_TRUE(lavrov->is(kCapitalised));
  EXPECT_FALSE(lavrov->is(kAllCaps) || lavrov->is(kStopword) || lavrov->is(kNumeric));
  const Token* ap = Find(a, "ap");  // "AP Photo/Jacquelyn Martin"
  ASSERT_NE(ap, nullptr);
  EXPECT_TRUE(ap->is(kAllCaps));
  const Token* twenty = Find(a, "20");
  ASSERT_NE(twenty, nullptr);
  EXPECT_TRUE(twenty->is(kNumeric));
  for (std::string_view stop : {"le", "de", "des", "et", "à", "a", "il", "pas"}) {
    ASSERT_NE(Find(a, stop), nullptr) << stop;
    EXPECT_TRUE(Find(a, stop)->is(kStopword)) << stop;
  }
  for (std::string_view content : {"ministre", "rencontré", "russe", "ukraine", "minutes"}) {
    ASSERT_NE(Find(a, content), nullptr) << content;
    EXPECT_FALSE(Find(a, content)->is(kStopword)) << content;
  }
}

TEST(WordTest, StemsFollowTheDocumentLanguage) {
  auto analyzer = MakeAnalyzer();
  const AnalyzedDocument fr =
      analyzer->AnalyzeText("rencontré rencontrer rencontres présidents président", "fr");
  EXPECT_THAT(Stems(fr), ElementsAre("rencontr", "rencontr", "rencontr", "président", "président"));
  const AnalyzedDocument en =
      analyzer->AnalyzeText("The meetings were running; presidents met the president", "en");
  EXPECT_THAT(Stems(en),
              ElementsAre("the", "meet", "were", "run", "presid", "met", "the", "presid"));
  EXPECT_TRUE(en.tokens[0].is(kStopword));
  EXPECT_FALSE(en.tokens[1].is(kStopword));
  const AnalyzedDocument de = analyzer->AnalyzeText("Die Verhandlungen und der Präsident", "de");
  EXPECT_THAT(Stems(de), ElementsAre("die", "verhandl", "und", "der", "prasident"));
  EXPECT_TRUE(de.tokens[0].is(kStopword));
  const AnalyzedDocument es = analyzer->AnalyzeText("Los presidentes de los Estados", "es");
  EXPECT_THAT(Stems(es), ElementsAre("los", "president", "de", "los", "estad"));
  EXPECT_TRUE(es.tokens[0].is(kStopword));
  // No Snowball stemmer for Japanese: the stem is the normal form.
  const AnalyzedDocument ja = analyzer->AnalyzeText("Tokyo meetings", "ja");
  EXPECT_THAT(Stems(ja), ElementsAre("tokyo", "meetings"));
}

TEST(WordTest, TitleTokensPointIntoTheTitle) {
  auto analyzer = MakeAnalyzer();
  Document doc;
  doc.id = "t";
  doc.lang = "fr";
  doc.text = "Le texte du corps.";
  ingest::CleanedText cleaned = testing::AllLines(doc.text);
  cleaned.title = "Blinken exige de Lavrov une désescalade";
  const AnalyzedDocument a = analyzer->Analyze(doc, cleaned);
  ASSERT_EQ(a.title_tokens.size(), 6u);
  EXPECT_EQ(a.title, cleaned.title);
  for (const Token& t : a.title_tokens) EXPECT_EQ(t.sentence, Token::kNoSentence);
  const Token& last = a.title_tokens.back();
  EXPECT_EQ(a.title.substr(last.begin, last.end - last.begin), "désescalade");
  EXPECT_EQ(a.norm(last), "désescalade");
  EXPECT_THAT(Norms(a), ElementsAre("le", "texte", "du", "corps"));
}

TEST(WordTest, OverlongJunkWordsAreDropped) {
  auto analyzer = MakeAnalyzer();
  const std::string junk(5000, 'x');
  EXPECT_THAT(Norms(analyzer->AnalyzeText("avant " + junk + " après", "fr")),
              ElementsAre("avant", "après"));
}

}  // namespace
}  // namespace precis::text

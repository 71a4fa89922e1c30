#include "engine/cluster/features.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <string>

#include "engine/cluster/date_names.h"
#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"

namespace precis::cluster {
namespace {

// The keys are stored in the shipped IDF models: they must stay the XXH3 of
// space, language, NUL, string, whatever path computes them.
uint64_t Concatenated(char space, const std::string& lang, const std::string& s) {
  const std::string bytes = std::string(1, space) + lang + std::string(1, '\0') + s;
  return XXH3_64bits(bytes.data(), bytes.size());
}

TEST(FeaturesTest, KeysAreTheHashOfSpaceLanguageAndStringForShortAndLongStrings) {
  for (const std::string& s :
       {std::string("otag"), std::string(124, 'a'), std::string(125, 'b'), std::string(400, 'c')}) {
    EXPECT_EQ(TermKey("fr", s), Concatenated('t', "fr", s)) << s.size();
    EXPECT_EQ(EntityKey("fr", s), Concatenated('e', "fr", s)) << s.size();
  }
  EXPECT_NE(TermKey("fr", "farc"), EntityKey("fr", "farc"));
  EXPECT_NE(TermKey("fr", "farc"), TermKey("en", "farc"));
}

// The engine keeps the bags and names as records between analysis and
// clustering: the features give them up (no memory left behind) and get them
// back unchanged, the names only when asked for.
TEST(FeaturesTest, BagsComeBackFromTheirRecord) {
  DocFeatures f;
  f.lang = "fr";
  f.day = 19000;
  for (uint64_t k = 1; k <= 100; ++k) f.terms.push_back({k * 0x9E3779B97F4A7C15ull, 1.0f + k});
  f.entities.push_back({TermKey("fr", "macron"), 2.5f});
  f.entity_names.emplace_back(EntityKey("fr", "macron"), "Macron");
  f.entity_names.emplace_back(EntityKey("fr", "otan"), "");
  f.entity_names.emplace_back(EntityKey("fr", "états-unis"), "États-Unis");
  const DocFeatures before = f;
  const std::vector<std::byte> record = TakeBags(&f);
  // 12 bytes a term or entity (key and weight, no padding), 12 a name and
  // its characters, 4 per array count.
  EXPECT_EQ(record.size(), 5 * 4 + 101 * 12 + 3 * 12 + std::string("MacronÉtats-Unis").size());
  EXPECT_TRUE(f.terms.empty() && f.terms.capacity() == 0);
  EXPECT_TRUE(f.entities.empty() && f.entities.capacity() == 0);
  EXPECT_TRUE(f.entity_names.empty() && f.entity_names.capacity() == 0);
  EXPECT_EQ(f.lang, "fr");
  EXPECT_EQ(f.day, 19000);
  ASSERT_TRUE(RestoreBags(record, &f, /*names=*/false));
  EXPECT_TRUE(f.entity_names.empty());
  ASSERT_TRUE(RestoreBags(record, &f));
  EXPECT_EQ(f.entity_names, before.entity_names);
  ASSERT_EQ(f.terms.size(), before.terms.size());
  for (size_t i = 0; i < f.terms.size(); ++i) {
    EXPECT_EQ(f.terms[i].key, before.terms[i].key);
    EXPECT_EQ(f.terms[i].weight, before.terms[i].weight);
  }
  ASSERT_EQ(f.entities.size(), 1u);
  EXPECT_EQ(f.entities[0].key, before.entities[0].key);
  EXPECT_EQ(f.entities[0].weight, 2.5f);
  for (size_t cut = 0; cut < record.size(); cut += 7) {
    DocFeatures partial;
    EXPECT_FALSE(RestoreBags(std::span(record).first(cut), &partial)) << cut;
  }
}

// The term and entity bags of one report, analysed as the engine does.
TermBag BagOf(const std::string& lang, const std::string& title, const std::string& text) {
  auto analyzer = text::Analyzer::Create(TextOptions{});
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Document doc;
  doc.id = "r";
  doc.lang = lang;
  doc.title = title;
  doc.text = text;
  const ingest::BoilerplateFilter filter{IngestOptions{}};
  const text::AnalyzedDocument analyzed = (*analyzer)->Analyze(doc, filter.Clean(doc));
  return ExtractBag(doc.text, analyzed, ClusterOptions{});
}

// A word's term: its stem, as the analyser makes it.
std::string StemOf(const std::string& lang, const std::string& word) {
  auto analyzer = text::Analyzer::Create(TextOptions{});
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  const text::AnalyzedDocument a = (*analyzer)->AnalyzeText(word, lang);
  EXPECT_EQ(a.tokens.size(), 1u) << word;
  return a.tokens.empty() ? std::string() : std::string(a.stem(a.tokens[0]));
}

bool HasEntity(const TermBag& bag, std::string_view name) {
  return bag.entities.find(name) != bag.entities.end();
}

bool HasTerm(const TermBag& bag, const std::string& stem) {
  return bag.terms.find(std::string_view(stem)) != bag.terms.end();
}

TEST(FeaturesTest, DateNamesAreIcusForTheLanguageNormalisedAsTokens) {
  const DateNames& en = DateNames::For("en");
  for (const char* name : {"tuesday", "tue", "february", "feb", "sunday", "may"})
    EXPECT_TRUE(en.contains(name)) << name;
  const DateNames& fr = DateNames::For("fr");
  for (const char* name : {"mardi", "mar", "février", "févr", "août", "dimanche"})
    EXPECT_TRUE(fr.contains(name)) << name;
  EXPECT_FALSE(en.contains("mardi"));
  EXPECT_FALSE(fr.contains("tuesday"));
  EXPECT_FALSE(en.contains("macron"));
  EXPECT_FALSE(en.contains("Tuesday")) << "names are case-folded, as token norms are";
  // A language ICU has no names for has none, whatever the process's locale.
  EXPECT_FALSE(DateNames::For("xx").contains("tuesday"));
  EXPECT_EQ(&DateNames::For("en"), &en) << "built once per language";
}

TEST(FeaturesTest, WeekdayAndMonthNamesAreNoEntitiesButStayTerms) {
  const TermBag en = BagOf("en", "Macron and Scholz meet on energy prices",
                           "Emmanuel Macron travelled to Berlin on Tuesday for talks with Olaf "
                           "Scholz. The meeting, planned since February, covered energy prices. "
                           "Macron Tuesday promised a joint plan by 14 February, aides said.");
  EXPECT_TRUE(HasEntity(en, "emmanuel macron"));
  EXPECT_TRUE(HasEntity(en, "olaf scholz"));
  EXPECT_TRUE(HasEntity(en, "macron"));
  for (const char* date : {"tuesday", "february", "14 february", "macron tuesday"})
    EXPECT_FALSE(HasEntity(en, date)) << date;
  EXPECT_TRUE(HasTerm(en, StemOf("en", "Tuesday")));

  const TermBag fr = BagOf("fr", "Réforme des retraites : les syndicats reçus à l'Élysée",
                           "Emmanuel Macron a reçu mardi les syndicats à l'Élysée. Mardi Emmanuel "
                           "Macron avait promis un texte avant Février. La réunion du 2 février "
                           "a été reportée au Mardi suivant.");
  EXPECT_TRUE(HasEntity(fr, "emmanuel macron"));
  for (const char* date : {"mardi", "février", "2 février", "mardi emmanuel macron"})
    EXPECT_FALSE(HasEntity(fr, date)) << date;
  EXPECT_TRUE(HasTerm(fr, StemOf("fr", "mardi")));
  EXPECT_TRUE(HasTerm(fr, StemOf("fr", "février")));
}

}  // namespace
}  // namespace precis::cluster

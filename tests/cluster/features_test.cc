#include "engine/cluster/features.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <string>

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

}  // namespace
}  // namespace precis::cluster

// WordList: the stopword and abbreviation lists every token is looked up in.
#include "engine/text/word_list.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace precis::text {
namespace {

TEST(WordList, ParseSkipsCommentsAndBlankLinesAndTrimsEachLine) {
  const WordList list = WordList::Parse("# stopwords\nle\r\n  la \n\n\tles\t\n#not\nle\n");
  EXPECT_EQ(list.size(), 3u);  // "le" twice counts once
  for (const char* w : {"le", "la", "les"}) EXPECT_TRUE(list.Contains(w)) << w;
  for (const char* w : {"", "l", "lez", "les ", "# stopwords", "#not", "Le"})
    EXPECT_FALSE(list.Contains(w)) << w;
}

TEST(WordList, GrowsPastItsFirstTableAndMerges) {
  // Held as views: the text must outlive the lists.
  std::string even, odd;
  for (int i = 0; i < 1000; ++i) (i % 2 == 0 ? even : odd) += "mot" + std::to_string(i) + "\n";
  WordList a = WordList::Parse(even);
  const WordList b = WordList::Parse(odd);
  EXPECT_EQ(a.size(), 500u);
  for (int i = 0; i < 1000; ++i) {
    const std::string w = "mot" + std::to_string(i);
    EXPECT_EQ(a.Contains(w), i % 2 == 0) << w;
    EXPECT_EQ(b.Contains(w), i % 2 == 1) << w;
  }
  a.Merge(b);
  a.Merge(b);  // merging again adds nothing
  EXPECT_EQ(a.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(a.Contains("mot" + std::to_string(i))) << i;
  EXPECT_FALSE(a.Contains("mot1000"));
  EXPECT_FALSE(WordList().Contains("mot1"));
}

TEST(WordList, ShippedListsHoldTheirLanguagesFunctionWords) {
  const Lexicon fr = LoadLexicon("fr");
  const Lexicon en = LoadLexicon("en");
  for (const char* w : {"le", "de", "et", "qui"}) EXPECT_TRUE(fr.stopwords.Contains(w)) << w;
  for (const char* w : {"the", "of", "and", "which"}) EXPECT_TRUE(en.stopwords.Contains(w)) << w;
  for (const char* w : {"président", "otan", "macron"}) EXPECT_FALSE(fr.stopwords.Contains(w)) << w;
  EXPECT_GT(fr.stopwords.size(), 100u);
  EXPECT_TRUE(fr.abbreviations.Contains("M.")) << "French abbreviations merged in";
}

}  // namespace
}  // namespace precis::text

#include "tools/rouge_scorer/rouge_score.h"

#include <gtest/gtest.h>

namespace precis::rouge {
namespace {

using Tokens = std::vector<std::string>;

// Lin (2004): candidate "the cat was found under the bed", reference "the cat
// was under the bed": 6 of 7 candidate unigrams match -> P 6/7, R 6/6.
TEST(RougeTest, RougeOneByHand) {
  const Tokens c = {"the", "cat", "was", "found", "under", "the", "bed"};
  const Tokens r = {"the", "cat", "was", "under", "the", "bed"};
  const double p = 6.0 / 7, rec = 1.0;
  EXPECT_NEAR(RougeN(c, r, 1), 2 * p * rec / (p + rec), 1e-12);
  // Bigrams: c has 6, r has 5; shared: the-cat, cat-was, under-the, the-bed = 4.
  const double p2 = 4.0 / 6, r2 = 4.0 / 5;
  EXPECT_NEAR(RougeN(c, r, 2), 2 * p2 * r2 / (p2 + r2), 1e-12);
  // LCS = 6 (the reference is a subsequence of the candidate).
  EXPECT_NEAR(RougeL(c, r), 2 * p * rec / (p + rec), 1e-12);
}

TEST(RougeTest, CountsAreClipped) {
  EXPECT_NEAR(RougeN({"a", "a", "a"}, {"a"}, 1), 2 * (1.0 / 3) * 1 / (1.0 / 3 + 1), 1e-12);
  EXPECT_EQ(RougeN({}, {"a"}, 1), 0.0);
  EXPECT_EQ(RougeL({"x"}, {"y"}), 0.0);
}

TEST(RougeTest, FrenchTokensKeepAccentsSplitElisionsAndStem) {
  Tokenizer tok("fr");
  const Tokens t = tok.Tokens("L'été dernier, les Présidents ont été reçus à l’Élysée.");
  // Accented words survive, elisions split, case folded, plural stemmed away.
  ASSERT_GE(t.size(), 10u);
  EXPECT_EQ(t[0], "l");
  EXPECT_NE(t[1].find("é"), std::string::npos) << t[1];
  Tokenizer tok2("fr");
  EXPECT_EQ(tok2.Tokens("président")[0], tok2.Tokens("Présidents")[0]);
  for (const std::string& w : t) EXPECT_EQ(w.find_first_of(",.'"), std::string::npos) << w;
}

TEST(RougeTest, EnglishStemming) {
  Tokenizer tok("en");
  EXPECT_EQ(tok.Tokens("running")[0], tok.Tokens("runs")[0]);
}

}  // namespace
}  // namespace precis::rouge

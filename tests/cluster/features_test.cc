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

}  // namespace
}  // namespace precis::cluster

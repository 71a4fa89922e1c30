// Month names come from ICU's locale data for the languages precis reads.
#include "engine/ingest/dates/month_names.h"

#include <gtest/gtest.h>

namespace precis::ingest::dates {
namespace {

TEST(MonthFromName, WideAndAbbreviatedNamesInEachLanguage) {
  // English, French, Spanish, German (and Austrian), Italian, Portuguese, Dutch.
  for (const char* feb : {"February", "Feb", "février", "févr", "febrero", "feb", "Februar",
                          "febbraio", "fevereiro", "fev", "februari"}) {
    EXPECT_EQ(MonthFromName(feb), 2) << feb;
  }
  EXPECT_EQ(MonthFromName("Jänner"), 1);
  EXPECT_EQ(MonthFromName("März"), 3);
  EXPECT_EQ(MonthFromName("août"), 8);
  EXPECT_EQ(MonthFromName("agosto"), 8);
  EXPECT_EQ(MonthFromName("Sept"), 9);
  EXPECT_EQ(MonthFromName("septiembre"), 9);
  EXPECT_EQ(MonthFromName("Okt"), 10);
  EXPECT_EQ(MonthFromName("diciembre"), 12);
  EXPECT_EQ(MonthFromName("Dezember"), 12);
  EXPECT_EQ(MonthFromName("mei"), 5);
}

TEST(MonthFromName, CaseAccentsAndPrefixes) {
  EXPECT_EQ(MonthFromName("FÉVRIER"), 2);
  EXPECT_EQ(MonthFromName("fevrier"), 2);  // accents dropped
  EXPECT_EQ(MonthFromName("Marz"), 3);
  EXPECT_EQ(MonthFromName("aout"), 8);
  EXPECT_EQ(MonthFromName("DÉC"), 12);
  EXPECT_EQ(MonthFromName("juil"), 7);  // a prefix of juillet
  EXPECT_EQ(MonthFromName("fév"), 2);
}

TEST(MonthFromName, OtherWordsAndAmbiguousPrefixesAreNoMonth) {
  EXPECT_EQ(MonthFromName("jui"), 0);  // juin or juillet
  EXPECT_EQ(MonthFromName("ju"), 0);
  EXPECT_EQ(MonthFromName("de"), 0);
  EXPECT_EQ(MonthFromName("Tuesday"), 0);
  EXPECT_EQ(MonthFromName("Reuters"), 0);
  EXPECT_EQ(MonthFromName(""), 0);
  EXPECT_EQ(MonthFromName(std::string(100, 'a')), 0);
}

TEST(LowerLatin, AsciiAndLatin1Capitals) {
  EXPECT_EQ(LowerLatin("ÉTÉ Août MÄRZ"), "été août märz");
  EXPECT_EQ(LowerLatin("×"), "×");  // U+00D7 is no letter
}

}  // namespace
}  // namespace precis::ingest::dates

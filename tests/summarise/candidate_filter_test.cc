#include "engine/summarise/candidate_filter.h"

#include <gtest/gtest.h>

namespace precis::summarise {
namespace {

TEST(CandidateFilterTest, KeepsPlainStatements) {
  SummaryOptions o;
  EXPECT_EQ(
      CheckSentence(
          "Le président français Emmanuel Macron a reçu mardi le secrétaire d’État américain.", 13,
          o),
      Rejection::kNone);
  EXPECT_EQ(
      CheckSentence(
          "« Nous défendrons chaque centimètre carré du territoire de l’OTAN », a-t-il déclaré.",
          14, o),
      Rejection::kNone);
  EXPECT_EQ(CheckSentence(
                "\"We will defend every inch of NATO territory,\" he said on Tuesday in Tallinn.\"",
                14, o),
            Rejection::kNone);
}

TEST(CandidateFilterTest, RejectsWhatCannotStandAlone) {
  SummaryOptions o;
  EXPECT_EQ(CheckSentence("Accueil Actu Monde International", 4, o), Rejection::kTooShort);
  EXPECT_EQ(
      CheckSentence(
          "Biden s’entretient avec le président français au sujet du renforcement des capacités",
          12, o),
      Rejection::kNoFinalStop);
  EXPECT_EQ(CheckSentence("Que pensez-vous de cette rencontre entre les deux dirigeants à Paris ?",
                          11, o),
            Rejection::kQuestion);
  EXPECT_EQ(CheckSentence("AP Photo/Jacquelyn Martin", 3, o), Rejection::kCredit);
  EXPECT_EQ(CheckSentence(
                "Lire aussi: Selon les experts de l'ONU, 100 enfants sont portés disparus.", 12, o),
            Rejection::kCredit);
  EXPECT_EQ(CheckSentence("By Jane Doe.", 3, o), Rejection::kCredit);
  EXPECT_EQ(
      CheckSentence(
          "a déclaré le porte-parole du département d'État, Ned Price, dans un communiqué.", 12, o),
      Rejection::kFragment);
  o.max_sentence_words = 10;
  EXPECT_EQ(CheckSentence("One two three four five six seven eight nine ten eleven.", 11, o),
            Rejection::kTooLong);
}

TEST(CandidateFilterTest, HardRejectionsAreCreditsAndQuestions) {
  EXPECT_TRUE(IsHard(Rejection::kCredit));
  EXPECT_TRUE(IsHard(Rejection::kQuestion));
  EXPECT_FALSE(IsHard(Rejection::kTooShort));
  EXPECT_FALSE(IsHard(Rejection::kNoFinalStop));
}

}  // namespace
}  // namespace precis::summarise

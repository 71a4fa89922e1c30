#include "engine/summarise/candidate_filter.h"

#include <gtest/gtest.h>

#include <string>

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

// Every credit marker is found in any ASCII case and at any place in the
// sentence, and a marker cut short is not one.
TEST(CandidateFilterTest, FindsEveryCreditMarkerAnywhere) {
  SummaryOptions o;
  const std::string_view markers[] = {"photo/",     "photo :",       "photo:",     "(photo",
                                      "crédit",     "credit:",       "©",          "copyright",
                                      "lire aussi", "lire la suite", "voir aussi", "read more",
                                      "read also",  "click here",    "cliquez",    "abonnez",
                                      "subscribe",  "newsletter",    "http://",    "https://",
                                      "www.",       "getty images"};
  const std::string plain = "Les ministres se sont retrouvés mardi à Bruxelles pour un sommet.";
  ASSERT_EQ(CheckSentence(plain, 11, o), Rejection::kNone);
  for (std::string_view marker : markers) {
    std::string upper(marker);
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    for (const std::string& m : {std::string(marker), upper}) {
      EXPECT_EQ(CheckSentence(m + " " + plain, 12, o), Rejection::kCredit) << m;
      EXPECT_EQ(CheckSentence("Les ministres " + m + " se sont retrouvés mardi.", 8, o),
                Rejection::kCredit)
          << m;
      EXPECT_EQ(CheckSentence(plain + " " + m, 12, o), Rejection::kCredit) << m;
    }
    // All but the last byte, then another letter: no longer a marker (for
    // "©" that would leave half a character, which no sentence holds).
    if (marker.size() < 3) continue;
    const std::string cut(marker.substr(0, marker.size() - 1));
    EXPECT_NE(CheckSentence("Les ministres " + cut + "x se sont retrouvés mardi.", 8, o),
              Rejection::kCredit)
        << cut;
  }
}

TEST(CandidateFilterTest, HardRejectionsAreCreditsAndQuestions) {
  EXPECT_TRUE(IsHard(Rejection::kCredit));
  EXPECT_TRUE(IsHard(Rejection::kQuestion));
  EXPECT_FALSE(IsHard(Rejection::kTooShort));
  EXPECT_FALSE(IsHard(Rejection::kNoFinalStop));
}

}  // namespace
}  // namespace precis::summarise

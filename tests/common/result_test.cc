// DocumentResult::SentenceText: the display text of a sentence, as the digest
// quotes it and the candidate filter judges it.
#include "precis/result.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace precis {
namespace {

DocumentResult WithSentences(std::string text, std::vector<std::pair<uint32_t, uint32_t>> spans) {
  DocumentResult d;
  d.text = std::move(text);
  for (const auto& [begin, end] : spans) {
    Sentence s;
    s.begin = begin;
    s.end = end;
    d.sentences.push_back(s);
  }
  return d;
}

TEST(SentenceText, CollapsesEveryRunOfWhitespaceAndTrimsBothEnds) {
  const std::string text = " \t Le  président\na\r\n\tdit :\f\v« non ».  \n";
  const DocumentResult d = WithSentences(text, {{0, static_cast<uint32_t>(text.size())}});
  EXPECT_EQ(d.SentenceText(0), "Le président a dit : « non ».");
}

TEST(SentenceText, SlicesTheSentenceAndClampsToTheText) {
  const std::string text = "Un.  Deux  mots.";
  // The second sentence's end lies past the text (a stale span): clamped.
  const DocumentResult d = WithSentences(text, {{0, 3}, {5, 40}, {3, 5}});
  EXPECT_EQ(d.SentenceText(0), "Un.");
  EXPECT_EQ(d.SentenceText(1), "Deux mots.");
  EXPECT_EQ(d.SentenceText(2), "");  // whitespace only
  // Past the end: empty, and no exception crosses the API (precis/status.h).
  EXPECT_EQ(d.SentenceText(3), "");
  std::string out = "stale";
  d.SentenceText(99, &out);
  EXPECT_EQ(out, "");
}

TEST(SentenceText, TheBufferFormReplacesItsContents) {
  const std::string text = "Première phrase ici.\n\nSeconde, plus  longue, phrase.";
  const DocumentResult d = WithSentences(text, {{0, 20}, {22, static_cast<uint32_t>(text.size())}});
  std::string out = "left over from before";
  for (size_t i : {1, 0, 1}) {
    d.SentenceText(i, &out);
    EXPECT_EQ(out, d.SentenceText(i)) << i;
  }
  EXPECT_EQ(out, "Seconde, plus longue, phrase.");
}

}  // namespace
}  // namespace precis

// WordSegmenter::UaxWords gives exactly the words of ICU's word break
// iterator run over the whole text, although it asks ICU only about the
// chunks that are not plain (word_segmenter.h): on the seeds, on the labelled
// news when present, on edge cases of UAX #29 and on random text.
#include "engine/text/word_segmenter.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "engine/text/utf16_text.h"
#include "tests/text/text_test_util.h"

namespace precis::text {
namespace {

using Words = std::vector<std::pair<int32_t, int32_t>>;

std::unique_ptr<icu::BreakIterator> WordIterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  EXPECT_TRUE(U_SUCCESS(status));
  return it;
}

// The reference: every segment of ICU's iterator over the whole text.
Words IcuWords(const Utf16Text& text) {
  auto it = WordIterator();
  UErrorCode status = U_ZERO_ERROR;
  UText local = UTEXT_INITIALIZER;
  UText* ut = utext_openUChars(&local, text.data(), text.size(), &status);
  it->setText(ut, status);
  utext_close(ut);
  Words words;
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    if (it->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) words.emplace_back(start, end);
  }
  return words;
}

class UaxWordsTest : public ::testing::Test {
 protected:
  Words Segmented(const Utf16Text& text) {
    segmenter_.SetText(text);
    std::vector<WordSpan> spans;
    segmenter_.UaxWords(text, &spans);
    Words words;
    for (const WordSpan& s : spans) words.emplace_back(s.begin, s.end);
    return words;
  }

  // Compares both ways of segmenting `utf8`, with line breaks kept and as
  // spaces; returns the number of words.
  size_t ExpectSameWords(std::string_view utf8) {
    size_t count = 0;
    for (bool breaks_as_spaces : {false, true}) {
      Utf16Text text;
      text.Append(utf8, 0, breaks_as_spaces);
      const Words expected = IcuWords(text);
      const Words got = Segmented(text);
      EXPECT_EQ(got, expected) << "text: " << utf8;
      if (got != expected) {
        for (size_t i = 0; i < std::min(got.size(), expected.size()); ++i) {
          if (got[i] != expected[i]) {
            ADD_FAILURE() << "first difference at word " << i << ": [" << got[i].first << ", "
                          << got[i].second << ") against ICU's [" << expected[i].first << ", "
                          << expected[i].second << ")";
            break;
          }
        }
      }
      count = got.size();
    }
    return count;
  }

  WordSegmenter segmenter_{WordIterator()};
};

TEST_F(UaxWordsTest, EdgeCasesOfTheWordRules) {
  const char* cases[] = {
      "",
      " ",
      "abc",
      "  abc  def  ",
      "(Paris, le 3 mai 2024.) « Bonjour » dit-il\u00a0: « non ! »",
      "l’OTAN qu'il aujourd'hui O'Brien's isn't",
      "3.5 2,5 1.000.000 U.S. a.b a:b a;b 3:4",
      "2 000 soldats 1\u202f000\u202f000 euros 3\u00a0500",
      "abc\u2009 def \u2009 ghi \u3000jkl",
      "abc \u0301def \u0301 ghi e\u0301t\u00e9",
      "_abc abc_ a_b __ 1_2",
      "tab\there\r\nnew\nline\rcr",
      "\"quoted\" \"a\"b ,,abc.. ..123,,",
      "🇫🇷🇩🇪 flag 👩‍👩‍👧 family ☝🏽 a👍b",
      "東京都 では 2024年 に タイ語 ภาษาไทย ใช้ได้ 中文分词",
      "צה\"ל אמר שלום עליכם",
      "Ωmega ΔΕΛΤΑ Привет мир",
      "\u00d7 \u00f7 a\u00d7b 5\u00f73 \u00c0\u00ff\u00d8\u00f8",
      "http://example.com/a?b=c e-mail@example.org #tag @user",
      "\u00a0\u00a0 ( ) , . ; : ! ? « »",
      "x\u00ady soft\u00ad-hyphen zero\u200bwidth zw\u200dj",
      "a\u2019 \u2019a 'a a' 5' '5",
  };
  for (const char* c : cases) ExpectSameWords(c);
}

TEST_F(UaxWordsTest, SeedsHaveIcusWords) {
  size_t words = 0;
  for (const Document& d : testing::Seeds()) words += ExpectSameWords(d.text);
  EXPECT_GT(words, 2000u);
}

TEST_F(UaxWordsTest, LabelledNewsHasIcusWords) {
  size_t records = 0;
  for (const char* name : {"rpm2-fr.docs.jsonl", "allsides-en.docs.jsonl"}) {
    const std::filesystem::path path = std::filesystem::path(PRECIS_EVAL_DIR) / name;
    std::ifstream in(path);
    if (!in) GTEST_SKIP() << "no labelled data at " << path << " (../shared/eval absent)";
    // Whole JSON lines: the escapes are text like any other, and the texts
    // are in them.
    for (std::string line; std::getline(in, line) && records < 2000; ++records) {
      ExpectSameWords(line);
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(records, 100u);
}

// Random text from an alphabet where plain and not plain characters meet in
// every order: letters of both kinds, digits, the plain punctuation, the
// separators, and characters that join words or attach to them.
TEST_F(UaxWordsTest, RandomTextHasIcusWords) {
  std::vector<std::string> alphabet = {
      "a",  "Z", "q",      "0",  "7", "(",      ")",      "\"",     ",",      ".",      ";",
      ":",  "!", "?",      "«",  "»", "\u00a0", " ",      " ",      " ",      "\t",     "\n",
      "\r", "'", "\u2019", "-",  "_", "\u202f", "\u2009", "\u0301", "\u200d", "\u00ad", "\u3000",
      "👍",  "🇫", "🇷",      "東", "ภ", "א",      "Ω",      "%",      "/",      "\u00d7", "\u00f7"};
  for (char32_t c = 0xC0; c <= 0xFF; ++c) {
    std::u32string one(1, c);
    std::string utf8;
    utf8 += static_cast<char>(0xC0 | (c >> 6));
    utf8 += static_cast<char>(0x80 | (c & 0x3F));
    alphabet.push_back(utf8);
  }
  std::mt19937 rng(20261204);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int round = 0; round < 3000 && !HasFailure(); ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += alphabet[pick(rng)];
    ExpectSameWords(text);
  }
}

}  // namespace
}  // namespace precis::text

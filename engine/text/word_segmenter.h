// WordSegmenter: word tokens of a paragraph, from ICU's word break iterator
// plus the joins and splits news text needs.
//
// ICU (UAX #29) already keeps "aujourd'hui", "l'OTAN", "2,5", "don't" whole and
// splits at hyphens and spaces. On top of that:
//   - hyphenated compounds are one word: "États-Unis", "COVID-19", "porte-parole";
//     in French, clitic pronouns stay apart: "a-t-il" -> "a", "t", "il";
//   - digit groups are one number: "2 000", "1 000 000" (space, no-break or
//     thin space between groups of three digits);
//   - French/Italian/Catalan elisions are split: "l'OTAN" -> "l'" (elided) and
//     "OTAN"; "qu’il" -> "qu’", "il"; "aujourd'hui", "quelqu'un" stay whole;
//   - English possessive "'s" is left out of the word: "Biden's" -> "Biden".
// Punctuation, symbols and spaces are not words. Words longer than
// kMaxWordUnits UTF-16 units (base64, URLs without breaks) are dropped.
//
// Thread-safety: one WordSegmenter per thread (it owns an ICU iterator).
#ifndef PRECIS_ENGINE_TEXT_WORD_SEGMENTER_H_
#define PRECIS_ENGINE_TEXT_WORD_SEGMENTER_H_

#include <unicode/brkiter.h>

#include <memory>
#include <string_view>
#include <vector>

#include "engine/text/utf16_text.h"

namespace precis::text {

struct WordSpan {
  // [begin, end) in UTF-16 units of the Utf16Text.
  int32_t begin = 0;
  int32_t end = 0;
  // An elided article or pronoun with its apostrophe ("l'", "qu’").
  bool elided = false;
  // Digit groups joined across spaces: the normal form drops the spaces.
  bool digit_groups = false;
};

// Per-language word rules; all lists are lower-case ASCII.
struct WordRules {
  std::vector<std::string_view> elisions;  // "l", "qu", ... (before an apostrophe)
  std::vector<std::string_view> clitics;   // "il", "t", ... (after a hyphen)
  bool strip_possessive_s = false;
};

// Rules for an ISO 639-1 code; languages without special rules get none.
const WordRules& WordRulesFor(std::string_view lang);

class WordSegmenter {
 public:
  static constexpr int32_t kMaxWordUnits = 100;

  // `words`: an ICU word break iterator, owned (a per-thread clone).
  explicit WordSegmenter(std::unique_ptr<icu::BreakIterator> words) : words_(std::move(words)) {}

  // Points the iterator at `text`, which must stay alive and unchanged until
  // the next SetText. Both calls below use it.
  void SetText(const Utf16Text& text);

  // The last word boundary at or before `index` (0 if none).
  int32_t BoundaryAtOrBefore(int32_t index);

  // Replaces `out` with the words of the text in order. O(text length).
  void Segment(const Utf16Text& text, const WordRules& rules, std::vector<WordSpan>* out);

  // The UAX #29 words of the text (segments of ICU rule status
  // UBRK_WORD_NONE_LIMIT or above) in order, before the joins and splits
  // above: what Segment starts from. Flags are false. O(text length).
  //
  // ICU's iterator was four fifths of the cost of segmenting. Most chunks of
  // text between white space are plain: letters and digits (ASCII or
  // Latin-1) with at most some punctuation before and after, such as
  // "(Paris," or "2024.". Their one word is plain to see and ICU is not
  // asked; the other chunks are segmented by ICU over the whole text
  // (following + next), so they get exactly ICU's boundaries. A test checks
  // that the words are ICU's on real and random text.
  void UaxWords(const Utf16Text& text, std::vector<WordSpan>* out);

 private:
  // Calls on_word(begin, end) for each word of UaxWords.
  template <typename OnWord>
  void ForEachWord(const Utf16Text& text, OnWord on_word);
  void Emit(const Utf16Text& text, const WordRules& rules, WordSpan word,
            std::vector<WordSpan>* out) const;

  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_WORD_SEGMENTER_H_

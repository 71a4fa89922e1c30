#include "engine/text/word_segmenter.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>

namespace precis::text {
namespace {

bool IsHyphen(UChar c) { return c == u'-' || c == 0x2010 || c == 0x2011; }
bool IsApostrophe(UChar c) { return c == u'\'' || c == 0x2019 || c == 0x02BC; }
bool IsGroupSpace(UChar c) { return c == u' ' || c == 0x00A0 || c == 0x202F || c == 0x2009; }
bool IsDigit(UChar c) { return c >= u'0' && c <= u'9'; }

bool AllDigits(const Utf16Text& t, int32_t begin, int32_t end) {
  for (int32_t i = begin; i < end; ++i)
    if (!IsDigit(t[i])) return false;
  return end > begin;
}

// Case-insensitive match of text[begin, end) against lower-case ASCII words.
bool InList(const Utf16Text& t, int32_t begin, int32_t end,
            const std::vector<std::string_view>& words) {
  const int32_t n = end - begin;
  if (words.empty() || n <= 0 || n > 8) return false;
  char lower[8];
  for (int32_t i = 0; i < n; ++i) {
    UChar c = t[begin + i];
    if (c >= u'A' && c <= u'Z') c = static_cast<UChar>(c - u'A' + u'a');
    if (c >= 0x80) {
      if (c != 0xE0 && c != 0xC0) return false;  // "là" is the one non-ASCII clitic
      c = u'@';
    }
    lower[i] = static_cast<char>(c);
  }
  const std::string_view word(lower, static_cast<size_t>(n));
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The plain chunks of WordSegmenter::ForEachWord. Letters: ASCII letters and
// digits, and the Latin-1 letters U+00C0-U+00FF but for x and the division
// sign (Word_Break ALetter or Numeric; a test checks each against ICU). Marks:
// punctuation whose Word_Break class (Other, MidNum, MidNumLet, MidLetter,
// Double_Quote) joins nothing without a letter or digit on its other side.
bool IsPlainLetter(UChar c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
         (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}
bool IsPlainMark(UChar c) {
  switch (c) {
    case u'(':
    case u')':
    case u'"':
    case u',':
    case u'.':
    case u';':
    case u':':
    case u'!':
    case u'?':
    case 0x00AB:
    case 0x00BB:
    case 0x00A0:
      return true;
    default:
      return false;
  }
}
// Word_Break WSegSpace (space), Other (tab), CR and LF: never inside a word.
bool IsSeparator(UChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; }

}  // namespace

const WordRules& WordRulesFor(std::string_view lang) {
  // "l@" stands for "là" (see InList).
  static const WordRules kFrench{
      {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"},
      {"t",  "il", "ils", "elle", "elles", "on",   "je", "tu", "nous", "vous", "ce",
       "ci", "l@", "moi", "toi",  "lui",   "leur", "le", "la", "les",  "y",    "en"},
      false};
  static const WordRules kItalian{{"l", "d", "c", "s", "m", "t", "v", "un", "dell", "all", "dall",
                                   "nell", "sull", "coll", "quell", "quest", "sant", "bell"},
                                  {},
                                  false};
  static const WordRules kCatalan{{"l", "d", "s", "m", "t", "n"}, {}, false};
  static const WordRules kEnglish{{}, {}, true};
  static const WordRules kNone{};
  if (lang == "fr") return kFrench;
  if (lang == "it") return kItalian;
  if (lang == "ca") return kCatalan;
  if (lang == "en") return kEnglish;
  return kNone;
}

void WordSegmenter::SetText(const Utf16Text& text) {
  UErrorCode status = U_ZERO_ERROR;
  UText local = UTEXT_INITIALIZER;
  UText* ut = utext_openUChars(&local, text.data(), text.size(), &status);
  words_->setText(ut, status);  // keeps a shallow clone; `local` may go
  utext_close(ut);
}

int32_t WordSegmenter::BoundaryAtOrBefore(int32_t index) {
  if (words_->isBoundary(index)) return index;
  const int32_t b = words_->preceding(index);
  return b == icu::BreakIterator::DONE ? 0 : b;
}

template <typename OnWord>
void WordSegmenter::ForEachWord(const Utf16Text& text, OnWord on_word) {
  const UChar* u = text.data();
  const int32_t n = text.size();
  // ICU's words in [from, to): `from` is a boundary (the text's start, or
  // white space after a plain chunk), and a word never holds a separator, so
  // the segment that crosses `to` (white space) is not one.
  auto icu_words = [&](int32_t from, int32_t to) {
    int32_t start = from;
    for (int32_t end = words_->following(from); end != icu::BreakIterator::DONE && start < to;
         start = end, end = words_->next()) {
      if (words_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) on_word(start, end);
    }
  };
  int32_t icu_from = -1;  // start of the chunks ICU has still to segment, or -1
  int32_t i = 0;
  while (i < n) {
    const int32_t space = i;
    while (i < n && IsSeparator(u[i])) ++i;
    if (i == n) break;
    // A chunk: marks, letters, marks, then a separator or the end.
    while (i < n && IsPlainMark(u[i])) ++i;
    const int32_t word_begin = i;
    while (i < n && IsPlainLetter(u[i])) ++i;
    const int32_t word_end = i;
    while (i < n && IsPlainMark(u[i])) ++i;
    if (i < n && !IsSeparator(u[i])) {
      while (i < n && !IsSeparator(u[i])) ++i;
      if (icu_from < 0) icu_from = space;
      continue;
    }
    if (icu_from >= 0) {
      icu_words(icu_from, space);
      icu_from = -1;
    }
    if (word_end > word_begin) on_word(word_begin, word_end);
  }
  if (icu_from >= 0) icu_words(icu_from, n);
}

void WordSegmenter::UaxWords(const Utf16Text& text, std::vector<WordSpan>* out) {
  out->clear();
  ForEachWord(text, [&](int32_t begin, int32_t end) { out->push_back(WordSpan{begin, end}); });
}

void WordSegmenter::Segment(const Utf16Text& text, const WordRules& rules,
                            std::vector<WordSpan>* out) {
  out->clear();
  bool have = false;
  WordSpan pending;
  bool groups_open = false;  // pending is a digit-group number that may take another group
  ForEachWord(text, [&](int32_t start, int32_t end) {
    if (have && start == pending.end + 1) {
      const UChar between = text[pending.end];
      if (IsHyphen(between) && !InList(text, start, end, rules.clitics)) {
        pending.end = end;
        groups_open = false;
        return;
      }
      // "2 000": a group of 1-3 digits, then groups of exactly three.
      if (IsGroupSpace(between) && end - start >= 3 && AllDigits(text, start, start + 3) &&
          (end - start == 3 || !IsDigit(text[start + 3])) &&
          (groups_open ||
           (pending.end - pending.begin <= 3 && AllDigits(text, pending.begin, pending.end)))) {
        pending.end = end;
        pending.digit_groups = true;
        groups_open = end - start == 3;
        return;
      }
    }
    if (have) Emit(text, rules, pending, out);
    pending = WordSpan{start, end, false, false};
    have = true;
    groups_open = false;
  });
  if (have) Emit(text, rules, pending, out);
}

void WordSegmenter::Emit(const Utf16Text& text, const WordRules& rules, WordSpan word,
                         std::vector<WordSpan>* out) const {
  if (!rules.elisions.empty()) {
    // "l'" + word; "qu'aujourd'hui" -> "qu'" + "aujourd'hui".
    for (int32_t i = word.begin + 1; i + 1 < word.end && i - word.begin <= 6; ++i) {
      if (!IsApostrophe(text[i])) continue;
      if (!InList(text, word.begin, i, rules.elisions)) break;
      out->push_back(WordSpan{word.begin, i + 1, true, false});
      word.begin = i + 1;
    }
  }
  if (rules.strip_possessive_s && word.end - word.begin > 2 && IsApostrophe(text[word.end - 2]) &&
      (text[word.end - 1] == u's' || text[word.end - 1] == u'S')) {
    word.end -= 2;
  }
  if (word.end - word.begin > kMaxWordUnits) return;
  // ICU itself keeps "1\u202F000" whole (U+202F is ExtendNumLet since Unicode 14).
  // Locals, not `word`'s fields: stores into `word` inside the loop made the
  // compiler reload the text pointer for every character.
  const UChar* units = text.data();
  bool groups = word.digit_groups;
  for (int32_t i = word.begin; i < word.end && !groups; ++i) groups = IsGroupSpace(units[i]);
  // Fields stored into the vector one by one: copying `word` whole read it
  // back from the stack right after its narrow stores (a forwarding stall).
  out->emplace_back();
  WordSpan& added = out->back();
  added.begin = word.begin;
  added.end = word.end;
  added.elided = word.elided;
  added.digit_groups = groups;
}

}  // namespace precis::text

// SentenceSegmenter: sentences of a paragraph, from ICU's sentence break
// iterator with the locale's break suppressions (FilteredBreakIteratorBuilder,
// e.g. "M." in French, "Mr." in English) plus precis's own per-language
// abbreviation list and a rule for initials.
//
// A candidate break is ignored when the text before it ends with
//   - an abbreviation from the language's list ("MM.", "Dr.", "etc.", "févr."),
//     preceded by a non-letter, compared exactly (case-sensitive); or
//   - initials: single capitals with periods ("J. Smith", "U.S.", "J.-C.").
// ICU itself does not break inside numbers ("2.5") or before a lower-case
// continuation. A '\n' left in the text is a hard break (the analyzer keeps
// one between lines that must not merge, such as a subheading and the next
// paragraph line); the suppressions never cross it.
//
// Sentences are trimmed of white space; spans without a letter or digit
// ("»", "—") are dropped. A sentence longer than max_bytes (UTF-8) is cut at
// the last word boundary that fits, repeatedly.
//
// Thread-safety: one SentenceSegmenter per thread and language (it owns an ICU
// iterator); the abbreviation list is shared and read-only.
#ifndef PRECIS_ENGINE_TEXT_SENTENCE_SEGMENTER_H_
#define PRECIS_ENGINE_TEXT_SENTENCE_SEGMENTER_H_

#include <unicode/brkiter.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/text/utf16_text.h"
#include "engine/text/word_list.h"
#include "engine/text/word_segmenter.h"
#include "precis/status.h"

namespace precis::text {

// [begin, end) in UTF-16 units of a Utf16Text.
struct Span {
  int32_t begin = 0;
  int32_t end = 0;
};

// The shared, read-only ICU sentence iterator of `lang` (ISO 639-1; "" for
// root) with the locale's suppressions applied; clone it per thread.
StatusOr<std::unique_ptr<icu::BreakIterator>> CreateSentenceIterator(const std::string& lang);

class SentenceSegmenter {
 public:
  // `sentences`: owned per-thread clone from CreateSentenceIterator.
  // `abbreviations` must outlive the segmenter.
  SentenceSegmenter(std::unique_ptr<icu::BreakIterator> sentences, const WordList* abbreviations)
      : sentences_(std::move(sentences)), abbreviations_(abbreviations) {}

  // Replaces `out` with the sentences of `text`. `words` must have been given
  // the same text (SetText); it supplies cut points for long sentences.
  // REQUIRES: max_bytes >= 16. O(text length).
  void Segment(const Utf16Text& text, WordSegmenter* words, uint32_t max_bytes,
               std::vector<Span>* out);

 private:
  bool Suppressed(const Utf16Text& text, int32_t boundary) const;
  void Add(const Utf16Text& text, Span span, WordSegmenter* words, uint32_t max_bytes,
           std::vector<Span>* out) const;

  std::unique_ptr<icu::BreakIterator> sentences_;
  const WordList* abbreviations_;
};

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_SENTENCE_SEGMENTER_H_

// Which sentences may stand alone in a digest. A summary sentence is read out
// of its report, so it must be a complete statement: not a heading, caption,
// byline, question to the reader, link prompt, nor too short or too long.
#ifndef PRECIS_ENGINE_SUMMARISE_CANDIDATE_FILTER_H_
#define PRECIS_ENGINE_SUMMARISE_CANDIDATE_FILTER_H_

#include <cstdint>
#include <string_view>

#include "precis/options.h"

namespace precis::summarise {

enum class Rejection {
  kNone = 0,
  kTooShort,     // fewer than SummaryOptions::min_sentence_words words
  kTooLong,      // more than SummaryOptions::max_sentence_words words
  kQuestion,     // ends with '?': addressed to the reader, or rhetorical
  kNoFinalStop,  // heading, label or fragment: no '.', '!' or '…' at the end
  kFragment,     // starts in lower case: the segmenter cut a sentence
  kCredit,       // byline, photo caption, copyright, "read also", link
};

// `text` is the display text of the sentence (whitespace collapsed), `words`
// its number of word tokens. Hard rejections (kCredit) hold even when a story
// has no other candidate; the others are relaxed then (see IsHard).
Rejection CheckSentence(std::string_view text, uint32_t words, const SummaryOptions& options);

inline bool IsHard(Rejection r) { return r == Rejection::kCredit || r == Rejection::kQuestion; }

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_CANDIDATE_FILTER_H_

// What the summariser needs of an analysed report, kept compactly so the
// engine can extract it during its single analysis pass instead of analysing
// every report a second time at the summarise stage.
//
// Terms are 32-bit XXH3 hashes of stems: the summariser only asks whether two
// sentences share a stem, and with the few thousand stems of a story a 32-bit
// collision is rare and only merges two rare stems' counts. About 4 bytes per
// content word plus 6 per sentence: roughly a fifth of the report's text.
#ifndef PRECIS_ENGINE_SUMMARISE_SENTENCE_TERMS_H_
#define PRECIS_ENGINE_SUMMARISE_SENTENCE_TERMS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/text/analyzer.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::summarise {

struct SentenceTerms {
  // Stem hashes of the body's non-stopword tokens, sentence by sentence.
  std::vector<uint32_t> terms;
  // terms of sentence s: [s == 0 ? 0 : end[s - 1], end[s]); one per sentence
  // of the analysis (the same sentences as DocumentResult::sentences).
  std::vector<uint32_t> end;
  // Word tokens (stopwords included) per sentence.
  std::vector<uint16_t> words;
  // Stem hashes of the title's non-stopword tokens.
  std::vector<uint32_t> title;
  // CheckSentence's verdict (a Rejection) on each of the first
  // SummaryOptions::max_position sentences, given while the text was at hand
  // (AddVerdicts); empty when not given, and the summariser checks then.
  std::vector<uint8_t> verdicts;

  size_t sentences() const { return end.size(); }
  std::span<const uint32_t> sentence(size_t s) const {
    const uint32_t first = s == 0 ? 0 : end[s - 1];
    return {terms.data() + first, end[s] - first};
  }
};

// Thread-safe (pure). O(tokens).
SentenceTerms ExtractSentenceTerms(const text::AnalyzedDocument& analyzed);

// SentenceTerms as one SpillStore record, and back: the engine keeps them
// out of memory between its analysis and summarise stages. Decode fails
// (false) only on a record that Encode did not write.
std::vector<std::byte> EncodeSentenceTerms(const SentenceTerms& terms);
bool DecodeSentenceTerms(std::span<const std::byte> record, SentenceTerms* terms);

// Fills terms->verdicts from `doc` (the same analysis's sentences and text).
// Thread-safe (pure). O(text of the first max_position sentences).
void AddVerdicts(const DocumentResult& doc, const SummaryOptions& options, SentenceTerms* terms);

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_SENTENCE_TERMS_H_

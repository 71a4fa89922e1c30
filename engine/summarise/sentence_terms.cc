#include "engine/summarise/sentence_terms.h"

#include <xxhash.h>

#include <algorithm>
#include <limits>
#include <string>

#include "engine/common/spill_store.h"
#include "engine/summarise/candidate_filter.h"

namespace precis::summarise {
namespace {

uint32_t StemHash(std::string_view stem) {
  return static_cast<uint32_t>(XXH3_64bits(stem.data(), stem.size()));
}

}  // namespace

SentenceTerms ExtractSentenceTerms(const text::AnalyzedDocument& a) {
  SentenceTerms out;
  const size_t sentences = a.sentences.size();
  out.end.assign(sentences, 0);
  out.words.assign(sentences, 0);
  // Tokens come in sentence order; count first, then place.
  std::vector<uint32_t> content(sentences, 0);
  for (const text::Token& t : a.tokens) {
    if (t.sentence >= sentences) continue;
    uint16_t& w = out.words[t.sentence];
    if (w < std::numeric_limits<uint16_t>::max()) ++w;
    if (!t.is(text::kStopword)) ++content[t.sentence];
  }
  uint32_t total = 0;
  for (size_t s = 0; s < sentences; ++s) {
    total += content[s];
    out.end[s] = total;
  }
  out.terms.resize(total);
  std::vector<uint32_t> fill(sentences, 0);
  for (size_t s = 1; s < sentences; ++s) fill[s] = out.end[s - 1];
  for (const text::Token& t : a.tokens) {
    if (t.sentence >= sentences || t.is(text::kStopword)) continue;
    out.terms[fill[t.sentence]++] = StemHash(a.stem(t));
  }
  for (const text::Token& t : a.title_tokens) {
    if (!t.is(text::kStopword)) out.title.push_back(StemHash(a.stem(t)));
  }
  return out;
}

std::vector<std::byte> EncodeSentenceTerms(const SentenceTerms& terms) {
  std::vector<std::byte> record;
  record.reserve(5 * sizeof(uint32_t) + terms.terms.size() * 4 + terms.end.size() * 4 +
                 terms.words.size() * 2 + terms.title.size() * 4 + terms.verdicts.size());
  AppendArray<uint32_t>(terms.terms, &record);
  AppendArray<uint32_t>(terms.end, &record);
  AppendArray<uint16_t>(terms.words, &record);
  AppendArray<uint32_t>(terms.title, &record);
  AppendArray<uint8_t>(terms.verdicts, &record);
  return record;
}

bool DecodeSentenceTerms(std::span<const std::byte> record, SentenceTerms* terms) {
  return ReadArray(&record, &terms->terms) && ReadArray(&record, &terms->end) &&
         ReadArray(&record, &terms->words) && ReadArray(&record, &terms->title) &&
         ReadArray(&record, &terms->verdicts) && record.empty() &&
         terms->words.size() == terms->end.size();
}

void AddVerdicts(const DocumentResult& doc, const SummaryOptions& options, SentenceTerms* terms) {
  const size_t n =
      std::min(terms->sentences(), static_cast<size_t>(std::max(0, options.max_position)));
  terms->verdicts.resize(n);
  std::string text;
  for (size_t s = 0; s < n; ++s) {
    doc.SentenceText(s, &text);
    terms->verdicts[s] = static_cast<uint8_t>(CheckSentence(text, terms->words[s], options));
  }
}

}  // namespace precis::summarise

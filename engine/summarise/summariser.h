// The summary of one story: score every candidate sentence of its reports,
// pick a few by MMR under the budget, credit each to every report saying the
// same.
//
// Scoring (each feature scaled to [0, 1], combined with SummaryOptions weights):
//  - LexRank centrality over the graph of candidate cosines >= lexrank_threshold;
//  - cosine to the story centroid (sum of the candidates' TF-IDF vectors);
//  - position in the report, 1 / sqrt(1 + p): news writes the facts first;
//  - support: mean over the OTHER reports of their best cosine to the
//    sentence, i.e. how widely its content is carried.
// Sentence vectors: sublinear TF x IDF over the story's sentences, of the
// Snowball stems of non-stopword tokens, L2-normalised.
//
// Near-duplicate copies count once: only the first member (by document index)
// of a copy group offers candidates and counts in `support`; the others are
// still credited as sources.
#ifndef PRECIS_ENGINE_SUMMARISE_SUMMARISER_H_
#define PRECIS_ENGINE_SUMMARISE_SUMMARISER_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/summarise/sentence_terms.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::summarise {

// One report of the story. The pointers are borrowed for the call.
struct StoryDocument {
  uint32_t index = 0;                      // in Result::documents
  const DocumentResult* result = nullptr;  // text, date, sentences
  const SentenceTerms* terms = nullptr;    // its terms (same sentences)
  uint32_t group = 0;  // copy group: the smallest document index among its copies (itself if none)
};

struct StorySummary {
  // Chosen sentences ordered by document date, then position, then document.
  std::vector<SummarySentence> sentences;
  // Position in the input of the report whose title is closest to the story
  // centroid (a label for stories built without clustering); -1 if none.
  int central_document = -1;
};

// Sentences already shown elsewhere, never chosen again: (document index in
// Result::documents, Sentence::begin). A timeline's events leave out the
// sentences of its lead.
using ShownSentences = std::vector<std::pair<uint32_t, uint32_t>>;

// Deterministic; thread-safe (no shared state). Time O(candidates^2 + total
// tokens); candidates are bounded by SummaryOptions::max_position per report
// and max_candidates per story.
StorySummary SummariseStory(const std::vector<StoryDocument>& documents,
                            const SummaryOptions& options, const ShownSentences& shown = {});

// Upper bound on candidates per story: the earliest sentences (by position,
// then document) are kept, so the similarity graph stays small.
inline constexpr size_t kMaxCandidates = 1500;

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_SUMMARISER_H_

// Per-document clustering features: weighted term and entity bags.
//
// Extracted once per document inside Engine::Run's parallel loop (the
// analysed document is not kept), so everything later stages need is here,
// in a compact form: at most ClusterOptions::max_terms terms, keyed by a
// 64-bit hash of (language, stem), with weighted counts before IDF.
//
// Why these features (news reports of one story share names and the words of
// the headline, much less the rest of their vocabulary):
//  - title words count title_weight times, lead-sentence words lead_weight
//    times a body word: reporters put the who/what/where up front;
//  - entities are capitalised words not at a sentence start (and runs of them
//    as multi-word names), acronyms, and numbers followed by a word (a unit:
//    "15 otages", "3 %"); no trained NER. Their words get entity_boost in the
//    text vector, and they also form a separate entity vector whose cosine is
//    blended into the similarity. Headline-case titles ("Trump Slams Kerry")
//    are skipped for capitalised entities, since there every word is capitalised.
#ifndef PRECIS_ENGINE_CLUSTER_FEATURES_H_
#define PRECIS_ENGINE_CLUSTER_FEATURES_H_

#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/text/analyzer.h"
#include "precis/document.h"
#include "precis/options.h"

namespace precis::cluster {

// Weighted occurrences of one term or entity in one document.
struct WeightedKey {
  uint64_t key = 0;
  float weight = 0;  // sum of occurrence weights (>= 1 per occurrence), before sublinear scaling
};

// Hash of std::string keys that also looks up std::string_view without
// building a string.
// XXH3 rather than std::hash's Murmur: this hash runs once per token, and
// with the same change in the stemmer's cache and a flat stopword table
// (text/word_list.h) a 10k digest on one thread took 2.02 -> 1.95 s.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return XXH3_64bits(s.data(), s.size()); }
};
template <typename V>
using StringMap = std::pmr::unordered_map<std::pmr::string, V, StringHash, std::equal_to<>>;

// The strings of a document's terms (stems) and entities (normalised names),
// each with its weighted count. Hash maps (one lookup per token is the hot
// path of feature extraction): iteration order is unspecified, so whoever
// needs an order sorts (Compact sorts by weight, then name). Their nodes and
// strings come from `memory`, which must outlive the bag: feature extraction
// passes an arena released after each document, where one heap allocation
// per distinct term was a tenth of the analysis.
struct TermBag {
  explicit TermBag(std::pmr::memory_resource* memory = std::pmr::get_default_resource())
      : terms(memory), entities(memory), entity_display(memory) {}
  std::string lang;
  StringMap<double> terms;
  StringMap<double> entities;
  // Entity display form (as first written) by normalised name.
  StringMap<std::pmr::string> entity_display;
};

struct DocFeatures {
  static constexpr int32_t kNoDay = std::numeric_limits<int32_t>::min();
  std::string lang;
  int32_t day = kNoDay;  // publication day (days since 1970-01-01) or kNoDay
  // Sorted by key; at most max_terms, the highest weights kept.
  std::vector<WeightedKey> terms;
  std::vector<WeightedKey> entities;
  // Display strings of the strongest few entities (for labels), strongest
  // first. `precis explain` names terms by analysing its two documents again.
  std::vector<std::pair<uint64_t, std::string>> entity_names;
};

// Key of a stem or of an entity name in language `lang`. Entities and terms
// live in separate key spaces.
uint64_t TermKey(std::string_view lang, std::string_view stem);
uint64_t EntityKey(std::string_view lang, std::string_view name);

// Days since 1970-01-01 of an ISO 8601 date ("2024-04-02...") or kNoDay.
int32_t ParseDay(std::string_view date);

// The weighted bags of one analysed document, allocated from `memory`.
// `text` is Document::text (token byte ranges point into it). Thread-safe;
// O(document tokens).
TermBag ExtractBag(std::string_view text, const text::AnalyzedDocument& doc,
                   const ClusterOptions& options,
                   std::pmr::memory_resource* memory = std::pmr::get_default_resource());

// Compact features for clustering. Thread-safe; O(document tokens).
DocFeatures ExtractFeatures(const Document& document, const text::AnalyzedDocument& doc,
                            const ClusterOptions& options);

// The term and entity bags and the entity names of *features as one
// SpillStore record, moved out (left empty, their memory freed), and back:
// the engine keeps them out of memory between its analysis and cluster
// stages. RestoreBags restores the names too when `names` is true; it fails
// (false) only on a record that TakeBags did not write.
std::vector<std::byte> TakeBags(DocFeatures* features);
bool RestoreBags(std::span<const std::byte> record, DocFeatures* features, bool names = true);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_FEATURES_H_

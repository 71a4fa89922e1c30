// Test-only reference: slow, obviously correct all-pairs exact Jaccard, and a
// plain tokenizer, to check the fast paths against (RE2's backtrack.cc habit).
#ifndef PRECIS_TESTS_REFERENCE_DEDUP_REFERENCE_H_
#define PRECIS_TESTS_REFERENCE_DEDUP_REFERENCE_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dedup/deduplicator.h"
#include "engine/dedup/shingle.h"
#include "engine/dedup/verify.h"

namespace precis::dedup::testing {

// Lower-cased ASCII words; other bytes (accents, punctuation) split or join
// as they fall. Good enough to feed dedup without the ICU analyser.
inline std::vector<std::string> SimpleTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(c)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

inline DocumentUnits SimpleUnits(std::string_view text, const DedupOptions& options) {
  const std::vector<std::string> tokens = SimpleTokens(text);
  std::vector<std::string_view> norms(tokens.begin(), tokens.end());
  return UnitsFromNorms(norms, options);
}

struct ReferencePair {
  uint32_t a, b;
  double jaccard, containment;
};

// Every pair of documents with both shingle sets non-empty. O(n^2 * length).
inline std::vector<ReferencePair> AllPairs(const std::vector<std::vector<uint64_t>>& sets) {
  std::vector<ReferencePair> out;
  for (uint32_t a = 0; a < sets.size(); ++a) {
    for (uint32_t b = a + 1; b < sets.size(); ++b) {
      if (sets[a].empty() || sets[b].empty()) continue;
      const SetSimilarity s = CompareSets(sets[a], sets[b]);
      out.push_back({a, b, s.jaccard, s.containment});
    }
  }
  return out;
}

}  // namespace precis::dedup::testing

#endif  // PRECIS_TESTS_REFERENCE_DEDUP_REFERENCE_H_

// Exact set similarity of two sorted, duplicate-free shingle sets: the
// reference that every MinHash estimate is checked against before a pair is
// reported.
#ifndef PRECIS_ENGINE_DEDUP_VERIFY_H_
#define PRECIS_ENGINE_DEDUP_VERIFY_H_

#include <cstdint>
#include <span>

namespace precis::dedup {

struct SetSimilarity {
  double jaccard = 0;      // |A ∩ B| / |A ∪ B|; 0 when both are empty
  double containment = 0;  // |A ∩ B| / min(|A|, |B|); 0 when either is empty
};

// REQUIRES: a and b sorted ascending without duplicates. O(|a| + |b|).
SetSimilarity CompareSets(std::span<const uint64_t> a, std::span<const uint64_t> b);
// The same on 32-bit shingle fingerprints (Deduplicator's stored sets).
SetSimilarity CompareSets(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_VERIFY_H_

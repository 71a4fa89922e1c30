// Shingles: the set of hashed word n-grams that stands for a document.
//
// A document enters dedup as a sequence of 64-bit "unit" hashes: one XXH3-64
// per normalised token (Token::norm(), NFKC + case folded, stopwords kept),
// or, for character shingling, one hash per character n-gram. A shingle is
// n consecutive unit hashes hashed again with XXH3-64 (seed n), so shingle
// hashes are frozen by golden vectors (tests/dedup/shingle_test.cc) and never
// depend on the platform's word size. Little-endian byte order is assumed
// (x86-64, AArch64).
//
// Documents shorter than n units still get shingles: one shingle of all their
// units, so a three-word document is compared as a whole, not dropped.
#ifndef PRECIS_ENGINE_DEDUP_SHINGLE_H_
#define PRECIS_ENGINE_DEDUP_SHINGLE_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace precis::dedup {

// XXH3-64 (seed 0) of a normalised token. Thread-safe, O(size).
uint64_t HashToken(std::string_view norm);

// Hashes of the code-point n-grams of `text` (UTF-8; invalid bytes count as
// one character each). Fewer than n code points give one hash of the whole
// text; an empty text gives none. Used as units with shingle size 1.
std::vector<uint64_t> CharacterNgramHashes(std::string_view text, int n);

// Appends the shingle hashes of `units` (n-grams, n >= 1) to `out`, in text
// order, duplicates kept (MinHash does not care). O(units).
void AppendShingles(std::span<const uint64_t> units, int n, std::vector<uint64_t>* out);

// The shingle set: sorted, duplicates removed. O(units log units).
std::vector<uint64_t> ShingleSet(std::span<const uint64_t> units, int n);

// Number of shingles AppendShingles produces for `size` units.
inline uint64_t ShingleCount(uint64_t size, int n) {
  if (size == 0) return 0;
  return size < static_cast<uint64_t>(n) ? 1 : size - n + 1;
}

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_SHINGLE_H_

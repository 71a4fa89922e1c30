// Deduplicator: exact and near-duplicate groups of a corpus.
//
// Two phases, so the analysed documents need not be kept:
//   1. Add(i, units) per document, from any thread (distinct i): keeps only a
//      128-bit body hash, the unit count and the MinHash signature (k 32-bit
//      values), i.e. about 4k + 32 bytes per document.
//   2. Finish(): exact groups by body hash; LSH over the signatures of one
//      member per exact group; each candidate pair is verified on its exact
//      shingle sets; union-find over verified pairs gives the groups.
//
// Memory choice: shingle sets are not stored. Verification asks the caller to
// recompute the units of the documents involved in candidate pairs (the
// engine re-analyses them), in blocks of at most kVerifyBlock documents, so
// peak extra memory is O(signatures + block * shingles per document) instead
// of 8 bytes per token of the whole corpus. Candidates whose signature
// estimate is more than kPrefilterMargin below both thresholds are rejected
// without recomputation: at k = 128 that is more than six standard deviations
// of the estimator, so no pair within the definition is lost to it.
//
// Output is identical for any thread count: every parallel step writes slots
// indexed by document or pair position and merges in sorted order.
#ifndef PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_
#define PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/dedup/minhash.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::dedup {

// What dedup needs of one document: unit hashes (token hashes, or character
// n-gram hashes with char_shingle_size) and the 128-bit XXH3 of the
// normalised body (norms joined by single spaces).
struct DocumentUnits {
  std::vector<uint64_t> units;
  uint64_t body_hash_low = 0;
  uint64_t body_hash_high = 0;
};

// Units of a document given its normalised tokens (Token::norm()).
DocumentUnits UnitsFromNorms(std::span<const std::string_view> norms, const DedupOptions& options);

// Shingle length to apply to units: 1 in character mode (units are already
// n-grams), else options.shingle_size.
int UnitShingleSize(const DedupOptions& options);

class Deduplicator {
 public:
  static constexpr size_t kVerifyBlock = 16384;
  static constexpr double kPrefilterMargin = 0.25;
  // LSH banding: every candidate is verified exactly, so a false positive
  // costs a comparison while a false negative is a lost duplicate. The bands
  // are chosen for the threshold minus kLshMargin with false negatives
  // weighted 9:1, which puts the candidate probability of a pair at the
  // threshold above 0.99 (k = 128); datasketch's equal weights give ~0.55.
  static constexpr double kLshMargin = 0.1;
  static constexpr double kFalsePositiveWeight = 0.1;
  static constexpr double kFalseNegativeWeight = 0.9;

  // REQUIRES: options valid (Engine::Create checks them).
  Deduplicator(const DedupOptions& options, size_t documents);

  // Records document i. Thread-safe for distinct i; O(units + k).
  void Add(size_t i, const DocumentUnits& units);

  // Returns the units of document i, identical to what was passed to Add.
  // Called from worker threads concurrently; must be thread-safe.
  using UnitsSource = std::function<DocumentUnits(uint32_t)>;

  // Builds the groups. Documents with no units (empty bodies) are never
  // grouped. Time O(n * k + candidates * shingles); see the header comment
  // for memory.
  DedupResult Finish(Parallel& parallel, const UnitsSource& units_of) const;

  // Signature of document i (k values), for tests and benchmarks.
  std::span<const uint32_t> signature(size_t i) const;

 private:
  DedupOptions options_;
  int k_;
  MinHasher hasher_;
  std::vector<uint32_t> signatures_;  // n * k, row-major
  std::vector<uint64_t> hash_low_, hash_high_;
  std::vector<uint32_t> shingles_;  // shingle count (with duplicates) per document
};

// For the clustering stage: representative[i] = canonical member of the
// near-duplicate group of document i, or i itself when it is in no group.
std::vector<uint32_t> Representatives(const DedupResult& result, size_t documents);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_

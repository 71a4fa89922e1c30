// Deduplicator: exact and near-duplicate groups of a corpus.
//
// Two phases:
//   1. Add(i, units) per document, from any thread (distinct i): keeps a
//      128-bit body hash, the shingle count, the MinHash signature (k 32-bit
//      values) and the verification set (below): 4k + 44 bytes of memory
//      per document, plus 4 bytes per distinct shingle in a temporary file;
//      the analysed document itself is not kept.
//   2. Finish(): exact groups by body hash; LSH over the signatures of one
//      member per exact group; each candidate pair is verified on the stored
//      sets; union-find over verified pairs gives the groups.
//
// Verification sets: the sorted distinct low 32 bits of the 64-bit shingle
// hashes, kept in a SetStore (a temporary file; set_store.h says why) until
// Finish reads back those of the documents in candidate pairs. Re-analysing
// those documents instead (the former choice) cost a fifth of the run on
// news corpora, where most documents are in some candidate pair. 32 bits are
// exact up to hash collisions: two documents of m and n distinct shingles
// share a spurious element with probability about m * n / 2^32 (2e-5 for two
// 300-shingle reports), and a document loses an element to a collision
// inside itself with probability about m^2 / 2^33; either moves the pair's
// Jaccard by about 1 / |A u B|, which decides a pair only if it lies within
// that distance of the threshold. Banding, prefilter and acceptance are the
// rules of pair_rules.h, which the incremental engine applies too.
//
// Output is identical for any thread count: every parallel step writes slots
// indexed by document or pair position and merges in sorted order.
#ifndef PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_
#define PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/common/union_find.h"
#include "engine/dedup/minhash.h"
#include "engine/dedup/pair_rules.h"
#include "engine/dedup/set_store.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

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
  static constexpr size_t kVerifyBlock = 16384;  // sets read back at a time

  // REQUIRES: options valid (Engine::Create checks them). `spill_dir`: the
  // folder for the verification sets' temporary file ("" = Env::Default()'s).
  Deduplicator(const DedupOptions& options, size_t documents, const std::string& spill_dir = {});

  // Records document i. Thread-safe for distinct i; O(units + k).
  void Add(size_t i, const DocumentUnits& units);

  // Builds the groups. Documents with no units (empty bodies) are never
  // grouped. Time O(n * k + candidates * shingles); see the header comment
  // for memory. Fails only when the stored sets could not be written to or
  // read back from their temporary file (IOError naming it).
  StatusOr<DedupResult> Finish(Parallel& parallel) const;

  // Signature of document i (k values), for tests and benchmarks.
  std::span<const uint32_t> signature(size_t i) const;

 private:
  struct Verified;  // a verified candidate pair
  // Finish's steps. 1: exact groups (identical bodies) into *sets and
  // result->exact_groups; returns one member per body for LSH.
  std::vector<uint32_t> ExactGroups(UnionFind* sets, DedupResult* result) const;
  // 2: the LSH candidates among `lsh_docs` that pass the prefilter.
  std::vector<std::pair<uint32_t, uint32_t>> Candidates(const std::vector<uint32_t>& lsh_docs,
                                                        Parallel& parallel,
                                                        DedupResult* result) const;
  // 3: each candidate verified on the stored sets, a block at a time.
  StatusOr<std::vector<Verified>> Verify(
      const std::vector<std::pair<uint32_t, uint32_t>>& to_verify, Parallel& parallel) const;
  // 4: the groups: union-find over exact groups and accepted pairs.
  void Group(const std::vector<Verified>& verified, UnionFind* sets, DedupResult* result) const;

  DedupOptions options_;
  PairRules rules_;
  int k_;
  MinHasher hasher_;
  std::vector<uint32_t> signatures_;  // n * k, row-major
  std::vector<uint64_t> hash_low_, hash_high_;
  std::vector<uint32_t> shingles_;  // shingle count (with duplicates) per document
  std::unique_ptr<SetStore> sets_;  // verification set per document (see above)
};

// The canonical member of a near-duplicate group (the batch's and the
// incremental engine's alike): the longest (most shingles(m)), the first of
// `members` (ascending) on ties. REQUIRES: members not empty.
template <typename ShinglesOf>
uint32_t CanonicalMember(const std::vector<uint32_t>& members, ShinglesOf shingles) {
  uint32_t canonical = members.front();
  for (uint32_t m : members) {
    if (shingles(m) > shingles(canonical)) canonical = m;
  }
  return canonical;
}

// For the clustering stage: representative[i] = canonical member of the
// near-duplicate group of document i, or i itself when it is in no group.
std::vector<uint32_t> Representatives(const DedupResult& result, size_t documents);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_DEDUPLICATOR_H_

// The near-duplicate index of the incremental engine: the batch dedup stage
// (engine/dedup/deduplicator.h) turned inside out, one document at a time.
//
// A new document is first looked up by its normalised-body hash (an exact
// copy); otherwise its MinHash signature is banded exactly as the batch LSH
// bands it (same bands/rows for the same DedupOptions), the earlier documents
// sharing a band are pre-filtered on the signature estimate and verified on
// exact shingle sets by the batch's own rules (engine/dedup/pair_rules.h). Groups are the connected
// components of accepted pairs as they stand when each document arrives
// (union-find whose root is the earliest member): the same components the
// batch union-find finds over the same documents.
//
// Documents are numbered 0.. in arrival order (the engine's positions). Not
// thread-safe: the engine serialises calls.
#ifndef PRECIS_ENGINE_INCREMENTAL_DEDUP_INDEX_H_
#define PRECIS_ENGINE_INCREMENTAL_DEDUP_INDEX_H_

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "engine/common/union_find.h"
#include "engine/dedup/deduplicator.h"
#include "engine/dedup/lsh.h"
#include "engine/dedup/minhash.h"
#include "engine/dedup/pair_rules.h"
#include "engine/dedup/verify.h"
#include "precis/options.h"

namespace precis::incremental {

class DedupIndex {
 public:
  explicit DedupIndex(const DedupOptions& options);

  // Signature (k values) and shingle count (duplicates included, as the batch
  // prefilter counts them) of a document's units. Thread-safe (const).
  void Sign(const dedup::DocumentUnits& units, std::vector<uint32_t>* signature,
            uint32_t* shingles) const;

  // The first document with this normalised body, or -1.
  int64_t Exact(uint64_t low, uint64_t high) const;
  // Earlier documents sharing an LSH band with `signature`, ascending.
  std::vector<uint32_t> Candidates(std::span<const uint32_t> signature) const;
  // The batch prefilter (pair_rules.h): is the pair worth an exact
  // comparison? *estimate receives the signature estimate of its Jaccard.
  bool WorthVerifying(uint32_t doc, std::span<const uint32_t> signature, uint32_t shingles,
                      double* estimate) const;
  // The batch acceptance rule on exact shingle sets (pair_rules.h).
  bool Accept(const dedup::SetSimilarity& s, size_t size_a, size_t size_b) const {
    return rules_.Accept(s, size_a, size_b);
  }

  // Appends document `size()`. A document with a body not seen before (and
  // at least one shingle) enters the exact and LSH indexes.
  void Append(uint64_t low, uint64_t high, uint32_t shingles, std::span<const uint32_t> signature);
  size_t size() const { return shingles_.size(); }
  uint32_t shingles(uint32_t doc) const { return shingles_[doc]; }

  // Groups: root (= earliest member) of a document, and joining two groups.
  uint32_t Find(uint32_t doc);
  void Union(uint32_t a, uint32_t b);

  dedup::LshParams params() const { return rules_.banding(); }
  double lsh_threshold() const { return rules_.lsh_threshold(); }

 private:
  uint64_t BandKey(std::span<const uint32_t> signature, int band) const;

  DedupOptions options_;
  dedup::PairRules rules_;
  dedup::LshParams params_;  // rules_.banding()
  int k_;
  dedup::MinHasher hasher_;
  std::vector<uint32_t> signatures_;  // size() * k
  std::vector<uint32_t> shingles_;
  UnionFind groups_;  // roots are the earliest members
  struct Hash128 {
    size_t operator()(const std::pair<uint64_t, uint64_t>& h) const { return h.first ^ h.second; }
  };
  std::unordered_map<std::pair<uint64_t, uint64_t>, uint32_t, Hash128> exact_;
  std::vector<std::unordered_map<uint64_t, std::vector<uint32_t>>> bands_;
};

}  // namespace precis::incremental

#endif  // PRECIS_ENGINE_INCREMENTAL_DEDUP_INDEX_H_

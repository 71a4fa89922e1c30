// The rules that decide a candidate pair of documents, shared by the batch
// Deduplicator (deduplicator.h) and the incremental engine's DedupIndex
// (engine/incremental/dedup_index.h), so both find the same groups:
//
//  - LSH banding: every candidate is verified exactly, so a false positive
//    costs a comparison while a false negative is a lost duplicate. The bands
//    are chosen for the threshold minus kLshMargin (with containment, down to
//    the Jaccard of a copy trimmed to a quarter of its original at the
//    containment threshold), false negatives weighted 9:1, which puts the
//    candidate probability of a pair at the threshold above 0.99 (k = 128);
//    datasketch's equal weights give ~0.55.
//  - Prefilter: a candidate whose signature estimate is more than
//    kPrefilterMargin below both thresholds is rejected without
//    verification: at k = 128 that is more than six standard deviations of
//    the estimator, so no pair within the definition is lost to it.
//  - Acceptance, on the exact shingle sets: Jaccard at least `threshold`,
//    or, with `containment`, the shorter set (of at least
//    containment_min_shingles) contained to `containment_threshold`.
//
// Thread-safe (const); each call O(1).
#ifndef PRECIS_ENGINE_DEDUP_PAIR_RULES_H_
#define PRECIS_ENGINE_DEDUP_PAIR_RULES_H_

#include <cstddef>
#include <cstdint>

#include "engine/dedup/lsh.h"
#include "engine/dedup/verify.h"
#include "precis/options.h"

namespace precis::dedup {

class PairRules {
 public:
  static constexpr double kPrefilterMargin = 0.25;
  static constexpr double kLshMargin = 0.1;
  static constexpr double kFalsePositiveWeight = 0.1;
  static constexpr double kFalseNegativeWeight = 0.9;

  // REQUIRES: options valid (ValidateOptions).
  explicit PairRules(const DedupOptions& options);

  // The Jaccard the banding is tuned for, and the banding of
  // options.signature_size values.
  double lsh_threshold() const { return lsh_threshold_; }
  LshParams banding() const { return banding_; }

  // Whether a candidate is worth an exact comparison, given its signature
  // estimate of Jaccard and both documents' shingle counts (duplicates
  // included).
  bool WorthVerifying(double estimate, uint32_t shingles_a, uint32_t shingles_b) const;

  // Whether a verified pair is a near-duplicate, given the sizes of both
  // exact sets.
  bool Accept(const SetSimilarity& similarity, size_t set_a, size_t set_b) const;

 private:
  DedupOptions options_;
  double lsh_threshold_ = 0;
  LshParams banding_;
};

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_PAIR_RULES_H_

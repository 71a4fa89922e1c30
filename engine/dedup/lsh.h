// LSH banding over MinHash signatures: which pairs are worth verifying.
//
// A signature of k values is cut into b bands of r rows (b * r <= k); two
// documents become a candidate pair when all r values of some band agree.
// For Jaccard s that happens with probability 1 - (1 - s^r)^b (the S-curve).
// (b, r) is chosen as datasketch's _optimal_param does: minimise
//   fp_weight * integral_0^t P(s) ds + fn_weight * integral_t^1 (1 - P(s)) ds
// over every b * r <= k, integrating numerically.
#ifndef PRECIS_ENGINE_DEDUP_LSH_H_
#define PRECIS_ENGINE_DEDUP_LSH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "engine/common/parallel.h"

namespace precis::dedup {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// Probability that a pair of Jaccard s becomes a candidate.
double CandidateProbability(double s, LshParams p);

// Weighted false-positive and false-negative areas of `p` at `threshold`.
double FalsePositiveArea(double threshold, LshParams p);
double FalseNegativeArea(double threshold, LshParams p);

// The (b, r) with b * r <= k minimising the weighted FP + FN area.
// REQUIRES: 0 < threshold <= 1, k >= 1. O(k log k) evaluations of the curve.
LshParams OptimalLshParams(double threshold, int k, double fp_weight = 0.5, double fn_weight = 0.5);

// Candidate pairs among documents `docs` (indices into `signatures`, which
// holds k values per document, row-major). Returns pairs (a, b) with a < b,
// sorted and unique; the result is the same for any thread count.
//
// A bucket holding more than `max_bucket_pairs_per_doc` + 1 documents (a
// phrase shared by thousands of documents) does not produce all its pairs:
// each member is paired with the next `max_bucket_pairs_per_doc` members in
// document order, which keeps the work linear and, since groups are built by
// union-find, still connects chains of true near-duplicates.
std::vector<std::pair<uint32_t, uint32_t>> LshCandidates(std::span<const uint32_t> signatures,
                                                         int k, std::span<const uint32_t> docs,
                                                         LshParams params, Parallel& parallel,
                                                         int max_bucket_pairs_per_doc = 64);

// The candidates of LshCandidates for which keep(a, b) is true (sorted), and
// how many candidates there were in all. keep is called once per candidate,
// from worker threads. Bands are processed a few per worker at a time and
// checked against the pairs of earlier rounds, so peak extra memory is 4
// bytes per distinct candidate (plus 4 per document and round) and one
// round's band pairs, instead of every
// band's pairs at once (a pair of similar documents agrees in most bands);
// a pair's band duplicates never reach keep.
struct FilteredCandidates {
  std::vector<std::pair<uint32_t, uint32_t>> kept;
  size_t candidates = 0;
};
FilteredCandidates LshFilteredCandidates(std::span<const uint32_t> signatures, int k,
                                         std::span<const uint32_t> docs, LshParams params,
                                         Parallel& parallel,
                                         const std::function<bool(uint32_t, uint32_t)>& keep,
                                         int max_bucket_pairs_per_doc = 64);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_LSH_H_

// Scores of a clustering against gold labels: B-cubed precision/recall/F1
// (Bagga & Baldwin 1998; Amigó et al. 2009) and the adjusted Rand index
// (Hubert & Arabie 1985). Used by tools/eval and the tests.
//
// Labels are arbitrary integers, one per item; only equality matters.
// O(n log n) time, O(n) memory.
#ifndef PRECIS_TESTS_REFERENCE_CLUSTER_SCORING_H_
#define PRECIS_TESTS_REFERENCE_CLUSTER_SCORING_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace precis::cluster {

struct ClusteringScore {
  double precision = 0;  // B-cubed: mean over items of |C(i) ∩ G(i)| / |C(i)|
  double recall = 0;     // B-cubed: mean over items of |C(i) ∩ G(i)| / |G(i)|
  double f1 = 0;         // harmonic mean of the two
  double ari = 0;        // adjusted Rand index (1 = identical, ~0 = chance)
  size_t clusters = 0;   // predicted clusters
  size_t gold_clusters = 0;
};

// REQUIRES: predicted.size() == gold.size().
ClusteringScore Score(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold);

}  // namespace precis::cluster

#endif  // PRECIS_TESTS_REFERENCE_CLUSTER_SCORING_H_

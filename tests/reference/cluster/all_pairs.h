// The candidate search's reference (engine/cluster/batch/candidates.h): every pair
// of units scored exactly, for the tests to diff FindCandidates against.
// O(n^2) similarities.
#ifndef PRECIS_TESTS_REFERENCE_CLUSTER_ALL_PAIRS_H_
#define PRECIS_TESTS_REFERENCE_CLUSTER_ALL_PAIRS_H_

#include <vector>

#include "engine/cluster/batch/candidates.h"
#include "engine/cluster/batch/vectors.h"
#include "precis/options.h"

namespace precis::cluster {

// Every pair (a < b) whose Similarity is at least min_similarity, sorted by (a, b).
std::vector<Edge> AllPairs(const UnitVectors& vectors, const ClusterOptions& options,
                           double min_similarity);

}  // namespace precis::cluster

#endif  // PRECIS_TESTS_REFERENCE_CLUSTER_ALL_PAIRS_H_

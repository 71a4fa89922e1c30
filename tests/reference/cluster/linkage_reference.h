// A slow, obviously correct average linkage (engine/cluster/batch/linkage.h), for
// the tests to diff the fast one against: every pair of clusters is compared
// at every merge over a dense similarity matrix. O(n^3) time, O(n^2) memory.
#ifndef PRECIS_TESTS_REFERENCE_CLUSTER_LINKAGE_REFERENCE_H_
#define PRECIS_TESTS_REFERENCE_CLUSTER_LINKAGE_REFERENCE_H_

#include <cstdint>
#include <vector>

#include "engine/cluster/batch/candidates.h"
#include "engine/cluster/batch/linkage.h"

namespace precis::cluster {

// The same Hierarchy AverageLinkage gives for these edges, days and options.
Hierarchy AverageLinkageReference(size_t units, const std::vector<Edge>& edges,
                                  const std::vector<int32_t>& days, const LinkageOptions& options);

}  // namespace precis::cluster

#endif  // PRECIS_TESTS_REFERENCE_CLUSTER_LINKAGE_REFERENCE_H_

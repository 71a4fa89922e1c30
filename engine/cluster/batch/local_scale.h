// Local scaling of similarities (Zelnik-Manor & Perona's "self-tuning"
// idea, applied to cosines): the similarity of units a and b becomes
//   s'(a, b) = s(a, b) / sqrt(m_a * m_b),
// where m_u is the mean similarity of u to its `neighbours` nearest units.
//
// Why: how similar two reports of one event look depends on the genre. Full
// articles of one event share many words (cosines around 0.3), three-line
// agency leads of one event share few (around 0.15), and a corpus where one
// topic dominates (a war, an election) lifts every pair. One absolute cosine
// threshold then splits some corpora and merges others. Judged against each
// report's own neighbourhood, "as similar as its nearest reports are" means
// the same everywhere, so one default threshold serves all of them. On the
// development data this lifted B-cubed F1 of events on both sets at one
// shared threshold (engine/cluster/README.md).
//
// m_u is taken over the candidate edges (candidates.h); a unit with fewer
// than `neighbours` edges counts the missing ones as `missing`, the smallest
// similarity an edge can have, so a lonely report is not made to look close
// to its one weak neighbour. And m_u is at least `min_scale`: relative
// similarity needs a neighbourhood to be relative to. A report whose nearest
// reports are all far (it belongs with nothing) would otherwise see its
// nearest one at about 1, as close as event mates see each other.
#ifndef PRECIS_ENGINE_CLUSTER_BATCH_LOCAL_SCALE_H_
#define PRECIS_ENGINE_CLUSTER_BATCH_LOCAL_SCALE_H_

#include <cstddef>
#include <vector>

#include "engine/cluster/batch/candidates.h"
#include "engine/cluster/neighbourhood_scale.h"
#include "engine/common/parallel.h"

namespace precis::cluster {

// Rescales the similarities of `adjacency` (both copies of each edge) in
// place as above and returns m_u of every unit; neighbours == 0 leaves them
// unchanged and returns all 1. Deterministic whatever the thread count;
// O(E * neighbours), units in parallel.
std::vector<double> LocalScale(int neighbours, double missing, double min_scale, Parallel& parallel,
                               Adjacency* adjacency);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_BATCH_LOCAL_SCALE_H_

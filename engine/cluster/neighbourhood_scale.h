// The neighbourhood scale both clustering methods judge a similarity
// against (batch/local_scale.h explains why): m of a unit is the mean of its
// `neighbours` largest similarities, missing ones counting as
// kMinEdgeCosine, and at least ClusterOptions::scale_floor, since relative
// similarity needs a neighbourhood to be relative to: a report whose nearest
// reports are all far (it belongs with nothing) would otherwise see its
// nearest one at about 1, as close as event mates see each other.
// Header-only; pure functions.
#ifndef PRECIS_ENGINE_CLUSTER_NEIGHBOURHOOD_SCALE_H_
#define PRECIS_ENGINE_CLUSTER_NEIGHBOURHOOD_SCALE_H_

#include <algorithm>
#include <cstddef>
#include <span>

namespace precis::cluster {

// Pairs below this cosine are never edges, in both methods: they cannot
// decide a merge at any sensible threshold and would only cost memory. It is
// also what a missing neighbour counts as in a scale.
inline constexpr double kMinEdgeCosine = 0.04;

// m of a unit whose largest similarities are `nearest` (at most `neighbours`
// of them, any order): their mean over `neighbours`, missing ones counting
// as `missing`, and at least `missing` and `min_scale`. 1 when neighbours is
// 0 (no scaling).
inline double NeighbourhoodScale(std::span<const float> nearest, int neighbours, double missing,
                                 double min_scale) {
  if (neighbours <= 0) return 1.0;
  const size_t k = static_cast<size_t>(neighbours);
  // At most k floats of similar magnitude: the double sum is exact, so the
  // order they come in does not matter.
  double sum = 0;
  for (float s : nearest) sum += s;
  sum += missing * static_cast<double>(k - std::min(k, nearest.size()));
  return std::max({sum / static_cast<double>(k), missing, min_scale});
}

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_NEIGHBOURHOOD_SCALE_H_

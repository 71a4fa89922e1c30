#include "tests/reference/cluster/all_pairs.h"

namespace precis::cluster {

std::vector<Edge> AllPairs(const UnitVectors& vectors, const ClusterOptions& options,
                           double min_similarity) {
  std::vector<Edge> edges;
  const int64_t n = vectors.text.rows();
  for (int64_t a = 0; a < n; ++a) {
    for (int64_t b = a + 1; b < n; ++b) {
      const double sim = Similarity(vectors, a, b, options.entity_weight);
      if (sim >= min_similarity) {
        edges.push_back(
            {static_cast<uint32_t>(a), static_cast<uint32_t>(b), static_cast<float>(sim)});
      }
    }
  }
  return edges;
}

}  // namespace precis::cluster

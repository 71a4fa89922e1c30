#include "engine/cluster/batch/local_scale.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace precis::cluster {

std::vector<double> LocalScale(int neighbours, double missing, double min_scale, Parallel& parallel,
                               Adjacency* adjacency) {
  const size_t units = adjacency->units();
  if (neighbours <= 0) return std::vector<double>(units, 1.0);
  const size_t k = static_cast<size_t>(neighbours);
  auto& adj = *adjacency;
  std::vector<double> scale(units);
  parallel.For(
      units,
      [&](size_t u) {
        // The k largest similarities of u, kept as a small min-heap.
        std::vector<float> top;
        top.reserve(k);
        for (size_t e = adj.offset[u]; e < adj.offset[u + 1]; ++e) {
          const float s = adj.neighbours[e].second;
          if (top.size() < k) {
            top.push_back(s);
            std::push_heap(top.begin(), top.end(), std::greater<>());
          } else if (s > top.front()) {
            std::pop_heap(top.begin(), top.end(), std::greater<>());
            top.back() = s;
            std::push_heap(top.begin(), top.end(), std::greater<>());
          }
        }
        scale[u] = NeighbourhoodScale(top, neighbours, missing, min_scale);
      },
      1024);
  parallel.For(
      units,
      [&](size_t u) {
        for (size_t e = adj.offset[u]; e < adj.offset[u + 1]; ++e) {
          auto& [v, similarity] = adj.neighbours[e];
          const uint32_t a = std::min<uint32_t>(static_cast<uint32_t>(u), v);
          const uint32_t b = std::max<uint32_t>(static_cast<uint32_t>(u), v);
          similarity = static_cast<float>(similarity / std::sqrt(scale[a] * scale[b]));
        }
      },
      1024);
  return scale;
}

}  // namespace precis::cluster

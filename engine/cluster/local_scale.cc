#include "engine/cluster/local_scale.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace precis::cluster {

std::vector<double> LocalScale(size_t units, int neighbours, double floor,
                               std::vector<Edge>& edges) {
  if (neighbours <= 0) return std::vector<double>(units, 1.0);
  const size_t k = static_cast<size_t>(neighbours);
  // The k largest similarities of each unit, kept as a small min-heap.
  std::vector<std::vector<float>> top(units);
  auto offer = [&](uint32_t u, float s) {
    std::vector<float>& h = top[u];
    if (h.size() < k) {
      h.push_back(s);
      std::push_heap(h.begin(), h.end(), std::greater<>());
    } else if (s > h.front()) {
      std::pop_heap(h.begin(), h.end(), std::greater<>());
      h.back() = s;
      std::push_heap(h.begin(), h.end(), std::greater<>());
    }
  };
  for (const Edge& e : edges) {
    offer(e.a, e.similarity);
    offer(e.b, e.similarity);
  }
  std::vector<double> scale(units);
  for (size_t u = 0; u < units; ++u) {
    double sum = 0;
    for (float s : top[u]) sum += s;
    sum += floor * static_cast<double>(k - top[u].size());
    scale[u] = std::max(sum / static_cast<double>(k), floor);
  }
  for (Edge& e : edges) {
    e.similarity = static_cast<float>(e.similarity / std::sqrt(scale[e.a] * scale[e.b]));
  }
  return scale;
}

}  // namespace precis::cluster

#include "tests/reference/cluster/linkage_reference.h"

#include <algorithm>

#include "engine/cluster/day_span.h"

namespace precis::cluster {

Hierarchy AverageLinkageReference(size_t n, const std::vector<Edge>& edges,
                                  const std::vector<int32_t>& days, const LinkageOptions& options) {
  const bool fade = options.day_fade && options.max_days > 0 && !days.empty();
  std::vector<std::vector<double>> sum(n, std::vector<double>(n, 0.0));
  for (const Edge& e : edges) {
    float s = e.similarity;
    if (fade) s = static_cast<float>(s * EventDayWeight(days[e.a], days[e.b], options.max_days));
    sum[e.a][e.b] += s;
    sum[e.b][e.a] += s;
  }
  std::vector<uint32_t> size(n, 1), parent(n);
  std::vector<DaySpan> span(n);
  for (uint32_t u = 0; u < n; ++u) {
    parent[u] = u;
    if (!days.empty()) span[u] = {days[u], days[u]};
  }
  auto run = [&](double threshold, bool gate, double prior) {
    while (true) {
      double best = -1;
      uint32_t ba = 0, bb = 0;
      for (uint32_t a = 0; a < n; ++a) {
        if (parent[a] != a) continue;
        for (uint32_t b = a + 1; b < n; ++b) {
          if (parent[b] != b || sum[a][b] == 0) continue;
          if (gate && !WithinDays(span[a], span[b], options.max_days)) continue;
          const double link = sum[a][b] / (static_cast<double>(size[a]) * size[b] + prior);
          if (link > best) best = link, ba = a, bb = b;
        }
      }
      if (best < threshold) return;
      for (uint32_t c = 0; c < n; ++c) {
        if (c == ba || c == bb || parent[c] != c) continue;
        sum[ba][c] += sum[bb][c];
        sum[c][ba] = sum[ba][c];
      }
      size[ba] += size[bb];
      span[ba].Absorb(span[bb]);
      parent[bb] = ba;
    }
  };
  run(options.event_threshold, true, 0.0);
  std::vector<uint32_t> events = parent;
  const bool story_fade = options.story_window_days > 0 && !days.empty();
  if (fade || story_fade) {  // the story level sums the similarities with its own weights
    auto root = [&](uint32_t u) {
      while (parent[u] != u) u = parent[u];
      return u;
    };
    for (auto& row : sum) std::fill(row.begin(), row.end(), 0.0);
    for (const Edge& e : edges) {
      const uint32_t a = root(e.a), b = root(e.b);
      if (a == b) continue;
      float s = e.similarity;
      if (story_fade) {
        s = static_cast<float>(s * StoryDayWeight(days[e.a], days[e.b], options.story_window_days));
      }
      sum[a][b] += s;
      sum[b][a] += s;
    }
  }
  run(std::min(options.story_threshold, options.event_threshold), false, options.story_prior_pairs);
  return HierarchyFromParents(std::move(events), std::move(parent));
}

}  // namespace precis::cluster

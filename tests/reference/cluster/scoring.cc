#include "tests/reference/cluster/scoring.h"

#include <map>
#include <utility>

namespace precis::cluster {

ClusteringScore Score(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold) {
  ClusteringScore s;
  const size_t n = predicted.size();
  if (n == 0 || gold.size() != n) return s;
  std::map<int64_t, double> pred_size, gold_size;
  std::map<std::pair<int64_t, int64_t>, double> both;
  for (size_t i = 0; i < n; ++i) {
    ++pred_size[predicted[i]];
    ++gold_size[gold[i]];
    ++both[{predicted[i], gold[i]}];
  }
  s.clusters = pred_size.size();
  s.gold_clusters = gold_size.size();
  // Each item of cell (c, g) has |c ∩ g| = cell size: sum over cells of cell^2 / |c|.
  double p = 0, r = 0;
  for (const auto& [key, cell] : both) {
    p += cell * cell / pred_size[key.first];
    r += cell * cell / gold_size[key.second];
  }
  s.precision = p / static_cast<double>(n);
  s.recall = r / static_cast<double>(n);
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;

  auto pairs = [](double k) { return k * (k - 1) / 2; };
  double index = 0, sum_pred = 0, sum_gold = 0;
  for (const auto& [key, cell] : both) index += pairs(cell);
  for (const auto& [c, k] : pred_size) sum_pred += pairs(k);
  for (const auto& [g, k] : gold_size) sum_gold += pairs(k);
  const double total = pairs(static_cast<double>(n));
  const double expected = total > 0 ? sum_pred * sum_gold / total : 0;
  const double max_index = (sum_pred + sum_gold) / 2;
  // Both partitions trivial in the same way (all singletons or one cluster): identical.
  s.ari = max_index == expected ? 1.0 : (index - expected) / (max_index - expected);
  return s;
}

}  // namespace precis::cluster

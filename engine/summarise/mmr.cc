#include "engine/summarise/mmr.h"

#include <algorithm>
#include <limits>

namespace precis::summarise {

std::vector<size_t> SelectMmr(const std::vector<double>& relevance,
                              const std::vector<uint32_t>& words,
                              const std::function<double(size_t, size_t)>& similarity,
                              const MmrParams& params) {
  const size_t n = relevance.size();
  std::vector<size_t> picked;
  // Largest similarity of each item to the picked set, updated incrementally.
  std::vector<double> max_sim(n, 0.0);
  std::vector<bool> open(n, true);
  size_t used_words = 0;
  while (params.max_items == 0 || picked.size() < params.max_items) {
    size_t best = n;
    double best_value = -std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < n; ++i) {
      if (!open[i]) continue;
      if (max_sim[i] >= params.redundancy_threshold ||
          (params.max_words != 0 && used_words + words[i] > params.max_words)) {
        open[i] = false;  // can only get worse as the set grows
        continue;
      }
      const double value = params.lambda * relevance[i] - (1.0 - params.lambda) * max_sim[i];
      if (value > best_value) {
        best_value = value;
        best = i;
      }
    }
    if (best == n) break;
    picked.push_back(best);
    open[best] = false;
    used_words += words[best];
    for (size_t i = 0; i < n; ++i) {
      if (open[i]) max_sim[i] = std::max(max_sim[i], similarity(best, i));
    }
  }
  return picked;
}

}  // namespace precis::summarise

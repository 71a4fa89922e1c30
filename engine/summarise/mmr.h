// Maximal Marginal Relevance (Carbonell & Goldstein 1998) under a budget:
// pick, one at a time, the item that best trades its relevance against its
// similarity to what is already picked.
#ifndef PRECIS_ENGINE_SUMMARISE_MMR_H_
#define PRECIS_ENGINE_SUMMARISE_MMR_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace precis::summarise {

struct MmrParams {
  // Weight of relevance against novelty: value = lambda * relevance -
  // (1 - lambda) * max similarity to a picked item.
  double lambda = 0.7;
  // An item whose similarity to a picked item is >= this is never picked.
  double redundancy_threshold = 0.5;
  // Budget: at most this many items (0 = no limit) ...
  size_t max_items = 3;
  // ... and at most this many words in total (0 = no limit). Items that do
  // not fit are passed over, so a shorter one may still fill the rest.
  size_t max_words = 0;
};

// `relevance[i]` in [0, 1], `words[i]` the cost of item i, `similarity(i, j)`
// symmetric in [0, 1]. Returns picked indices in the order picked. Ties go to
// the lower index, so the result is deterministic.
// O(picked x n) calls of `similarity`.
std::vector<size_t> SelectMmr(const std::vector<double>& relevance,
                              const std::vector<uint32_t>& words,
                              const std::function<double(size_t, size_t)>& similarity,
                              const MmrParams& params);

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_MMR_H_

// Disjoint sets with path halving and union by index: the root of a set is
// always its smallest element, so components come out in a deterministic shape.
#ifndef PRECIS_ENGINE_DEDUP_UNION_FIND_H_
#define PRECIS_ENGINE_DEDUP_UNION_FIND_H_

#include <cstdint>
#include <numeric>
#include <vector>

namespace precis::dedup {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }

  // Joins the sets of a and b; the smaller root becomes the root. Amortised
  // O(log n) without union by rank, which is fine for the sizes here.
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (a < b) {
      parent_[b] = a;
    } else {
      parent_[a] = b;
    }
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_UNION_FIND_H_

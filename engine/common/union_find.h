// Disjoint sets, the one union-find of the engine: dedup's groups (batch and
// incremental), streaming's arrival groups and the linkage's clusters.
//
// Find halves paths; Union makes the smaller root the root, so the root of a
// set is always its smallest element and components come out in a
// deterministic shape whatever the order of unions. FindRoot is the same
// find over a parent array the caller keeps itself (the linkage keeps its
// parents inside per-cluster records). Amortised O(log n) per call without
// union by rank, which is fine for the sizes here. Not thread-safe.
#ifndef PRECIS_ENGINE_COMMON_UNION_FIND_H_
#define PRECIS_ENGINE_COMMON_UNION_FIND_H_

#include <cstdint>
#include <numeric>
#include <vector>

namespace precis {

// The root of x, halving the path on the way; parent(y) is a reference to
// y's parent (a root is its own parent).
template <typename ParentOf>
uint32_t FindRoot(uint32_t x, ParentOf parent) {
  while (parent(x) != x) {
    parent(x) = parent(parent(x));
    x = parent(x);
  }
  return x;
}

class UnionFind {
 public:
  explicit UnionFind(size_t n = 0) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

  size_t size() const { return parent_.size(); }

  // Adds element size() as a set of its own; returns it.
  uint32_t Add() {
    const uint32_t x = static_cast<uint32_t>(parent_.size());
    parent_.push_back(x);
    return x;
  }

  uint32_t Find(uint32_t x) {
    return FindRoot(x, [this](uint32_t y) -> uint32_t& { return parent_[y]; });
  }

  // Joins the sets of a and b; the smaller root becomes the root.
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

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_UNION_FIND_H_

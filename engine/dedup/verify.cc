#include "engine/dedup/verify.h"

#include <algorithm>

namespace precis::dedup {

namespace {

template <typename T>
SetSimilarity Compare(std::span<const T> a, std::span<const T> b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  SetSimilarity s;
  const size_t unite = a.size() + b.size() - common;
  if (unite > 0) s.jaccard = static_cast<double>(common) / static_cast<double>(unite);
  const size_t smaller = std::min(a.size(), b.size());
  if (smaller > 0) s.containment = static_cast<double>(common) / static_cast<double>(smaller);
  return s;
}

}  // namespace

SetSimilarity CompareSets(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  return Compare(a, b);
}

SetSimilarity CompareSets(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  return Compare(a, b);
}

}  // namespace precis::dedup

// Sorting a document's verification set (its shingle hashes), shared by the
// batch Deduplicator and the distributed sketcher (precis/sketch.h).
#ifndef PRECIS_ENGINE_DEDUP_SORT_VALUES_H_
#define PRECIS_ENGINE_DEDUP_SORT_VALUES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace precis::dedup {

// Sorts *values ascending: LSD radix sort, four passes of 8 bits, for the few
// hundred values of a document's set (std::sort took three times as long);
// std::sort below kRadixMin values, where the 256-entry counts dominate.
// `scratch` is resized as needed and may be reused across calls.
inline void SortValues(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch) {
  constexpr size_t kRadixMin = 64;
  if (values->size() < kRadixMin) {
    std::sort(values->begin(), values->end());
    return;
  }
  scratch->resize(values->size());
  uint32_t* from = values->data();
  uint32_t* to = scratch->data();
  for (int shift = 0; shift < 32; shift += 8) {
    size_t count[257] = {};
    for (size_t i = 0; i < values->size(); ++i) ++count[((from[i] >> shift) & 0xFF) + 1];
    for (size_t b = 1; b < 257; ++b) count[b] += count[b - 1];
    for (size_t i = 0; i < values->size(); ++i) to[count[(from[i] >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  // Four passes: the sorted values are back in *values.
}

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_SORT_VALUES_H_

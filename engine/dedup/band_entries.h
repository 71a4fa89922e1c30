// LSH band entries (a 64-bit hash `key` and a `doc`): their order and the
// candidate pairs of their buckets, shared by the batch Deduplicator
// (lsh.cc) and the distributed sketcher (precis/sketch.h), whose groups
// must agree.
#ifndef PRECIS_ENGINE_DEDUP_BAND_ENTRIES_H_
#define PRECIS_ENGINE_DEDUP_BAND_ENTRIES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace precis::dedup {

// Orders *entries by the top 16 bits of their `key` with two stable counting
// passes, then calls sort_run(begin, end) on each run of entries whose keys
// share those bits, which orders it as the caller needs. Keys are hashes, so
// the runs are a few entries each: two or three times faster than std::sort
// over a band or a share of a million entries. `scratch` is resized as
// needed and may be reused across calls.
template <typename Entry, typename SortRun>
void SortByTopKeyBits(std::vector<Entry>* entries, std::vector<Entry>* scratch,
                      const SortRun& sort_run) {
  const size_t n = entries->size();
  scratch->resize(n);
  Entry* from = entries->data();
  Entry* to = scratch->data();
  for (const int shift : {48, 56}) {
    size_t count[257] = {};
    for (size_t i = 0; i < n; ++i) ++count[((from[i].key >> shift) & 0xFF) + 1];
    for (size_t b = 1; b < 257; ++b) count[b] += count[b - 1];
    for (size_t i = 0; i < n; ++i) to[count[(from[i].key >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  // Two passes: the entries are back in *entries.
  for (size_t begin = 0; begin < n;) {
    size_t end = begin + 1;
    while (end < n && from[end].key >> 48 == from[begin].key >> 48) ++end;
    sort_run(from + begin, from + end);
    begin = end;
  }
}

// Appends (a << 32 | b) for each entry a of a sorted run and the next
// `window` entries b of its bucket, a run of adjacent entries that
// same_bucket(first, other) says are one bucket: a bucket of thousands pairs
// linearly, and union-find still joins the chains.
template <typename Entry, typename SameBucket>
void AppendBucketPairs(const std::vector<Entry>& entries, size_t window,
                       const SameBucket& same_bucket, std::vector<uint64_t>* out) {
  for (size_t begin = 0; begin < entries.size();) {
    size_t end = begin + 1;
    while (end < entries.size() && same_bucket(entries[begin], entries[end])) ++end;
    for (size_t i = begin; i < end; ++i) {
      const size_t last = std::min(end, i + 1 + window);
      for (size_t j = i + 1; j < last; ++j) {
        out->push_back(static_cast<uint64_t>(entries[i].doc) << 32 | entries[j].doc);
      }
    }
    begin = end;
  }
}

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_BAND_ENTRIES_H_

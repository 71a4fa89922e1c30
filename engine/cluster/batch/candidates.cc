#include "engine/cluster/batch/candidates.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>

#include "engine/cluster/posting_search.h"

namespace precis::cluster {
namespace {

struct Posting {
  uint32_t unit;
  float weight;
};

// (column, weight) of a term of a row.
using Term = std::pair<int32_t, float>;

// Writes the `k` strongest terms of row u, strongest first, to out[0, size)
// and returns their number (at most k).
size_t TopTerms(const SparseRows& m, int64_t u, size_t k, Term* out, std::vector<Term>* scratch) {
  std::vector<Term>& top = *scratch;
  top.clear();
  for (SparseRows::InnerIterator it(m, u); it; ++it) {
    top.emplace_back(static_cast<int32_t>(it.col()), it.value());
  }
  // Columns are numbered in key order: the smaller column is the smaller key.
  KeepStrongest(
      top, k, [](const Term& t) { return t.second; }, [](const Term& t) { return t.first; });
  std::copy(top.begin(), top.end(), out);
  return top.size();
}

// Asks for the cache line `bytes` past `p`, which may lie past the end of
// its array (a prefetch never faults); no pointer beyond it is formed.
inline void PrefetchAt(const void* p, size_t bytes) {
  __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(p) + bytes));
}

// Entries ahead of the one read that AddList asks for, and the bytes at the
// head of each list asked for before a unit reads any: the lists lie
// scattered over the index (128 MB at a million reports), so each list's
// first lines were a miss the reads waited on. Together, search step at a
// million reports 5.9-6.7 -> 5.3 s in the harness (interleaved, same
// edges); either alone gained less; 100k 0.23 -> 0.21 s. In the 1M digest,
// cluster/candidates 12.7-13.7 -> 11.7-12.1 s (bench/README.md).
constexpr size_t kPostingsAhead = 16;
constexpr size_t kListHeadBytes = 512;

// Partial dot products of one unit with the units its postings reach.
//
// An open-addressing table sized by the work of one unit (at most
// posting_budget keys), not by the corpus: a dense array of n floats was hit
// at random, so its cache misses made each posting entry dearer as the
// corpus grew. At least four slots per key: once the lists fill, nearly
// every entry read is a new key, and with two slots per key the probes of linear
// probing cost a tenth of the search (1M digest: 20.6 / 21.0 s against
// 22.7 / 23.0 s; eight slots per key gave no more). 256 KB at the default
// budget, within the L2 cache.
class Accumulator {
 public:
  explicit Accumulator(size_t max_keys) {
    size_t capacity = 16;
    while (capacity < 4 * max_keys) capacity *= 2;
    slot_.assign(capacity, {kEmpty, 0.0f});
    used_.resize(capacity);
    mask_ = capacity - 1;
    shift_ = 32 - static_cast<int>(std::countr_zero(capacity));
  }

  // Adds w * weight to the sum of each posting's unit in [first, first +
  // count), but for `self`. The table's fields are copied to locals: through
  // the members, every store into a slot made the compiler read them again.
  void AddList(const Posting* first, size_t count, uint32_t self, float w) {
    Slot* const slot = slot_.data();
    uint32_t* const used = used_.data();
    const size_t mask = mask_;
    const int shift = shift_;
    size_t used_count = used_count_;
    for (const Posting* p = first; p != first + count; ++p) {
      // A list is too short for the hardware's stream detection to get
      // ahead of it (99 entries on average at a million reports).
      PrefetchAt(p, kPostingsAhead * sizeof(Posting));
      const uint32_t unit = p->unit;
      if (unit == self) continue;
      size_t i = (unit * 0x9E3779B1u) >> shift;
      while (slot[i].key != kEmpty && slot[i].key != unit) i = (i + 1) & mask;
      if (slot[i].key == kEmpty) {
        slot[i] = {unit, w * p->weight};
        used[used_count++] = static_cast<uint32_t>(i);
      } else {
        slot[i].sum += w * p->weight;
      }
    }
    used_count_ = used_count;
  }

  // Calls f(sum, unit) for every unit added since the last Drain, in the
  // order they were first added, and empties the table.
  template <typename F>
  void Drain(F f) {
    for (size_t k = 0; k < used_count_; ++k) {
      Slot& s = slot_[used_[k]];
      f(s.sum, s.key);
      s.key = kEmpty;
    }
    used_count_ = 0;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  // Key and sum side by side: a probe then touches one cache line, not one
  // in each of two arrays.
  struct Slot {
    uint32_t key;
    float sum;
  };
  std::vector<Slot> slot_;
  std::vector<uint32_t> used_;  // slots taken, in order, [0, used_count_)
  size_t used_count_ = 0;
  size_t mask_ = 0;
  int shift_ = 0;
};

// Asks for the cache lines of row r of `m`, so that rows about to be read
// at random arrive together instead of one miss after another.
void PrefetchRow(const SparseRows& m, int64_t r) {
  if (!m.isCompressed()) return;
  const int32_t begin = m.outerIndexPtr()[r];
  const size_t bytes = static_cast<size_t>(m.outerIndexPtr()[r + 1] - begin) * sizeof(float);
  const char* columns = reinterpret_cast<const char*>(m.innerIndexPtr() + begin);
  const char* values = reinterpret_cast<const char*>(m.valuePtr() + begin);
  for (size_t at = 0; at < bytes; at += 64) {
    __builtin_prefetch(columns + at);
    __builtin_prefetch(values + at);
  }
}

// A candidate as one integer that orders as "better": higher partial sum
// first, then lower unit. The float's bits are mapped to an unsigned integer
// in the same order (negative values flipped whole, others with the sign
// bit set).
uint64_t RankKey(float sum, uint32_t unit) {
  const uint32_t bits = std::bit_cast<uint32_t>(sum);
  const uint32_t ordered = (bits & 0x80000000u) != 0 ? ~bits : bits | 0x80000000u;
  return (uint64_t{ordered} << 32) | ~unit;
}

uint32_t UnitOf(uint64_t key) { return ~static_cast<uint32_t>(key); }

// The inverted index over every unit's strongest terms.
struct Index {
  size_t slots = 0;             // terms kept per unit at most
  std::vector<Term> top_terms;  // unit u's: [u * slots, u * slots + top_size[u]), strongest first
  std::vector<uint32_t> top_size;
  std::vector<size_t> start;      // column c's postings: [start[c], start[c + 1])
  std::vector<Posting> postings;  // strongest first within a column, uncapped

  std::span<const Term> top(size_t u) const {
    return std::span<const Term>(top_terms.data() + u * slots, top_size[u]);
  }
};

Index BuildIndex(const SparseRows& m, size_t index_terms, Parallel& parallel) {
  const size_t n = static_cast<size_t>(m.rows());
  Index index;
  // Each unit's strongest terms in one flat array: per-unit vectors had cost
  // twice as much.
  int64_t widest = 0;
  for (size_t u = 0; u < n; ++u) {
    int64_t terms = 0;
    if (m.isCompressed()) {
      terms = m.outerIndexPtr()[u + 1] - m.outerIndexPtr()[u];
    } else {
      for (SparseRows::InnerIterator it(m, static_cast<int64_t>(u)); it; ++it) ++terms;
    }
    widest = std::max(widest, terms);
  }
  index.slots = std::min(index_terms, static_cast<size_t>(widest));
  index.top_terms.resize(n * index.slots);
  index.top_size.resize(n);
  {
    tbb::enumerable_thread_specific<std::vector<Term>> scratch;
    parallel.For(n, [&](size_t u) {
      index.top_size[u] = static_cast<uint32_t>(TopTerms(m, static_cast<int64_t>(u), index.slots,
                                                         index.top_terms.data() + u * index.slots,
                                                         &scratch.local()));
    });
  }
  // CSR by column, then each column's list sorted strongest first.
  std::vector<size_t>& start = index.start;
  start.assign(static_cast<size_t>(m.cols()) + 1, 0);
  for (size_t u = 0; u < n; ++u) {
    for (const auto& [col, w] : index.top(u)) ++start[static_cast<size_t>(col) + 1];
  }
  for (size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
  index.postings.resize(start.back());
  {
    std::vector<size_t> fill(start.begin(), start.end() - 1);
    for (size_t u = 0; u < n; ++u) {
      for (const auto& [col, w] : index.top(u)) {
        index.postings[fill[static_cast<size_t>(col)]++] = {static_cast<uint32_t>(u), w};
      }
    }
  }
  parallel.For(
      start.size() - 1,
      [&](size_t c) {
        auto first = index.postings.begin() + static_cast<std::ptrdiff_t>(start[c]);
        auto last = index.postings.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
        std::sort(first, last, [](const Posting& a, const Posting& b) {
          return a.weight != b.weight ? a.weight > b.weight : a.unit < b.unit;
        });
      },
      256);
  return index;
}

// Units grouped by their strongest term: units visited in turn then read
// the same posting lists and many of the same rows while they are in cache.
// In a profile at a million reports, the first reads of those lists and
// rows, scattered over gigabytes, were about a third of the search. Each
// unit's result depends on the unit alone, so the order changes no output.
std::vector<uint32_t> VisitingOrder(const Index& index) {
  const size_t n = index.top_size.size();
  std::vector<std::pair<int32_t, uint32_t>> keyed(n);  // (strongest term, unit)
  for (uint32_t u = 0; u < n; ++u) {
    keyed[u] = {index.top_size[u] == 0 ? -1 : index.top(u).front().first, u};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(n);
  for (size_t r = 0; r < n; ++r) order[r] = keyed[r].second;
  return order;
}

// Each unit's `per_unit` best candidates by partial dot product: unit u's
// are ids[u * per_unit, u * per_unit + count[u]).
struct CandidateLists {
  size_t per_unit = 0;
  std::vector<uint32_t> ids;
  std::vector<uint32_t> count;
};

CandidateLists Search(const Index& index, const ClusterOptions& options,
                      const std::vector<uint32_t>& order, Parallel& parallel) {
  const size_t n = index.top_size.size();
  const size_t max_postings = static_cast<size_t>(std::max(1, options.max_postings));
  const size_t budget = static_cast<size_t>(std::max(1, options.posting_budget));
  const size_t max_touched = std::min({n, index.slots * max_postings, budget});
  CandidateLists lists;
  // No unit can have more candidates than units its postings reach.
  lists.per_unit = std::min(static_cast<size_t>(std::max(1, options.max_candidates)), max_touched);
  lists.ids.resize(n * lists.per_unit);
  lists.count.resize(n);
  struct List {
    size_t full;   // entries in the column's list before the cap
    size_t first;  // its first entry in `postings`
    Term term;
  };
  struct Scratch {
    explicit Scratch(size_t max_keys) : acc(max_keys) {}
    Accumulator acc;
    // Reused from unit to unit: allocated afresh, a unit's candidates (up to
    // 48 KB) fragmented the heap, and at a million reports the allocator's
    // search of it showed in the profile.
    std::vector<uint64_t> cands;  // RankKey
    std::vector<List> rarest;
  };
  tbb::enumerable_thread_specific<Scratch> scratch(max_touched);
  parallel.For(
      n,
      [&](size_t rank) {
        const size_t u = order[rank];
        Scratch& s = scratch.local();
        // Rarest index term first, until the budget is spent (posting_search.h).
        auto& rarest = s.rarest;
        rarest.clear();
        for (const Term& t : index.top(u)) {
          const size_t c = static_cast<size_t>(t.first);
          rarest.push_back({index.start[c + 1] - index.start[c], index.start[c], t});
        }
        auto length = [](const List& list) { return list.full; };
        SortRarestFirst(rarest, length, [](const List& list) { return list.term.first; });
        for (const List& list : rarest) {
          const size_t bytes = std::min({list.full, max_postings, budget}) * sizeof(Posting);
          for (size_t at = 0; at < std::min(bytes, kListHeadBytes); at += 64) {
            PrefetchAt(index.postings.data() + list.first, at);
          }
        }
        ReadWithinBudget(rarest, length, max_postings, budget, [&](const List& list, size_t read) {
          s.acc.AddList(index.postings.data() + list.first, read, static_cast<uint32_t>(u),
                        list.term.second);
        });
        // Only which units are the best matters (their pairs are sorted
        // later), not their order: a selection on integer keys, O(touched).
        // Keys go into a buffer of twice max_candidates; when it fills, it
        // is cut to the best max_candidates, and the worst of those becomes
        // the bar a later key must pass: most keys fail it with one
        // comparison. A partial sort of (sum, unit) pairs, O(touched log
        // max_candidates) with a branch per comparison, had been a third of
        // the search at a million reports (2,950 units touched per unit, 975
        // at 100k).
        const size_t per_unit = lists.per_unit;
        auto& cands = s.cands;
        cands.clear();
        uint64_t bar = 0;
        auto cut = [&] {
          std::nth_element(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(per_unit - 1),
                           cands.end(), std::greater<>());
          cands.resize(per_unit);
          bar = cands.back();
        };
        s.acc.Drain([&](float sum, uint32_t v) {
          const uint64_t key = RankKey(sum, v);
          if (key <= bar) return;
          cands.push_back(key);
          if (cands.size() == 2 * per_unit) cut();
        });
        if (cands.size() > per_unit) cut();
        const size_t kept = cands.size();
        uint32_t* out = lists.ids.data() + u * lists.per_unit;
        for (size_t j = 0; j < kept; ++j) out[j] = UnitOf(cands[j]);
        lists.count[u] = static_cast<uint32_t>(kept);
      },
      16);
  return lists;
}

// Every candidate pair once, under its smaller unit: unit a's partners are
// partner[offset[a], offset[a + 1]), ascending, all greater than a. A pair
// each unit found for the other (two in five at a million reports) is then
// scored once, not twice.
struct Pairs {
  std::vector<size_t> offset;
  std::vector<uint32_t> partner;
};

Pairs UniquePairs(CandidateLists lists, Parallel& parallel) {
  const size_t n = lists.count.size();
  Pairs pairs;
  std::vector<size_t>& offset = pairs.offset;
  offset.assign(n + 1, 0);
  auto each_pair = [&](auto f) {
    for (uint32_t u = 0; u < n; ++u) {
      const uint32_t* ids = lists.ids.data() + u * lists.per_unit;
      for (size_t j = 0; j < lists.count[u]; ++j) {
        f(std::min(u, ids[j]), std::max(u, ids[j]));
      }
    }
  };
  each_pair([&](uint32_t a, uint32_t) { ++offset[a + 1]; });
  for (size_t a = 1; a <= n; ++a) offset[a] += offset[a - 1];
  pairs.partner.resize(offset[n]);
  {
    std::vector<size_t> fill(offset.begin(), offset.end() - 1);
    each_pair([&](uint32_t a, uint32_t b) { pairs.partner[fill[a]++] = b; });
  }
  std::vector<uint32_t>().swap(lists.ids);  // freed before the sort
  std::vector<size_t> kept(n);
  parallel.For(
      n,
      [&](size_t a) {
        auto first = pairs.partner.begin() + static_cast<std::ptrdiff_t>(offset[a]);
        auto last = pairs.partner.begin() + static_cast<std::ptrdiff_t>(offset[a + 1]);
        std::sort(first, last);
        kept[a] = static_cast<size_t>(std::unique(first, last) - first);
      },
      256);
  size_t out = 0;
  for (size_t a = 0; a < n; ++a) {
    std::move(pairs.partner.begin() + static_cast<std::ptrdiff_t>(offset[a]),
              pairs.partner.begin() + static_cast<std::ptrdiff_t>(offset[a] + kept[a]),
              pairs.partner.begin() + static_cast<std::ptrdiff_t>(out));
    offset[a] = out;
    out += kept[a];
  }
  offset[n] = out;
  pairs.partner.resize(out);
  pairs.partner.shrink_to_fit();
  return pairs;
}

// The exact similarity of every pair, in pair order; those below
// min_similarity dropped (judged on the double, as before the float is kept).
std::vector<Edge> ScorePairs(const UnitVectors& vectors, const Pairs& pairs, double entity_weight,
                             double min_similarity, const std::vector<uint32_t>& order,
                             Parallel& parallel) {
  const SparseRows& m = vectors.text;
  const size_t n = pairs.offset.size() - 1;
  std::vector<Edge> edges(pairs.partner.size());
  constexpr float kDropped = std::numeric_limits<float>::quiet_NaN();
  tbb::enumerable_thread_specific<std::vector<float>> rows;
  parallel.For(
      n,
      [&](size_t rank) {
        const uint32_t a = order[rank];
        const uint32_t* partner = pairs.partner.data() + pairs.offset[a];
        const size_t count = pairs.offset[a + 1] - pairs.offset[a];
        if (count == 0) return;
        // Unit a's text vector scattered by column: scoring a partner walks
        // only the partner's entries (no sparse merge). Summing in the
        // partner's column order gives the same float as Eigen's dot.
        std::vector<float>& row = rows.local();
        if (row.size() != static_cast<size_t>(m.cols()))
          row.assign(static_cast<size_t>(m.cols()), 0);
        const int64_t row_a = static_cast<int64_t>(a);
        for (SparseRows::InnerIterator it(m, row_a); it; ++it) {
          row[static_cast<size_t>(it.col())] = it.value();
        }
        // The partners' rows lie anywhere in the matrix: each is asked for a
        // few partners ahead, so that its cache lines arrive while the ones
        // before it are scored.
        constexpr size_t kAhead = 4;
        auto prefetch = [&](size_t j) {
          if (j >= count) return;
          PrefetchRow(m, partner[j]);
          // Entity rows are read only when they count (CombineSimilarity).
          if (entity_weight != 0.0) PrefetchRow(vectors.entities, partner[j]);
        };
        for (size_t j = 0; j < kAhead; ++j) prefetch(j);
        Edge* out = edges.data() + pairs.offset[a];
        for (size_t j = 0; j < count; ++j) {
          prefetch(j + kAhead);
          const uint32_t b = partner[j];
          float text = 0.0f;
          for (SparseRows::InnerIterator it(m, static_cast<int64_t>(b)); it; ++it) {
            text += row[static_cast<size_t>(it.col())] * it.value();
          }
          const double sim =
              CombineSimilarity(vectors, row_a, static_cast<int64_t>(b), text, entity_weight);
          out[j] = {a, b, sim >= min_similarity ? static_cast<float>(sim) : kDropped};
        }
        for (SparseRows::InnerIterator it(m, row_a); it; ++it) {
          row[static_cast<size_t>(it.col())] = 0.0f;
        }
      },
      16);
  std::erase_if(edges, [](const Edge& e) { return std::isnan(e.similarity); });
  edges.shrink_to_fit();
  return edges;
}

}  // namespace

std::vector<Edge> FindCandidates(const UnitVectors& vectors, const ClusterOptions& options,
                                 double min_similarity, Parallel& parallel) {
  const size_t index_terms = static_cast<size_t>(std::max(1, options.index_terms));
  std::vector<uint32_t> order;
  CandidateLists lists;
  {
    // The index is done with once the lists are: its memory goes before
    // the pairs take theirs.
    const Index index = BuildIndex(vectors.text, index_terms, parallel);
    order = VisitingOrder(index);
    lists = Search(index, options, order, parallel);
  }
  const Pairs pairs = UniquePairs(std::move(lists), parallel);
  return ScorePairs(vectors, pairs, options.entity_weight, min_similarity, order, parallel);
}

Adjacency BuildAdjacency(size_t units, const std::vector<Edge>& edges) {
  Adjacency adj;
  adj.offset.assign(units + 1, 0);
  for (const Edge& e : edges) ++adj.offset[e.a + 1], ++adj.offset[e.b + 1];
  for (size_t u = 1; u <= units; ++u) adj.offset[u] += adj.offset[u - 1];
  adj.neighbours.resize(adj.offset[units]);
  std::vector<size_t> fill(adj.offset.begin(), adj.offset.end() - 1);
  for (const Edge& e : edges) {
    adj.neighbours[fill[e.a]++] = {e.b, e.similarity};
    adj.neighbours[fill[e.b]++] = {e.a, e.similarity};
  }
  return adj;
}

}  // namespace precis::cluster

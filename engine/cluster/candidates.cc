#include "engine/cluster/candidates.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <bit>
#include <span>

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
  auto stronger = [](const Term& a, const Term& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (top.size() > k) {
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(k), top.end(),
                      stronger);
    top.resize(k);
  } else {
    std::sort(top.begin(), top.end(), stronger);
  }
  std::copy(top.begin(), top.end(), out);
  return top.size();
}

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

}  // namespace

std::vector<Edge> FindCandidates(const UnitVectors& vectors, const ClusterOptions& options,
                                 double min_similarity, Parallel& parallel) {
  const SparseRows& m = vectors.text;
  const size_t n = static_cast<size_t>(m.rows());
  const size_t k = static_cast<size_t>(std::max(1, options.index_terms));
  const size_t max_postings = static_cast<size_t>(std::max(1, options.max_postings));
  const size_t budget = static_cast<size_t>(std::max(1, options.posting_budget));
  const size_t max_candidates = static_cast<size_t>(std::max(1, options.max_candidates));

  // Each unit's strongest terms: unit u's are top_terms[u * slots, u * slots
  // + top_size[u]) (one flat array: per-unit vectors had cost twice as much).
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
  const size_t slots = std::min(k, static_cast<size_t>(widest));
  std::vector<Term> top_terms(n * slots);
  std::vector<uint32_t> top_size(n);
  {
    tbb::enumerable_thread_specific<std::vector<Term>> scratch;
    parallel.For(n, [&](size_t u) {
      top_size[u] = static_cast<uint32_t>(TopTerms(m, static_cast<int64_t>(u), slots,
                                                   top_terms.data() + u * slots, &scratch.local()));
    });
  }
  auto top = [&](size_t u) {
    return std::span<const Term>(top_terms.data() + u * slots, top_size[u]);
  };

  // Inverted index (CSR): postings of each column, strongest first, capped.
  std::vector<size_t> start(static_cast<size_t>(m.cols()) + 1, 0);
  for (size_t u = 0; u < n; ++u) {
    for (const auto& [col, w] : top(u)) ++start[static_cast<size_t>(col) + 1];
  }
  for (size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
  std::vector<Posting> postings(start.back());
  {
    std::vector<size_t> fill(start.begin(), start.end() - 1);
    for (size_t u = 0; u < n; ++u) {
      for (const auto& [col, w] : top(u)) {
        postings[fill[static_cast<size_t>(col)]++] = {static_cast<uint32_t>(u), w};
      }
    }
  }
  std::vector<size_t> length(start.size() - 1);
  parallel.For(
      length.size(),
      [&](size_t c) {
        auto first = postings.begin() + static_cast<std::ptrdiff_t>(start[c]);
        auto last = postings.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
        std::sort(first, last, [](const Posting& a, const Posting& b) {
          return a.weight != b.weight ? a.weight > b.weight : a.unit < b.unit;
        });
        length[c] = std::min(start[c + 1] - start[c], max_postings);
      },
      256);

  // Per unit: accumulate partial dot products (Accumulator). `row` holds
  // unit u's text vector scattered by column, so scoring a candidate walks
  // only the candidate's entries (no sparse merge). Summing in the
  // candidate's column order gives the same float as Eigen's dot.
  const size_t max_touched = std::min({n, k * max_postings, budget});
  struct Scratch {
    explicit Scratch(size_t max_keys) : acc(max_keys) {}
    Accumulator acc;
    std::vector<float> row;
    // Reused from unit to unit: allocated afresh, a unit's candidates (up to
    // 48 KB) and the small edge lists kept between them fragmented the heap,
    // and at a million reports the allocator's search of it showed in the
    // profile.
    std::vector<std::pair<float, uint32_t>> cands;
    std::vector<Edge> found;
    std::vector<std::pair<size_t, Term>> rarest;  // (full list length, term)
  };
  tbb::enumerable_thread_specific<Scratch> scratch(max_touched);
  std::vector<std::vector<Edge>> found(n);
  // Units are visited grouped by their strongest term: units visited in
  // turn then read the same posting lists and many of the same candidate
  // rows while they are in cache. In a profile at a million reports, the
  // first reads of those lists and rows, scattered over gigabytes, were
  // about a third of the search. Each unit's result depends on the unit
  // alone, so the order changes no output.
  std::vector<uint32_t> order(n);
  for (uint32_t u = 0; u < n; ++u) order[u] = u;
  auto strongest = [&](uint32_t u) { return top_size[u] == 0 ? -1 : top(u).front().first; };
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t x, uint32_t y) { return strongest(x) < strongest(y); });
  parallel.For(
      n,
      [&](size_t rank) {
        const size_t u = order[rank];
        Scratch& s = scratch.local();
        if (s.row.size() != static_cast<size_t>(m.cols())) {
          s.row.assign(static_cast<size_t>(m.cols()), 0.0f);
        }
        // Rarest index term first, until the budget is spent: a rare term's
        // few units are the likeliest to tell the same story, while the top
        // of a common term's list is only the units that stress that term.
        auto& rarest = s.rarest;
        rarest.clear();
        for (const Term& t : top(u)) {
          const size_t c = static_cast<size_t>(t.first);
          rarest.emplace_back(start[c + 1] - start[c], t);
        }
        std::sort(rarest.begin(), rarest.end(), [](const auto& x, const auto& y) {
          return x.first != y.first ? x.first < y.first : x.second.first < y.second.first;
        });
        size_t left = budget;
        for (const auto& entry : rarest) {
          const auto [col, w] = entry.second;
          const size_t c = static_cast<size_t>(col);
          const size_t read = std::min(length[c], left);
          left -= read;
          s.acc.AddList(postings.data() + start[c], read, static_cast<uint32_t>(u), w);
          if (left == 0) break;
        }
        auto& cands = s.cands;
        cands.clear();
        s.acc.Drain([&](float sum, uint32_t v) { cands.emplace_back(sum, v); });
        auto better = [](const auto& a, const auto& b) {
          return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        if (cands.size() > max_candidates) {
          std::partial_sort(cands.begin(),
                            cands.begin() + static_cast<std::ptrdiff_t>(max_candidates),
                            cands.end(), better);
          cands.resize(max_candidates);
        }
        // The candidates' rows lie anywhere in the matrix: at a million
        // reports, waiting for them one by one was a fifth of the search.
        for (const auto& [score, v] : cands) {
          PrefetchRow(m, v);
          // Entity rows are read only when they count (CombineSimilarity).
          if (options.entity_weight != 0.0) PrefetchRow(vectors.entities, v);
        }
        const int64_t row_u = static_cast<int64_t>(u);
        s.found.clear();
        for (SparseRows::InnerIterator it(m, row_u); it; ++it) {
          s.row[static_cast<size_t>(it.col())] = it.value();
        }
        for (const auto& [score, v] : cands) {
          float text = 0.0f;
          for (SparseRows::InnerIterator it(m, static_cast<int64_t>(v)); it; ++it) {
            text += s.row[static_cast<size_t>(it.col())] * it.value();
          }
          const double sim = CombineSimilarity(vectors, row_u, static_cast<int64_t>(v), text,
                                               options.entity_weight);
          if (sim >= min_similarity) {
            const uint32_t a = std::min<uint32_t>(static_cast<uint32_t>(u), v);
            const uint32_t b = std::max<uint32_t>(static_cast<uint32_t>(u), v);
            s.found.push_back({a, b, static_cast<float>(sim)});
          }
        }
        // Exactly sized: grown by push_back, the lists had a quarter spare.
        found[u].assign(s.found.begin(), s.found.end());
        for (SparseRows::InnerIterator it(m, row_u); it; ++it) {
          s.row[static_cast<size_t>(it.col())] = 0.0f;
        }
      },
      16);

  // The index is done with: its memory goes before the edges take theirs.
  std::vector<Term>().swap(top_terms);
  std::vector<Posting>().swap(postings);
  std::vector<size_t>().swap(start);
  std::vector<size_t>().swap(length);
  std::vector<uint32_t>().swap(order);
  scratch.clear();

  // Sorted by (a, b) without a global sort: a counting pass buckets the
  // edges by a (O(E)), then each small bucket is sorted by b. A pair found
  // from both sides has the same similarity both times (the same products
  // summed in column order), so keeping either copy is the same.
  std::vector<size_t> offset(n + 1, 0);
  for (const auto& f : found) {
    for (const Edge& e : f) ++offset[e.a + 1];
  }
  for (size_t u = 1; u <= n; ++u) offset[u] += offset[u - 1];
  std::vector<Edge> edges(offset[n]);
  {
    std::vector<size_t> fill(offset.begin(), offset.end() - 1);
    for (auto& f : found) {
      for (const Edge& e : f) edges[fill[e.a]++] = e;
      std::vector<Edge>().swap(f);
    }
  }
  std::vector<size_t> kept(n);
  parallel.For(
      n,
      [&](size_t a) {
        auto first = edges.begin() + static_cast<std::ptrdiff_t>(offset[a]);
        auto last = edges.begin() + static_cast<std::ptrdiff_t>(offset[a + 1]);
        std::sort(first, last, [](const Edge& x, const Edge& y) { return x.b < y.b; });
        last = std::unique(first, last, [](const Edge& x, const Edge& y) { return x.b == y.b; });
        kept[a] = static_cast<size_t>(last - first);
      },
      256);
  size_t out = 0;
  for (size_t a = 0; a < n; ++a) {
    std::move(edges.begin() + static_cast<std::ptrdiff_t>(offset[a]),
              edges.begin() + static_cast<std::ptrdiff_t>(offset[a] + kept[a]),
              edges.begin() + static_cast<std::ptrdiff_t>(out));
    out += kept[a];
  }
  edges.resize(out);
  edges.shrink_to_fit();
  return edges;
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

std::vector<Edge> AllPairs(const UnitVectors& vectors, const ClusterOptions& options,
                           double min_similarity) {
  std::vector<Edge> edges;
  const int64_t n = vectors.text.rows();
  for (int64_t a = 0; a < n; ++a) {
    for (int64_t b = a + 1; b < n; ++b) {
      const double sim = Similarity(vectors, a, b, options.entity_weight);
      if (sim >= min_similarity) {
        edges.push_back(
            {static_cast<uint32_t>(a), static_cast<uint32_t>(b), static_cast<float>(sim)});
      }
    }
  }
  return edges;
}

}  // namespace precis::cluster

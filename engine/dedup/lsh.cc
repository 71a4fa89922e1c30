#include "engine/dedup/lsh.h"

#include <oneapi/tbb/parallel_sort.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/dedup/band_entries.h"

namespace precis::dedup {

namespace {

// Composite Simpson rule with 512 intervals: the S-curve is smooth, so this
// matches scipy.integrate.quad (what datasketch uses) to ~1e-9.
template <typename F>
double Integrate(F f, double a, double b) {
  if (b <= a) return 0;
  constexpr int kIntervals = 512;
  const double h = (b - a) / kIntervals;
  double sum = f(a) + f(b);
  for (int i = 1; i < kIntervals; ++i) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
  return sum * h / 3;
}

}  // namespace

double CandidateProbability(double s, LshParams p) {
  return 1.0 - std::pow(1.0 - std::pow(s, p.rows), p.bands);
}

double FalsePositiveArea(double threshold, LshParams p) {
  return Integrate([&](double s) { return CandidateProbability(s, p); }, 0.0, threshold);
}

double FalseNegativeArea(double threshold, LshParams p) {
  return Integrate([&](double s) { return 1.0 - CandidateProbability(s, p); }, threshold, 1.0);
}

LshParams OptimalLshParams(double threshold, int k, double fp_weight, double fn_weight) {
  // The same sums as FalsePositiveArea and FalseNegativeArea, term for term,
  // with s^r taken from a table: every (b, r) integrates over the same grid,
  // and recomputing s^r for each b was most of a small run's start-up time.
  constexpr int kIntervals = 512;
  const int max_rows = std::max(1, k);
  auto grid = [&](double a, double b) {
    std::vector<double> powers(static_cast<size_t>(max_rows + 1) * (kIntervals + 1));
    const double h = (b - a) / kIntervals;
    for (int r = 1; r <= max_rows; ++r) {
      double* row = powers.data() + static_cast<size_t>(r) * (kIntervals + 1);
      row[0] = std::pow(a, r);
      row[kIntervals] = std::pow(b, r);
      for (int i = 1; i < kIntervals; ++i) row[i] = std::pow(a + i * h, r);
    }
    return powers;
  };
  const std::vector<double> below = grid(0.0, threshold), above = grid(threshold, 1.0);
  // Integrate's composite Simpson sum of f(s^r) over a precomputed row.
  auto area = [&](const std::vector<double>& powers, int r, double a, double b, auto f) {
    if (b <= a) return 0.0;
    const double* row = powers.data() + static_cast<size_t>(r) * (kIntervals + 1);
    const double h = (b - a) / kIntervals;
    double sum = f(row[0]) + f(row[kIntervals]);
    for (int i = 1; i < kIntervals; ++i) sum += f(row[i]) * (i % 2 == 1 ? 4 : 2);
    return sum * h / 3;
  };
  LshParams best{1, k};
  double best_error = std::numeric_limits<double>::infinity();
  for (int b = 1; b <= k; ++b) {
    const int max_r = k / b;
    for (int r = 1; r <= max_r; ++r) {
      const LshParams p{b, r};
      // CandidateProbability(s, p) = 1 - (1 - s^r)^b, as written there.
      auto candidate = [&](double sr) { return 1.0 - std::pow(1.0 - sr, p.bands); };
      const double fp = area(below, r, 0.0, threshold, candidate);
      const double fn =
          area(above, r, threshold, 1.0, [&](double sr) { return 1.0 - candidate(sr); });
      const double error = fp_weight * fp + fn_weight * fn;
      if (error < best_error) {
        best_error = error;
        best = p;
      }
    }
  }
  return best;
}

namespace {

struct Entry {
  uint64_t key;
  uint32_t doc;
};

// Orders entries by (key, doc). When they come in ascending doc order, a
// stable sort by key suffices: the counting passes of SortByTopKeyBits are
// stable, and insertion sort of a run keeps equal keys in order. About three
// times faster than std::sort on a band of 10k documents.
void SortEntries(std::vector<Entry>* entries, std::vector<Entry>* scratch, bool docs_ascending) {
  auto by_key_doc = [](const Entry& x, const Entry& y) {
    return x.key != y.key ? x.key < y.key : x.doc < y.doc;
  };
  if (!docs_ascending || entries->size() < 1024) {
    std::sort(entries->begin(), entries->end(), by_key_doc);
    return;
  }
  SortByTopKeyBits(entries, scratch, [&](Entry* begin, Entry* end) {
    if (end - begin > 64) {
      std::sort(begin, end, by_key_doc);
      return;
    }
    for (Entry* i = begin + 1; i < end; ++i) {
      const Entry e = *i;
      Entry* j = i;
      for (; j > begin && e.key < (j - 1)->key; --j) *j = *(j - 1);
      *j = e;
    }
  });
}

// Sorted unique pairs (a << 32 | b) of one band.
std::vector<uint64_t> BandPairs(std::span<const uint32_t> signatures, size_t k,
                                std::span<const uint32_t> docs, size_t band, size_t rows,
                                size_t window, bool docs_ascending) {
  // Per thread and reused across bands: a band of 100k documents is 1.6 MB,
  // which malloc would map and unmap (and the kernel zero) every time.
  thread_local std::vector<Entry> tls_entries, tls_scratch;
  std::vector<Entry>& entries = tls_entries;
  entries.resize(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    const uint32_t* sig = signatures.data() + static_cast<size_t>(docs[i]) * k + band * rows;
    entries[i] = {XXH3_64bits_withSeed(sig, rows * sizeof(uint32_t), band), docs[i]};
  }
  SortEntries(&entries, &tls_scratch, docs_ascending);
  std::vector<uint64_t> out;
  AppendBucketPairs(
      entries, window, [](const Entry& x, const Entry& y) { return x.key == y.key; }, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::pair<uint32_t, uint32_t> Unpack(uint64_t packed) {
  return {static_cast<uint32_t>(packed >> 32), static_cast<uint32_t>(packed)};
}

// The candidates of one round, kept only to recognise them in later rounds:
// the second members grouped by first member (4 bytes a pair instead of 8).
class PairRun {
 public:
  static constexpr size_t kMaxPairs = UINT32_MAX;  // offsets are 32-bit

  // `pairs` sorted, at most kMaxPairs; every first member is below `documents`.
  PairRun(std::span<const uint64_t> pairs, size_t documents)
      : begin_(pairs.empty() ? 0 : documents + 1, 0), second_(pairs.size()) {
    for (size_t i = 0; i < pairs.size(); ++i) {
      ++begin_[(pairs[i] >> 32) + 1];
      second_[i] = static_cast<uint32_t>(pairs[i]);
    }
    for (size_t a = 1; a < begin_.size(); ++a) begin_[a] += begin_[a - 1];
  }
  size_t size() const { return second_.size(); }
  bool Contains(uint64_t pair) const {
    const auto [a, b] = Unpack(pair);
    if (a + size_t{1} >= begin_.size()) return false;
    return std::binary_search(second_.begin() + static_cast<std::ptrdiff_t>(begin_[a]),
                              second_.begin() + static_cast<std::ptrdiff_t>(begin_[a + 1]), b);
  }

 private:
  std::vector<uint32_t> begin_;  // pairs with first member a: [begin_[a], begin_[a + 1])
  std::vector<uint32_t> second_;
};

}  // namespace

FilteredCandidates LshFilteredCandidates(std::span<const uint32_t> signatures, int k,
                                         std::span<const uint32_t> docs, LshParams params,
                                         Parallel& parallel,
                                         const std::function<bool(uint32_t, uint32_t)>& keep,
                                         int max_bucket_pairs_per_doc) {
  const size_t bands = static_cast<size_t>(params.bands);
  const size_t rows = static_cast<size_t>(params.rows);
  const size_t window = static_cast<size_t>(std::max(1, max_bucket_pairs_per_doc));
  // Bands per round: enough to keep the workers busy, few enough that one
  // round's pairs (band duplicates included) stay small.
  const size_t round = std::max<size_t>(8, 2 * static_cast<size_t>(parallel.threads()));
  // Every candidate so far, one run per round (merging them would briefly
  // hold them all twice).
  std::vector<PairRun> seen;
  const bool docs_ascending = std::is_sorted(docs.begin(), docs.end());
  uint32_t documents = 0;
  for (const uint32_t d : docs) documents = std::max(documents, d + 1);
  std::vector<uint64_t> kept;
  FilteredCandidates out;
  for (size_t first = 0; first < bands; first += round) {
    const size_t count = std::min(round, bands - first);
    std::vector<std::vector<uint64_t>> per_band(count);
    parallel.For(count, [&](size_t b) {
      per_band[b] = BandPairs(signatures, static_cast<size_t>(k), docs, first + b, rows, window,
                              docs_ascending);
    });
    size_t total = 0;
    for (const auto& v : per_band) total += v.size();
    std::vector<uint64_t> fresh;
    fresh.reserve(total);
    for (auto& v : per_band) {
      fresh.insert(fresh.end(), v.begin(), v.end());
      std::vector<uint64_t>().swap(v);
    }
    parallel.Run([&] { tbb::parallel_sort(fresh.begin(), fresh.end()); });
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    // Pairs not met in an earlier round, in place.
    fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                               [&](uint64_t p) {
                                 for (const PairRun& run : seen) {
                                   if (run.Contains(p)) return true;
                                 }
                                 return false;
                               }),
                fresh.end());
    std::vector<char> pass(fresh.size());
    parallel.For(
        fresh.size(),
        [&](size_t i) {
          const auto [a, b] = Unpack(fresh[i]);
          pass[i] = keep(a, b);
        },
        256);
    for (size_t i = 0; i < fresh.size(); ++i) {
      if (pass[i]) kept.push_back(fresh[i]);
    }
    for (size_t at = 0; first + count < bands && at < fresh.size(); at += PairRun::kMaxPairs) {
      const size_t size = std::min(PairRun::kMaxPairs, fresh.size() - at);
      seen.emplace_back(std::span<const uint64_t>(fresh).subspan(at, size), documents);
    }
    out.candidates += fresh.size();
  }
  std::vector<PairRun>().swap(seen);
  std::sort(kept.begin(), kept.end());
  out.kept.resize(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) out.kept[i] = Unpack(kept[i]);
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> LshCandidates(std::span<const uint32_t> signatures,
                                                         int k, std::span<const uint32_t> docs,
                                                         LshParams params, Parallel& parallel,
                                                         int max_bucket_pairs_per_doc) {
  return LshFilteredCandidates(
             signatures, k, docs, params, parallel, [](uint32_t, uint32_t) { return true; },
             max_bucket_pairs_per_doc)
      .kept;
}

}  // namespace precis::dedup

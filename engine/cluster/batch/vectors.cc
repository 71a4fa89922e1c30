#include "engine/cluster/batch/vectors.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>

#include "engine/cluster/weighting.h"
#include "engine/common/flat_map.h"

namespace precis::cluster {
namespace {

// The bags of unit u: units[u] itself, or read back from its record into
// *scratch. Null when the record cannot be read back.
class BagReader {
 public:
  BagReader(const std::vector<const DocFeatures*>& units, const SpillStore* records,
            std::span<const uint32_t> record_of_unit)
      : units_(units), records_(records), record_of_unit_(record_of_unit) {}

  const DocFeatures* Get(size_t u, DocFeatures* scratch, std::vector<std::byte>* bytes) const {
    if (records_ == nullptr) return units_[u];
    const size_t r = record_of_unit_[u];
    bytes->resize(records_->size(r));
    if (!records_->Get(r, bytes->data()) || !RestoreBags(*bytes, scratch, /*names=*/false)) {
      return nullptr;
    }
    return scratch;
  }

 private:
  const std::vector<const DocFeatures*>& units_;
  const SpillStore* records_;
  std::span<const uint32_t> record_of_unit_;
};

// Columns of one matrix: its keys in sorted order, the corpus document
// frequency (units) of each, and key -> column.
struct Columns {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> df;
  FlatMap<uint64_t> column;
};

// Merges per-thread key counts; the vocabulary, not every occurrence, is
// sorted to number the columns in key order.
Columns MakeColumns(tbb::enumerable_thread_specific<FlatMap<uint64_t>>& local_df) {
  Columns c;
  for (auto& counts : local_df) {
    counts.ForEach([&](uint64_t key, uint32_t count) { *c.column.Insert(key, 0).first += count; });
    counts = FlatMap<uint64_t>();
  }
  c.keys.reserve(c.column.size());
  c.column.ForEach([&](uint64_t key, uint32_t) { c.keys.push_back(key); });
  std::sort(c.keys.begin(), c.keys.end());
  c.df.resize(c.keys.size());
  for (size_t k = 0; k < c.keys.size(); ++k) {
    uint32_t& slot = *c.column.Insert(c.keys[k], 0).first;
    c.df[k] = slot;
    slot = static_cast<uint32_t>(k);
  }
  return c;
}

// An empty matrix whose row u has room for sizes[u] entries. Rows are written
// in place: bags are sorted by key, so columns come in order and the offsets
// are known before any weight is computed (temporary rows of 16-byte cells
// had doubled the matrix at the cluster stage's memory peak).
SparseRows Shaped(const std::vector<uint32_t>& sizes, size_t columns) {
  const size_t n = sizes.size();
  SparseRows m(static_cast<int64_t>(n), static_cast<int64_t>(columns));
  int32_t* offset = m.outerIndexPtr();
  offset[0] = 0;
  for (size_t u = 0; u < n; ++u) offset[u + 1] = offset[u] + static_cast<int32_t>(sizes[u]);
  m.resizeNonZeros(offset[n]);
  return m;
}

// Writes row u of `m` from `bag` (weighting.h).
void FillRow(const std::vector<WeightedKey>& bag, const Columns& c, const PooledIdf& idf, size_t u,
             SparseRows* m) {
  const size_t first = static_cast<size_t>(m->outerIndexPtr()[u]);
  int32_t* col_of = m->innerIndexPtr();
  float* value_of = m->valuePtr();
  WeighBag(
      bag, idf,
      [&](size_t i) {
        const uint32_t col = c.column.Find(bag[i].key);
        col_of[first + i] = static_cast<int32_t>(col);
        return c.df[col];
      },
      [&](size_t i) -> float& { return value_of[first + i]; });
}

Status ReadBackError() {
  return Status::IOError(
      "could not read the cluster features back from their temporary file (in $TMPDIR, else "
      "/tmp); check that the disk is not full or failing");
}

}  // namespace

StatusOr<UnitVectors> BuildVectors(const std::vector<const DocFeatures*>& units,
                                   const IdfModels* models, Parallel& parallel,
                                   const SpillStore* bags,
                                   std::span<const uint32_t> record_of_unit) {
  const size_t n = units.size();
  const BagReader reader(units, bags, record_of_unit);
  struct Scratch {
    DocFeatures features;
    std::vector<std::byte> bytes;
  };
  tbb::enumerable_thread_specific<Scratch> scratch;
  std::atomic<bool> read_back{true};

  // 1. Corpus document frequency (units) of every key and the bag sizes:
  // per-thread counts, merged. Hash maps keep this O(total keys).
  tbb::enumerable_thread_specific<FlatMap<uint64_t>> term_df, entity_df;
  std::vector<uint32_t> term_sizes(n), entity_sizes(n);
  parallel.For(
      n,
      [&](size_t u) {
        Scratch& s = scratch.local();
        const DocFeatures* f = reader.Get(u, &s.features, &s.bytes);
        if (f == nullptr) {
          read_back.store(false, std::memory_order_relaxed);
          return;
        }
        auto& terms = term_df.local();
        for (const WeightedKey& k : f->terms) ++*terms.Insert(k.key, 0).first;
        auto& entities = entity_df.local();
        for (const WeightedKey& k : f->entities) ++*entities.Insert(k.key, 0).first;
        term_sizes[u] = static_cast<uint32_t>(f->terms.size());
        entity_sizes[u] = static_cast<uint32_t>(f->entities.size());
      },
      64);
  if (!read_back.load()) {
    return ReadBackError();
  }
  Columns term_columns = MakeColumns(term_df);
  Columns entity_columns = MakeColumns(entity_df);

  // Units per language (the corpus half of the pooled IDF).
  std::map<std::string, uint64_t, std::less<>> lang_units;
  for (const DocFeatures* f : units) ++lang_units[f->lang];

  // 2. The weights, row by row.
  UnitVectors v;
  // Swapped in: Eigen 3.4's SparseMatrix has no move assignment, and
  // assigning copied both matrices (a tenth of the digest's page faults at a
  // million reports).
  SparseRows text = Shaped(term_sizes, term_columns.keys.size());
  SparseRows entities = Shaped(entity_sizes, entity_columns.keys.size());
  v.text.swap(text);
  v.entities.swap(entities);
  std::vector<uint32_t>().swap(term_sizes);
  std::vector<uint32_t>().swap(entity_sizes);
  parallel.For(n, [&](size_t u) {
    Scratch& s = scratch.local();
    const DocFeatures* f = reader.Get(u, &s.features, &s.bytes);
    if (f == nullptr) {
      read_back.store(false, std::memory_order_relaxed);
      return;
    }
    const std::string& lang = units[u]->lang;
    const PooledIdf idf(models ? models->For(lang) : nullptr, lang_units.find(lang)->second);
    FillRow(f->terms, term_columns, idf, u, &v.text);
    FillRow(f->entities, entity_columns, idf, u, &v.entities);
  });
  if (!read_back.load()) {
    return ReadBackError();
  }
  v.term_keys = std::move(term_columns.keys);
  v.entity_keys = std::move(entity_columns.keys);
  return v;
}
double Similarity(const UnitVectors& v, int64_t a, int64_t b, double entity_weight) {
  return CombineSimilarity(v, a, b, v.text.row(a).dot(v.text.row(b)), entity_weight);
}

double CombineSimilarity(const UnitVectors& v, int64_t a, int64_t b, double text_cosine,
                         double entity_weight) {
  return CombineCosines(text_cosine,
                        entity_weight != 0.0 && v.entities.row(a).nonZeros() != 0 &&
                            v.entities.row(b).nonZeros() != 0,
                        entity_weight, [&] { return v.entities.row(a).dot(v.entities.row(b)); });
}

}  // namespace precis::cluster

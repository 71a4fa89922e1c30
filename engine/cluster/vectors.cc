#include "engine/cluster/vectors.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/common/flat_map.h"

namespace precis::cluster {
namespace {

// Builds one matrix from each unit's keyed bag (features.terms or .entities).
template <typename GetBag>
SparseRows Build(const std::vector<const DocFeatures*>& units, const IdfModels* models,
                 Parallel& parallel, GetBag get_bag, std::vector<uint64_t>& keys) {
  const size_t n = units.size();
  // Corpus document frequency (units) of every key: per-thread counts,
  // merged. Hash maps keep this O(total keys); the vocabulary, not every
  // occurrence, is sorted to number the columns in key order.
  tbb::enumerable_thread_specific<FlatMap<uint64_t>> local_df;
  parallel.For(
      n,
      [&](size_t u) {
        auto& counts = local_df.local();
        for (const WeightedKey& k : get_bag(*units[u])) ++*counts.Insert(k.key, 0).first;
      },
      64);
  FlatMap<uint64_t> column;  // key -> df, then key -> column
  for (auto& counts : local_df) {
    counts.ForEach([&](uint64_t key, uint32_t count) { *column.Insert(key, 0).first += count; });
    counts = FlatMap<uint64_t>();
  }
  keys.clear();
  keys.reserve(column.size());
  column.ForEach([&](uint64_t key, uint32_t) { keys.push_back(key); });
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> df(keys.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    uint32_t& slot = *column.Insert(keys[c], 0).first;
    df[c] = slot;
    slot = static_cast<uint32_t>(c);
  }

  // Units per language (the corpus half of the pooled IDF).
  std::map<std::string, uint64_t, std::less<>> lang_units;
  for (const DocFeatures* f : units) ++lang_units[f->lang];

  // Rows are written in place: each unit's row has one entry per key of its
  // bag (bags are sorted by key, so columns come in order), so the offsets
  // are known before any weight is computed. Temporary rows of 16-byte cells
  // had doubled the matrix at the cluster stage's memory peak.
  SparseRows m(static_cast<int64_t>(n), static_cast<int64_t>(keys.size()));
  int32_t* offset = m.outerIndexPtr();
  offset[0] = 0;
  for (size_t u = 0; u < n; ++u) {
    offset[u + 1] = offset[u] + static_cast<int32_t>(get_bag(*units[u]).size());
  }
  m.resizeNonZeros(offset[n]);
  int32_t* col_of = m.innerIndexPtr();
  float* value_of = m.valuePtr();
  parallel.For(n, [&](size_t u) {
    const DocFeatures& f = *units[u];
    const IdfModel* model = models ? models->For(f.lang) : nullptr;
    const double n_total = 1.0 + static_cast<double>(lang_units.find(f.lang)->second) +
                           (model ? static_cast<double>(model->documents()) : 0.0);
    const auto& bag = get_bag(f);
    const size_t first = static_cast<size_t>(offset[u]);
    double norm = 0;
    for (size_t i = 0; i < bag.size(); ++i) {
      const WeightedKey& k = bag[i];
      const uint32_t col = column.Find(k.key);
      const double df_total = 1.0 + df[col] + (model ? model->df(k.key) : 0);
      const double idf = std::log(n_total / df_total) + 1.0;
      const double tf = k.weight >= 1 ? 1.0 + std::log(k.weight) : k.weight;
      const double w = tf * idf;
      norm += w * w;
      col_of[first + i] = static_cast<int32_t>(col);
      value_of[first + i] = static_cast<float>(w);
    }
    if (norm > 0) {
      const double inv = 1.0 / std::sqrt(norm);
      for (size_t i = first; i < first + bag.size(); ++i) {
        value_of[i] = static_cast<float>(value_of[i] * inv);
      }
    }
  });
  return m;
}

}  // namespace

UnitVectors BuildVectors(const std::vector<const DocFeatures*>& units, const IdfModels* models,
                         Parallel& parallel) {
  UnitVectors v;
  v.text = Build(
      units, models, parallel, [](const DocFeatures& f) -> const auto& { return f.terms; },
      v.term_keys);
  v.entities = Build(
      units, models, parallel, [](const DocFeatures& f) -> const auto& { return f.entities; },
      v.entity_keys);
  return v;
}

double Similarity(const UnitVectors& v, int64_t a, int64_t b, double entity_weight) {
  return CombineSimilarity(v, a, b, v.text.row(a).dot(v.text.row(b)), entity_weight);
}

double CombineSimilarity(const UnitVectors& v, int64_t a, int64_t b, double text_cosine,
                         double entity_weight) {
  if (entity_weight == 0.0) return text_cosine;
  if (v.entities.row(a).nonZeros() == 0 || v.entities.row(b).nonZeros() == 0) return text_cosine;
  const double ent = v.entities.row(a).dot(v.entities.row(b));
  return (1.0 - entity_weight) * text_cosine + entity_weight * ent;
}

}  // namespace precis::cluster

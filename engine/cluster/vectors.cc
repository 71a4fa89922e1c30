#include "engine/cluster/vectors.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace precis::cluster {
namespace {

struct Cell {
  int64_t col;
  float value;
};

// Builds one matrix from each unit's keyed bag (features.terms or .entities).
template <typename GetBag>
SparseRows Build(const std::vector<const DocFeatures*>& units, const IdfModels* models,
                 Parallel& parallel, GetBag get_bag, std::vector<uint64_t>& keys) {
  const size_t n = units.size();
  // Corpus document frequency (units) of every key: per-thread counts,
  // merged. Hash maps keep this O(total keys); the vocabulary, not every
  // occurrence, is sorted to number the columns in key order.
  tbb::enumerable_thread_specific<std::unordered_map<uint64_t, uint32_t>> local_df;
  parallel.For(
      n,
      [&](size_t u) {
        auto& counts = local_df.local();
        for (const WeightedKey& k : get_bag(*units[u])) ++counts[k.key];
      },
      64);
  std::unordered_map<uint64_t, uint32_t> column;  // key -> df, then key -> column
  for (auto& counts : local_df) {
    if (column.empty()) {
      column.swap(counts);
      continue;
    }
    for (const auto& [key, count] : counts) column[key] += count;
    std::unordered_map<uint64_t, uint32_t>().swap(counts);
  }
  keys.clear();
  keys.reserve(column.size());
  for (const auto& [key, count] : column) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> df(keys.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    uint32_t& slot = column.find(keys[c])->second;
    df[c] = slot;
    slot = static_cast<uint32_t>(c);
  }

  // Units per language (the corpus half of the pooled IDF).
  std::map<std::string, uint64_t, std::less<>> lang_units;
  for (const DocFeatures* f : units) ++lang_units[f->lang];

  std::vector<std::vector<Cell>> rows(n);
  parallel.For(n, [&](size_t u) {
    const DocFeatures& f = *units[u];
    const IdfModel* model = models ? models->For(f.lang) : nullptr;
    const double n_total = 1.0 + static_cast<double>(lang_units.find(f.lang)->second) +
                           (model ? static_cast<double>(model->documents()) : 0.0);
    const auto& bag = get_bag(f);
    std::vector<Cell>& row = rows[u];
    row.reserve(bag.size());
    double norm = 0;
    for (const WeightedKey& k : bag) {
      const size_t col = column.find(k.key)->second;
      const double df_total = 1.0 + df[col] + (model ? model->df(k.key) : 0);
      const double idf = std::log(n_total / df_total) + 1.0;
      const double tf = k.weight >= 1 ? 1.0 + std::log(k.weight) : k.weight;
      const double w = tf * idf;
      norm += w * w;
      row.push_back({static_cast<int64_t>(col), static_cast<float>(w)});
    }
    if (norm > 0) {
      const double inv = 1.0 / std::sqrt(norm);
      for (Cell& c : row) c.value = static_cast<float>(c.value * inv);
    }
  });

  size_t nnz = 0;
  for (const auto& r : rows) nnz += r.size();
  SparseRows m(static_cast<int64_t>(n), static_cast<int64_t>(keys.size()));
  m.reserve(static_cast<int64_t>(nnz));
  for (size_t u = 0; u < n; ++u) {
    m.startVec(static_cast<int64_t>(u));
    for (const Cell& c : rows[u]) m.insertBack(static_cast<int64_t>(u), c.col) = c.value;
    std::vector<Cell>().swap(rows[u]);
  }
  m.finalize();
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

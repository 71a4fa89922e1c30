#include "engine/cluster/vectors.h"

#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <map>

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
  // Column of every key, and the corpus document frequency of each (units).
  std::vector<uint64_t> all;
  {
    size_t total = 0;
    for (const DocFeatures* f : units) total += get_bag(*f).size();
    all.reserve(total);
    for (const DocFeatures* f : units) {
      for (const WeightedKey& k : get_bag(*f)) all.push_back(k.key);
    }
  }
  parallel.Run([&] { tbb::parallel_sort(all.begin(), all.end()); });
  std::vector<uint32_t> df;
  keys.clear();
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    while (j < all.size() && all[j] == all[i]) ++j;
    keys.push_back(all[i]);
    df.push_back(static_cast<uint32_t>(j - i));
    i = j;
  }
  std::vector<uint64_t>().swap(all);

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
      const size_t col = std::lower_bound(keys.begin(), keys.end(), k.key) - keys.begin();
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

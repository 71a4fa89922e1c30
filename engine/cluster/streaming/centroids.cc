#include "engine/cluster/streaming/centroids.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "engine/cluster/posting_search.h"
#include "engine/cluster/weighting.h"

namespace precis::cluster {
namespace {

using Sums = Centroid::Sums;

// Adds a normalised vector to a sum of vectors; returns the new squared norm.
double AddInto(Sums& sum, const std::vector<WeightedKey>& v) {
  Sums out;
  out.reserve(sum.size() + v.size());
  size_t i = 0, j = 0;
  while (i < sum.size() || j < v.size()) {
    if (j == v.size() || (i < sum.size() && sum[i].first < v[j].key)) {
      out.push_back(sum[i++]);
    } else if (i == sum.size() || v[j].key < sum[i].first) {
      out.emplace_back(v[j].key, v[j].weight);
      ++j;
    } else {
      out.emplace_back(sum[i].first, sum[i].second + v[j].weight);
      ++i, ++j;
    }
  }
  sum.swap(out);
  double norm2 = 0;
  for (const auto& [k, w] : sum) norm2 += w * w;
  return norm2;
}

double Dot(const std::vector<WeightedKey>& v, const Sums& sum) {
  double dot = 0;
  for (const WeightedKey& k : v) {
    auto it = std::lower_bound(sum.begin(), sum.end(), k.key,
                               [](const auto& p, uint64_t key) { return p.first < key; });
    if (it != sum.end() && it->first == k.key) dot += k.weight * it->second;
  }
  return dot;
}

// The `n` strongest keys of weighted pairs (posting_search.h), sorted by key.
template <typename Pairs, typename Key, typename Weight>
std::vector<uint64_t> TopKeys(Pairs pairs, size_t n, Key key, Weight weight) {
  KeepStrongest(pairs, n, weight, key);
  std::vector<uint64_t> top(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) top[i] = key(pairs[i]);
  std::sort(top.begin(), top.end());
  return top;
}

}  // namespace

double CentroidSimilarity(const StreamVector& v, const Centroid& c, double entity_weight) {
  if (c.text_norm2 <= 0) return 0;
  const double text = Dot(v.text, c.text) / std::sqrt(c.text_norm2);
  return CombineCosines(text, !v.entities.empty() && c.entity_norm2 > 0, entity_weight,
                        [&] { return Dot(v.entities, c.entities) / std::sqrt(c.entity_norm2); });
}

std::vector<uint64_t> IndexTerms(const StreamVector& v, size_t index_terms) {
  return TopKeys(
      v.text, index_terms, [](const WeightedKey& k) { return k.key; },
      [](const WeightedKey& k) { return static_cast<double>(k.weight); });
}

bool Centroids::Indexes(uint32_t c, uint64_t term) const {
  const auto& ix = clusters[c].indexed;
  return std::binary_search(ix.begin(), ix.end(), term);
}

// Re-posts cluster c under its current top terms. Removed terms leave
// stale entries, dropped when they are the majority of a list.
void Centroids::Reindex(uint32_t c, size_t index_terms) {
  Centroid& cl = clusters[c];
  std::vector<uint64_t> top = TopKeys(
      cl.text, index_terms, [](const auto& p) { return p.first; },
      [](const auto& p) { return p.second; });
  std::vector<uint64_t> added, removed;
  std::set_difference(top.begin(), top.end(), cl.indexed.begin(), cl.indexed.end(),
                      std::back_inserter(added));
  std::set_difference(cl.indexed.begin(), cl.indexed.end(), top.begin(), top.end(),
                      std::back_inserter(removed));
  cl.indexed = std::move(top);
  for (uint64_t t : added) postings[t].push_back(c);
  for (uint64_t t : removed) {
    std::vector<uint32_t>& list = postings[t];
    if (++stale[t] * 2 <= list.size() || list.size() < 8) continue;
    // Keep the latest entry of each cluster still indexed under t.
    std::vector<uint32_t> kept;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (Indexes(*it, t) && std::find(kept.begin(), kept.end(), *it) == kept.end())
        kept.push_back(*it);
    }
    std::reverse(kept.begin(), kept.end());
    list.swap(kept);
    stale[t] = 0;
  }
}

void Centroids::Add(uint32_t c, const StreamVector& v, size_t index_terms) {
  if (c >= clusters.size()) clusters.resize(c + 1);
  Centroid& cl = clusters[c];
  cl.live = true;
  cl.text_norm2 = AddInto(cl.text, v.text);
  cl.entity_norm2 = AddInto(cl.entities, v.entities);
  cl.days.Add(v.day);
  Reindex(c, index_terms);
}

}  // namespace precis::cluster

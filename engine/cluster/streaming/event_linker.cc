#include "engine/cluster/streaming/event_linker.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/cluster/day_span.h"
#include "engine/cluster/neighbourhood_scale.h"
#include "engine/cluster/posting_search.h"
#include "engine/cluster/weighting.h"

namespace precis::cluster {
namespace {

// Dot product of two vectors sorted by key.
double Dot(const std::vector<WeightedKey>& a, const std::vector<WeightedKey>& b) {
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].key < b[j].key) {
      ++i;
    } else if (b[j].key < a[i].key) {
      ++j;
    } else {
      dot += static_cast<double>(a[i++].weight) * b[j++].weight;
    }
  }
  return dot;
}

}  // namespace

EventLinker::EventLinker(const ClusterOptions& options) : options_(options) {}

double EventLinker::Similarity(const StreamVector& v, const Unit& u) const {
  const double text = Dot(v.text, u.text);
  // As CombineSimilarity (vectors.h) mixes the batch's entity cosine.
  if (options_.entity_weight == 0.0 || v.entities.empty() || u.entities.empty()) return text;
  return (1.0 - options_.entity_weight) * text +
         options_.entity_weight * Dot(v.entities, u.entities);
}

double EventLinker::Scale(const std::vector<float>& nearest) const {
  return NeighbourhoodScale(nearest, options_.scale_neighbours, kMinEdgeCosine,
                            options_.scale_floor);
}

void EventLinker::Keep(float similarity, std::vector<float>& nearest) const {
  const size_t k = static_cast<size_t>(std::max(0, options_.scale_neighbours));
  if (k == 0) return;
  if (nearest.size() == k && similarity <= nearest.back()) return;
  nearest.insert(std::upper_bound(nearest.begin(), nearest.end(), similarity, std::greater<>()),
                 similarity);
  if (nearest.size() > k) nearest.pop_back();
}

EventLinker::Neighbours EventLinker::Find(const StreamVector& v) const {
  using List = std::pair<const std::vector<uint32_t>*, uint64_t>;  // (units, term)
  std::vector<List> lists;
  for (uint64_t term : IndexTerms(v, static_cast<size_t>(options_.index_terms))) {
    auto it = postings_.find(term);
    if (it != postings_.end()) lists.emplace_back(&it->second, term);
  }
  auto length = [](const List& l) { return l.first->size(); };
  SortRarestFirst(lists, length, [](const List& l) { return l.second; });
  std::unordered_map<uint32_t, uint32_t> shared;  // unit -> index terms in common
  ReadWithinBudget(lists, length, static_cast<size_t>(options_.max_postings),
                   static_cast<size_t>(options_.posting_budget), [&](const List& l, size_t read) {
                     // Newest first: a stream's next report is likeliest to
                     // belong with recent ones.
                     for (auto p = l.first->rbegin(); read > 0; ++p, --read) ++shared[*p];
                   });
  std::vector<std::pair<uint32_t, uint32_t>> ranked(shared.begin(), shared.end());
  KeepStrongest(
      ranked, static_cast<size_t>(options_.max_candidates), [](const auto& r) { return r.second; },
      [](const auto& r) { return UINT32_MAX - r.first; });  // ties: the newer unit
  Neighbours n;
  std::vector<float> nearest;
  for (const auto& [u, count] : ranked) {
    const double s = Similarity(v, units_[u]);
    if (s < kMinEdgeCosine) continue;
    n.units.emplace_back(u, static_cast<float>(s));
    Keep(static_cast<float>(s), nearest);
  }
  std::sort(n.units.begin(), n.units.end());
  n.scale = Scale(nearest);
  n.day = v.day;
  return n;
}

std::pair<int64_t, double> EventLinker::BestEvent(
    const Neighbours& n, const std::function<bool(uint32_t)>& accepts) const {
  std::map<uint32_t, double> sums;  // event -> summed scaled similarity
  for (const auto& [u, s] : n.units) {
    const Unit& unit = units_[u];
    // The new unit's scale counts only the units before it: its own event's
    // later reports are missing, so it may look lonelier than it is, and
    // everything near it closer. It is taken as at least the neighbour's.
    const double mu = Scale(unit.nearest);
    const double weight =
        options_.event_day_fade ? EventDayWeight(n.day, unit.day, options_.event_max_days) : 1.0;
    sums[unit.event] += weight * s / std::sqrt(std::max(n.scale, mu) * mu);
  }
  int64_t best = -1;
  double best_link = 0;
  for (const auto& [event, sum] : sums) {
    const double link = sum / static_cast<double>(event_units_[event]);
    if (link < options_.event_threshold || link <= best_link || !accepts(event)) continue;
    best = event;
    best_link = link;
  }
  return {best, best < 0 ? 0.0 : best_link};
}

void EventLinker::Add(const StreamVector& v, uint32_t event, const Neighbours& n) {
  const uint32_t id = static_cast<uint32_t>(units_.size());
  Unit& unit = units_.emplace_back();
  unit.text = v.text;
  if (options_.entity_weight != 0.0) unit.entities = v.entities;
  unit.event = event;
  unit.day = v.day;
  for (const auto& [u, s] : n.units) {
    Keep(s, unit.nearest);
    Keep(s, units_[u].nearest);
  }
  if (event >= event_units_.size()) event_units_.resize(event + 1, 0);
  ++event_units_[event];
  for (uint64_t term : IndexTerms(v, static_cast<size_t>(options_.index_terms)))
    postings_[term].push_back(id);
}

}  // namespace precis::cluster

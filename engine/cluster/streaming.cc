#include "engine/cluster/streaming.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <numeric>

#include "engine/cluster/assemble.h"
#include "engine/cluster/day_span.h"
#include "engine/cluster/labels.h"
#include "engine/cluster/posting_search.h"
#include "engine/cluster/weighting.h"

namespace precis::cluster {
namespace {

using Sums = std::vector<std::pair<uint64_t, double>>;  // sorted by key

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

struct Centroid {
  Sums text, entities;
  double text_norm2 = 0, entity_norm2 = 0;
  std::vector<uint64_t> indexed;  // sorted: the terms it is posted under
  DaySpan days;
  bool live = false;
};

// Centroids of one level (events or stories) and their inverted index.
struct Centroids {
  std::vector<Centroid> clusters;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;  // term -> clusters, oldest first
  std::unordered_map<uint64_t, uint32_t> stale;                  // entries no longer indexed

  bool Indexes(uint32_t c, uint64_t term) const {
    const auto& ix = clusters[c].indexed;
    return std::binary_search(ix.begin(), ix.end(), term);
  }

  // Re-posts cluster c under its current top terms. Removed terms leave
  // stale entries, dropped when they are the majority of a list.
  void Reindex(uint32_t c, size_t index_terms) {
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

  void Add(uint32_t c, const StreamVector& v, size_t index_terms) {
    if (c >= clusters.size()) clusters.resize(c + 1);
    Centroid& cl = clusters[c];
    cl.live = true;
    cl.text_norm2 = AddInto(cl.text, v.text);
    cl.entity_norm2 = AddInto(cl.entities, v.entities);
    cl.days.Add(v.day);
    Reindex(c, index_terms);
  }
};

double CentroidSimilarity(const StreamVector& v, const Centroid& c, double entity_weight) {
  if (c.text_norm2 <= 0) return 0;
  const double text = Dot(v.text, c.text) / std::sqrt(c.text_norm2);
  if (v.entities.empty() || c.entity_norm2 <= 0) return text;
  const double ent = Dot(v.entities, c.entities) / std::sqrt(c.entity_norm2);
  return (1.0 - entity_weight) * text + entity_weight * ent;
}

struct LangCounts {
  uint64_t units = 0;
  std::unordered_map<uint64_t, uint32_t> df;
};

}  // namespace

struct StreamingClusterer::Impl {
  ClusterOptions options;
  const IdfModels* models = nullptr;
  Centroids events, stories;
  std::vector<uint32_t> story_of_event;
  std::map<std::string, LangCounts, std::less<>> counts;
  uint32_t next_event = 0, next_story = 0;

  bool EventAccepts(const Centroid& c, int32_t day) const {
    return WithinDays(c.days, DaySpan::Of(day), options.event_max_days);
  }
  bool StoryAccepts(const Centroid& c, int32_t day) const {
    return WithinWindow(c.days, day, options.story_window_days);
  }

  // The most similar accepted centroid of `level` at or above `threshold`,
  // among those sharing index terms with v. Returns (cluster, similarity).
  template <typename Accepts>
  std::pair<int64_t, double> Search(const Centroids& level, const StreamVector& v,
                                    const std::vector<uint64_t>& terms, double threshold,
                                    Accepts accepts) const {
    std::unordered_map<uint32_t, std::pair<uint32_t, size_t>> hits;  // cluster -> (count, term)
    // Rarest term first, until posting_budget entries are read
    // (posting_search.h); newest entries first within a list.
    using List = std::pair<const std::vector<uint32_t>*, size_t>;  // (list, term)
    std::vector<List> rarest;
    for (size_t t = 0; t < terms.size(); ++t) {
      auto it = level.postings.find(terms[t]);
      if (it != level.postings.end()) rarest.emplace_back(&it->second, t);
    }
    auto length = [](const List& l) { return l.first->size(); };
    // Terms are sorted by key: the smaller index is the smaller key.
    SortRarestFirst(rarest, length, [](const List& l) { return l.second; });
    ReadWithinBudget(rarest, length, static_cast<size_t>(options.max_postings),
                     static_cast<size_t>(options.posting_budget), [&](const List& l, size_t read) {
                       const auto& [list, t] = l;
                       size_t seen = 0;
                       for (auto p = list->rbegin(); seen < read; ++p, ++seen) {
                         if (!level.Indexes(*p, terms[t])) continue;
                         auto [h, inserted] = hits.try_emplace(*p, 0u, t);
                         if (!inserted && h->second.second == t) continue;  // a duplicate entry
                         h->second = {h->second.first + 1, t};
                       }
                     });
    std::vector<std::pair<uint32_t, uint32_t>> ranked;  // (count, cluster)
    ranked.reserve(hits.size());
    for (const auto& [c, h] : hits) {
      if (accepts(level.clusters[c])) ranked.emplace_back(h.first, c);
    }
    const size_t k = std::min(ranked.size(), static_cast<size_t>(options.max_candidates));
    std::partial_sort(ranked.begin(), ranked.begin() + k, ranked.end(),
                      [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second > b.second;
                      });
    int64_t best = -1;
    double best_sim = 0;
    for (size_t i = 0; i < k; ++i) {
      const uint32_t c = ranked[i].second;
      const double sim = CentroidSimilarity(v, level.clusters[c], options.entity_weight);
      if (sim < threshold) continue;
      if (best < 0 || sim > best_sim || (sim == best_sim && c < best)) best = c, best_sim = sim;
    }
    return {best, best_sim};
  }
};

StreamingClusterer::StreamingClusterer(const ClusterOptions& options, const IdfModels* models)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->models = models;
}
StreamingClusterer::~StreamingClusterer() = default;
StreamingClusterer::StreamingClusterer(StreamingClusterer&&) noexcept = default;
StreamingClusterer& StreamingClusterer::operator=(StreamingClusterer&&) noexcept = default;

StreamVector StreamingClusterer::Vectorise(const DocFeatures& f) const {
  StreamVector v;
  v.lang = f.lang;
  v.day = f.day;
  auto lang = impl_->counts.find(f.lang);
  const LangCounts* counts = lang == impl_->counts.end() ? nullptr : &lang->second;
  // The units seen so far plus this one.
  const PooledIdf idf(impl_->models ? impl_->models->For(f.lang) : nullptr,
                      (counts ? counts->units : 0) + 1);
  auto weigh = [&](const std::vector<WeightedKey>& bag, std::vector<WeightedKey>& out) {
    out.resize(bag.size());
    WeighBag(
        bag, idf,
        [&](size_t i) {
          out[i].key = bag[i].key;
          uint32_t df = 1;
          if (counts) {
            auto it = counts->df.find(bag[i].key);
            if (it != counts->df.end()) df += it->second;
          }
          return df;
        },
        [&](size_t i) -> float& { return out[i].weight; });
  };
  weigh(f.terms, v.text);
  weigh(f.entities, v.entities);
  return v;
}

Placement StreamingClusterer::Find(const StreamVector& v) const {
  const Impl& m = *impl_;
  const std::vector<uint64_t> terms = TopKeys(
      v.text, static_cast<size_t>(m.options.index_terms),
      [](const WeightedKey& k) { return k.key; },
      [](const WeightedKey& k) { return static_cast<double>(k.weight); });
  Placement p;
  auto [event, event_sim] = m.Search(m.events, v, terms, m.options.stream_event_threshold,
                                     [&](const Centroid& c) { return m.EventAccepts(c, v.day); });
  if (event >= 0) {
    p.event = static_cast<uint32_t>(event);
    p.story = m.story_of_event[p.event];
    p.similarity = event_sim;
    return p;
  }
  p.event = m.next_event;
  p.new_event = true;
  const double story_threshold =
      std::min(m.options.stream_story_threshold, m.options.stream_event_threshold);
  auto [story, story_sim] = m.Search(m.stories, v, terms, story_threshold,
                                     [&](const Centroid& c) { return m.StoryAccepts(c, v.day); });
  if (story >= 0) {
    p.story = static_cast<uint32_t>(story);
    p.similarity = story_sim;
  } else {
    p.story = m.next_story;
    p.new_story = true;
  }
  return p;
}

void StreamingClusterer::Apply(const StreamVector& v, const Placement& p) {
  Impl& m = *impl_;
  LangCounts& counts = m.counts[v.lang];
  ++counts.units;
  for (const auto* bag : {&v.text, &v.entities}) {
    for (const WeightedKey& k : *bag) ++counts.df[k.key];
  }
  const size_t index_terms = static_cast<size_t>(m.options.index_terms);
  m.events.Add(p.event, v, index_terms);
  if (p.event >= m.story_of_event.size()) m.story_of_event.resize(p.event + 1, UINT32_MAX);
  m.story_of_event[p.event] = p.story;
  m.stories.Add(p.story, v, index_terms);
  m.next_event = std::max(m.next_event, p.event + 1);
  m.next_story = std::max(m.next_story, p.story + 1);
}

Placement StreamingClusterer::Add(const DocFeatures& features, StreamVector* vector) {
  StreamVector v = Vectorise(features);
  const Placement p = Find(v);
  Apply(v, p);
  if (vector) *vector = std::move(v);
  return p;
}

void StreamingClusterer::AddCopy(uint32_t event, int32_t day) {
  Impl& m = *impl_;
  if (event >= m.events.clusters.size()) return;
  m.events.clusters[event].days.Add(day);
  const uint32_t story = m.story_of_event[event];
  if (story < m.stories.clusters.size()) m.stories.clusters[story].days.Add(day);
}

uint32_t StreamingClusterer::StoryOf(uint32_t event) const {
  return event < impl_->story_of_event.size() ? impl_->story_of_event[event] : UINT32_MAX;
}

double StreamingClusterer::EventSimilarity(uint32_t event, const StreamVector& v) const {
  const Centroids& l = impl_->events;
  return event < l.clusters.size()
             ? CentroidSimilarity(v, l.clusters[event], impl_->options.entity_weight)
             : 0.0;
}

double StreamingClusterer::StorySimilarity(uint32_t story, const StreamVector& v) const {
  const Centroids& l = impl_->stories;
  return story < l.clusters.size()
             ? CentroidSimilarity(v, l.clusters[story], impl_->options.entity_weight)
             : 0.0;
}

uint32_t StreamingClusterer::next_event() const { return impl_->next_event; }
uint32_t StreamingClusterer::next_story() const { return impl_->next_story; }
void StreamingClusterer::ReserveIds(uint32_t next_event, uint32_t next_story) {
  impl_->next_event = std::max(impl_->next_event, next_event);
  impl_->next_story = std::max(impl_->next_story, next_story);
}

std::vector<Story> AssembleStories(const std::vector<StreamedDocument>& documents,
                                   const Result& result, const StreamingClusterer& clusterer,
                                   bool stable_ids,
                                   const std::function<std::string(uint32_t)>& title_of) {
  // The clusterer's ids, ascending, numbered densely for Assemble.
  std::map<uint32_t, uint32_t> event_index, story_index;
  auto story_of = [&](const StreamedDocument& doc) {
    return doc.story != UINT32_MAX ? doc.story : clusterer.StoryOf(doc.event);
  };
  for (const StreamedDocument& doc : documents) {
    if (doc.event == UINT32_MAX) continue;
    event_index.emplace(doc.event, 0);
    story_index.emplace(story_of(doc), 0);
  }
  std::vector<uint32_t> event_id, story_id;  // by dense index
  for (auto* index : {&event_index, &story_index}) {
    std::vector<uint32_t>& ids = index == &event_index ? event_id : story_id;
    for (auto& [id, dense] : *index) {
      dense = static_cast<uint32_t>(ids.size());
      ids.push_back(id);
    }
  }
  StoryAssembly assembly;
  if (stable_ids) assembly.event_ids = event_id, assembly.story_ids = story_id;
  assembly.story_of_event.resize(event_index.size());
  assembly.documents.resize(documents.size());
  for (uint32_t d = 0; d < documents.size(); ++d) {
    const StreamedDocument& doc = documents[d];
    if (doc.event == UINT32_MAX) continue;
    const uint32_t e = event_index.at(doc.event);
    assembly.story_of_event[e] = story_index.at(story_of(doc));
    assembly.documents[d] = {e, doc.vector != nullptr, doc.day, doc.entity_names};
  }
  // A unit is labelled by its similarity to its cluster's centroid.
  assembly.centrality = [&](Level level, uint32_t c, uint32_t d) {
    const StreamVector& v = *documents[d].vector;
    return level == Level::kEvent ? clusterer.EventSimilarity(event_id[c], v)
                                  : clusterer.StorySimilarity(story_id[c], v);
  };
  assembly.title_of = [&](uint32_t d) { return title_of ? title_of(d) : DocumentTitle(result, d); };
  return Assemble(assembly, result.dedup, nullptr);
}

namespace {

// Near-duplicate groups as they stand while documents arrive: union-find
// whose root remembers the group's earliest member (in arrival position).
class ArrivalGroups {
 public:
  explicit ArrivalGroups(size_t n) : parent_(n), earliest_(n) {
    std::iota(parent_.begin(), parent_.end(), uint32_t{0});
    std::iota(earliest_.begin(), earliest_.end(), uint32_t{0});
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // `position` orders documents by arrival.
  template <typename Position>
  void Union(uint32_t a, uint32_t b, Position position) {
    a = Find(a), b = Find(b);
    if (a == b) return;
    const uint32_t e =
        position(earliest_[a]) < position(earliest_[b]) ? earliest_[a] : earliest_[b];
    parent_[b] = a;
    earliest_[a] = e;
  }
  uint32_t Earliest(uint32_t x) { return earliest_[Find(x)]; }

 private:
  std::vector<uint32_t> parent_, earliest_;
};

}  // namespace

std::vector<Story> StreamStories(const std::vector<DocFeatures>& features, const Result& result,
                                 const IdfModels* models, const ClusterOptions& options,
                                 const std::function<std::string(uint32_t)>& title_of) {
  const size_t n = features.size();
  if (n == 0) return {};
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  // Documents are sorted by id, so index order breaks date ties by id.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return result.documents[a].date < result.documents[b].date;
  });
  std::vector<uint32_t> position(n);
  for (uint32_t p = 0; p < n; ++p) position[order[p]] = p;
  auto pos = [&](uint32_t d) { return position[d]; };

  // Nodes: an exact group is one node (its members have one body), any other
  // document its own. Verified near-duplicate pairs link nodes.
  const auto& exact = result.dedup.exact_groups;
  std::vector<uint32_t> node_of(n);
  std::iota(node_of.begin(), node_of.end(), 0u);
  for (size_t g = 0; g < exact.size(); ++g) {
    for (uint32_t m : exact[g].members) node_of[m] = static_cast<uint32_t>(n + g);
  }
  std::vector<std::vector<uint32_t>> links(n + exact.size());
  for (const DuplicateGroup& g : result.dedup.near_duplicate_groups) {
    for (const SimilarPair& p : g.pairs) {
      const uint32_t a = node_of[p.a], b = node_of[p.b];
      if (a == b) continue;
      links[a].push_back(b);
      links[b].push_back(a);
    }
  }
  std::vector<int64_t> first_of_node(n + exact.size(), -1);

  StreamingClusterer clusterer(options, models);
  ArrivalGroups groups(n);
  std::vector<StreamVector> vectors(n);
  std::vector<StreamedDocument> streamed(n);
  for (const uint32_t d : order) {
    StreamedDocument& sd = streamed[d];
    sd.day = features[d].day;
    sd.entity_names = &features[d].entity_names;
    const uint32_t node = node_of[d];
    // Earlier group members this document is a copy of (at most one per group).
    std::vector<uint32_t> matched;
    if (first_of_node[node] >= 0) {
      matched.push_back(static_cast<uint32_t>(first_of_node[node]));
    } else {
      first_of_node[node] = d;
      for (uint32_t other : links[node]) {
        if (first_of_node[other] >= 0)
          matched.push_back(static_cast<uint32_t>(first_of_node[other]));
      }
    }
    if (!matched.empty()) {
      uint32_t target = groups.Earliest(matched.front());
      for (uint32_t m : matched) {
        const uint32_t e = groups.Earliest(m);
        if (pos(e) < pos(target)) target = e;
      }
      for (uint32_t m : matched) groups.Union(m, d, pos);
      sd.event = streamed[target].event;
      clusterer.AddCopy(sd.event, sd.day);
      continue;
    }
    sd.event = clusterer.Add(features[d], &vectors[d]).event;
    sd.vector = &vectors[d];
  }
  return AssembleStories(streamed, result, clusterer, false, title_of);
}

}  // namespace precis::cluster

#include "engine/cluster/streaming/clusterer.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "engine/cluster/day_span.h"
#include "engine/cluster/posting_search.h"
#include "engine/cluster/streaming/event_linker.h"
#include "engine/cluster/weighting.h"

namespace precis::cluster {
namespace {

struct LangCounts {
  uint64_t units = 0;
  std::unordered_map<uint64_t, uint32_t> df;
};

}  // namespace

struct StreamingClusterer::Impl {
  Impl(const ClusterOptions& o, const IdfModels* m) : options(o), models(m), linker(o) {}

  ClusterOptions options;
  const IdfModels* models = nullptr;
  EventLinker linker;
  Centroids events, stories;
  std::vector<uint32_t> story_of_event;
  std::map<std::string, LangCounts, std::less<>> counts;
  uint32_t next_event = 0, next_story = 0;

  // The linker's neighbours of v. Find and the Apply that follows it (Add,
  // or the incremental engine's commit) ask for the same unit: the search is
  // done once, and again only if another unit was applied in between.
  struct LastFind {
    size_t units = 0;
    std::vector<WeightedKey> text;
    EventLinker::Neighbours neighbours;
  };
  mutable std::optional<LastFind> last_find;

  const EventLinker::Neighbours& Neighbours(const StreamVector& v) const {
    auto same = [](const WeightedKey& a, const WeightedKey& b) {
      return a.key == b.key && a.weight == b.weight;
    };
    if (!last_find || last_find->units != linker.units() ||
        !std::equal(v.text.begin(), v.text.end(), last_find->text.begin(), last_find->text.end(),
                    same))
      last_find = LastFind{linker.units(), v.text, linker.Find(v)};
    return last_find->neighbours;
  }

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
    : impl_(std::make_unique<Impl>(options, models)) {}
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
  const std::vector<uint64_t> terms = IndexTerms(v, static_cast<size_t>(m.options.index_terms));
  Placement p;
  auto [event, event_sim] = m.linker.BestEvent(
      m.Neighbours(v), [&](uint32_t e) { return m.EventAccepts(m.events.clusters[e], v.day); });
  if (event >= 0) {
    p.event = static_cast<uint32_t>(event);
    p.story = m.story_of_event[p.event];
    p.similarity = event_sim;
    return p;
  }
  p.event = m.next_event;
  p.new_event = true;
  auto [story, story_sim] = m.Search(m.stories, v, terms, m.options.stream_story_threshold,
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
  m.linker.Add(v, p.event, m.Neighbours(v));
  m.last_find.reset();
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

}  // namespace precis::cluster

#include "engine/cluster/assemble.h"

#include <algorithm>
#include <span>

namespace precis::cluster {
namespace {

// What orders a cluster among its peers.
struct Rank {
  size_t units = 0;
  int32_t last_day = DocFeatures::kNoDay;       // of its documents
  int32_t last_unit_day = DocFeatures::kNoDay;  // of its units
  uint32_t first_document = UINT32_MAX;
  uint32_t first_unit = UINT32_MAX;
};

bool Before(const Rank& x, const Rank& y, bool ties_by_first_unit) {
  const size_t ux = std::max<size_t>(x.units, 1), uy = std::max<size_t>(y.units, 1);
  if (ux != uy) return ux > uy;
  const int32_t dx = x.units > 0 ? x.last_unit_day : x.last_day;
  const int32_t dy = y.units > 0 ? y.last_unit_day : y.last_day;
  if (dx != dy) return dx > dy;
  auto first = [&](const Rank& r) {
    return ties_by_first_unit && r.units > 0 ? r.first_unit : r.first_document;
  };
  return first(x) < first(y);
}

// The documents of each cluster of one level, ascending, in CSR form.
struct Clusters {
  std::vector<size_t> offset;  // cluster c: documents[offset[c], offset[c + 1])
  std::vector<uint32_t> documents;
  std::vector<Rank> rank;

  std::span<const uint32_t> of(uint32_t c) const {
    return {documents.data() + offset[c], offset[c + 1] - offset[c]};
  }
};

template <typename ClusterOf>
Clusters Group(const std::vector<PlacedDocument>& docs, size_t count, ClusterOf cluster_of) {
  Clusters c;
  c.offset.assign(count + 1, 0);
  c.rank.resize(count);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const PlacedDocument& doc = docs[d];
    if (doc.event == PlacedDocument::kNotPlaced) continue;
    const uint32_t k = cluster_of(doc);
    ++c.offset[k + 1];
    Rank& r = c.rank[k];
    if (r.first_document == UINT32_MAX) r.first_document = d;
    r.last_day = std::max(r.last_day, doc.day);
    if (doc.unit) {
      if (r.units++ == 0) r.first_unit = d;
      r.last_unit_day = std::max(r.last_unit_day, doc.day);
    }
  }
  for (size_t k = 1; k <= count; ++k) c.offset[k] += c.offset[k - 1];
  c.documents.resize(c.offset[count]);
  std::vector<size_t> fill(c.offset.begin(), c.offset.end() - 1);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    if (docs[d].event != PlacedDocument::kNotPlaced) c.documents[fill[cluster_of(docs[d])]++] = d;
  }
  return c;
}

class Assembler {
 public:
  Assembler(const StoryAssembly& a, const DedupResult& dedup) : a_(a) {
    const std::vector<PlacedDocument>& docs = a.documents;
    size_t stories = 0;
    for (uint32_t s : a.story_of_event) stories = std::max<size_t>(stories, s + 1);
    events_ = Group(docs, a.story_of_event.size(), [](const PlacedDocument& d) { return d.event; });
    stories_ =
        Group(docs, stories, [&](const PlacedDocument& d) { return a.story_of_event[d.event]; });
    events_of_story_.resize(stories);
    for (uint32_t e = 0; e < a.story_of_event.size(); ++e) {
      if (!events_.of(e).empty()) events_of_story_[a.story_of_event[e]].push_back(e);
    }
    group_of_doc_.assign(docs.size(), -1);
    const auto& groups = dedup.near_duplicate_groups;
    for (size_t g = 0; g < groups.size(); ++g) {
      for (uint32_t m : groups[g].members) {
        if (m < docs.size()) group_of_doc_[m] = static_cast<int64_t>(g);
      }
    }
  }

  // Stories with documents, first to last.
  std::vector<uint32_t> StoryOrder() const {
    std::vector<uint32_t> order;
    for (uint32_t s = 0; s < events_of_story_.size(); ++s) {
      if (!stories_.of(s).empty()) order.push_back(s);
    }
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return Before(stories_.rank[x], stories_.rank[y], a_.ties_by_first_unit);
    });
    return order;
  }

  // Story s at output position `rank` (event ids left 0 when they are ranks).
  Story MakeStory(uint32_t s, size_t rank) const {
    Story story;
    story.id = a_.story_ids.empty() ? static_cast<uint32_t>(rank) : a_.story_ids[s];
    const std::span<const uint32_t> docs = stories_.of(s);
    story.label = a_.title_of(Central(Level::kStory, s, docs));
    story.entities = Entities(docs);
    story.documents.assign(docs.begin(), docs.end());
    std::vector<uint32_t> evs = events_of_story_[s];
    std::sort(evs.begin(), evs.end(), [&](uint32_t x, uint32_t y) {
      return Before(events_.rank[x], events_.rank[y], a_.ties_by_first_unit);
    });
    for (uint32_t e : evs) story.events.push_back(MakeEvent(e));
    return story;
  }

 private:
  Event MakeEvent(uint32_t e) const {
    Event ev;
    ev.id = a_.event_ids.empty() ? 0 : a_.event_ids[e];
    const std::span<const uint32_t> docs = events_.of(e);
    ev.label = a_.title_of(Central(Level::kEvent, e, docs));
    ev.entities = Entities(docs);
    ev.documents.assign(docs.begin(), docs.end());
    for (uint32_t d : docs) {
      if (group_of_doc_[d] >= 0)
        ev.near_duplicate_groups.push_back(static_cast<uint32_t>(group_of_doc_[d]));
    }
    std::sort(ev.near_duplicate_groups.begin(), ev.near_duplicate_groups.end());
    ev.near_duplicate_groups.erase(
        std::unique(ev.near_duplicate_groups.begin(), ev.near_duplicate_groups.end()),
        ev.near_duplicate_groups.end());
    return ev;
  }

  // The most central unit (the first on ties), else the first document.
  uint32_t Central(Level level, uint32_t c, std::span<const uint32_t> docs) const {
    uint32_t best = docs.front();
    double best_score = -1;
    for (uint32_t d : docs) {
      if (!a_.documents[d].unit) continue;
      const double score = a_.centrality(level, c, d);
      if (score > best_score) best_score = score, best = d;
    }
    return best;
  }

  std::vector<std::string> Entities(std::span<const uint32_t> docs) const {
    std::vector<const EntityNames*> lists;
    for (uint32_t d : docs) {
      if (a_.documents[d].unit) lists.push_back(a_.documents[d].entity_names);
    }
    return TopEntities(lists);
  }

  const StoryAssembly& a_;
  Clusters events_, stories_;
  std::vector<std::vector<uint32_t>> events_of_story_;
  std::vector<int64_t> group_of_doc_;
};

}  // namespace

std::vector<Story> Assemble(const StoryAssembly& assembly, const DedupResult& dedup,
                            Parallel* parallel) {
  const Assembler assembler(assembly, dedup);
  const std::vector<uint32_t> order = assembler.StoryOrder();
  std::vector<Story> stories(order.size());
  auto make = [&](size_t rank) { stories[rank] = assembler.MakeStory(order[rank], rank); };
  if (parallel != nullptr) {
    parallel->For(order.size(), make);
  } else {
    for (size_t rank = 0; rank < order.size(); ++rank) make(rank);
  }
  if (assembly.event_ids.empty()) {
    uint32_t next_event = 0;
    for (Story& story : stories) {
      for (Event& event : story.events) event.id = next_event++;
    }
  }
  return stories;
}

}  // namespace precis::cluster

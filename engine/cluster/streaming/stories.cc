#include "engine/cluster/streaming/stories.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "engine/cluster/assemble.h"
#include "engine/cluster/labels.h"
#include "engine/common/union_find.h"

namespace precis::cluster {

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

// Near-duplicate groups as they stand while documents arrive, each
// remembering its earliest member (in arrival position).
class ArrivalGroups {
 public:
  explicit ArrivalGroups(size_t n) : sets_(n), earliest_(n) {
    std::iota(earliest_.begin(), earliest_.end(), uint32_t{0});
  }
  // `position` orders documents by arrival.
  template <typename Position>
  void Union(uint32_t a, uint32_t b, Position position) {
    const uint32_t ea = Earliest(a), eb = Earliest(b);
    sets_.Union(a, b);
    earliest_[sets_.Find(a)] = position(ea) < position(eb) ? ea : eb;
  }
  uint32_t Earliest(uint32_t x) { return earliest_[sets_.Find(x)]; }

 private:
  UnionFind sets_;
  std::vector<uint32_t> earliest_;  // by root
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

#include "engine/cluster/batch/stories.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "engine/cluster/assemble.h"
#include "engine/cluster/batch/candidates.h"
#include "engine/cluster/batch/linkage.h"
#include "engine/cluster/batch/local_scale.h"
#include "engine/cluster/day_span.h"
#include "engine/cluster/labels.h"
#include "engine/common/memory.h"

namespace precis::cluster {

StatusOr<std::vector<Story>> BuildStories(std::vector<DocFeatures>& features,
                                          const SpillStore* bags, const Result& result,
                                          const IdfModels* models, const ClusterOptions& options,
                                          Parallel& parallel, ClusterIndex* index,
                                          std::vector<StageTiming>* parts,
                                          const std::function<std::string(uint32_t)>& title_of) {
  const size_t n = features.size();
  if (n == 0) return std::vector<Story>();
  auto label = [&](uint32_t doc) { return title_of ? title_of(doc) : DocumentTitle(result, doc); };
  auto part_start = std::chrono::steady_clock::now();
  auto end_part = [&](const char* name, uint64_t items) {
    const auto now = std::chrono::steady_clock::now();
    if (parts) {
      parts->push_back(
          {name, std::chrono::duration<double>(now - part_start).count(), items, PeakRssBytes()});
    }
    part_start = now;
  };
  // 1. Units: near-duplicate groups enter as their canonical member.
  std::vector<uint32_t> canonical(n);
  for (uint32_t i = 0; i < n; ++i) canonical[i] = i;
  for (const DuplicateGroup& g : result.dedup.near_duplicate_groups) {
    for (uint32_t m : g.members) {
      if (m < n) canonical[m] = g.canonical;
    }
  }
  std::vector<uint32_t> unit_of_doc(n, UINT32_MAX), doc_of_unit;
  for (uint32_t i = 0; i < n; ++i) {
    if (canonical[i] == i) {
      unit_of_doc[i] = static_cast<uint32_t>(doc_of_unit.size());
      doc_of_unit.push_back(i);
    }
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (unit_of_doc[i] == UINT32_MAX) unit_of_doc[i] = unit_of_doc[canonical[i]];
  }
  const size_t units = doc_of_unit.size();
  std::vector<const DocFeatures*> unit_features(units);
  std::vector<int32_t> days(units);
  for (size_t u = 0; u < units; ++u) {
    unit_features[u] = &features[doc_of_unit[u]];
    days[u] = unit_features[u]->day;
  }

  // 2. Vectors, candidate edges, average linkage.
  if (bags != nullptr) {
    // The units' entity names, for the labels; their bags are read back
    // while the vectors are built.
    std::atomic<bool> read_back{true};
    parallel.For(
        units,
        [&](size_t u) {
          const uint32_t d = doc_of_unit[u];
          std::vector<std::byte> record(bags->size(d));
          DocFeatures f;
          if (!bags->Get(d, record.data()) || !RestoreBags(record, &f)) {
            read_back.store(false, std::memory_order_relaxed);
          }
          features[d].entity_names = std::move(f.entity_names);
        },
        64);
    if (!read_back.load()) {
      return Status::IOError(
          "could not read the cluster features back from their temporary file (in $TMPDIR, "
          "else /tmp); check that the disk is not full or failing");
    }
  }
  StatusOr<UnitVectors> built = BuildVectors(unit_features, models, parallel, bags, doc_of_unit);
  if (!built.ok()) return built.status();
  UnitVectors vectors = std::move(built).value();
  parallel.For(
      n,
      [&](size_t i) {
        std::vector<WeightedKey>().swap(features[i].terms);
        std::vector<WeightedKey>().swap(features[i].entities);
      },
      256);
  end_part("cluster/vectors", units);
  const double story_threshold = std::min(options.story_threshold, options.event_threshold);
  std::vector<Edge> edges = FindCandidates(vectors, options, kMinEdgeCosine, parallel);
  // Each unit's edges, for the local scale, the linkage and centrality.
  Adjacency adjacency = BuildAdjacency(units, edges);
  std::vector<Edge>().swap(edges);
  end_part("cluster/candidates", units);
  std::vector<double> scale = LocalScale(options.scale_neighbours, kMinEdgeCosine,
                                         options.scale_floor, parallel, &adjacency);
  end_part("cluster/scale", units);
  const Hierarchy h =
      AverageLinkage(adjacency, days,
                     {options.event_threshold, story_threshold, options.event_max_days,
                      options.story_prior_pairs, options.event_day_fade, options.story_window_days},
                     &parallel);
  end_part("cluster/linkage", units);

  // 3. Stories and events of the documents (assemble.h): a unit is labelled
  // by its summed similarity to the other units of its cluster.
  std::vector<uint32_t> story_of_unit(units);
  for (uint32_t u = 0; u < units; ++u) story_of_unit[u] = h.story_of_event[h.event_of_unit[u]];
  StoryAssembly assembly;
  assembly.documents.resize(n);
  for (uint32_t d = 0; d < n; ++d) {
    const bool unit = canonical[d] == d;
    assembly.documents[d] = {h.event_of_unit[unit_of_doc[d]], unit, features[d].day,
                             unit ? &features[d].entity_names : nullptr};
  }
  assembly.story_of_event = h.story_of_event;
  assembly.ties_by_first_unit = true;
  assembly.centrality = [&](Level level, uint32_t c, uint32_t d) {
    const std::vector<uint32_t>& cluster_of =
        level == Level::kEvent ? h.event_of_unit : story_of_unit;
    const uint32_t u = unit_of_doc[d];
    double sum = 0;
    for (size_t e = adjacency.offset[u]; e < adjacency.offset[u + 1]; ++e) {
      const auto& [v, similarity] = adjacency.neighbours[e];
      if (cluster_of[v] == c) sum += similarity;
    }
    return sum;
  };
  assembly.title_of = label;
  std::vector<Story> stories = Assemble(assembly, result.dedup, &parallel);
  end_part("cluster/stories", stories.size());
  if (index) {
    index->vectors = std::move(vectors);
    index->unit_of_doc = std::move(unit_of_doc);
    index->doc_of_unit = std::move(doc_of_unit);
    index->scale = std::move(scale);
    index->days = std::move(days);
  }
  return stories;
}

PairExplanation ExplainPair(const ClusterIndex& index, uint32_t a, uint32_t b,
                            const std::unordered_map<uint64_t, std::string>& names,
                            const ClusterOptions& options) {
  PairExplanation x;
  x.a = a;
  x.b = b;
  const uint32_t ua = index.unit_of_doc[a], ub = index.unit_of_doc[b];
  x.compared_a = index.doc_of_unit[ua];
  x.compared_b = index.doc_of_unit[ub];
  const UnitVectors& v = index.vectors;
  x.text_cosine = v.text.row(ua).dot(v.text.row(ub));
  x.entity_cosine = v.entities.row(ua).dot(v.entities.row(ub));
  x.similarity = ua == ub ? 1.0 : Similarity(v, ua, ub, options.entity_weight);
  x.scale_a = index.scale.empty() ? 1.0 : index.scale[ua];
  x.scale_b = index.scale.empty() ? 1.0 : index.scale[ub];
  x.scaled_similarity = x.similarity / std::sqrt(x.scale_a * x.scale_b);
  if (options.event_day_fade && ua < index.days.size() && ub < index.days.size()) {
    x.event_day_weight = EventDayWeight(index.days[ua], index.days[ub], options.event_max_days);
  }
  auto shared = [&](const SparseRows& m, const std::vector<uint64_t>& keys) {
    std::vector<PairExplanation::Shared> out;
    SparseRows::InnerIterator ia(m, ua), ib(m, ub);
    while (ia && ib) {
      if (ia.col() < ib.col()) {
        ++ia;
      } else if (ib.col() < ia.col()) {
        ++ib;
      } else {
        const uint64_t key = keys[static_cast<size_t>(ia.col())];
        auto it = names.find(key);
        std::string name;
        if (it != names.end()) {
          name = it->second;
        } else {
          char hex[20];
          std::snprintf(hex, sizeof hex, "#%016llx", static_cast<unsigned long long>(key));
          name = hex;
        }
        out.push_back({std::move(name), ia.value(), ib.value()});
        ++ia;
        ++ib;
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& p, const auto& q) {
      const double cp = p.weight_a * p.weight_b, cq = q.weight_a * q.weight_b;
      return cp != cq ? cp > cq : p.name < q.name;
    });
    return out;
  };
  x.shared_terms = shared(v.text, v.term_keys);
  x.shared_entities = shared(v.entities, v.entity_keys);
  return x;
}

}  // namespace precis::cluster

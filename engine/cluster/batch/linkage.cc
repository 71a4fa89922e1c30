#include "engine/cluster/batch/linkage.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <optional>
#include <queue>

#include "engine/cluster/day_span.h"
#include "engine/common/union_find.h"

namespace precis::cluster {
namespace {

// A pair of clusters worth merging. A cluster is named by its smallest unit
// (name_a < name_b), which orders ties; it is stored in the slot of whichever
// side had more links when it formed (a, b: slots; va, vb: their versions).
struct Candidate {
  double link;
  uint32_t name_a, name_b;
  uint32_t a, b;
  uint32_t va, vb;
};

// Max-heap order: higher linkage first, then smaller names.
struct Lower {
  bool operator()(const Candidate& x, const Candidate& y) const {
    if (x.link != y.link) return x.link < y.link;
    if (x.name_a != y.name_a) return x.name_a > y.name_a;
    return x.name_b > y.name_b;
  }
};

uint32_t Find(std::vector<uint32_t>& parent, uint32_t x) {
  return FindRoot(x, [&](uint32_t y) -> uint32_t& { return parent[y]; });
}

// Renumbers roots 0.. in order of first appearance.
std::vector<uint32_t> Labels(std::vector<uint32_t>& parent) {
  const size_t n = parent.size();
  std::vector<uint32_t> id(n, UINT32_MAX), out(n);
  uint32_t next = 0;
  for (uint32_t u = 0; u < n; ++u) {
    const uint32_t r = Find(parent, u);
    if (id[r] == UINT32_MAX) id[r] = next++;
    out[u] = id[r];
  }
  return out;
}

}  // namespace

Hierarchy HierarchyFromParents(std::vector<uint32_t> event_parent,
                               std::vector<uint32_t> story_parent) {
  Hierarchy h;
  h.event_of_unit = Labels(event_parent);
  const std::vector<uint32_t> story_of_unit = Labels(story_parent);
  uint32_t events = 0;
  for (uint32_t e : h.event_of_unit) events = std::max(events, e + 1);
  h.story_of_event.assign(events, 0);
  for (size_t u = 0; u < h.event_of_unit.size(); ++u) {
    h.story_of_event[h.event_of_unit[u]] = story_of_unit[u];
  }
  return h;
}

namespace {

// Links of one cluster: (other cluster's slot, summed edge similarity).
//
// A merge rewrites only the merged cluster's links. Its neighbours' lists
// keep naming the absorbed slot: redirecting them would cost a search and a
// shift in each neighbour's list per merge, quadratic in the degree of the
// hubs that large stories form (it dominated the linkage at 300k reports).
// Instead, whoever reads a list resolves each slot to its cluster and adds up
// the sums that now point at one cluster (Compact). Float similarities of at
// least 1/64 have at most 29 fractional bits, so a double sums up to 2^24 of
// them exactly and the order they are added in does not change the result;
// smaller ones could differ in the last bit, which matters only for exact
// ties.
using Links = std::vector<std::pair<uint32_t, double>>;

// How push_best treats a cluster's links: read them, folding them only if
// one names an absorbed slot (kCheck); fold them first (kFold); or read them
// as they are, known to be folded (kFolded: right after a merge).
enum class Lists { kCheck, kFold, kFolded };

// What the linkage reads of a slot for every link that names it: whether it
// is still a cluster (parent), its size, version and date span, and
// Compact's per-slot sum, stamped with the call that wrote it. One 32-byte
// record per slot, so a link costs one cache line, not one per array: at a
// million reports the per-slot data is several times the cache, and the
// links name slots all over it (a profile of the linkage there was mostly
// the first touch of a linked slot). Names are read only for links that may
// be a cluster's best, and live apart.
struct Node {
  uint32_t parent = 0;
  uint32_t size = 1;
  uint32_t version = 0;
  uint32_t stamp = 0;
  DaySpan span;
  double sum = 0;
};
static_assert(sizeof(Node) == 32);

uint32_t Find(std::vector<Node>& node, uint32_t x) {
  return FindRoot(x, [&](uint32_t y) -> uint32_t& { return node[y].parent; });
}

// Scratch for Compact.
struct LinkScratch {
  std::vector<uint32_t> touched;
  uint32_t call = 0;
  // Compact's output. The caller swaps it with the list it replaces, so the
  // replaced list's buffer serves the next call: a hub's list is rewritten
  // at every merge into it, and was allocated afresh each time (hundreds of
  // kilobytes for the largest stories).
  Links out;
};

// Sets s.out to the links `each_link` enumerates (calling its argument with
// each slot and sum), resolved to current clusters, sums added per cluster,
// links to `self` dropped; in order of first appearance.
template <typename EachLink>
void Compact(uint32_t self, std::vector<Node>& node, LinkScratch& s, EachLink each_link) {
  ++s.call;
  s.touched.clear();
  each_link([&](uint32_t slot, double sum) {
    const uint32_t c = Find(node, slot);
    if (c == self) return;
    Node& t = node[c];
    if (t.stamp != s.call) {
      t.stamp = s.call;
      t.sum = sum;
      s.touched.push_back(c);
    } else {
      t.sum += sum;
    }
  });
  s.out.clear();
  s.out.reserve(s.touched.size());
  for (uint32_t c : s.touched) s.out.emplace_back(c, node[c].sum);
}

// Units in breadth-first order over the edges that could decide a merge
// (similarity at least the lower threshold), each search started from the
// smallest unit not yet reached. Every cluster the linkage can form lies in
// one component of those edges (an average at or above the threshold needs
// one edge at or above it), so a cluster's slots and its neighbours' lie
// near each other in the per-slot arrays.
std::vector<uint32_t> LocalityOrder(const Adjacency& adjacency, const LinkageOptions& options) {
  const size_t n = adjacency.units();
  const float floor =
      static_cast<float>(std::min(options.story_threshold, options.event_threshold));
  std::vector<uint32_t> order;
  order.reserve(n);
  std::vector<char> reached(n, 0);
  for (uint32_t start = 0; start < n; ++start) {
    if (reached[start]) continue;
    reached[start] = 1;
    order.push_back(start);
    for (size_t head = order.size() - 1; head < order.size(); ++head) {
      const uint32_t u = order[head];
      for (size_t e = adjacency.offset[u]; e < adjacency.offset[u + 1]; ++e) {
        const auto& [v, similarity] = adjacency.neighbours[e];
        if (similarity >= floor && !reached[v]) {
          reached[v] = 1;
          order.push_back(v);
        }
      }
    }
  }
  return order;
}

}  // namespace

Hierarchy AverageLinkage(size_t n, const std::vector<Edge>& edges, const std::vector<int32_t>& days,
                         const LinkageOptions& options, Parallel* parallel) {
  // Repeated edges of one pair add up, as they always did.
  std::vector<Edge> unique = edges;
  for (Edge& e : unique) {
    if (e.a > e.b) std::swap(e.a, e.b);
  }
  std::sort(unique.begin(), unique.end(),
            [](const Edge& x, const Edge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  size_t w = 0;
  for (size_t r = 0; r < unique.size(); ++r) {
    if (w > 0 && unique[w - 1].a == unique[r].a && unique[w - 1].b == unique[r].b) {
      unique[w - 1].similarity += unique[r].similarity;
    } else {
      unique[w++] = unique[r];
    }
  }
  unique.resize(w);
  return AverageLinkage(BuildAdjacency(n, unique), days, options, parallel);
}

namespace {

// One run of the average linkage: the clusters (in slots), their links and
// the heap of each cluster's best link, with the steps that change them.
//
// The heap holds one entry per cluster: its best link (highest linkage, then
// smallest names) at or above the level's threshold, as of when the entry was
// made. A link's linkage changes only when one of its clusters merges, and a
// merge recomputes the merged cluster's best; an entry whose pair has changed
// since is stale, and popping it recomputes its owner's best. Every current
// link is thus covered by an entry ranking at least as high, so the first
// valid entry popped is the best link overall: the same merges, in the same
// order, as a heap of every link, but the heap holds a few entries per
// cluster instead of every edge (tens of millions at a million reports, whose
// cache misses made the linkage super-linear).
class Linkage {
 public:
  Linkage(const Adjacency& adjacency, const std::vector<int32_t>& days,
          const LinkageOptions& options, Parallel* parallel)
      : adjacency_(adjacency),
        days_(days),
        options_(options),
        parallel_(parallel),
        n_(adjacency.units()),
        unit_of_slot_(LocalityOrder(adjacency, options)),
        slot_of_unit_(n_),
        links_(n_),
        owned_(n_, 0),
        node_(n_),
        name_(n_) {
    for (uint32_t x = 0; x < n_; ++x) slot_of_unit_[unit_of_slot_[x]] = x;
    for (uint32_t x = 0; x < n_; ++x) {
      const uint32_t u = unit_of_slot_[x];
      node_[x].parent = x;
      name_[x] = u;
      if (!days.empty()) node_[x].span = {days[u], days[u]};
    }
    const bool dated = std::any_of(days.begin(), days.end(),
                                   [](int32_t day) { return day != DocFeatures::kNoDay; });
    fade_ = dated && options.day_fade && options.max_days > 0;
    story_fade_ = dated && options.story_window_days > 0;
  }

  Hierarchy Run() {
    // Events: merges at or above event_threshold, date-gated.
    threshold_ = options_.event_threshold;
    gate_ = true;
    FillHeap(Lists::kCheck);
    Merge();
    std::vector<uint32_t> events = Parents();
    // Stories: the events merged on down to story_threshold, undated, with
    // story_prior_pairs added to every average.
    threshold_ = std::min(options_.story_threshold, options_.event_threshold);
    gate_ = false;
    prior_ = options_.story_prior_pairs;
    if (fade_ || story_fade_) {
      SumStoryLinks();
      FillHeap(Lists::kFolded);
    } else {
      FillHeap(Lists::kFold);
    }
    Merge();
    std::vector<uint32_t> stories = Parents();
    return HierarchyFromParents(ByUnit(events), ByUnit(stories));
  }

 private:
  struct Entry {
    Candidate pair;
    uint32_t owner, owner_version;
  };
  struct EntryLower {
    bool operator()(const Entry& x, const Entry& y) const { return Lower()(x.pair, y.pair); }
  };

  // Calls f(slot, sum) for every link of cluster x: its own list once it has
  // merged or been folded, else its unit's adjacency (day-weighted while
  // building events with fade_). The linked slots' records are asked for a
  // few links ahead: they lie anywhere in `node_`, which at a million
  // reports is many times the cache.
  template <typename F>
  void EachLink(uint32_t x, F&& f) const {
    constexpr size_t kAhead = 8;
    if (owned_[x]) {
      const Links& list = links_[x];
      for (size_t i = 0; i < list.size(); ++i) {
        if (i + kAhead < list.size()) __builtin_prefetch(&node_[list[i + kAhead].first]);
        f(list[i].first, list[i].second);
      }
    } else {
      EachUnitEdge(x, fade_ && gate_ ? Weights::kEvent : Weights::kNone, f);
    }
  }

  // How a unit's edges are weighted by the days between its two reports.
  enum class Weights { kNone, kEvent, kStory };

  // Calls f(slot, similarity) for every edge of the unit first in slot x,
  // each similarity times EventDayWeight (kEvent) or StoryDayWeight (kStory),
  // rounded to a float as the edges are (see Links: sums stay exact).
  template <typename F>
  void EachUnitEdge(uint32_t x, Weights weights, F&& f) const {
    constexpr size_t kAhead = 8;
    const uint32_t u = unit_of_slot_[x];
    const size_t end = adjacency_.offset[u + 1];
    for (size_t e = adjacency_.offset[u]; e < end; ++e) {
      if (e + 2 * kAhead < end) {
        __builtin_prefetch(&slot_of_unit_[adjacency_.neighbours[e + 2 * kAhead].first]);
      }
      if (e + kAhead < end) {
        __builtin_prefetch(&node_[slot_of_unit_[adjacency_.neighbours[e + kAhead].first]]);
      }
      const auto& [v, similarity] = adjacency_.neighbours[e];
      float s = similarity;
      if (weights == Weights::kEvent) {
        s = static_cast<float>(s * EventDayWeight(days_[u], days_[v], options_.max_days));
      } else if (weights == Weights::kStory) {
        s = static_cast<float>(s * StoryDayWeight(days_[u], days_[v], options_.story_window_days));
      }
      f(slot_of_unit_[v], static_cast<double>(s));
    }
  }

  // Before the story level with fade_ or story_fade_: every cluster's links
  // summed afresh from its units' edges with the story level's weights (the
  // event level's lists hold its own). O(units + edges), serial.
  void SumStoryLinks() {
    const Weights weights = story_fade_ ? Weights::kStory : Weights::kNone;
    std::vector<uint32_t> start(n_ + 1, 0), member(n_);
    for (uint32_t x = 0; x < n_; ++x) {
      node_[x].parent = Find(node_, x);
      ++start[node_[x].parent + 1];
    }
    for (uint32_t x = 0; x < n_; ++x) start[x + 1] += start[x];
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (uint32_t x = 0; x < n_; ++x) member[next[node_[x].parent]++] = x;
    for (uint32_t x = 0; x < n_; ++x) {
      if (node_[x].parent != x) continue;
      Compact(x, node_, scratch_, [&](auto&& f) {
        for (uint32_t i = start[x]; i < start[x + 1]; ++i) EachUnitEdge(member[i], weights, f);
      });
      // Exact size, not Adopt's swap: every cluster gets a list here, and
      // the scratch buffer's spare capacity on each cost 250 MB at a
      // million reports.
      links_[x].assign(scratch_.out.begin(), scratch_.out.end());
      owned_[x] = 1;
    }
  }

  // Calls f(slot, sum) for every link of x's own list.
  template <typename F>
  void EachOwnLink(uint32_t x, F&& f) const {
    for (const auto& [y, sum] : links_[x]) f(y, sum);
  }

  size_t Degree(uint32_t x) const {
    return owned_[x] ? links_[x].size() : adjacency_.degree(unit_of_slot_[x]);
  }

  // Makes Compact's output x's links. The buffers trade places, unless the
  // output's buffer is far larger than the list (a hub's old buffer): then
  // the list is copied and the large buffer stays for the next hub, instead
  // of being parked on a small cluster.
  void Adopt(uint32_t x) {
    Links& out = scratch_.out;
    if (out.capacity() > 2 * out.size() + 64) {
      links_[x].assign(out.begin(), out.end());
    } else {
      links_[x].swap(out);
    }
    owned_[x] = 1;
  }

  // The best link of x among those `each` enumerates (calling its argument
  // with each slot and sum), if one clears the threshold and the date gate.
  // Reads node and name only: safe in parallel while nothing merges.
  template <typename Each>
  std::optional<Candidate> BestLink(uint32_t x, Each&& each) const {
    std::optional<Candidate> best;
    const Node& nx = node_[x];
    each([&](uint32_t y, double sum) {
      const Node& ny = node_[y];
      const double link = sum / (static_cast<double>(nx.size) * ny.size + prior_);
      if (link < threshold_ || (best && link < best->link)) return;
      if (gate_ && !WithinDays(nx.span, ny.span, options_.max_days)) return;
      const bool x_first = name_[x] < name_[y];
      const Candidate c{link,
                        x_first ? name_[x] : name_[y],
                        x_first ? name_[y] : name_[x],
                        x_first ? x : y,
                        x_first ? y : x,
                        x_first ? nx.version : ny.version,
                        x_first ? ny.version : nx.version};
      if (!best || Lower()(*best, c)) best = c;
    });
    return best;
  }

  std::optional<Candidate> BestOwnLink(uint32_t x) const {
    return BestLink(x, [&](auto&& f) { EachOwnLink(x, f); });
  }

  // Pushes x's best link, if any link of x clears the threshold (and the
  // date gate).
  void PushBest(uint32_t x, Lists lists) {
    std::optional<Candidate> best;
    // kCheck: one pass finds the best link while checking that every link
    // names a current cluster; only if one does not (see Links) is the list
    // folded and the best sought again.
    bool stale = lists == Lists::kFold;
    if (lists == Lists::kFolded) {
      best = BestOwnLink(x);
    } else if (!stale) {
      best = BestLink(x, [&](auto&& f) {
        EachLink(x, [&](uint32_t y, double sum) {
          if (stale) return;
          if (node_[y].parent != y) {
            stale = true;
            return;
          }
          f(y, sum);
        });
      });
    }
    if (stale) {
      Compact(x, node_, scratch_, [&](auto&& f) { EachLink(x, f); });
      Adopt(x);
      best = BestOwnLink(x);
    }
    if (best) heap_.push({*best, x, node_[x].version});
  }

  // The heap afresh: each current cluster's best link. At the story level,
  // after the event level's merges, nearly every list names an absorbed
  // slot: folded at once (kFold) instead of read a first time to find that
  // out.
  //
  // With a Parallel, each cluster's best (and at the story level its folded
  // list) is found in parallel, then pushed in slot order: the same heap as
  // the serial loop. That is sound only while nothing merges, so the event
  // level's fill (kCheck) relies on being the first: no list can name an
  // absorbed slot yet. The story level's fold resolves slots through
  // parents flattened beforehand, and sums per cluster in each thread's own
  // table, in the order Compact would. At a million reports the two fills
  // were about 3 of the linkage's 5-6 serial seconds.
  void FillHeap(Lists lists) {
    heap_ = {};
    if (parallel_ == nullptr) {
      for (uint32_t a = 0; a < n_; ++a) {
        if (node_[a].parent == a) PushBest(a, lists);
      }
      return;
    }
    std::vector<std::optional<Candidate>> best(n_);
    if (lists == Lists::kFold) {
      FoldInParallel(&best);
    } else {
      parallel_->For(
          n_,
          [&](size_t i) {
            const uint32_t x = static_cast<uint32_t>(i);
            if (node_[x].parent == x) best[x] = BestLink(x, [&](auto&& f) { EachLink(x, f); });
          },
          256);
    }
    for (uint32_t x = 0; x < n_; ++x) {
      if (best[x]) heap_.push({*best[x], x, node_[x].version});
    }
  }

  // Every current cluster's links folded (as Compact would), and its best.
  void FoldInParallel(std::vector<std::optional<Candidate>>* best) {
    for (uint32_t x = 0; x < n_; ++x) node_[x].parent = Find(node_, x);
    struct FoldScratch {
      std::vector<uint32_t> stamp, pos;
      uint32_t call = 0;
      Links out;
    };
    tbb::enumerable_thread_specific<FoldScratch> local;
    parallel_->For(
        n_,
        [&](size_t i) {
          const uint32_t x = static_cast<uint32_t>(i);
          if (node_[x].parent != x) return;
          FoldScratch& f = local.local();
          if (f.stamp.size() != n_) f.stamp.assign(n_, 0), f.pos.assign(n_, 0);
          ++f.call;
          f.out.clear();
          EachLink(x, [&](uint32_t slot, double sum) {
            const uint32_t c = node_[slot].parent;
            if (c == x) return;
            if (f.stamp[c] != f.call) {
              f.stamp[c] = f.call;
              f.pos[c] = static_cast<uint32_t>(f.out.size());
              f.out.emplace_back(c, sum);
            } else {
              f.out[f.pos[c]].second += sum;
            }
          });
          links_[x].assign(f.out.begin(), f.out.end());
          owned_[x] = 1;
          (*best)[x] = BestOwnLink(x);
        },
        64);
  }

  // Pops the heap until it is empty, merging every valid best link.
  void Merge() {
    while (!heap_.empty()) {
      const Entry top = heap_.top();
      heap_.pop();
      const Candidate& c = top.pair;
      if (node_[c.a].parent != c.a || node_[c.b].parent != c.b || node_[c.a].version != c.va ||
          node_[c.b].version != c.vb) {
        // Stale: its owner, if still a cluster and not remade since (a
        // merge pushed a fresh entry then), gets its best again.
        if (node_[top.owner].parent == top.owner && node_[top.owner].version == top.owner_version) {
          // A partner absorbed since is still named in the owner's links.
          const uint32_t partner = c.a == top.owner ? c.b : c.a;
          PushBest(top.owner, node_[partner].parent != partner ? Lists::kFold : Lists::kCheck);
        }
        continue;
      }
      Join(c);
    }
  }

  // Merges the two clusters of c. The merged cluster takes the smaller name
  // (so ties keep breaking the same way) and the slot of the side with more
  // links, so that fewer lists are left naming the absorbed slot.
  void Join(const Candidate& c) {
    const bool a_wider = Degree(c.a) >= Degree(c.b);
    const uint32_t keep = a_wider ? c.a : c.b, gone = a_wider ? c.b : c.a;
    name_[keep] = c.name_a;
    node_[gone].parent = keep;
    Compact(keep, node_, scratch_, [&](auto&& f) {
      EachLink(keep, f);
      EachLink(gone, f);
    });
    Adopt(keep);
    Links().swap(links_[gone]);
    node_[keep].size += node_[gone].size;
    node_[keep].span.Absorb(node_[gone].span);
    ++node_[keep].version;
    PushBest(keep, Lists::kFolded);
  }

  std::vector<uint32_t> Parents() const {
    std::vector<uint32_t> out(n_);
    for (uint32_t x = 0; x < n_; ++x) out[x] = node_[x].parent;
    return out;
  }

  // Back to unit numbers: each unit's parent is its cluster's root unit.
  std::vector<uint32_t> ByUnit(std::vector<uint32_t>& by_slot) const {
    std::vector<uint32_t> out(n_);
    for (uint32_t u = 0; u < n_; ++u) out[u] = unit_of_slot_[Find(by_slot, slot_of_unit_[u])];
    return out;
  }

  const Adjacency& adjacency_;
  const std::vector<int32_t>& days_;
  const LinkageOptions& options_;
  Parallel* parallel_;
  const size_t n_;
  const std::vector<uint32_t> unit_of_slot_;
  std::vector<uint32_t> slot_of_unit_;
  // Links of clusters that have merged or been folded; until then a cluster
  // reads its unit's adjacency (owned_[x] false).
  std::vector<Links> links_;
  std::vector<char> owned_;
  std::vector<Node> node_;
  std::vector<uint32_t> name_;
  std::priority_queue<Entry, std::vector<Entry>, EntryLower> heap_;
  double threshold_ = 0;
  double prior_ = 0;  // pairs of similarity 0 added to every average
  bool gate_ = false;
  bool fade_ = false;        // event links day-weighted (LinkageOptions::day_fade, a unit dated)
  bool story_fade_ = false;  // story links too (LinkageOptions::story_window_days, a unit dated)
  LinkScratch scratch_;
};

}  // namespace

Hierarchy AverageLinkage(const Adjacency& adjacency, const std::vector<int32_t>& days,
                         const LinkageOptions& options, Parallel* parallel) {
  return Linkage(adjacency, days, options, parallel).Run();
}

}  // namespace precis::cluster

// IncrementalEngine (precis/ingest.h): the analysis of a document runs in the
// caller's thread; its placement and commit run under one mutex. Every
// in-memory index is a function of the stored documents in arrival order, so
// Open (and Evict) rebuild it by replaying the database through the same
// calls the live path made.
#include <xxhash.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/cluster/streaming.h"
#include "engine/common/parallel.h"
#include "engine/common/validate_options.h"
#include "engine/dedup/analyzed_units.h"
#include "engine/dedup/shingle.h"
#include "engine/incremental/dedup_index.h"
#include "engine/ingest/boilerplate.h"
#include "engine/store/store.h"
#include "engine/summarise/stage.h"
#include "engine/text/analyzer.h"
#include "precis/ingest.h"

namespace precis {

const char* Fate::KindName(Kind kind) {
  switch (kind) {
    case Kind::kExactDuplicate:
      return "exact_duplicate";
    case Kind::kNearDuplicate:
      return "near_duplicate";
    case Kind::kJoinedStory:
      return "joined_story";
    case Kind::kNewStory:
      return "new_story";
  }
  return "unknown";
}

namespace {

using store::FateKind;
using store::StoredDocument;

// Per document, what the locked part needs.
struct DocState {
  std::string id;
  int64_t seq = 0;
  uint32_t event = 0, story = 0;
};

// What the analysis (outside the lock) produces.
struct Analysis {
  StoredDocument stored;
  cluster::DocFeatures features;
  std::vector<uint64_t> shingle_set;
};

// Settings JSON of the stored state: everything but the summary options
// (applied per snapshot) and the clustering method (always streaming here).
std::string StoreSettings(const Options& options) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(options.ToJson());
  j.erase("summary");
  j["cluster"]["method"] = "streaming";
  return j.dump();
}

std::string Fingerprint(const std::string& json) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(json.data(), json.size())));
  return hex;
}

int32_t Today() { return static_cast<int32_t>(std::time(nullptr) / 86400); }

}  // namespace

struct IncrementalEngine::Impl {
  Options options;
  std::string path;
  std::unique_ptr<text::Analyzer> analyzer;
  cluster::IdfModels idf;
  ingest::BoilerplateFilter filter{IngestOptions{}};
  // Signs documents outside the lock; never replaced (the index is, by Evict).
  std::unique_ptr<const incremental::DedupIndex> signer;

  mutable std::mutex mu;  // guards everything below
  std::unique_ptr<store::Store> db;
  std::vector<DocState> docs;  // arrival order
  std::unordered_map<std::string, uint32_t> position_of_id;
  std::unordered_map<int64_t, uint32_t> position_of_seq;
  std::unique_ptr<incremental::DedupIndex> dedup;
  std::unique_ptr<cluster::StreamingClusterer> clusterer;
  int64_t next_seq = 1;

  Analysis Analyse(Document doc) const {
    Analysis a;
    const text::AnalyzedDocument analyzed = analyzer->Analyze(doc, filter.Clean(doc));
    const dedup::DocumentUnits units = dedup::UnitsFromAnalyzed(analyzed, options.dedup);
    StoredDocument& s = a.stored;
    signer->Sign(units, &s.signature, &s.shingles);
    s.hash_low = units.body_hash_low;
    s.hash_high = units.body_hash_high;
    a.shingle_set = dedup::ShingleSet(units.units, dedup::UnitShingleSize(options.dedup));
    a.features = cluster::ExtractFeatures(doc, analyzed, options.cluster);
    s.title = analyzed.title;
    s.lang = analyzed.lang;
    s.words = static_cast<uint32_t>(analyzed.tokens.size());
    s.day = cluster::ParseDay(doc.date);
    s.added_day = Today();
    doc.source_map.clear();
    s.document = std::move(doc);
    return a;
  }

  // Exact shingle set of a stored document (re-analysed: sets are not kept).
  StatusOr<std::vector<uint64_t>> ShingleSetOf(int64_t seq) const {
    auto doc = db->ReadDocument(seq);
    if (!doc.ok()) return doc.status();
    const text::AnalyzedDocument analyzed = analyzer->Analyze(*doc, filter.Clean(*doc));
    const dedup::DocumentUnits units = dedup::UnitsFromAnalyzed(analyzed, options.dedup);
    return dedup::ShingleSet(units.units, dedup::UnitShingleSize(options.dedup));
  }

  // Records a committed (or replayed) document in every in-memory index.
  void Apply(const StoredDocument& s) {
    const uint32_t pos = static_cast<uint32_t>(docs.size());
    docs.push_back({s.document.id, s.seq, s.event, s.story});
    position_of_id.emplace(s.document.id, pos);
    position_of_seq.emplace(s.seq, pos);
    dedup->Append(s.hash_low, s.hash_high, s.shingles, s.signature);
    for (const store::StoredPair& p : s.pairs) {
      auto it = position_of_seq.find(p.other);
      if (it != position_of_seq.end()) dedup->Union(it->second, pos);
    }
    if (s.kind == FateKind::kUnit) {
      cluster::Placement p;
      p.event = s.event;
      p.story = s.story;
      p.new_event = s.new_event;
      p.new_story = s.new_story;
      p.similarity = s.similarity;
      clusterer->Apply(s.vector, p);
    } else {
      clusterer->AddCopy(s.event, s.day);
    }
    next_seq = std::max(next_seq, s.seq + 1);
  }

  // Clears the in-memory state and replays the database.
  Status Rebuild() {
    docs.clear();
    position_of_id.clear();
    position_of_seq.clear();
    dedup = std::make_unique<incremental::DedupIndex>(options.dedup);
    clusterer = std::make_unique<cluster::StreamingClusterer>(options.cluster, &idf);
    const auto [next_event, next_story] = db->counters();
    clusterer->ReserveIds(next_event, next_story);
    return db->Scan(false, INT32_MIN, [&](StoredDocument&& s) { Apply(s); });
  }

  // Decides the fate of an analysed document. REQUIRES: mu held.
  Status Decide(Analysis& a) {
    StoredDocument& s = a.stored;
    std::vector<uint32_t> matched;  // positions of earlier copies, one per group
    if (s.shingles > 0) {
      if (const int64_t e = dedup->Exact(s.hash_low, s.hash_high); e >= 0) {
        matched.push_back(static_cast<uint32_t>(e));
        s.kind = FateKind::kExactDuplicate;
        s.pairs.push_back({docs[static_cast<size_t>(e)].seq, 1, 1, 1});
        s.similarity = 1;
      } else {
        std::vector<uint32_t> roots;
        for (const uint32_t c : dedup->Candidates(s.signature)) {
          const uint32_t root = dedup->Find(c);
          if (std::find(roots.begin(), roots.end(), root) != roots.end()) continue;
          double estimate = 0;
          if (!dedup->WorthVerifying(c, s.signature, s.shingles, &estimate)) continue;
          auto other = ShingleSetOf(docs[c].seq);
          if (!other.ok()) return other.status();
          const dedup::SetSimilarity sim = dedup::CompareSets(a.shingle_set, *other);
          if (!dedup->Accept(sim, a.shingle_set.size(), other->size())) continue;
          roots.push_back(root);
          matched.push_back(c);
          s.pairs.push_back({docs[c].seq, estimate, sim.jaccard, sim.containment});
          s.similarity = std::max(s.similarity, sim.jaccard);
        }
        if (!matched.empty()) s.kind = FateKind::kNearDuplicate;
      }
    }
    if (!matched.empty()) {
      // The event of the earliest member of the groups it joins.
      uint32_t target = dedup->Find(matched.front());
      for (uint32_t m : matched) target = std::min(target, dedup->Find(m));
      s.duplicate_of = docs[target].seq;
      s.event = docs[target].event;
      s.story = docs[target].story;
      return Status::OK();
    }
    s.kind = FateKind::kUnit;
    s.vector = clusterer->Vectorise(a.features);
    s.entity_names = a.features.entity_names;
    const cluster::Placement p = clusterer->Find(s.vector);
    s.event = p.event;
    s.story = p.story;
    s.new_event = p.new_event;
    s.new_story = p.new_story;
    s.similarity = p.similarity;
    return Status::OK();
  }
};

IncrementalEngine::IncrementalEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IncrementalEngine::~IncrementalEngine() = default;

StatusOr<std::unique_ptr<IncrementalEngine>> IncrementalEngine::Open(const std::string& db_path,
                                                                     Options options,
                                                                     Durability durability) {
  options.cluster.method = ClusterMethod::kStreaming;
  options.progress = nullptr;
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  auto analyzer = text::Analyzer::Create(options.text);
  if (!analyzer.ok()) return analyzer.status();
  impl->analyzer = std::move(analyzer).value();
  auto idf = cluster::IdfModels::Load(options.cluster, options.text);
  if (!idf.ok()) return idf.status();
  impl->idf = std::move(idf).value();
  impl->filter = ingest::BoilerplateFilter(options.ingest);
  impl->signer = std::make_unique<const incremental::DedupIndex>(options.dedup);
  impl->path = db_path;
  const std::string settings = StoreSettings(options);
  auto db = store::Store::Open(db_path, Fingerprint(settings), settings,
                               durability == Durability::kPowerLoss);
  if (!db.ok()) return db.status();
  impl->db = std::move(db).value();
  impl->options = std::move(options);
  if (Status s = impl->Rebuild(); !s.ok()) return s;
  return std::unique_ptr<IncrementalEngine>(new IncrementalEngine(std::move(impl)));
}

StatusOr<Fate> IncrementalEngine::Add(Document document) {
  Impl& m = *impl_;
  if (document.id.empty())
    return Status::InvalidArgument("document has an empty id; give every document a unique id");
  {
    std::lock_guard lock(m.mu);
    if (m.position_of_id.count(document.id))
      return Status::InvalidArgument("document id '" + document.id +
                                     "' is already stored; ids must be unique");
  }
  Analysis a = m.Analyse(std::move(document));
  StoredDocument& s = a.stored;

  std::lock_guard lock(m.mu);
  if (m.position_of_id.count(s.document.id))  // added by another thread meanwhile
    return Status::InvalidArgument("document id '" + s.document.id +
                                   "' is already stored; ids must be unique");
  if (Status st = m.Decide(a); !st.ok()) return st;
  s.seq = m.next_seq;
  const uint32_t next_event = std::max(m.clusterer->next_event(), s.event + (s.new_event ? 1 : 0));
  const uint32_t next_story = std::max(m.clusterer->next_story(), s.story + (s.new_story ? 1 : 0));
  if (Status st = m.db->Insert(s, next_event, next_story); !st.ok()) return st;
  m.Apply(s);

  Fate fate;
  fate.id = s.document.id;
  fate.sequence = static_cast<uint64_t>(s.seq);
  fate.story = s.story;
  fate.event = s.event;
  fate.new_event = s.new_event;
  fate.similarity = s.similarity;
  switch (s.kind) {
    case FateKind::kExactDuplicate:
    case FateKind::kNearDuplicate:
      fate.kind = s.kind == FateKind::kExactDuplicate ? Fate::Kind::kExactDuplicate
                                                      : Fate::Kind::kNearDuplicate;
      fate.duplicate_of = m.docs[m.position_of_seq.at(s.duplicate_of)].id;
      break;
    case FateKind::kUnit:
      fate.kind = s.new_story ? Fate::Kind::kNewStory : Fate::Kind::kJoinedStory;
      break;
  }
  return fate;
}

StatusOr<Result> IncrementalEngine::Snapshot(const SnapshotOptions& options) const {
  const Impl& m = *impl_;
  int32_t min_day = INT32_MIN;
  if (!options.since.empty()) {
    min_day = cluster::ParseDay(options.since);
    if (min_day == cluster::DocFeatures::kNoDay)
      return Status::InvalidArgument("since '" + options.since +
                                     "' is not an ISO 8601 day; give YYYY-MM-DD");
  }
  Result result;
  result.fingerprint = m.options.Fingerprint();
  std::vector<StoredDocument> stored;
  std::vector<Document> inputs;  // for the summariser, in result order
  {
    std::lock_guard lock(m.mu);
    Status st = m.db->Scan(options.summarise, min_day,
                           [&](StoredDocument&& s) { stored.push_back(std::move(s)); });
    if (!st.ok()) return st;
    std::sort(stored.begin(), stored.end(), [](const StoredDocument& a, const StoredDocument& b) {
      return a.document.id < b.document.id;
    });
    const size_t n = stored.size();
    result.documents.resize(n);
    std::unordered_map<int64_t, uint32_t> index_of_seq;
    for (uint32_t i = 0; i < n; ++i) {
      const StoredDocument& s = stored[i];
      index_of_seq.emplace(s.seq, i);
      DocumentResult& d = result.documents[i];
      d.id = s.document.id;
      d.title = s.title;
      d.lang = s.lang;
      d.date = s.document.date;
      d.url = s.document.url;
      d.source_path = s.document.source_path;
      d.words = s.words;
      d.text_bytes = s.document.text.size();
      if (options.summarise) d.text = s.document.text;
    }
    // Duplicate groups of the snapshot's documents, as the batch dedup reports them.
    DedupResult& dd = result.dedup;
    dd.bands = m.dedup->params().bands;
    dd.rows = m.dedup->params().rows;
    dd.lsh_threshold = m.dedup->lsh_threshold();
    std::map<std::pair<uint64_t, uint64_t>, std::vector<uint32_t>> by_body;
    std::map<uint32_t, std::vector<uint32_t>> by_root;
    for (uint32_t i = 0; i < n; ++i) {
      const StoredDocument& s = stored[i];
      if (s.shingles == 0) continue;
      by_body[{s.hash_high, s.hash_low}].push_back(i);
      const uint32_t pos = m.position_of_seq.at(s.seq);
      by_root[m.dedup->Find(pos)].push_back(i);
    }
    for (auto& [h, members] : by_body) {
      if (members.size() < 2) continue;
      dd.exact_groups.push_back({members.front(), members, {}});
    }
    std::sort(
        dd.exact_groups.begin(), dd.exact_groups.end(),
        [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.canonical < b.canonical; });
    for (auto& [root, members] : by_root) {
      if (members.size() < 2) continue;
      std::sort(members.begin(), members.end());
      DuplicateGroup g;
      g.members = members;
      g.canonical = members.front();
      for (uint32_t x : members) {
        if (stored[x].shingles > stored[g.canonical].shingles) g.canonical = x;
      }
      for (uint32_t x : members) {
        for (const store::StoredPair& p : stored[x].pairs) {
          auto it = index_of_seq.find(p.other);
          if (it == index_of_seq.end()) continue;
          g.pairs.push_back({std::min(x, it->second), std::max(x, it->second), p.estimated,
                             p.jaccard, p.containment});
        }
      }
      std::sort(g.pairs.begin(), g.pairs.end(), [](const SimilarPair& x, const SimilarPair& y) {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
      });
      dd.near_duplicate_groups.push_back(std::move(g));
    }
    std::sort(dd.near_duplicate_groups.begin(), dd.near_duplicate_groups.end(),
              [](const DuplicateGroup& a, const DuplicateGroup& b) {
                return a.members.front() < b.members.front();
              });
    std::vector<cluster::StreamedDocument> streamed(n);
    for (uint32_t i = 0; i < n; ++i) {
      const StoredDocument& s = stored[i];
      cluster::StreamedDocument& sd = streamed[i];
      sd.event = s.event;
      sd.story = s.story;
      sd.day = s.day;
      if (s.kind == FateKind::kUnit) {
        sd.vector = &s.vector;
        sd.entity_names = &s.entity_names;
      }
    }
    result.stories = cluster::AssembleStories(streamed, result, *m.clusterer, true);
  }
  if (!options.summarise) return result;

  // Sentences and summaries: re-analysis outside the lock.
  inputs.resize(stored.size());
  for (size_t i = 0; i < stored.size(); ++i) inputs[i] = std::move(stored[i].document);
  Parallel parallel(m.options.threads);
  parallel.For(inputs.size(), [&](size_t i) {
    text::AnalyzedDocument a = m.analyzer->Analyze(inputs[i], m.filter.Clean(inputs[i]));
    result.documents[i].sentences = std::move(a.sentences);
  });
  if (m.options.summary.single_story) summarise::MakeSingleStory(&result);
  summarise::SummariseStories(inputs, m.filter, *m.analyzer, m.options.summary, parallel, &result);
  return result;
}

StatusOr<uint64_t> IncrementalEngine::Evict(std::string_view before) {
  Impl& m = *impl_;
  const int32_t day = cluster::ParseDay(before);
  if (day == cluster::DocFeatures::kNoDay)
    return Status::InvalidArgument("evict before '" + std::string(before) +
                                   "': not an ISO 8601 day; give YYYY-MM-DD");
  std::lock_guard lock(m.mu);
  auto removed = m.db->Evict(day);
  if (!removed.ok()) return removed.status();
  if (Status s = m.Rebuild(); !s.ok()) return s;
  return static_cast<uint64_t>(*removed);
}

size_t IncrementalEngine::size() const {
  std::lock_guard lock(impl_->mu);
  return impl_->docs.size();
}

const Options& IncrementalEngine::options() const { return impl_->options; }
const std::string& IncrementalEngine::path() const { return impl_->path; }

}  // namespace precis

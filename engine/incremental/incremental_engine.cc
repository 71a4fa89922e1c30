// IncrementalEngine (precis/ingest.h): the analysis of a document runs in the
// caller's thread; its placement and commit run under one mutex. Every
// in-memory index is a function of the stored documents in arrival order, so
// Open (and Evict) rebuild it by replaying the database through the same
// calls the live path made.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/cluster/streaming/stories.h"
#include "engine/common/mutex.h"
#include "engine/common/parallel.h"
#include "engine/common/validate_options.h"
#include "engine/document_stages.h"
#include "engine/incremental/bound_settings.h"
#include "engine/incremental/dedup_index.h"
#include "engine/ingest/boilerplate.h"
#include "engine/store/store.h"
#include "engine/summarise/stage.h"
#include "engine/text/analyzer.h"
#include "precis/env.h"
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

// The UTC day (days since 1970-01-01) of the Env's clock.
int32_t Today(const Env* env) {
  const int64_t seconds = (env ? env : Env::Default())->NowSeconds();
  return static_cast<int32_t>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
}

// Every in-memory index: a function of the stored documents in arrival order.
struct Indexes {
  std::vector<DocState> docs;  // arrival order
  std::unordered_map<std::string, uint32_t> position_of_id;
  std::unordered_map<int64_t, uint32_t> position_of_seq;
  std::unique_ptr<incremental::DedupIndex> dedup;
  std::unique_ptr<cluster::StreamingClusterer> clusterer;
  int64_t next_seq = 1;
  int64_t evictions = 0;  // the store's eviction count these indexes reflect

  // A stored document must be one Add could have written after those before
  // it, or replaying it would index out of range or allocate for ids that
  // were never given: its signature has the configured size, its seq follows
  // the last, its ids were issued (below the counters, and below its seq:
  // each document creates at most one event and one story), and its seq
  // leaves no gap wider than the documents evictions deleted.
  Status Check(const StoredDocument& s, const store::Store::Counters& c, size_t signature_size,
               const std::string& db) const {
    const int64_t evicted = c.evicted_documents;
    const bool ok = s.signature.size() == signature_size && s.seq >= next_seq &&
                    s.event < c.next_event && s.story < c.next_story && s.event < s.seq &&
                    s.story < s.seq && s.duplicate_of < s.seq &&
                    (evicted < 0 || s.seq <= static_cast<int64_t>(docs.size()) + 1 + evicted);
    if (ok) return Status::OK();
    return Status::Corruption(db + ": document #" + std::to_string(s.seq) + " ('" + s.document.id +
                              "') does not fit what precis stores (signature, ids or order "
                              "damaged); restore the file from a backup or re-ingest");
  }

  // Records a committed (or replayed) document.
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

  // Id of a stored seq ("" if unknown).
  std::string IdOf(int64_t seq) const {
    auto it = position_of_seq.find(seq);
    return it == position_of_seq.end() ? std::string() : docs[it->second].id;
  }
};

Fate FateOf(const std::string& id, int64_t seq, const store::StoredFate& f,
            std::string duplicate_of) {
  Fate fate;
  fate.id = id;
  fate.sequence = static_cast<uint64_t>(seq);
  fate.story = f.story;
  fate.event = f.event;
  fate.new_event = f.new_event;
  fate.similarity = f.similarity;
  switch (f.kind) {
    case FateKind::kExactDuplicate:
      fate.kind = Fate::Kind::kExactDuplicate;
      fate.duplicate_of = std::move(duplicate_of);
      break;
    case FateKind::kNearDuplicate:
      fate.kind = Fate::Kind::kNearDuplicate;
      fate.duplicate_of = std::move(duplicate_of);
      break;
    case FateKind::kUnit:
      fate.kind = f.new_story ? Fate::Kind::kNewStory : Fate::Kind::kJoinedStory;
      break;
  }
  return fate;
}

// Ends the read transaction of a snapshot's connection, however it leaves.
struct ReadGuard {
  store::Store* db;
  ~ReadGuard() { End(); }
  void End() {
    if (db) db->Rollback();
    db = nullptr;
  }
};

// The snapshot's documents as a Result describes them: what was stored of
// each (the texts and sentences come later, if at all).
void DescribeStored(const std::vector<StoredDocument>& stored, Result* result) {
  result->documents.resize(stored.size());
  for (uint32_t i = 0; i < stored.size(); ++i) {
    const StoredDocument& s = stored[i];
    DocumentResult& d = result->documents[i];
    d.id = s.document.id;
    d.title = s.title;
    d.lang = s.lang;
    d.date = s.document.date;
    d.date_source = DateSource(s.document);
    d.url = s.document.url;
    d.source_path = s.document.source_path;
    d.words = s.words;
  }
}

}  // namespace

struct IncrementalEngine::Impl {
  Options options;
  std::string path;
  bool read_only = false;
  std::unique_ptr<text::Analyzer> analyzer;
  cluster::IdfModels idf;
  ingest::BoilerplateFilter filter{IngestOptions{}};
  // The per-document stages (with `analyzer` and `filter`); set by OpenAs.
  std::unique_ptr<const DocumentStages> stages;
  // Signs documents outside the lock; never replaced (the index is, by Evict).
  std::unique_ptr<const incremental::DedupIndex> signer;

  mutable Mutex mu;
  std::unique_ptr<store::Store> db PT_GUARDED_BY(mu);
  Indexes idx GUARDED_BY(mu);

  Analysis Analyse(Document doc) const {
    Analysis a;
    DocumentOutputs out = stages->Run(doc, {.shingle_set = true, .cluster = true});
    StoredDocument& s = a.stored;
    signer->Sign(out.dedup, &s.signature, &s.shingles);
    s.hash_low = out.dedup.body_hash_low;
    s.hash_high = out.dedup.body_hash_high;
    a.shingle_set = std::move(out.shingle_set);
    a.features = std::move(out.cluster);
    s.title = std::move(out.title);
    s.lang = std::move(out.lang);
    s.words = out.words;
    s.day = cluster::ParseDay(doc.date);
    s.added_day = Today(options.env);
    doc.source_map.clear();
    s.document = std::move(doc);
    return a;
  }

  // Exact shingle set of a stored document (re-analysed: sets are not kept).
  StatusOr<std::vector<uint64_t>> ShingleSetOf(int64_t seq) REQUIRES(mu) {
    auto doc = db->ReadDocument(seq);
    if (!doc.ok()) return doc.status();
    return stages->Run(*doc, {.shingle_set = true}).shingle_set;
  }

  // Indexes replayed from `from` (inside the caller's transaction, if any).
  // The current ones are untouched, so a failed scan changes nothing.
  StatusOr<Indexes> Replay(store::Store& from) const {
    // The counters and the rows must be of one committed state (a writer in
    // another process may commit in between): one read transaction, unless
    // the caller's (Evict's write, a snapshot's read) is open.
    ReadGuard end_read{nullptr};
    if (!from.in_transaction()) {
      if (Status st = from.BeginRead(); !st.ok()) return st;
      end_read.db = &from;
    }
    auto counters = from.ReadCounters();
    if (!counters.ok()) return counters.status();
    Indexes fresh;
    fresh.dedup = std::make_unique<incremental::DedupIndex>(options.dedup);
    fresh.clusterer = std::make_unique<cluster::StreamingClusterer>(options.cluster, &idf);
    fresh.clusterer->ReserveIds(counters->next_event, counters->next_story);
    fresh.evictions = counters->evictions;
    const size_t signature_size = static_cast<size_t>(options.dedup.signature_size);
    Status damaged;
    if (Status st = from.Scan(false, INT32_MIN, 0,
                              [&](StoredDocument&& s) {
                                if (!damaged.ok()) return;
                                damaged = fresh.Check(s, *counters, signature_size, from.path());
                                if (damaged.ok()) fresh.Apply(s);
                              });
        !st.ok())
      return st;
    if (!damaged.ok()) return damaged;
    return fresh;
  }

  // A reader's indexes follow what writers committed since its last look:
  // the new documents are replayed, or everything after an eviction.
  // `from` is inside a read transaction.
  Status CatchUp(store::Store& from) REQUIRES(mu) {
    auto counters = from.ReadCounters();
    if (!counters.ok()) return counters.status();
    if (counters->evictions != idx.evictions) {
      auto fresh = Replay(from);
      if (!fresh.ok()) return fresh.status();
      idx = std::move(fresh).value();
      return Status::OK();
    }
    // Collected first and applied here, where clang's analysis sees mu held.
    std::vector<StoredDocument> added;
    Status st = from.Scan(false, INT32_MIN, idx.next_seq,
                          [&added](StoredDocument&& s) { added.push_back(std::move(s)); });
    if (!st.ok()) return st;
    const size_t signature_size = static_cast<size_t>(options.dedup.signature_size);
    for (const StoredDocument& s : added) {
      if (Status damaged = idx.Check(s, *counters, signature_size, from.path()); !damaged.ok())
        return damaged;
      idx.Apply(s);
    }
    return Status::OK();
  }

  // The stored fate of `doc` when its id is stored with the same text (a
  // re-sent report); nullopt when the id is new; InvalidArgument when the id
  // is stored with another text.
  StatusOr<std::optional<Fate>> StoredFateOf(const Document& doc) REQUIRES(mu) {
    auto it = idx.position_of_id.find(doc.id);
    if (it == idx.position_of_id.end()) return std::optional<Fate>();
    const int64_t seq = idx.docs[it->second].seq;
    auto stored = db->ReadDocument(seq);
    if (!stored.ok()) return stored.status();
    if (stored->text != doc.text)
      return Status::InvalidArgument(
          "document id '" + doc.id +
          "' is already stored with another text (a conflict); ids must be unique, and a "
          "re-sent report must be unchanged");
    auto f = db->ReadFate(seq);
    if (!f.ok()) return f.status();
    Fate fate = FateOf(doc.id, seq, *f, idx.IdOf(f->duplicate_of));
    fate.replay = true;
    return std::optional<Fate>(std::move(fate));
  }

  // Duplicate groups of a snapshot's documents (`stored`, sorted by id;
  // index_of_seq maps a seq to its position there), as the batch dedup
  // reports them.
  Status SnapshotDuplicates(const std::vector<StoredDocument>& stored,
                            const std::unordered_map<int64_t, uint32_t>& index_of_seq,
                            DedupResult* dd) REQUIRES(mu) {
    dd->bands = idx.dedup->params().bands;
    dd->rows = idx.dedup->params().rows;
    dd->lsh_threshold = idx.dedup->lsh_threshold();
    const uint32_t n = static_cast<uint32_t>(stored.size());
    std::map<std::pair<uint64_t, uint64_t>, std::vector<uint32_t>> by_body;
    std::map<uint32_t, std::vector<uint32_t>> by_root;
    for (uint32_t i = 0; i < n; ++i) {
      const StoredDocument& s = stored[i];
      if (s.shingles == 0) continue;
      by_body[{s.hash_high, s.hash_low}].push_back(i);
      auto pos = idx.position_of_seq.find(s.seq);
      if (pos == idx.position_of_seq.end())
        return Status::Internal((path.empty() ? std::string("in-memory database") : path) +
                                ": document #" + std::to_string(s.seq) +
                                " is stored but not indexed; please report this");
      by_root[idx.dedup->Find(pos->second)].push_back(i);
    }
    for (auto& [h, members] : by_body) {
      if (members.size() < 2) continue;
      dd->exact_groups.push_back({members.front(), members, {}});
    }
    std::sort(
        dd->exact_groups.begin(), dd->exact_groups.end(),
        [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.canonical < b.canonical; });
    for (auto& [root, members] : by_root) {
      if (members.size() < 2) continue;
      dd->near_duplicate_groups.push_back(NearDuplicateGroup(stored, index_of_seq, members));
    }
    std::sort(dd->near_duplicate_groups.begin(), dd->near_duplicate_groups.end(),
              [](const DuplicateGroup& a, const DuplicateGroup& b) {
                return a.members.front() < b.members.front();
              });
    return Status::OK();
  }

  // One group of the snapshot: its members (positions in `stored`), its
  // canonical member (the longest, the first on ties) and its stored pairs.
  static DuplicateGroup NearDuplicateGroup(
      const std::vector<StoredDocument>& stored,
      const std::unordered_map<int64_t, uint32_t>& index_of_seq, std::vector<uint32_t> members) {
    std::sort(members.begin(), members.end());
    DuplicateGroup g;
    g.members = members;
    g.canonical = dedup::CanonicalMember(members, [&](uint32_t x) { return stored[x].shingles; });
    for (uint32_t x : members) {
      for (const store::StoredPair& p : stored[x].pairs) {
        auto it = index_of_seq.find(p.other);
        if (it == index_of_seq.end()) continue;
        g.pairs.push_back({std::min(x, it->second), std::max(x, it->second), p.estimated, p.jaccard,
                           p.containment});
      }
    }
    std::sort(g.pairs.begin(), g.pairs.end(), [](const SimilarPair& x, const SimilarPair& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    return g;
  }

  // The stories of a snapshot's documents, with the clusterer's stable ids.
  std::vector<Story> SnapshotStories(const std::vector<StoredDocument>& stored,
                                     const Result& result) REQUIRES(mu) {
    std::vector<cluster::StreamedDocument> streamed(stored.size());
    for (uint32_t i = 0; i < stored.size(); ++i) {
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
    return cluster::AssembleStories(streamed, result, *idx.clusterer, true);
  }

  // Sentences and summaries of a snapshot whose texts are in `inputs` (in
  // result order): each report through the per-document stages, then the
  // summarise stage.
  Status Summarise(const std::vector<Document>& inputs, Result* result) const {
    const size_t n = inputs.size();
    std::vector<summarise::SentenceTerms> terms(n);
    Parallel parallel(options.threads);
    parallel.For(n, [&](size_t i) {
      DocumentResult& d = result->documents[i];
      d.text_bytes = inputs[i].text.size();
      d.text = inputs[i].text;
      terms[i] = stages->Run(inputs[i], {.summary = true}, &d).summary;
    });
    if (options.summary.single_story) summarise::MakeSingleStory(result);
    return summarise::SummariseStories(options.summary, parallel, result,
                                       [&](uint32_t d, summarise::SentenceTerms* out) {
                                         *out = terms[d];
                                         return true;
                                       });
  }

  // Decides the fate of an analysed document.
  Status Decide(Analysis& a) REQUIRES(mu) {
    StoredDocument& s = a.stored;
    std::vector<uint32_t> matched;  // positions of earlier copies, one per group
    if (s.shingles > 0) {
      if (const int64_t e = idx.dedup->Exact(s.hash_low, s.hash_high); e >= 0) {
        matched.push_back(static_cast<uint32_t>(e));
        s.kind = FateKind::kExactDuplicate;
        s.pairs.push_back({idx.docs[static_cast<size_t>(e)].seq, 1, 1, 1});
        s.similarity = 1;
      } else {
        std::vector<uint32_t> roots;
        for (const uint32_t c : idx.dedup->Candidates(s.signature)) {
          const uint32_t root = idx.dedup->Find(c);
          if (std::find(roots.begin(), roots.end(), root) != roots.end()) continue;
          double estimate = 0;
          if (!idx.dedup->WorthVerifying(c, s.signature, s.shingles, &estimate)) continue;
          auto other = ShingleSetOf(idx.docs[c].seq);
          if (!other.ok()) return other.status();
          const dedup::SetSimilarity sim = dedup::CompareSets(a.shingle_set, *other);
          if (!idx.dedup->Accept(sim, a.shingle_set.size(), other->size())) continue;
          roots.push_back(root);
          matched.push_back(c);
          s.pairs.push_back({idx.docs[c].seq, estimate, sim.jaccard, sim.containment});
          s.similarity = std::max(s.similarity, sim.jaccard);
        }
        if (!matched.empty()) s.kind = FateKind::kNearDuplicate;
      }
    }
    if (!matched.empty()) {
      // The event of the earliest member of the groups it joins.
      uint32_t target = idx.dedup->Find(matched.front());
      for (uint32_t m : matched) target = std::min(target, idx.dedup->Find(m));
      s.duplicate_of = idx.docs[target].seq;
      s.event = idx.docs[target].event;
      s.story = idx.docs[target].story;
      return Status::OK();
    }
    s.kind = FateKind::kUnit;
    s.vector = idx.clusterer->Vectorise(a.features);
    s.entity_names = a.features.entity_names;
    const cluster::Placement p = idx.clusterer->Find(s.vector);
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
  return OpenAs(db_path, std::move(options),
                durability == Durability::kPowerLoss ? Access::kWriteFullSync : Access::kWrite);
}

StatusOr<std::unique_ptr<IncrementalEngine>> IncrementalEngine::OpenForReading(
    const std::string& db_path, Options options) {
  return OpenAs(db_path, std::move(options), Access::kRead);
}

StatusOr<std::unique_ptr<IncrementalEngine>> IncrementalEngine::OpenAs(const std::string& db_path,
                                                                       Options options,
                                                                       Access access) {
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
  impl->options = std::move(options);
  impl->stages =
      std::make_unique<const DocumentStages>(impl->options, *impl->analyzer, impl->filter);
  impl->path = db_path;
  impl->read_only = access == Access::kRead;
  const std::string settings = incremental::BoundSettings(impl->options);
  const store::Store::Mode mode = access == Access::kRead ? store::Store::Mode::kRead
                                  : access == Access::kWriteFullSync
                                      ? store::Store::Mode::kWriteFullSync
                                      : store::Store::Mode::kWrite;
  std::string stored_terms;
  auto db = store::Store::Open(db_path, incremental::SettingsFingerprint(settings), settings, mode,
                               [&](std::string_view fingerprint, std::string_view json) {
                                 std::string current = incremental::CurrentForm(fingerprint, json);
                                 stored_terms = incremental::TermsOf(current);
                                 return current;
                               });
  // No options open such a database: "open it with the options it was made
  // with" would send the caller looking for one.
  const std::string terms = incremental::TermsOf(settings);
  if (!db.ok() && !stored_terms.empty() && stored_terms != terms)
    return Status::FailedPrecondition(
        db_path + ": made by a precis that extracts terms and entities differently (term scheme " +
        stored_terms + ", this precis " + terms +
        "); its stored vectors do not mix with this precis's: ingest the documents into a new "
        "database (the old one still opens with the precis that made it)");
  if (!db.ok()) return db.status();
  MutexLock lock(&impl->mu);
  impl->db = std::move(db).value();
  auto indexes = impl->Replay(*impl->db);
  if (!indexes.ok()) return indexes.status();
  impl->idx = std::move(indexes).value();
  return std::unique_ptr<IncrementalEngine>(new IncrementalEngine(std::move(impl)));
}

StatusOr<Fate> IncrementalEngine::Add(Document document) {
  Impl& m = *impl_;
  if (m.read_only)
    return Status::FailedPrecondition(m.path +
                                      ": opened for reading; Add needs IncrementalEngine::Open");
  if (document.id.empty())
    return Status::InvalidArgument("document has an empty id; give every document a unique id");
  {
    MutexLock lock(&m.mu);
    auto stored = m.StoredFateOf(document);
    if (!stored.ok()) return stored.status();
    if (stored->has_value()) return std::move(**stored);
  }
  Analysis a = m.Analyse(std::move(document));
  StoredDocument& s = a.stored;

  MutexLock lock(&m.mu);
  // Added by another thread meanwhile?
  auto stored = m.StoredFateOf(s.document);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  if (Status st = m.Decide(a); !st.ok()) return st;
  s.seq = m.idx.next_seq;
  const uint32_t next_event =
      std::max(m.idx.clusterer->next_event(), s.event + (s.new_event ? 1 : 0));
  const uint32_t next_story =
      std::max(m.idx.clusterer->next_story(), s.story + (s.new_story ? 1 : 0));
  if (Status st = m.db->Insert(s, next_event, next_story); !st.ok()) return st;
  m.idx.Apply(s);
  return FateOf(s.document.id, s.seq, s.decided(), m.idx.IdOf(s.duplicate_of));
}

StatusOr<Result> IncrementalEngine::Snapshot(const SnapshotOptions& options) const {
  Impl& m = *impl_;
  int32_t min_day = INT32_MIN;
  if (!options.since.empty()) {
    min_day = cluster::ParseDay(options.since);
    if (min_day == cluster::DocFeatures::kNoDay)
      return Status::InvalidArgument("since '" + options.since +
                                     "' is not an ISO 8601 day; give YYYY-MM-DD");
  }
  Result result;
  result.fingerprint = m.options.Fingerprint();
  MutexLock lock(&m.mu);
  // A file database is read through a connection of the snapshot's own,
  // whose read transaction pins the committed state of this moment: the texts
  // are read from it after the lock is released, while Add goes on.
  std::unique_ptr<store::Store> reader;
  store::Store* db = m.db.get();
  if (!m.path.empty()) {
    auto opened = m.db->OpenReader();
    if (!opened.ok()) return opened.status();
    reader = std::move(opened).value();
    db = reader.get();
  }
  if (Status st = db->BeginRead(); !st.ok()) return st;
  ReadGuard end_read{db};
  if (m.read_only) {
    if (Status st = m.CatchUp(*db); !st.ok()) return st;
  }
  std::vector<StoredDocument> stored;
  if (Status st =
          db->Scan(false, min_day, 0, [&](StoredDocument&& s) { stored.push_back(std::move(s)); });
      !st.ok())
    return st;
  std::sort(stored.begin(), stored.end(), [](const StoredDocument& a, const StoredDocument& b) {
    return a.document.id < b.document.id;
  });
  std::unordered_map<int64_t, uint32_t> index_of_seq;
  for (uint32_t i = 0; i < stored.size(); ++i) index_of_seq.emplace(stored[i].seq, i);
  DescribeStored(stored, &result);
  if (Status st = m.SnapshotDuplicates(stored, index_of_seq, &result.dedup); !st.ok()) return st;
  result.stories = m.SnapshotStories(stored, result);
  if (!options.summarise) return result;

  // Texts, sentences and summaries: outside the lock where the snapshot has
  // its own connection.
  std::vector<Document> inputs(stored.size());  // in result order
  for (size_t i = 0; i < stored.size(); ++i) inputs[i] = std::move(stored[i].document);
  stored.clear();
  auto read_texts = [&] {
    return db->ScanTexts(min_day, [&](int64_t seq, std::string&& text) {
      auto it = index_of_seq.find(seq);
      if (it != index_of_seq.end()) inputs[it->second].text = std::move(text);
    });
  };
  Status read;
  if (reader) {
    lock.Unlock();
    read = read_texts();
  } else {  // the engine's own connection: Add must wait
    read = read_texts();
    end_read.End();
    lock.Unlock();
  }
  if (!read.ok()) return read;
  if (Status st = m.Summarise(inputs, &result); !st.ok()) return st;
  return result;
}

StatusOr<uint64_t> IncrementalEngine::Evict(std::string_view before) {
  Impl& m = *impl_;
  if (m.read_only)
    return Status::FailedPrecondition(m.path +
                                      ": opened for reading; Evict needs IncrementalEngine::Open");
  const int32_t day = cluster::ParseDay(before);
  if (day == cluster::DocFeatures::kNoDay)
    return Status::InvalidArgument("evict before '" + std::string(before) +
                                   "': not an ISO 8601 day; give YYYY-MM-DD");
  MutexLock lock(&m.mu);
  // Deletion and the replay of what remains share one transaction: if either
  // fails, the database and the indexes stay as they were.
  if (Status st = m.db->BeginWrite(); !st.ok()) return st;
  auto removed = m.db->DeleteBefore(day);
  if (!removed.ok()) {
    m.db->Rollback();
    return removed.status();
  }
  auto fresh = m.Replay(*m.db);
  if (!fresh.ok()) {
    m.db->Rollback();
    return fresh.status();
  }
  if (Status st = m.db->Commit(); !st.ok()) return st;
  m.idx = std::move(fresh).value();
  return static_cast<uint64_t>(*removed);
}

size_t IncrementalEngine::size() const {
  MutexLock lock(&impl_->mu);
  return impl_->idx.docs.size();
}

const Options& IncrementalEngine::options() const { return impl_->options; }
const std::string& IncrementalEngine::path() const { return impl_->path; }

}  // namespace precis

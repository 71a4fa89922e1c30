// IncrementalEngine: precis inside a job that receives reports all day.
//
//   auto engine = precis::IncrementalEngine::Open("news.db", precis::Options{});
//   precis::StatusOr<precis::Fate> fate = (*engine)->Add(document);  // any thread
//   // fate->kind: exact copy, near-duplicate, joined story S, or new story
//   precis::StatusOr<precis::Result> today = (*engine)->Snapshot({.since = "2024-04-02"});
//   precis::WriteMarkdown(*today, {}, std::cout);                    // precis/digest.h
//
// Each Add is decided at once and never revised: the document is analysed,
// compared with the near-duplicate index (exact body hash, then MinHash/LSH
// with verification, as Engine::Run does) and, unless it is a copy, placed by
// the streaming clusterer (ClusterOptions::method kStreaming,
// engine/cluster/streaming/clusterer.h): it joins the most similar event or story
// centroid above the thresholds, or starts a new story. Fed the same documents
// in (date, id) order, the clusters equal those of Engine::Run with
// ClusterOptions::method = kStreaming. Not applied incrementally: the corpus
// rule of IngestOptions (lines repeated across many documents) -- a stream has
// no corpus yet; only the per-document edge rule removes boilerplate.
//
// Persistence: state lives in one SQLite database (WAL). When Add returns OK
// the document, its signature, vector and fate are committed: a process killed
// at any moment loses no acknowledged document, and Open resumes with exactly
// the state those documents produced. The database records the settings
// that change what Add stores: the options the ingest path reads (text,
// dedup, boilerplate edges, features and the streaming clusterer's) and the
// term-extraction scheme of the precis that made it; opening it with other
// such settings fails. Options only a batch run or a snapshot reads
// (cluster.story_threshold, story_prior_pairs, method,
// ingest.repeated_line_*, the summary options, threads, ...) may differ
// from one open to the next.
//
// Thread-safety: Add, Snapshot, Evict and size may be called concurrently
// from any number of threads. The analysis of a document (the costly part)
// runs in the calling thread without a lock; placement and the commit are
// serialised, in the order the calls reach them. A Snapshot sees every Add
// that returned before it started and none that started after it returned:
// a consistent prefix of the commit order.
//
// Processes: one writer per database file. Open takes a lock (the file
// PATH-lock beside the database, released when the engine is destroyed or
// the process dies), so a second writer, in this process or another, fails
// at Open with FailedPrecondition naming the holder. Any number of readers
// (OpenForReading) may run beside the writer, in other processes: each
// Snapshot of a reader first replays what the writer committed since, and
// reads one committed state.
//
// Delivery: a feed is delivered at least once. Adding a document whose id
// is stored with the same text returns its stored fate again, marked
// Fate::replay, and changes nothing; the same id with another text is a
// conflict (InvalidArgument).
#ifndef PRECIS_INGEST_H_
#define PRECIS_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis {

// What happened to one added document.
struct Fate {
  enum class Kind {
    kExactDuplicate,  // same normalised body as an earlier document
    kNearDuplicate,   // a verified near-duplicate of earlier documents (DedupOptions)
    kJoinedStory,     // placed in an existing story (an existing or a new event)
    kNewStory,        // started a new story
  };
  std::string id;
  Kind kind = Kind::kNewStory;
  // Copies: the earliest document of the near-duplicate group it joined (it
  // shares that document's event). Empty otherwise.
  std::string duplicate_of;
  // Story and event the document is in. Ids are stable for the life of the
  // database (they are the Story::id / Event::id of every Snapshot) and never
  // reused, even after Evict.
  uint32_t story = 0;
  uint32_t event = 0;
  bool new_event = false;
  // kExactDuplicate: 1. kNearDuplicate: the verified Jaccard of the closest
  // earlier copy. kJoinedStory: the link to the event joined (its average
  // scaled similarity to the event's reports, ClusterOptions::event_threshold
  // or more; may exceed 1), or, when it started a new event in that story, its
  // cosine to the story centroid. kNewStory: 0.
  double similarity = 0;
  // Arrival position in the database, from 1.
  uint64_t sequence = 0;
  // The document was already stored with the same text: this is its stored
  // fate, returned again (a re-sent report after a crash); nothing changed.
  bool replay = false;

  // "exact_duplicate", "near_duplicate", "joined_story", "new_story".
  static const char* KindName(Kind kind);
};

struct SnapshotOptions {
  // Only documents dated on or after this day (ISO 8601 "YYYY-MM-DD...";
  // a document without a date counts from the day it was added). Empty: all.
  std::string since;
  // Fill Story::summary (and DocumentResult::sentences) with the summarise
  // stage, as Engine::Run does. Off: membership and labels only, which costs
  // no re-analysis.
  bool summarise = true;
};

class IncrementalEngine {
 public:
  // Durability of an acknowledged Add: kProcessCrash survives the process
  // being killed (SQLite synchronous=NORMAL in WAL mode); kPowerLoss also a
  // power cut or OS crash (synchronous=FULL: one fsync per Add).
  enum class Durability { kProcessCrash, kPowerLoss };

  // Creates `db_path` or resumes from it, as the database's one writer; ""
  // keeps the state in memory only. Fails with InvalidArgument for bad
  // options (as Engine::Create), FailedPrecondition when another writer holds
  // the database (the message names its process), when the database was made
  // with other settings (the message names the file and the differing
  // settings) or by a precis that extracts terms differently, or is not a
  // precis database, Corruption for a damaged file,
  // IOError when it cannot be opened. Time O(stored documents) to rebuild the
  // in-memory indexes.
  static StatusOr<std::unique_ptr<IncrementalEngine>> Open(
      const std::string& db_path, Options options,
      Durability durability = Durability::kProcessCrash);

  // Opens an existing database for Snapshot and size only, beside its writer
  // (Add and Evict fail with FailedPrecondition). Takes no lock and writes
  // nothing. Fails as Open does, and with NotFound for a missing file.
  static StatusOr<std::unique_ptr<IncrementalEngine>> OpenForReading(const std::string& db_path,
                                                                     Options options);
  ~IncrementalEngine();
  IncrementalEngine(const IncrementalEngine&) = delete;
  IncrementalEngine& operator=(const IncrementalEngine&) = delete;

  // Analyses, places and commits one document; returns its fate once it is
  // durable. A document whose id is stored with the same text returns the
  // stored fate with `replay` set. Fails with InvalidArgument for an empty
  // id or an id stored with another text (nothing is changed), IOError when
  // the commit fails, e.g. a full disk (nothing is changed; the message names
  // the file; later Adds will likely fail the same way). Thread-safe. Time: the analysis, O(text),
  // plus a bounded placement (ClusterOptions::index_terms, max_postings, posting_budget,
  // max_candidates) and one verification per near-duplicate candidate group.
  StatusOr<Fate> Add(Document document);

  // Stories -> events -> near-duplicate groups of the stored documents,
  // ordered as Engine::Run orders them; Story::id and Event::id are the
  // stable ids of Fate. Result::documents holds the snapshot's documents
  // (sorted by id; DocumentResult::sentences only with `summarise`). With
  // `since`, stories and events keep only documents of that window. Fails
  // with InvalidArgument for an unparsable `since`. Thread-safe. Only the
  // placement data is read under the lock; for a file database the texts are
  // read afterwards from a read transaction pinned under it (so Add is not
  // held up by them), and summarising runs outside it. On a reader engine the
  // snapshot first replays what the writer committed since the last one.
  StatusOr<Result> Snapshot(const SnapshotOptions& options = {}) const;

  // Retention: deletes documents dated before `before` (ISO 8601 day; a
  // document without a date counts from the day it was added), with their
  // signatures, vectors, index entries and fates, and rebuilds the indexes
  // from what remains. Returns how many were deleted. Thread-safe; blocks
  // Add while it runs. Time O(stored documents).
  StatusOr<uint64_t> Evict(std::string_view before);

  // Documents stored (a reader: as of its last Snapshot or Open). Thread-safe.
  size_t size() const;
  const Options& options() const;
  // The database path given to Open ("" = in memory).
  const std::string& path() const;

 private:
  enum class Access { kWrite, kWriteFullSync, kRead };
  static StatusOr<std::unique_ptr<IncrementalEngine>> OpenAs(const std::string& db_path,
                                                             Options options, Access access);
  struct Impl;
  explicit IncrementalEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_INGEST_H_

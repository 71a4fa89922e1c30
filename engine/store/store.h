// Store: the incremental engine's state in one SQLite database.
//
// Schema (version 1), one row per document in each table, keyed by `seq`
// (arrival order, from 1):
//   settings(key, value)       format, version, fingerprint, options JSON, id counters
//   documents(seq, id UNIQUE, source_path, url, date, day, added_day, title,
//             given_title, lang, given_lang, words, text, text_hash, shingles)
//   signatures(seq, minhash)   MinHash values, little-endian uint32
//   vectors(seq, terms, entities, entity_names)  streaming vectors of units
//                              (little-endian keys, weights and lengths)
//   fates(seq, kind, duplicate_of, event, story, new_event, similarity)
//   near_duplicates(seq, other, estimated, jaccard, containment)  verified pairs
// Everything a document's Add decided is written in ONE transaction, so after
// a crash the database holds every acknowledged document with its state and
// nothing of an unacknowledged one. WAL journal; synchronous=NORMAL survives a
// killed process, FULL also a power cut.
//
// Settings also hold `evictions`, a counter Evict increments, so that a
// reader in another process knows when its replayed state went stale.
//
// One writer per database file: a writer Store holds an exclusive flock(2)
// on `PATH-lock` (which records the holder's pid, program and start time)
// for its lifetime, so a second writer, in this process or another, is
// refused at Open with the holder named; the kernel releases the lock when
// the process dies, however it dies. Readers (OpenMode::kRead) take no lock
// and may run beside the writer: SQLite's WAL gives each read transaction
// one committed state.
//
// Not thread-safe: one Store is used by one thread at a time (the
// incremental engine serialises its calls; a snapshot opens its own reader).
#ifndef PRECIS_ENGINE_STORE_STORE_H_
#define PRECIS_ENGINE_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cluster/streaming/centroids.h"
#include "precis/document.h"
#include "precis/status.h"

struct sqlite3;

namespace precis::store {

enum class FateKind : int { kUnit = 0, kExactDuplicate = 1, kNearDuplicate = 2 };

struct StoredPair {
  int64_t other = 0;  // seq of the earlier document
  double estimated = 0, jaccard = 0, containment = 0;
};

// What Add decided for one stored document (the fates row).
struct StoredFate {
  FateKind kind = FateKind::kUnit;
  int64_t duplicate_of = 0;
  uint32_t event = 0, story = 0;
  bool new_event = false, new_story = false;
  double similarity = 0;
};

// One stored document and what Add decided for it.
struct StoredDocument {
  int64_t seq = 0;
  // As given (text, title and lang as the caller passed them; source_map is
  // not kept: stored text is its own source).
  Document document;
  std::string title;  // analysed headline (given or extracted)
  std::string lang;   // analysed language
  uint32_t words = 0;
  int32_t day = cluster::DocFeatures::kNoDay;  // of Document::date
  int32_t added_day = 0;                       // day the document was added (UTC)
  uint64_t hash_low = 0, hash_high = 0;        // normalised body
  uint32_t shingles = 0;
  std::vector<uint32_t> signature;

  FateKind kind = FateKind::kUnit;
  int64_t duplicate_of = 0;  // seq; 0 for a unit
  uint32_t event = 0, story = 0;
  bool new_event = false, new_story = false;
  double similarity = 0;
  // Units only.
  cluster::StreamVector vector;
  std::vector<std::pair<uint64_t, std::string>> entity_names;
  std::vector<StoredPair> pairs;

  StoredFate decided() const {
    return {kind, duplicate_of, event, story, new_event, new_story, similarity};
  }
};

class Store {
 public:
  enum class Mode {
    kWrite,          // creates the file if needed; takes the writer lock
    kWriteFullSync,  // kWrite with synchronous=FULL (an fsync per commit)
    kRead,           // an existing database, read-only, no lock
  };

  // The settings a database stores, rewritten in the form the caller gives
  // them today (from its stored fingerprint and settings JSON); the JSON
  // itself when it is already in that form.
  using SettingsForm =
      std::function<std::string(std::string_view fingerprint, std::string_view settings_json)>;

  // Opens `path` ("" = a private in-memory database, kWrite only). A database
  // whose stored fingerprint is not `fingerprint` is accepted when
  // `current_form` of its stored settings equals `settings_json` (settings
  // written in an earlier form: a writer then stores `fingerprint` and
  // `settings_json` in their place, a reader leaves them); otherwise it fails
  // with FailedPrecondition naming the file and the settings that differ.
  // Without `current_form` the stored JSON is compared as it is. A writer
  // lock held elsewhere fails with FailedPrecondition naming the holder; a
  // file that is not a database with Corruption; kRead of a missing file
  // with NotFound.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                               std::string_view fingerprint,
                                               std::string_view settings_json, Mode mode,
                                               const SettingsForm& current_form = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // A second, read-only connection to the same file, for a snapshot read
  // outside the engine's lock (no fingerprint check: this Store made it).
  // Unsupported for an in-memory database.
  StatusOr<std::unique_ptr<Store>> OpenReader() const;

  // Writes one document (all tables) and the id counters in one transaction.
  Status Insert(const StoredDocument& doc, uint32_t next_event, uint32_t next_story);

  // Explicit transactions. BeginRead pins one committed state for every read
  // until EndRead; BeginWrite takes the database's write lock. Scan and the
  // reads run inside the caller's transaction when one is open (each starts
  // its own otherwise).
  Status BeginRead();
  Status BeginWrite();
  Status Commit();
  void Rollback();  // also ends a read transaction; never fails
  bool in_transaction() const;

  // Documents with seq >= min_seq in seq order. With `with_text`,
  // Document::text too. `min_day`: only documents whose day (date, else added
  // day) is >= it. Corruption for a damaged row.
  Status Scan(bool with_text, int32_t min_day, int64_t min_seq,
              const std::function<void(StoredDocument&&)>& fn);

  // (seq, text) of the documents Scan(min_day) visits, in seq order.
  Status ScanTexts(int32_t min_day,
                   const std::function<void(int64_t seq, std::string&& text)>& fn) const;

  // The document as given (for re-analysis). NotFound for an unknown seq.
  StatusOr<Document> ReadDocument(int64_t seq) const;
  // Its fate. NotFound for an unknown seq.
  StatusOr<StoredFate> ReadFate(int64_t seq) const;

  // Inside BeginWrite: deletes documents whose day (date, else added day) is
  // before `day` and counts an eviction. Returns how many were deleted.
  StatusOr<int64_t> DeleteBefore(int32_t day);

  // The id counters and the eviction count as stored now (re-read, so that a
  // reader sees a writer's progress).
  struct Counters {
    uint32_t next_event = 0, next_story = 0;
    int64_t evictions = 0;
    // Documents ever deleted by evictions; -1 when the database predates the
    // count (then unknown).
    int64_t evicted_documents = -1;
  };
  StatusOr<Counters> ReadCounters() const;

  std::pair<uint32_t, uint32_t> counters() const { return {next_event_, next_story_}; }
  const std::string& path() const { return path_; }

 private:
  Store() = default;
  Status Exec(const char* sql) const;
  Status Error(std::string_view what) const;
  std::string Name() const;
  std::string Describe(const char* sqlite_message) const;
  Status AddDateSource(bool read_only);
  Status RewriteSettings(std::string_view fingerprint, std::string_view settings_json);

  sqlite3* db_ = nullptr;
  std::string path_;
  int lock_fd_ = -1;              // the writer lock, held while open
  bool has_date_source_ = false;  // documents.date_source exists (AddDateSource)
  uint32_t next_event_ = 0, next_story_ = 0;
};

}  // namespace precis::store

#endif  // PRECIS_ENGINE_STORE_STORE_H_

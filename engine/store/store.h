// Store: the incremental engine's state in one SQLite database.
//
// Schema (version 1), one row per document in each table, keyed by `seq`
// (arrival order, from 1):
//   settings(key, value)       format, version, fingerprint, options JSON, id counters
//   documents(seq, id UNIQUE, source_path, url, date, day, added_day, title,
//             given_title, lang, given_lang, words, text, text_hash, shingles)
//   signatures(seq, minhash)   MinHash values, little-endian uint32
//   vectors(seq, terms, entities, entity_names)  streaming vectors of units
//   fates(seq, kind, duplicate_of, event, story, new_event, similarity)
//   near_duplicates(seq, other, estimated, jaccard, containment)  verified pairs
// Everything a document's Add decided is written in ONE transaction, so after
// a crash the database holds every acknowledged document with its state and
// nothing of an unacknowledged one. WAL journal; synchronous=NORMAL survives a
// killed process, FULL also a power cut.
//
// Not thread-safe: the incremental engine serialises every call.
#ifndef PRECIS_ENGINE_STORE_STORE_H_
#define PRECIS_ENGINE_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cluster/streaming.h"
#include "precis/document.h"
#include "precis/status.h"

struct sqlite3;

namespace precis::store {

enum class FateKind : int { kUnit = 0, kExactDuplicate = 1, kNearDuplicate = 2 };

struct StoredPair {
  int64_t other = 0;  // seq of the earlier document
  double estimated = 0, jaccard = 0, containment = 0;
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
};

class Store {
 public:
  // Opens or creates `path` ("" = a private in-memory database). A database
  // made with another `fingerprint` fails with FailedPrecondition naming the
  // file and the settings that differ (from the stored `settings_json`).
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                               std::string_view fingerprint,
                                               std::string_view settings_json, bool full_sync);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Writes one document (all tables) and the id counters in one transaction.
  Status Insert(const StoredDocument& doc, uint32_t next_event, uint32_t next_story);

  // Every document in seq order. With `with_text`, Document::text too.
  // `min_day`: only documents whose day (date, else added day) is >= it.
  Status Scan(bool with_text, int32_t min_day,
              const std::function<void(StoredDocument&&)>& fn) const;

  // The document as given (for re-analysis). NotFound for an unknown seq.
  StatusOr<Document> ReadDocument(int64_t seq) const;

  // Deletes documents whose day (date, else added day) is before `day`.
  // Returns how many.
  StatusOr<int64_t> Evict(int32_t day);

  std::pair<uint32_t, uint32_t> counters() const { return {next_event_, next_story_}; }
  const std::string& path() const { return path_; }

 private:
  Store() = default;
  Status Exec(const char* sql) const;
  Status Error(std::string_view what) const;

  sqlite3* db_ = nullptr;
  std::string path_;
  uint32_t next_event_ = 0, next_story_ = 0;
};

}  // namespace precis::store

#endif  // PRECIS_ENGINE_STORE_STORE_H_

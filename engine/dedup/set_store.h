// SetStore: the verification sets of one dedup run, outside the heap.
//
// Every document's set (sorted distinct 32-bit shingle fingerprints, see
// deduplicator.h) is needed only if the document ends up in a candidate pair,
// which is known after all of them are signed. Kept in memory they would
// cost about a third of the corpus size; re-analysing the documents instead
// cost a fifth of the run. So they go to a SpillStore (a temporary file; see
// engine/common/spill_store.h) and are read back for verification.
#ifndef PRECIS_ENGINE_DEDUP_SET_STORE_H_
#define PRECIS_ENGINE_DEDUP_SET_STORE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/common/spill_store.h"

namespace precis::dedup {

class SetStore {
 public:
  // `dir`: the folder for the temporary file (Env::TempDir(); "" is
  // Env::Default()'s).
  explicit SetStore(size_t documents, const std::string& dir = {}) : store_(documents, dir) {}

  // Stores the set of document i (each i at most once). Thread-safe; O(|set|).
  void Put(size_t i, std::span<const uint32_t> set) { store_.Put(i, std::as_bytes(set)); }

  // Number of values in the set of document i (0 if none was stored).
  size_t size(size_t i) const { return store_.size(i) / sizeof(uint32_t); }

  // Replaces *out with the set of document i. Thread-safe once no Put runs.
  // False when reading the temporary file failed (an I/O error).
  bool Get(size_t i, std::vector<uint32_t>* out) const {
    out->resize(size(i));
    return store_.Get(i, reinterpret_cast<std::byte*>(out->data()));
  }

  // True while sets go to the temporary file (false: all in memory).
  bool spilling() const { return store_.spilling(); }

  // IOError naming the temporary file once a write to it failed.
  Status status() const { return store_.status(); }

 private:
  SpillStore store_;
};

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_SET_STORE_H_

// SetStore: the verification sets of one dedup run, outside the heap.
//
// Every document's set (sorted distinct 32-bit shingle fingerprints, see
// deduplicator.h) is needed only if the document ends up in a candidate pair,
// which is known after all of them are signed. Kept in memory they would
// cost about a third of the corpus size; re-analysing the documents instead
// cost a fifth of the run. So they are appended to an unlinked temporary file
// in $TMPDIR (else /tmp), about 1 MB at a time: the kernel's page cache holds
// them, writes them to disk under memory pressure, and they are read back
// with pread for verification. The process's own memory is 12 bytes per
// document plus a 1 MB buffer. When no temporary file can be created or a
// write fails (disk full), the remaining sets stay in memory: slower to grow,
// same results. The file disappears when the store is destroyed or the
// process ends.
#ifndef PRECIS_ENGINE_DEDUP_SET_STORE_H_
#define PRECIS_ENGINE_DEDUP_SET_STORE_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

namespace precis::dedup {

class SetStore {
 public:
  explicit SetStore(size_t documents);
  ~SetStore();
  SetStore(const SetStore&) = delete;
  SetStore& operator=(const SetStore&) = delete;

  // Stores the set of document i (each i at most once). Thread-safe; O(|set|).
  void Put(size_t i, std::span<const uint32_t> set);

  // Number of values in the set of document i (0 if none was stored).
  size_t size(size_t i) const { return count_[i]; }

  // Replaces *out with the set of document i. Thread-safe once no Put runs.
  // False when reading the temporary file failed (an I/O error).
  bool Get(size_t i, std::vector<uint32_t>* out) const;

  // True while sets go to the temporary file (false: all in memory).
  bool spilling() const { return spill_; }

 private:
  void Flush();  // REQUIRES: mu_ held

  static constexpr size_t kFlushValues = 1 << 18;  // 1 MB

  int fd_ = -1;
  bool spill_ = false;
  std::mutex mu_;
  std::vector<uint64_t> offset_;  // first value of document i's set
  std::vector<uint32_t> count_;   // values in document i's set
  uint64_t file_values_ = 0;      // values [0, file_values_) are in the file
  std::vector<uint32_t> buffer_;  // values [file_values_, file_values_ + size)
};

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_SET_STORE_H_

// SpillStore: one byte record per item, outside the heap.
//
// Some of what a stage produces per document is needed again only much later
// (dedup's verification sets, only for documents in a candidate pair; the
// cluster bags, only for the cluster stage's vectors; the summariser's
// sentence terms, only story by story), and kept in memory all of it would
// cost more than the corpus itself. So records are appended to an unlinked
// temporary file in the Env's temporary folder ($TMPDIR, else /tmp), about
// 1 MB at a time: the kernel's page cache holds them, writes them to disk
// under memory pressure, and Get reads one back with pread. The process's own
// memory is 12 bytes per item plus a 1 MB buffer per thread storing at the
// time. When no temporary file can be created, the records stay in memory:
// more memory, same results. When a write fails (a full disk, a file size
// limit), the store keeps what it holds in memory so that nothing stored is
// lost, and status() says which file failed and why: the engine ends the
// run with that error after the stage, rather than let a corpus meant for
// the disk grow in memory unnoticed. The file disappears when the store is
// destroyed or the process ends.
//
// A full buffer is written by the thread whose record filled it, after the
// store's lock is released: the other threads keep storing into a fresh
// buffer meanwhile. Writing under the lock had left one of two analysis
// threads waiting on it for 7 % of a million-report digest, the kernel's
// copies into new page-cache pages being slow on this project's machines.
#ifndef PRECIS_ENGINE_COMMON_SPILL_STORE_H_
#define PRECIS_ENGINE_COMMON_SPILL_STORE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "precis/status.h"

namespace precis {

class SpillStore {
 public:
  // `dir`: the folder for the temporary file (Env::TempDir(); "" is
  // Env::Default()'s).
  explicit SpillStore(size_t items, const std::string& dir = {});
  ~SpillStore();
  SpillStore(const SpillStore&) = delete;
  SpillStore& operator=(const SpillStore&) = delete;

  // Stores the record of item i (each i at most once). Thread-safe;
  // O(record size).
  void Put(size_t i, std::span<const std::byte> record);

  // Stores a record as a new item, numbered items() before the call, and
  // returns its number. Thread-safe with other Appends and Puts; O(record
  // size) amortised.
  size_t Append(std::span<const std::byte> record);

  // Number of items (the count given to the constructor, plus Appends).
  size_t items() const { return size_.size(); }

  // Bytes in the record of item i (0 if none was stored).
  size_t size(size_t i) const { return size_[i]; }

  // Copies the record of item i into out[0, size(i)). Thread-safe once no Put
  // or Append runs. False when reading the temporary file failed (an I/O error).
  bool Get(size_t i, std::byte* out) const;

  // True while records go to the temporary file (false: all in memory).
  bool spilling() const { return spill_; }

  // IOError naming the temporary file once a write to it failed; OK
  // otherwise. Thread-safe.
  Status status() const;

 private:
  // Stores the record under the lock; returns a full buffer that the caller
  // must write with WriteOut after releasing it (empty: nothing to write).
  struct Full {
    std::vector<std::byte> bytes;
    uint64_t at = 0;  // file offset of bytes[0]
  };
  Full Store(size_t i, std::span<const std::byte> record);  // REQUIRES: mu_ held
  void WriteOut(Full full);                                 // REQUIRES: mu_ not held

  static constexpr size_t kFlushBytes = 1 << 20;

  int fd_ = -1;
  bool spill_ = false;
  std::string path_;  // of the temporary file (unlinked), for messages
  mutable std::mutex mu_;
  std::string error_;             // the first failed write
  std::vector<uint64_t> offset_;  // first byte of item i's record
  std::vector<uint32_t> size_;    // bytes in item i's record
  // Bytes [0, file_bytes_) went to the file, but for those of `unwritten`;
  // bytes [file_bytes_, file_bytes_ + buffer_.size()) are in buffer_.
  uint64_t file_bytes_ = 0;
  std::vector<std::byte> buffer_;
  std::map<uint64_t, std::vector<std::byte>> unwritten_;  // first byte -> a buffer a write refused
  std::vector<std::vector<std::byte>> spare_;             // written buffers, for reuse
};

// Records made of arrays of trivially copyable values: AppendArray writes a
// count and the values, ReadArray reads them back in the same order.
template <typename T>
void AppendArray(std::span<const T> values, std::vector<std::byte>* record) {
  static_assert(std::is_trivially_copyable_v<T>);
  const uint32_t count = static_cast<uint32_t>(values.size());
  const size_t at = record->size();
  record->resize(at + sizeof(count) + values.size_bytes());
  std::memcpy(record->data() + at, &count, sizeof(count));
  if (count > 0)
    std::memcpy(record->data() + at + sizeof(count), values.data(), values.size_bytes());
}

// Reads the next array of *record into *out and advances *record past it.
// False (and *out unspecified) when the record is too short.
template <typename T>
bool ReadArray(std::span<const std::byte>* record, std::vector<T>* out) {
  static_assert(std::is_trivially_copyable_v<T>);
  uint32_t count = 0;
  if (record->size() < sizeof(count)) return false;
  std::memcpy(&count, record->data(), sizeof(count));
  const size_t bytes = size_t{count} * sizeof(T);
  if (record->size() - sizeof(count) < bytes) return false;
  out->resize(count);
  if (count > 0) std::memcpy(out->data(), record->data() + sizeof(count), bytes);
  *record = record->subspan(sizeof(count) + bytes);
  return true;
}

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_SPILL_STORE_H_

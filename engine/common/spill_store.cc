#include "engine/common/spill_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "precis/env.h"

namespace precis {

namespace {

// An unlinked temporary file in `dir`, or -1; *path is its name.
int OpenTemporary(const std::string& dir, std::string* path) {
  *path = (dir.empty() ? Env::Default()->TempDir() : dir) + "/precis-spill-XXXXXX";
  const int fd = mkostemp(path->data(), O_CLOEXEC);
  if (fd >= 0) unlink(path->c_str());
  return fd;
}

}  // namespace

SpillStore::SpillStore(size_t items, const std::string& dir) : offset_(items), size_(items) {
  fd_ = OpenTemporary(dir, &path_);
  spill_ = fd_ >= 0;
}

Status SpillStore::status() const {
  std::lock_guard lock(mu_);
  if (error_.empty()) return Status::OK();
  return Status::IOError(error_);
}

SpillStore::~SpillStore() {
  if (fd_ >= 0) close(fd_);
}

SpillStore::Full SpillStore::Store(size_t i, std::span<const std::byte> record) {
  offset_[i] = file_bytes_ + buffer_.size();
  size_[i] = static_cast<uint32_t>(record.size());
  buffer_.insert(buffer_.end(), record.begin(), record.end());
  Full full;
  if (!spill_ || buffer_.size() < kFlushBytes) return full;
  full.at = file_bytes_;
  full.bytes.swap(buffer_);
  file_bytes_ += full.bytes.size();
  if (!spare_.empty()) {
    buffer_.swap(spare_.back());
    spare_.pop_back();
  }
  return full;
}

void SpillStore::WriteOut(Full full) {
  if (full.bytes.empty()) return;
  const std::byte* p = full.bytes.data();
  size_t left = full.bytes.size();
  off_t at = static_cast<off_t>(full.at);
  int error = 0;
  while (left > 0) {
    const ssize_t n = pwrite(fd_, p, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : ENOSPC;
      break;
    }
    p += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  std::lock_guard lock(mu_);
  if (left > 0) {
    // Disk full or similar: this buffer and every later record stay in
    // memory, and the run is told (status()).
    if (error_.empty())
      error_ = path_ + " (a temporary file, deleted): cannot write: " + std::strerror(error) +
               "; free space in that folder or point TMPDIR to a larger disk, then run again";
    spill_ = false;
    unwritten_.emplace(full.at, std::move(full.bytes));
    return;
  }
  full.bytes.clear();
  spare_.push_back(std::move(full.bytes));
}

void SpillStore::Put(size_t i, std::span<const std::byte> record) {
  Full full;
  {
    std::lock_guard lock(mu_);
    full = Store(i, record);
  }
  WriteOut(std::move(full));
}

size_t SpillStore::Append(std::span<const std::byte> record) {
  Full full;
  size_t i = 0;
  {
    std::lock_guard lock(mu_);
    i = size_.size();
    offset_.push_back(0);
    size_.push_back(0);
    full = Store(i, record);
  }
  WriteOut(std::move(full));
  return i;
}

bool SpillStore::Get(size_t i, std::byte* out) const {
  if (size_[i] == 0) return true;
  if (offset_[i] >= file_bytes_) {
    std::memcpy(out, buffer_.data() + (offset_[i] - file_bytes_), size_[i]);
    return true;
  }
  if (!unwritten_.empty()) {
    auto it = unwritten_.upper_bound(offset_[i]);
    if (it != unwritten_.begin()) {
      --it;
      if (offset_[i] < it->first + it->second.size()) {
        std::memcpy(out, it->second.data() + (offset_[i] - it->first), size_[i]);
        return true;
      }
    }
  }
  size_t left = size_[i];
  off_t at = static_cast<off_t>(offset_[i]);
  while (left > 0) {
    const ssize_t n = pread(fd_, out, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace precis

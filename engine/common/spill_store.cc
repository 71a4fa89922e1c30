#include "engine/common/spill_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace precis {

namespace {

// An unlinked temporary file, or -1.
int OpenTemporary() {
  const char* dir = std::getenv("TMPDIR");
  std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/precis-spill-XXXXXX";
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) unlink(path.c_str());
  return fd;
}

}  // namespace

SpillStore::SpillStore(size_t items) : offset_(items), size_(items) {
  fd_ = OpenTemporary();
  spill_ = fd_ >= 0;
}

SpillStore::~SpillStore() {
  if (fd_ >= 0) close(fd_);
}

void SpillStore::Put(size_t i, std::span<const std::byte> record) {
  std::lock_guard lock(mu_);
  offset_[i] = file_bytes_ + buffer_.size();
  size_[i] = static_cast<uint32_t>(record.size());
  buffer_.insert(buffer_.end(), record.begin(), record.end());
  if (spill_ && buffer_.size() >= kFlushBytes) Flush();
}

size_t SpillStore::Append(std::span<const std::byte> record) {
  std::lock_guard lock(mu_);
  const size_t i = size_.size();
  offset_.push_back(file_bytes_ + buffer_.size());
  size_.push_back(static_cast<uint32_t>(record.size()));
  buffer_.insert(buffer_.end(), record.begin(), record.end());
  if (spill_ && buffer_.size() >= kFlushBytes) Flush();
  return i;
}

void SpillStore::Flush() {
  const std::byte* p = buffer_.data();
  size_t left = buffer_.size();
  off_t at = static_cast<off_t>(file_bytes_);
  while (left > 0) {
    const ssize_t n = pwrite(fd_, p, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Disk full or similar: keep this buffer and every later record in memory.
      spill_ = false;
      return;
    }
    p += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  file_bytes_ += buffer_.size();
  buffer_.clear();
}

bool SpillStore::Get(size_t i, std::byte* out) const {
  if (size_[i] == 0) return true;
  if (offset_[i] >= file_bytes_) {
    std::memcpy(out, buffer_.data() + (offset_[i] - file_bytes_), size_[i]);
    return true;
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

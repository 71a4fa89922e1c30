#include "engine/dedup/set_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace precis::dedup {

namespace {

// An unlinked temporary file, or -1.
int OpenTemporary() {
  const char* dir = std::getenv("TMPDIR");
  std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/precis-dedup-sets-XXXXXX";
  const int fd = mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) unlink(path.c_str());
  return fd;
}

}  // namespace

SetStore::SetStore(size_t documents) : offset_(documents), count_(documents) {
  fd_ = OpenTemporary();
  spill_ = fd_ >= 0;
}

SetStore::~SetStore() {
  if (fd_ >= 0) close(fd_);
}

void SetStore::Put(size_t i, std::span<const uint32_t> set) {
  std::lock_guard lock(mu_);
  offset_[i] = file_values_ + buffer_.size();
  count_[i] = static_cast<uint32_t>(set.size());
  buffer_.insert(buffer_.end(), set.begin(), set.end());
  if (spill_ && buffer_.size() >= kFlushValues) Flush();
}

void SetStore::Flush() {
  const char* p = reinterpret_cast<const char*>(buffer_.data());
  size_t left = buffer_.size() * sizeof(uint32_t);
  off_t at = static_cast<off_t>(file_values_ * sizeof(uint32_t));
  while (left > 0) {
    const ssize_t n = pwrite(fd_, p, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Disk full or similar: keep this buffer and every later set in memory.
      spill_ = false;
      return;
    }
    p += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  file_values_ += buffer_.size();
  buffer_.clear();
}

bool SetStore::Get(size_t i, std::vector<uint32_t>* out) const {
  out->resize(count_[i]);
  if (offset_[i] >= file_values_) {
    const size_t from = static_cast<size_t>(offset_[i] - file_values_);
    std::memcpy(out->data(), buffer_.data() + from, out->size() * sizeof(uint32_t));
    return true;
  }
  char* p = reinterpret_cast<char*>(out->data());
  size_t left = out->size() * sizeof(uint32_t);
  off_t at = static_cast<off_t>(offset_[i] * sizeof(uint32_t));
  while (left > 0) {
    const ssize_t n = pread(fd_, p, left, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    at += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace precis::dedup

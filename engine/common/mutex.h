// Mutex and MutexLock: std::mutex with clang's thread-safety annotations, so
// that `GUARDED_BY(mu)` data touched without `mu` held, or a `REQUIRES(mu)`
// function called without it, fails the clang build (-Wthread-safety, on in
// precis_warnings under clang). libstdc++'s std::mutex carries no
// annotations, hence this wrapper (as Abseil's and LevelDB's port::Mutex).
// Under g++ the macros expand to nothing.
#ifndef PRECIS_ENGINE_COMMON_MUTEX_H_
#define PRECIS_ENGINE_COMMON_MUTEX_H_

#include <mutex>

#if defined(__clang__)
#define PRECIS_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define PRECIS_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) PRECIS_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY PRECIS_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) PRECIS_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) PRECIS_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) PRECIS_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) PRECIS_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) PRECIS_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define EXCLUDES(...) PRECIS_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

namespace precis {

class CAPABILITY("mutex") Mutex {
 public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds `mu` from construction until Unlock() or destruction.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() {
    if (held_) mu_->Unlock();
  }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;
  // Releases early (the destructor then does nothing).
  void Unlock() RELEASE() {
    held_ = false;
    mu_->Unlock();
  }

 private:
  Mutex* mu_;
  bool held_ = true;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_MUTEX_H_

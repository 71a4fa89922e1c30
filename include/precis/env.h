// Env: what precis reads from the machine besides its inputs -- the clock and
// the folder for temporary files -- behind one interface, so that tests and
// embedders can give a fixed day or a small file system without touching the
// process (as LevelDB's Env does). Options::env selects one; nullptr is
// Env::Default().
#ifndef PRECIS_ENV_H_
#define PRECIS_ENV_H_

#include <cstdint>
#include <string>

namespace precis {

class Env {
 public:
  virtual ~Env() = default;

  // Seconds since 1970-01-01T00:00:00Z. The incremental engine dates an
  // undated document by the day it was added (IncrementalEngine::Add).
  virtual int64_t NowSeconds() const;

  // Folder for the engine's temporary spill files (unlinked files, gone
  // with the process): $TMPDIR, else /tmp. Disk space there bounds how large
  // a corpus one Engine::Run takes.
  virtual std::string TempDir() const;

  // The process-wide Env (system clock, $TMPDIR): never null, not owned,
  // thread-safe.
  static const Env* Default();
};

}  // namespace precis

#endif  // PRECIS_ENV_H_

// Engine: the precis pipeline. Add documents, then Run to get what precis
// understood of them.
//
//   auto engine = precis::Engine::Create(options);        // StatusOr<unique_ptr<Engine>>
//   (*engine)->Add(document);                              // from any thread
//   precis::StatusOr<precis::Result> result = (*engine)->Run();
//
// Thread-safety: Add may be called concurrently from any number of threads.
// Run must not overlap with Add or another Run; it uses Options::threads
// worker threads internally. Results are identical for any thread count and
// any order of Add calls (documents are processed in id order).
//
// For reports that arrive all day (an ingest job), see precis/ingest.h:
// IncrementalEngine decides each report's fate as it is added (copy, joined
// story, new story), keeps its state in SQLite, and may be called from many
// threads while snapshots are taken. Run with ClusterOptions::method
// kStreaming gives its clusters for the same reports in (date, id) order.
#ifndef PRECIS_ENGINE_H_
#define PRECIS_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis {

// "MAJOR.MINOR.PATCH" of the library.
const char* Version();

class Engine {
 public:
  // Fails with InvalidArgument if an option is out of range (the message
  // names the option and its valid range).
  static StatusOr<std::unique_ptr<Engine>> Create(Options options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Queues a document. Fails with InvalidArgument for an empty id or an id
  // already added. Thread-safe. O(text) amortised: the text goes to the
  // engine's temporary file (see Run), not into memory.
  Status Add(Document document);

  // Number of documents added so far. Thread-safe.
  size_t size() const;

  // Runs every stage over the documents added so far. A document whose text
  // cannot be analysed is kept with no sentences, never dropped.
  // Time O(total text); memory O(total text) but far less than the corpus:
  // the documents' texts, and between stages what a later stage needs, wait
  // in unlinked temporary files in $TMPDIR (else /tmp; in memory when none
  // can be made), read back as a stage needs them, so the disk there needs
  // about four times the corpus size free. The texts are in the Result only
  // with Options::result_texts. Fails with IOError when such a file cannot be
  // read back (a failing disk).
  StatusOr<Result> Run();

  // Analyses the documents added so far and returns a background IDF model
  // (the text format described in engine/cluster/README.md) of those in
  // language `lang` (ISO 639-1; empty = the most common language). Terms and
  // entities in fewer than `min_df` documents are left out. Fails with
  // NotFound when no document is in `lang`. Must not overlap with Add or Run.
  // Time O(total text); memory O(distinct terms).
  StatusOr<std::string> BuildIdfModel(std::string_view lang, uint32_t min_df = 2);

  // Why documents `id_a` and `id_b` are (not) in one event or story: their
  // similarity, the shared terms and entities with their weights, and their
  // near-duplicate Jaccard. REQUIRES: `result` is this engine's latest Run
  // result (FailedPrecondition otherwise); NotFound for an unknown id.
  // Re-analyses the two documents: O(their length + vocabulary).
  StatusOr<PairExplanation> Explain(const Result& result, std::string_view id_a,
                                    std::string_view id_b) const;

  const Options& options() const;

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_H_

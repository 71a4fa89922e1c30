// Boilerplate removal: which lines of a document's text are content.
//
// Two rules (IngestOptions): navigation/widget lines at the top and bottom of
// a document (short, no sentence punctuation), and lines repeated verbatim in
// many documents of the corpus. The text itself is never modified: the result
// lists the kept lines as byte ranges of Document::text, so every later offset
// is an offset into the original.
#ifndef PRECIS_ENGINE_INGEST_BOILERPLATE_H_
#define PRECIS_ENGINE_INGEST_BOILERPLATE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "precis/document.h"
#include "precis/options.h"

namespace precis::ingest {

// A kept line: [begin, end) in Document::text, without the line break and
// without leading/trailing whitespace.
struct TextLine {
  uint32_t begin = 0;
  uint32_t end = 0;
  // True when a blank line or removed lines precede this line: the previous
  // kept line ends a paragraph.
  bool paragraph_start = false;
};

struct CleanedText {
  // The headline: Document::title if set; else, with extract_title, the first
  // kept line when it looks like a headline (and then it is not in `lines`).
  std::string title;
  // Kept body lines in text order.
  std::vector<TextLine> lines;
  // Number of lines removed as boilerplate (for --verbose and tests).
  uint32_t removed_lines = 0;
};

// Corpus-level statistics: how many documents contain each normalised line.
// Build once over the whole corpus, then Clean each document (any thread).
class BoilerplateFilter {
 public:
  // Counts lines over `documents` in parallel (oneTBB). O(total text). With
  // strip_boilerplate off, Clean keeps every non-blank line.
  static BoilerplateFilter Build(const std::vector<const Document*>& documents,
                                 const IngestOptions& options);
  // The same over `count` texts that live elsewhere: text_of(i, scratch)
  // returns text i, reading it into *scratch if need be (a per-thread string
  // it may reuse). Called from several threads at once.
  static BoilerplateFilter Build(
      size_t count, const std::function<std::string_view(size_t, std::string*)>& text_of,
      const IngestOptions& options);
  // Build in pieces, for a corpus spread over machines (precis/sketch.h):
  // the keys of a text's lines that count for the repetition rule (sorted,
  // distinct; none with strip_boilerplate off), what Build counts per
  // document. O(text).
  static std::vector<uint64_t> LineKeys(std::string_view text, const IngestOptions& options);
  // The count of documents a line must be in to be boilerplate in a corpus
  // of `documents`: max(2, repeated_line_min_documents,
  // ceil(repeated_line_min_fraction * documents)).
  static uint32_t RepeatedThreshold(size_t documents, const IngestOptions& options);
  // The filter Build gives for a corpus of `documents` in which line key
  // keys[i] is in counts[i] documents (keys below RepeatedThreshold may be
  // given or left out).
  static BoilerplateFilter FromCounts(size_t documents, std::span<const uint64_t> keys,
                                      std::span<const uint32_t> counts,
                                      const IngestOptions& options);
  // An empty filter: only the per-document edge rule applies.
  explicit BoilerplateFilter(const IngestOptions& options) : options_(options) {}

  // Thread-safe (const). O(document length).
  CleanedText Clean(const Document& document) const;

 private:
  IngestOptions options_;
  size_t corpus_size_ = 0;
  // Hash of a normalised line -> number of documents containing it, kept only
  // for lines that reach the repetition thresholds.
  std::unordered_map<uint64_t, uint32_t> repeated_lines_;
};

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_BOILERPLATE_H_

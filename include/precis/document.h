// Document: one news report as a caller hands it to precis, and the helpers
// that read reports from files, folders and JSON Lines.
//
// Ownership: a Document owns its strings. The reading functions return
// Documents by value; nothing in them points into caller memory.
#ifndef PRECIS_DOCUMENT_H_
#define PRECIS_DOCUMENT_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "precis/options.h"
#include "precis/status.h"

namespace precis {

// One run of a piecewise map from byte positions in Document::text to byte
// offsets in the original source (the file as decoded to UTF-8 for text
// formats; the raw HTML for .html). Position p of the text, with r the last run
// whose text_pos <= p, comes from source offset r.source_pos + (p - r.text_pos).
struct OffsetRun {
  uint64_t text_pos = 0;
  uint64_t source_pos = 0;
};

struct Document {
  // Stable, unique, non-empty: the path relative to the folder read, or the
  // JSON Lines `id`. Documents are ordered by id everywhere in the output.
  std::string id;
  // Headline. May be empty: precis then takes a headline-like first line of
  // the body (see IngestOptions::extract_title).
  std::string title;
  // The body, UTF-8. Lines are separated by '\n'; blank lines separate paragraphs.
  std::string text;
  // Publication date, ISO 8601 ("2024-04-02" or "2024-04-02T10:00:00Z"), or empty.
  std::string date;
  // Where the report came from: a URL, or empty.
  std::string url;
  // ISO 639-1 language code ("fr", "en"). Empty: detected from the text.
  std::string lang;
  // Path of the file the document was read from; empty for API callers.
  std::string source_path;
  // Map from `text` positions to source offsets, sorted by text_pos. Empty
  // means the identity: `text` is the source.
  std::vector<OffsetRun> source_map;

  // Byte offset in the original source of byte `text_pos` of `text`.
  // Complexity: O(log runs).
  uint64_t SourceOffset(uint64_t text_pos) const;
};

// A file (or JSON line) that could not be read: reported, skipped, never fatal.
struct SkippedSource {
  // The file path, or "path:LINE" for a JSON Lines record.
  std::string where;
  Status status;
};

// Reads reports from `paths`: files (.txt, .md, .html, .htm, .jsonl) or
// folders (read recursively; other extensions are ignored, symlink loops are
// detected). Calls `sink` once per document in deterministic order (sorted
// relative paths, then line order inside a .jsonl), and `skipped` once per
// source that could not be used, with the reason. Reading may run on several
// threads (IngestOptions::threads); the callbacks are always called from the
// calling thread, one at a time.
//
// Returns non-OK only for usage errors that make the whole call meaningless
// (e.g. a path that does not exist, or no paths at all).
Status ReadSources(const std::vector<std::string>& paths, const IngestOptions& options,
                   const std::function<void(Document)>& sink,
                   const std::function<void(SkippedSource)>& skipped);

// Reads JSON Lines (one object per line: id, title, text; optional url, date,
// lang) from `in`; `name` labels errors ("stdin"). Same callback contract.
Status ReadJsonLines(std::istream& in, std::string_view name, const IngestOptions& options,
                     const std::function<void(Document)>& sink,
                     const std::function<void(SkippedSource)>& skipped);

}  // namespace precis

#endif  // PRECIS_DOCUMENT_H_

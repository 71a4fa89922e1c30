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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precis/options.h"
#include "precis/status.h"

namespace precis {

// One run of a piecewise map from byte positions in Document::text to byte
// offsets in the original source: the bytes of the file as stored (before
// any charset conversion; for .html, the raw markup). Position p of the text,
// with r the last run whose text_pos <= p, comes from source offset
// r.source_pos + (p - r.text_pos).
//
// Precision (ReadSources): the first byte of every character maps to where the
// character starts in the file and its last byte to the last byte it came
// from, so a range [begin, end) of whole characters is the source range
// [SourceOffset(begin), SourceOffset(end - 1) + 1) -- exact for UTF-8 (a BOM
// is skipped), UTF-16 and every single-byte charset (Latin-1, Windows-1252).
// HTML: literal text is exact; an entity that decodes to one byte ("&amp;")
// maps to its '&' only (see engine/ingest/html.h).
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
  // A date given with the input wins; when there is none, the readers
  // (ReadSources, ReadJsonLines) look for one in the page or text and set
  // the day found ("2024-04-02"), see IngestOptions::find_dates.
  std::string date;
  // Where `date` came from: "input" (given by the caller or the JSON Lines
  // record), or where the reader found it: "url" (the URL's path),
  // "html-meta" (a <meta> or microdata field), "json-ld", "time-element"
  // (<time>/<abbr>), "byline" (an element whose class names a date or a
  // byline), "dateline" (a dateline or date line at the top of the text),
  // "page-text" (a date written elsewhere in the page's text, the least
  // reliable). Empty when `date` is empty; an API caller may leave it empty
  // for "input".
  std::string date_source;
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

// Where `document`'s date came from as the outputs name it: its
// date_source, or "input" for a date its caller set without one; empty when
// it has no date.
inline std::string_view DateSource(const Document& document) {
  if (document.date.empty() || !document.date_source.empty()) return document.date_source;
  return "input";
}

// A file (or JSON line) that could not be read: reported, skipped, never fatal.
struct SkippedSource {
  // The file path, or "path:LINE" for a JSON Lines record.
  std::string where;
  Status status;
};

// Reads reports from `paths`: files (.txt, .md, .html, .htm, .jsonl) or
// folders (read recursively; other extensions and names starting with '.'
// are ignored). In a folder, a symbolic link is followed when its target lies
// inside that folder, or anywhere with IngestOptions::follow_links; a link
// leading outside is reported and not read, and a link back into a folder
// being read is a reported loop. A path named in `paths` is used as given,
// link or not. Calls `sink` once per document in deterministic order (the
// paths in the order given; inside a folder, relative paths sorted bytewise;
// inside a .jsonl, line order), and `skipped` once per source that could not
// be used, with the reason: empty, binary (NUL or control bytes),
// undecodable, larger than IngestOptions::max_file_bytes (for .jsonl: per
// record), unreadable, not a regular file, broken or looping link, link
// leading outside its folder, unknown extension of a file named directly,
// malformed JSON line, record without "id" or without "text"/"html", or an
// id already delivered. Text is UTF-8 as given or converted from the charset
// ICU detects; "\r\n" becomes "\n". A document without a date gets the
// publication day its page, URL or dateline gives, if any
// (IngestOptions::find_dates; Document::date_source says where).
//
// Ids: for a file found in a folder, its path relative to that folder
// ("world/0042.txt"); for a file named directly, the path as given, lexically
// normalised ("./a.txt" -> "a.txt"); for a JSON Lines record, its "id".
// Document::source_path is the path to the file (folder joined with the
// relative path, or as given).
//
// Reading runs on IngestOptions::threads threads (the calling thread among
// them), a few files or batches of lines per thread in flight. The callbacks
// are called one at a time, never concurrently, in the same order for any
// thread count; each call may come from the calling thread or from one of the
// reading threads (with threads = 1, always the calling thread).
//
// Returns non-OK only for usage errors that make the whole call meaningless
// (a path that does not exist, or no paths at all).
Status ReadSources(const std::vector<std::string>& paths, const IngestOptions& options,
                   const std::function<void(Document)>& sink,
                   const std::function<void(SkippedSource)>& skipped);

// Reads JSON Lines (one object per line: "id" (string or integer) and
// either "text" or "html" required; "title", "url", "date", "lang" optional
// strings; other fields ignored) from `in`; `name` labels errors
// ("stdin:LINE") and becomes Document::source_path. Blank lines are skipped
// silently. Same callback contract. The source map of a "text" record is
// empty (its text is its source); an "html" record (a raw page, as crawlers
// store it) is read like an .html file: its visible text, its <title> or
// <h1> as headline unless "title" is given, and a source map into the
// "html" string (UTF-8 byte offsets). A record with both "text" and "html"
// is skipped with a reason.
Status ReadJsonLines(std::istream& in, std::string_view name, const IngestOptions& options,
                     const std::function<void(Document)>& sink,
                     const std::function<void(SkippedSource)>& skipped);

// One report as a JSON Lines record gives it, field by field: for callers
// that hold records as objects rather than text (a Python dict, a database
// row). An absent field is std::nullopt.
struct Record {
  std::string id;                    // required, non-empty
  std::optional<std::string> text;   // exactly one of text and html
  std::optional<std::string> html;   // a raw page, read as an .html file is
  std::optional<std::string> title;  // the others are optional
  std::optional<std::string> url;
  std::optional<std::string> date;
  std::optional<std::string> lang;
};

// Reads one record exactly as ReadJsonLines reads the JSON line holding the
// same fields: the same Document (source_path left empty), the same errors
// (Corruption "empty \"id\"", "both \"text\" and \"html\"; ...", "missing
// \"text\" or \"html\"", "empty \"text\" and no \"title\"", an html page's,
// Unsupported "no visible text in the page"), the same dates found
// (IngestOptions::find_dates, its clock IngestOptions::env). The size limit
// IngestOptions::max_file_bytes applies to the fields' bytes together
// (ResourceExhausted). Type errors ("\"title\" must be a string") are the
// caller's to report, before a Record can be made. Thread-safe; O(size).
StatusOr<Document> ReadRecord(Record record, const IngestOptions& options);

}  // namespace precis

#endif  // PRECIS_DOCUMENT_H_

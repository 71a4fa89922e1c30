// One JSON Lines record -> one Document.
//
// Fields: "id" (string or integer) and one of "text" (string) or "html" (a
// raw page, string) are required; "title", "url", "date", "lang" are
// optional strings (null = absent). "text" may be blank only when "title" is
// not (a headline-only report). Other fields (gold labels such as "story" or
// "event") are ignored.
#ifndef PRECIS_ENGINE_INGEST_JSON_RECORD_H_
#define PRECIS_ENGINE_INGEST_JSON_RECORD_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "precis/document.h"
#include "precis/status.h"

namespace precis::ingest {

// Parses `line` (one JSON object). Errors: Corruption with the reason
// ("malformed JSON: ...", "missing \"text\" or \"html\"", "\"title\" must be
// a string", "both \"text\" and \"html\""), and for "html" those of
// ExtractHtml and Unsupported "no visible text in the page". A "text"
// record's source map stays empty (the text is its own source); an "html"
// record is read as html.h reads a page, its source map pointing into the
// "html" string, its <title>/<h1> the headline unless "title" is given.
// A given "date" gets date_source "input"; without one and with `today`
// (days since 1970-01-01, the reading day), the publication day is looked
// for in the page or the text and its URL (dates/publication_date.h).
// Thread-safe.
StatusOr<Document> ParseJsonRecord(std::string_view line,
                                   std::optional<int32_t> today = std::nullopt);

// The checks and reading of ParseJsonRecord after its JSON is parsed: one
// record given field by field (precis::ReadRecord, precis/document.h). Same
// errors, same Document.
StatusOr<Document> RecordToDocument(Record record, std::optional<int32_t> today);

// True when `line` holds only whitespace (such lines are skipped silently).
bool IsBlankLine(std::string_view line);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_JSON_RECORD_H_

// One JSON Lines record -> one Document.
//
// Fields: "id" (string or integer) and "text" (string) are required; "title",
// "url", "date", "lang" are optional strings (null = absent). "text" may be
// blank only when "title" is not (a headline-only report). Other fields
// (gold labels such as "story" or "event") are ignored.
#ifndef PRECIS_ENGINE_INGEST_JSON_RECORD_H_
#define PRECIS_ENGINE_INGEST_JSON_RECORD_H_

#include <string_view>

#include "precis/document.h"
#include "precis/status.h"

namespace precis::ingest {

// Parses `line` (one JSON object). Errors: Corruption with the reason
// ("malformed JSON: ...", "missing \"text\"", "\"title\" must be a string").
// Document::source_map stays empty: the text is its own source. Thread-safe.
StatusOr<Document> ParseJsonRecord(std::string_view line);

// True when `line` holds only whitespace (such lines are skipped silently).
bool IsBlankLine(std::string_view line);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_JSON_RECORD_H_

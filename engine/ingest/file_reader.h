// One .txt/.md/.html file -> one Document: read with limits, decode to UTF-8,
// extract the visible text of HTML, map every text byte back to the file.
#ifndef PRECIS_ENGINE_INGEST_FILE_READER_H_
#define PRECIS_ENGINE_INGEST_FILE_READER_H_

#include <cstdint>
#include <string>

#include "engine/ingest/source_list.h"
#include "precis/document.h"
#include "precis/options.h"
#include "precis/status.h"

namespace precis::ingest {

// The whole content of the regular file `path`. Errors: IOError (cannot open
// or read), Unsupported (not a regular file, or empty: "empty file"),
// ResourceExhausted (more than `max_bytes`). Never blocks on pipes.
StatusOr<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes);

// Reads a kText or kHtml entry. Document::source_map maps to byte offsets in
// the file itself (before decoding). Errors as ReadFileBytes and DecodeToUtf8,
// plus Unsupported "no text" when nothing visible remains. Thread-safe.
StatusOr<Document> ReadDocumentFile(const SourceEntry& entry, const IngestOptions& options);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_FILE_READER_H_

// Bytes of a file -> UTF-8 text, with a map back to the file's bytes.
//
// Valid UTF-8 passes unchanged (a byte-order mark is dropped). Anything else is
// identified with ICU's charset detector and converted with ICU converters;
// the map is exact for every converted character (ICU reports the source
// offset of each one), so for Latin-1 or Windows-1252 news a quote found in
// the text slices the original file at exactly its bytes.
// Line ends are normalised: "\r\n" and a lone "\r" become "\n".
#ifndef PRECIS_ENGINE_INGEST_CHARSET_H_
#define PRECIS_ENGINE_INGEST_CHARSET_H_

#include <string>
#include <vector>

#include "precis/document.h"
#include "precis/status.h"

namespace precis::ingest {

struct DecodedText {
  std::string text;  // UTF-8
  // text position -> byte offset in the input; empty = identity.
  std::vector<OffsetRun> source_map;
  // Charset the input was read as: "UTF-8", "UTF-16LE", "ISO-8859-1", ...
  std::string charset;
};

// Converts `bytes` to UTF-8 (consumes them: valid UTF-8 is moved, not copied).
// `markup`: the input is HTML/XML, so tags are ignored while guessing the charset.
// Errors: Unsupported "binary file" for NUL bytes or mostly control bytes;
// Corruption when the input is not UTF-8 and no charset fits it.
// O(size); the detector looks at the first MiB only.
StatusOr<DecodedText> DecodeToUtf8(std::string bytes, bool markup);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_CHARSET_H_

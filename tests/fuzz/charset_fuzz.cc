// Charset detection and conversion: the input is the bytes of a file of
// unknown encoding, decoded as a text file and as an HTML file would be.
#include <string>

#include "engine/ingest/charset.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > precis::fuzz::kMaxInput) return 0;
  for (const bool markup : {false, true}) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    auto decoded = precis::ingest::DecodeToUtf8(std::move(bytes), markup);
    if (!decoded.ok()) {
      const precis::Status::Code code = decoded.status().code();
      PRECIS_FUZZ_CHECK(
          code == precis::Status::Code::kUnsupported || code == precis::Status::Code::kCorruption,
          "undecodable input is binary or corrupt");
      continue;
    }
    const std::string& text = decoded->text;
    PRECIS_FUZZ_CHECK(!decoded->charset.empty(), "the charset read is named");
    PRECIS_FUZZ_CHECK(precis::fuzz::IsValidUtf8(text), "the decoded text is UTF-8");
    PRECIS_FUZZ_CHECK(text.find('\r') == std::string::npos, "line ends are '\\n'");
    precis::fuzz::CheckSourceMap(decoded->source_map, text.size(), size,
                                 "the map points into the input");
    PRECIS_FUZZ_CHECK(precis::ingest::MapOffset(decoded->source_map, text.size()) == size,
                      "the end of the text maps to the end of the input");
    // Characters come out in input order: a range of the text is a range of
    // the file.
    uint64_t previous = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const uint64_t at = precis::ingest::MapOffset(decoded->source_map, i);
      PRECIS_FUZZ_CHECK(at >= previous, "source offsets never go back");
      previous = at;
    }
  }
  return 0;
}

// JSON Lines: the input is a .jsonl stream read as `precis sentences -` and
// `precis ingest -` read it (ReadJsonLines: lines cut into batches, each line
// parsed by ParseJsonRecord, an "html" record's page read as an .html file,
// records dated, duplicate ids reported).
#include <set>
#include <sstream>
#include <string>

#include "engine/ingest/json_record.h"
#include "precis/document.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > precis::fuzz::kMaxInput) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  precis::IngestOptions options;
  options.threads = 1;
  std::set<std::string> ids;
  size_t delivered = 0;
  const precis::Status status = precis::ReadJsonLines(
      in, "stdin", options,
      [&](precis::Document doc) {
        ++delivered;
        PRECIS_FUZZ_CHECK(!doc.id.empty(), "a record without an id was delivered");
        PRECIS_FUZZ_CHECK(ids.insert(doc.id).second, "a duplicate id was delivered");
        PRECIS_FUZZ_CHECK(
            !precis::ingest::IsBlankLine(doc.text) || !precis::ingest::IsBlankLine(doc.title),
            "a record without text or title was delivered");
        // Empty for a "text" record; for an "html" record, offsets into its
        // "html" string, which is shorter than the input.
        precis::fuzz::CheckSourceMap(doc.source_map, doc.text.size(), size,
                                     "a record's map points into its page");
        PRECIS_FUZZ_CHECK(doc.source_path == "stdin", "source_path is the stream's name");
        for (const std::string* field :
             {&doc.id, &doc.text, &doc.title, &doc.url, &doc.date, &doc.lang}) {
          PRECIS_FUZZ_CHECK(precis::fuzz::IsValidUtf8(*field), "a field is not UTF-8");
        }
      },
      [&](precis::SkippedSource skipped) {
        PRECIS_FUZZ_CHECK(!skipped.status.ok(), "a skipped record carries its error");
        PRECIS_FUZZ_CHECK(skipped.where.rfind("stdin", 0) == 0, "a skip names the stream");
      });
  PRECIS_FUZZ_CHECK(status.ok(), "reading a stream only fails for usage errors");

  // Each line on its own, as the parallel readers parse them.
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    const std::string_view line(input.data() + start, end - start);
    auto doc = precis::ingest::ParseJsonRecord(line);
    if (doc.ok()) PRECIS_FUZZ_CHECK(!doc->id.empty(), "a parsed record has an id");
    if (precis::ingest::IsBlankLine(line))
      PRECIS_FUZZ_CHECK(!doc.ok(), "a blank line is no record");
    start = end + 1;
  }
  return 0;
}

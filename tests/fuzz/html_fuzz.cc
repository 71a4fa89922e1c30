// The HTML reader: the input is the bytes of a .html file, read as
// ReadDocumentFile reads one (charset detection with markup ignored, visible
// text extraction and the page's publication date in one parse, the two
// source maps composed into one).
#include <string>

#include "engine/ingest/charset.h"
#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/html.h"
#include "engine/ingest/offset_map.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// Pages are larger than other inputs; beyond this the nesting limit and
// the linear passes are all that is left to test.
constexpr size_t kMaxHtml = 1 << 20;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxHtml) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto decoded = precis::ingest::DecodeToUtf8(std::move(bytes), /*markup=*/true);
  if (!decoded.ok()) return 0;
  const std::string& html = decoded->text;
  // A fixed reading day, so that a found date is judged the same on every run.
  static const int32_t today = *precis::ingest::dates::MakeDay(2024, 6, 1);
  const precis::ingest::dates::DateContext dating{.url = {}, .today = today};
  auto page = precis::ingest::ExtractHtml(html, &dating);
  if (!page.ok()) {
    PRECIS_FUZZ_CHECK(page.status().code() == precis::Status::Code::kUnsupported,
                      "only too deep pages are refused");
    return 0;
  }
  PRECIS_FUZZ_CHECK(precis::fuzz::IsValidUtf8(page->text), "the visible text is UTF-8");
  PRECIS_FUZZ_CHECK(precis::fuzz::IsValidUtf8(page->title), "the title is UTF-8");
  PRECIS_FUZZ_CHECK(page->text.find('\r') == std::string::npos, "line ends are '\\n'");
  PRECIS_FUZZ_CHECK(page->text.empty() || (page->text.front() != ' ' && page->text.back() != ' ' &&
                                           page->text.front() != '\n' && page->text.back() != '\n'),
                    "the text neither starts nor ends with white space");
  precis::fuzz::CheckSourceMap(page->source_map, page->text.size(), html.size(),
                               "the page map points into the decoded HTML");
  const std::vector<precis::OffsetRun> map =
      precis::ingest::ComposeMaps(page->source_map, page->text.size(), decoded->source_map);
  precis::fuzz::CheckSourceMap(map, page->text.size(), size, "the file map points into the file");
  if (page->date) {
    PRECIS_FUZZ_CHECK(precis::ingest::dates::StatedRange(today).Contains(page->date->day),
                      "a page's date is plausible");
  }
  return 0;
}

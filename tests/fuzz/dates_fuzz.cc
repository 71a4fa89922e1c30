// Publication dates of plain text: the input is "URL\nTEXT", a report's
// "url" and body as a JSON Lines record or a .txt file gives them, dated as
// the reader dates them (TextDate: the URL's day, then the dateline). Pages
// are dated by the html target, in the same parse as their text.
#include <cctype>
#include <string>
#include <string_view>

#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/dates/publication_date.h"
#include "tests/fuzz/fuzz_check.h"

namespace precis::fuzz {

// A fixed reading day, so that a found date is judged the same on every run.
const int32_t kToday = *ingest::dates::MakeDay(2024, 6, 1);

// A day found and given to a document reads back as the same day.
void CheckFoundDay(const std::optional<ingest::dates::FoundDate>& found) {
  if (!found) return;
  Document doc;
  ingest::dates::SetFoundDate(found, &doc);
  const std::string& date = doc.date;
  PRECIS_FUZZ_CHECK(date.size() == 10 && date[4] == '-' && date[7] == '-',
                    "a found date is written YYYY-MM-DD");
  PRECIS_FUZZ_CHECK(!doc.date_source.empty(), "a found date names its source");
  const auto digits = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      PRECIS_FUZZ_CHECK(std::isdigit(static_cast<unsigned char>(date[i])), "a date is digits");
      v = v * 10 + (date[i] - '0');
    }
    return v;
  };
  const auto day = ingest::dates::MakeDay(digits(0, 4), digits(5, 2), digits(8, 2));
  PRECIS_FUZZ_CHECK(day && *day == found->day, "a written date reads back as its day");
}

}  // namespace precis::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace precis;
  if (size > fuzz::kMaxInput) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t url_end = std::min(input.find('\n'), input.size());
  const ingest::dates::DateContext context{.url = input.substr(0, url_end), .today = fuzz::kToday};
  const std::string_view text = input.substr(std::min(url_end + 1, input.size()));
  const auto found = ingest::dates::TextDate(text, context);
  if (found) {
    PRECIS_FUZZ_CHECK(ingest::dates::NewsRange(fuzz::kToday).Contains(found->day),
                      "a date found in a URL or dateline is plausible news");
    PRECIS_FUZZ_CHECK(found->source == ingest::dates::DateSource::kUrl ||
                          found->source == ingest::dates::DateSource::kDateline,
                      "a text is dated by its URL or dateline only");
  }
  fuzz::CheckFoundDay(found);
  return 0;
}

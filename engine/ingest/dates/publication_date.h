// The publication day of a report that came without one: from an HTML
// page's metadata and markup, its URL, or the dateline at the top of its
// text. One decision per report, with the source it came from.
//
// Order of trust for a page (the first that gives a plausible day wins):
//   url            the URL's path has year, month and day (/2022/02/15/)
//   html-meta      the first <meta> field naming the publication date, in
//                  document order; an undescribed <meta name="date"> yields
//                  to the first <time datetime> (then time-element)
//   json-ld        datePublished of JSON-LD (an article's first, @graph too)
//   html-meta      microdata datePublished outside <meta>
//   time-element / byline
//                  the first date shown in a <time>, <abbr> or an element
//                  whose class or id names a date or byline, in document
//                  order, outside readers' comments and not marked as an
//                  update (class, itemprop or a cue word such as "Updated")
//   html-meta, json-ld, time-element / byline
//                  creation dates, then JSON-LD's other dates, then dates
//                  shown as updates, then modification metadata
//   dateline       a dateline or date line at the top of the visible text
//   byline         the headline and what stands around it
//   url            the day in the og:image URL
//   page-text      the first date in the visible text (one a publication cue
//                  introduces first)
// A text (a .txt file, a JSON record's text) has url and dateline only.
// engine/ingest/dates/README.md gives the measurements behind this order.
#ifndef PRECIS_ENGINE_INGEST_DATES_PUBLICATION_DATE_H_
#define PRECIS_ENGINE_INGEST_DATES_PUBLICATION_DATE_H_

#include <gumbo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "precis/document.h"
#include "precis/options.h"

namespace precis::ingest::dates {

enum class DateSource {
  kUrl,
  kHtmlMeta,
  kJsonLd,
  kTimeElement,
  kByline,
  kDateline,
  kPageText,
};

// "url", "html-meta", "json-ld", "time-element", "byline", "dateline",
// "page-text": the names Document::date_source uses.
const char* DateSourceName(DateSource source);

struct FoundDate {
  int32_t day = 0;  // days since 1970-01-01
  DateSource source = DateSource::kUrl;
};

struct DateContext {
  // The report's URL as given (JSON Lines "url"); empty when unknown. A
  // page's canonical URL is used when this is empty.
  std::string_view url;
  // The day the reports are read (days since 1970-01-01): dates more than a
  // day after it are impossible and never taken.
  int32_t today = 0;
};

// The publication day of the page parsed into `root`, whose visible text
// (engine/ingest/html.h) is `visible_text`. nullopt: nothing plausible.
// Thread-safe. O(elements + text looked at).
std::optional<FoundDate> PageDate(const GumboNode* root, std::string_view visible_text,
                                  const DateContext& context);

// The publication day of a plain text (its URL, then its dateline).
std::optional<FoundDate> TextDate(std::string_view text, const DateContext& context);

// The reading day for `options` (the day of IngestOptions::env's clock, in
// UTC), or nullopt when IngestOptions::find_dates is off.
std::optional<int32_t> ReadingDay(const IngestOptions& options);

// Gives `doc` the day found ("YYYY-MM-DD") and its source, unless it has a
// date already (a date given with the input wins) or nothing was found.
void SetFoundDate(const std::optional<FoundDate>& found, Document* doc);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_PUBLICATION_DATE_H_

// What an HTML page says about its own date, gathered in one walk over the
// parsed tree: meta tags, JSON-LD, microdata, <time> and <abbr> elements,
// elements whose class or id names a date, the headline, the canonical URL.
// publication_date.h weighs them.
#ifndef PRECIS_ENGINE_INGEST_DATES_HTML_CLUES_H_
#define PRECIS_ENGINE_INGEST_DATES_HTML_CLUES_H_

#include <gumbo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ingest/dates/date_text.h"

namespace precis::ingest::dates {

// What a metadata field says its date is.
enum class DateRole {
  kPublished,  // first publication (article:published_time, datePublished, DC.date.issued)
  kCreated,    // creation (dateCreated, DC.date.created): close to publication
  kModified,   // last change (article:modified_time, dateModified, last-modified)
  kOther,      // a date of unknown meaning (<meta name="date">, http-equiv date)
};

struct DatedClue {
  DateRole role = DateRole::kOther;
  DateValue value;
};

// A date shown in the page's markup: a <time> or <abbr> element, or an
// element whose class, id or itemprop names a date or a byline.
struct MarkupClue {
  enum class Kind { kTime, kElement };
  Kind kind = Kind::kElement;
  // kTime: the datetime (or title, data-utime) attribute, a machine value
  // for ParseDateValue; empty when it has none. Both kinds: the element's
  // text, whitespace collapsed, at most kClueTextBytes.
  std::string value;
  std::string text;
  // A class or itemprop saying "updated"/"modified" (and none saying
  // "published").
  bool modified = false;
  // Inside an element whose class or id names comments or replies, where
  // dates are those of readers' posts.
  bool in_comments = false;
};

struct HtmlClues {
  // <link rel="canonical" href>, else <meta property="og:url" content>.
  std::string canonical_url;
  // <meta property="og:image" content>: images are often filed by day.
  std::string image_url;
  // <html lang>, lower case ("en-us").
  std::string lang;
  // <meta> dates in document order (name, property, itemprop, http-equiv).
  std::vector<DatedClue> meta;
  // Microdata outside <meta>: itemprop="datePublished" etc. on any element,
  // read from its content/datetime attribute or its text.
  std::vector<DatedClue> microdata;
  // Bodies of <script type="application/ld+json">, in document order.
  std::vector<std::string> json_ld;
  // Dates shown in the markup, in document order.
  std::vector<MarkupClue> markup;
  // Text of <title>, of the first <h1> and of the <h1>'s parent (what stands
  // around the headline: a kicker, a byline).
  std::vector<std::string> headlines;
};

// Longest text kept from one element.
inline constexpr size_t kClueTextBytes = 80;

// Walks the tree under `root` (a gumbo document) once. Thread-safe.
// O(elements + text bytes kept).
HtmlClues CollectHtmlClues(const GumboNode* root);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_HTML_CLUES_H_

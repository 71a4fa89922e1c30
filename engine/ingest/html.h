// Visible text of an HTML page (gumbo), with a map back to the raw HTML.
//
// Dropped: script, style, nav, header, footer, aside, noscript, template,
// form, and elements marked hidden. Block elements end lines (div, li, tr,
// br, ...) or paragraphs (p, h1-h6, blockquote, section, article, ...), so the
// text has '\n' between blocks and a blank line between paragraphs; other
// whitespace collapses to one space, as a browser shows it.
//
// Offsets: each text node is mapped piecewise to its original bytes. Literal
// characters map exactly (first and last byte). A character reference
// (&eacute; &#8217;) maps its first byte to the '&' and, when it decodes to
// several bytes, its last byte to the ';' -- so a range ending in "&raquo;"
// ends exactly, while one ending in a single-byte result ("&quot;", "&amp;")
// ends one byte into the reference. Line and paragraph breaks map to the end
// of the text before them. If gumbo's decoded text cannot be aligned with the
// raw bytes (rare: text moved by the parser), the rest of that node maps to
// its last aligned position.
#ifndef PRECIS_ENGINE_INGEST_HTML_H_
#define PRECIS_ENGINE_INGEST_HTML_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/dates/publication_date.h"
#include "precis/document.h"
#include "precis/status.h"

namespace precis::ingest {

struct HtmlText {
  // <title>, or the first <h1> when there is no title; whitespace collapsed.
  std::string title;
  std::string text;
  // text position -> byte offset in the HTML given.
  std::vector<OffsetRun> source_map;
  // The page's publication day and where it was found, when asked for
  // (dates/publication_date.h); nullopt when not asked or none is plausible.
  std::optional<dates::FoundDate> date;
};

// `html` must be UTF-8. Malformed HTML is parsed the way browsers do. Fails
// (Unsupported) only for pages nested more than 1000 elements deep, which
// the parser handles in quadratic time and memory. O(size) otherwise.
// With `date` (not owned, used during the call only), also looks for the
// page's publication day in the same parse.
StatusOr<HtmlText> ExtractHtml(std::string_view html, const dates::DateContext* date = nullptr);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_HTML_H_

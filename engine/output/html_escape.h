// Text made safe to place in HTML, in element content or in a quoted
// attribute value: & < > " ' become character references.
#ifndef PRECIS_ENGINE_OUTPUT_HTML_ESCAPE_H_
#define PRECIS_ENGINE_OUTPUT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace precis::output {

// O(size); every other byte, UTF-8 included, is copied as it is.
std::string HtmlEscape(std::string_view s);

}  // namespace precis::output

#endif  // PRECIS_ENGINE_OUTPUT_HTML_ESCAPE_H_

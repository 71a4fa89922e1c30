// Whether a single line break inside a paragraph ends a sentence.
//
// News text comes both as one paragraph per line and hard-wrapped at a fixed
// width. A line that ends with sentence punctuation, a comma, a colon or a
// dash joins the next line and ICU's sentence rules decide (so "M." at a
// line end does not end the sentence); so does a line followed by one that
// starts in lower case (a wrapped sentence). Otherwise the break is hard:
// a subheading such as "Initiatives pour l'Ukraine" or "UNITÉ DE L'OTAN"
// never merges into the sentence on the next line.
#ifndef PRECIS_ENGINE_TEXT_LINE_BREAKS_H_
#define PRECIS_ENGINE_TEXT_LINE_BREAKS_H_

#include <string_view>

#include "engine/ingest/boilerplate.h"

namespace precis::text {

// `previous` and `next` are consecutive kept lines of one paragraph of `text`.
bool IsHardLineBreak(std::string_view text, const ingest::TextLine& previous,
                     const ingest::TextLine& next);

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_LINE_BREAKS_H_

// Dates in a page's JSON-LD (schema.org): datePublished, dateCreated,
// dateModified, uploadDate of the objects of a <script
// type="application/ld+json">, including those inside "@graph" and other
// nested objects and arrays.
#ifndef PRECIS_ENGINE_INGEST_DATES_JSON_LD_H_
#define PRECIS_ENGINE_INGEST_DATES_JSON_LD_H_

#include <optional>
#include <string_view>
#include <vector>

#include "engine/ingest/dates/html_clues.h"

namespace precis::ingest::dates {

// The best date of one JSON-LD script: the datePublished of the first
// object whose @type is an article or a post (NewsArticle, BlogPosting,
// ReportageNewsArticle, ...), else the first datePublished (or uploadDate)
// of any object, else the first dateCreated, else the first dateModified
// (with the role saying which). Malformed JSON (common: a trailing comma, a
// raw line break in a string) is searched for "datePublished": "..." pairs
// instead. nullopt when no parseable date is found. With `all`, also
// appends every date of those four fields, in order. Thread-safe.
std::optional<DatedClue> JsonLdDate(std::string_view script, std::vector<DatedClue>* all = nullptr);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_JSON_LD_H_

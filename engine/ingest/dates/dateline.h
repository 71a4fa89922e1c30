// The date a report gives at its top: a wire dateline ("MADRID, 15 février
// (EUROPA PRESS) -", "WASHINGTON, Feb. 15 (Reuters) -", "Berlin, 15. Februar
// 2022 (dpa) -") or a short line holding a date ("15 FÉVRIER 2022",
// "Publié le 3 février 2022 à 10h32", "Veröffentlicht am 15.02.2022").
#ifndef PRECIS_ENGINE_INGEST_DATES_DATELINE_H_
#define PRECIS_ENGINE_INGEST_DATES_DATELINE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace precis::ingest::dates {

struct DatelineOptions {
  // The year of a dateline that gives none ("15 février"), from a reliable
  // anchor (a year in the report's URL); 0: none, and such a dateline
  // dates nothing rather than guessing.
  int anchor_year = 0;
  // Numeric dates read month first ("02/15/2022"): for US English.
  bool month_first = false;
};

// How far into a text a dateline is looked for: lines and bytes. The top of
// a saved page or a pasted report often keeps a few navigation lines before
// the headline and the dateline.
inline constexpr int kDatelineMaxLines = 20;
inline constexpr size_t kDatelineMaxBytes = 2000;

// The day of the first dateline or date line among the first
// kDatelineMaxLines lines (kDatelineMaxBytes bytes) of `text`, or nullopt.
// A date line is a line of at most 80 bytes with a full date and at most 6
// other words; a dateline is a line starting with a place (at most 4 words)
// and a comma, then a date (with or without year), then "(" or a dash. Dates
// are checked against the calendar only (the caller bounds them). O(bytes
// looked at).
std::optional<int32_t> DatelineDay(std::string_view text, const DatelineOptions& options);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_DATELINE_H_

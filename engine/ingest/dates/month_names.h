// Month names and abbreviations of the languages whose dates precis reads,
// taken from ICU's locale data (DateFormatSymbols), not written by hand.
#ifndef PRECIS_ENGINE_INGEST_DATES_MONTH_NAMES_H_
#define PRECIS_ENGINE_INGEST_DATES_MONTH_NAMES_H_

#include <string>
#include <string_view>

namespace precis::ingest::dates {

// The month (1..12) that `word` names in English, French, Spanish, German
// (and Austrian German), Italian, Portuguese or Dutch, or 0. `word` is UTF-8
// letters without a final '.', in any case for ASCII and Latin-1 letters
// ("FÉVRIER", "févr", "Sept", "Jänner"). Accepted: every wide and
// abbreviated name ICU gives for a locale, in formatting and stand-alone
// forms, with and without accents ("fevrier", "aout"), and every prefix of at
// least three letters of a wide name that names one month only in all these
// languages ("fév", "juil", "sept"; not "jui", which starts juin and juillet).
// A word that names different months in two languages is none.
// Thread-safe; the table is built from ICU on first use (about 1 ms).
int MonthFromName(std::string_view word);

// `text` with ASCII and Latin-1 capitals (U+00C0..U+00DE but U+00D7) in
// lower case, everything else as is: enough to compare the month names and
// cue words of the languages above without a full case mapping.
std::string LowerLatin(std::string_view text);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_MONTH_NAMES_H_

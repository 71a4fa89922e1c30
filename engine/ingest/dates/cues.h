// Words that say what a date is: "Veröffentlicht am", "Published", "Publié
// le", "Publicado el" (the publication) or "Aktualisiert", "Updated", "Mis à
// jour", "Actualizado" (a later change).
#ifndef PRECIS_ENGINE_INGEST_DATES_CUES_H_
#define PRECIS_ENGINE_INGEST_DATES_CUES_H_

#include <cstddef>
#include <string_view>

namespace precis::ingest::dates {

enum class Cue { kNone, kPublished, kModified };

// How far before a date its cue may start, in bytes ("Veröffentlicht am
// Dienstag, " is 28).
inline constexpr size_t kCueWindowBytes = 40;

// The cue in `before` (the text just before a date, at most kCueWindowBytes
// of it are read, from its end): the one nearest the date wins. English,
// French, Spanish, German, Italian, Portuguese, Dutch.
Cue CueBefore(std::string_view before);

}  // namespace precis::ingest::dates

#endif  // PRECIS_ENGINE_INGEST_DATES_CUES_H_

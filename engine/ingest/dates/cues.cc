#include "engine/ingest/dates/cues.h"

#include <string>

#include "engine/ingest/dates/month_names.h"

namespace precis::ingest::dates {
namespace {

// Lower-case stems; matched anywhere in the window.
constexpr std::string_view kPublished[] = {
    "publish",    "posted",       "publié",        "publie le",  "paru le",
    "publicado",  "publicada",    "veröffentlich", "erschienen", "erstellt am",
    "pubblicato", "gepubliceerd", "geplaatst",     "publicação", "erstveröffentlich"};
constexpr std::string_view kModified[] = {
    "update",        "modified",     "modifié",    "mis à jour", "mise à jour", "actualizado",
    "actualización", "aktualisiert", "geändert",   "änderung",   "bearbeitet",  "edited",
    "revised",       "stand:",       "aggiornato", "bijgewerkt", "atualizado",  "last change"};

}  // namespace

Cue CueBefore(std::string_view before) {
  if (before.size() > kCueWindowBytes) before.remove_prefix(before.size() - kCueWindowBytes);
  const std::string lower = LowerLatin(before);
  size_t best = std::string::npos;
  Cue cue = Cue::kNone;
  auto look = [&](std::string_view word, Cue kind) {
    const size_t at = lower.rfind(word);
    if (at != std::string::npos && (best == std::string::npos || at > best)) {
      best = at;
      cue = kind;
    }
  };
  for (std::string_view w : kPublished) look(w, Cue::kPublished);
  for (std::string_view w : kModified) look(w, Cue::kModified);
  return cue;
}

}  // namespace precis::ingest::dates

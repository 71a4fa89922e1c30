// Language identification (cld2) and language-code clean-up.
#ifndef PRECIS_ENGINE_TEXT_LANGUAGE_H_
#define PRECIS_ENGINE_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace precis::text {

// "fr-FR", "FR", "fr_CA" -> "fr"; codes are lower-cased and cut at the first
// '-' or '_'. Empty stays empty.
std::string NormalizeLanguageCode(std::string_view code);

struct DetectedLanguage {
  // ISO 639-1 where one exists ("fr", "en", "zh"), else cld2's code
  // (ISO 639-2/3, e.g. "haw"). Empty when cld2 found no language.
  std::string code;
  // cld2's is_reliable: enough text, clear margin over the runner-up.
  bool reliable = false;
};

// Detects the language of plain UTF-8 `text` with cld2. Invalid UTF-8 is
// detected by cld2 and yields an empty, unreliable result instead of
// undefined behaviour. Thread-safe (cld2 keeps no state). O(text length).
DetectedLanguage DetectLanguage(std::string_view text);

}  // namespace precis::text

#endif  // PRECIS_ENGINE_TEXT_LANGUAGE_H_

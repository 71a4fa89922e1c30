#include "engine/text/language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <climits>

namespace precis::text {

std::string NormalizeLanguageCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

DetectedLanguage DetectLanguage(std::string_view text) {
  DetectedLanguage result;
  if (text.empty()) return result;
  const int length = static_cast<int>(std::min<size_t>(text.size(), INT_MAX));
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0;
  int valid_prefix_bytes = 0;
  bool reliable = false;
  const CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), length, /*is_plain_text=*/true, &hints, /*flags=*/0, language3, percent3,
      scores3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix_bytes);
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return result;
  // cld2 names some languages with a script or variant suffix ("zh-Hant").
  result.code = NormalizeLanguageCode(CLD2::LanguageCode(language));
  result.reliable = reliable;
  return result;
}

}  // namespace precis::text

#include "engine/summarise/candidate_filter.h"

#include <array>
#include <string>

namespace precis::summarise {
namespace {

// Closing quotes and brackets that may follow the final stop.
constexpr std::array<std::string_view, 9> kClosers = {"\"", "'", ")", "]", "»", "”", "’", "›", " "};
constexpr std::array<std::string_view, 3> kStops = {".", "!", "…"};

// Markers of credits, captions and link prompts, matched on the ASCII-lowered
// text. English and French, the languages of the shipped corpora; a sentence
// in another language simply passes this rule.
constexpr std::array<std::string_view, 22> kCreditMarkers = {
    "photo/",    "photo :",    "photo:",     "(photo",        "crédit",     "credit:",
    "©",         "copyright",  "lire aussi", "lire la suite", "voir aussi", "read more",
    "read also", "click here", "cliquez",    "abonnez",       "subscribe",  "newsletter",
    "http://",   "https://",   "www.",       "getty images"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view StripClosers(std::string_view s) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    for (std::string_view c : kClosers) {
      if (EndsWith(s, c)) {
        s.remove_suffix(c.size());
        changed = true;
      }
    }
  }
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Rejection CheckSentence(std::string_view text, uint32_t words, const SummaryOptions& options) {
  const std::string lower = AsciiLower(text);
  for (std::string_view marker : kCreditMarkers) {
    if (lower.find(marker) != std::string::npos) return Rejection::kCredit;
  }
  // Bylines: "By Jane Doe", "Par Jean Dupont" as a whole short sentence.
  if (words <= 6 && (lower.starts_with("by ") || lower.starts_with("par ")))
    return Rejection::kCredit;
  const std::string_view core = StripClosers(text);
  if (EndsWith(core, "?")) return Rejection::kQuestion;
  if (words < static_cast<uint32_t>(options.min_sentence_words)) return Rejection::kTooShort;
  if (words > static_cast<uint32_t>(options.max_sentence_words)) return Rejection::kTooLong;
  bool stop = false;
  for (std::string_view s : kStops) stop = stop || EndsWith(core, s);
  if (!stop) return Rejection::kNoFinalStop;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return Rejection::kFragment;
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80))
      break;
  }
  return Rejection::kNone;
}

}  // namespace precis::summarise

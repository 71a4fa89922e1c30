#include "engine/summarise/candidate_filter.h"

#include <array>
#include <bitset>

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

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

uint32_t PairOf(char a, char b) {
  return static_cast<uint32_t>(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
}

// The first two bytes of every marker (all have at least two), so that one
// pass over the sentence finds the places where a marker may start: this
// filter runs on every leading sentence of every report, and 22 separate
// searches of a lowered copy were a tenth of the digest's analysis.
const std::bitset<1 << 16>& MarkerStarts() {
  static const std::bitset<1 << 16> starts = [] {
    std::bitset<1 << 16> b;
    for (std::string_view m : kCreditMarkers) b.set(PairOf(m[0], m[1]));
    return b;
  }();
  return starts;
}

// Whether `text`, ASCII-lowered, contains one of kCreditMarkers.
bool HasCreditMarker(std::string_view text) {
  const std::bitset<1 << 16>& starts = MarkerStarts();
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (!starts.test(PairOf(AsciiLower(text[i]), AsciiLower(text[i + 1])))) continue;
    for (std::string_view m : kCreditMarkers) {
      if (m.size() > text.size() - i) continue;
      size_t k = 0;
      while (k < m.size() && AsciiLower(text[i + k]) == m[k]) ++k;
      if (k == m.size()) return true;
    }
  }
  return false;
}

bool StartsWithLowered(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (AsciiLower(text[k]) != prefix[k]) return false;
  }
  return true;
}

}  // namespace

Rejection CheckSentence(std::string_view text, uint32_t words, const SummaryOptions& options) {
  if (HasCreditMarker(text)) return Rejection::kCredit;
  // Bylines: "By Jane Doe", "Par Jean Dupont" as a whole short sentence.
  if (words <= 6 && (StartsWithLowered(text, "by ") || StartsWithLowered(text, "par ")))
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

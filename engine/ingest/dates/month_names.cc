#include "engine/ingest/dates/month_names.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <unordered_map>

namespace precis::ingest::dates {
namespace {

// The languages of the news precis reads most (the four and their
// neighbours). de_AT adds "Jänner", en_GB "Sept".
constexpr const char* kLocales[] = {"en", "en_GB", "fr", "es", "de", "de_AT", "it", "pt", "nl"};
// Longest month word looked up, in bytes ("septiembre", "października").
constexpr size_t kMaxWordBytes = 24;

class MonthTable {
 public:
  MonthTable() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (const char* name : kLocales) {
      const icu::Locale locale(name);
      status = U_ZERO_ERROR;
      icu::DateFormatSymbols symbols(locale, status);
      if (U_FAILURE(status)) continue;
      for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
        for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
          int32_t count = 0;
          const icu::UnicodeString* months = symbols.getMonths(count, context, width);
          for (int32_t m = 0; m < count && m < 12; ++m) {
            icu::UnicodeString word(months[m]);
            word.toLower(locale);
            while (word.endsWith(icu::UnicodeString(u"."))) word.truncate(word.length() - 1);
            Add(word, m + 1, width == icu::DateFormatSymbols::WIDE);
            if (nfd != nullptr) {
              status = U_ZERO_ERROR;
              icu::UnicodeString plain = nfd->normalize(word, status);
              if (U_SUCCESS(status)) {
                // Drop the combining marks NFD split off: "fevrier", "marz".
                icu::UnicodeString stripped;
                for (int32_t i = 0; i < plain.length(); ++i) {
                  const char16_t c = plain.charAt(i);
                  if (c < 0x0300 || c > 0x036F) stripped.append(c);
                }
                if (stripped != word) Add(stripped, m + 1, width == icu::DateFormatSymbols::WIDE);
              }
            }
          }
        }
      }
    }
    for (auto& [word, month] : prefixes_) {
      if (month > 0) names_.try_emplace(word, month);
    }
    prefixes_.clear();
    // A word naming two different months is no month.
    std::erase_if(names_, [](const auto& entry) { return entry.second <= 0; });
  }

  int Find(std::string_view word) const {
    if (word.size() > kMaxWordBytes) return 0;
    const auto it = names_.find(LowerLatin(word));
    return it == names_.end() ? 0 : it->second;
  }

 private:
  // Records `word` for `month`; a wide name also gives its prefixes of three
  // letters or more, which count only if no other month claims them.
  void Add(const icu::UnicodeString& word, int month, bool wide) {
    if (word.length() == 0) return;
    Claim(&names_, word, month);
    if (!wide) return;
    for (int32_t n = 3; n < word.length(); ++n) {
      Claim(&prefixes_, icu::UnicodeString(word, 0, n), month);
    }
  }
  static void Claim(std::unordered_map<std::string, int>* table, const icu::UnicodeString& word,
                    int month) {
    std::string utf8;
    word.toUTF8String(utf8);
    auto [it, fresh] = table->try_emplace(utf8, month);
    if (!fresh && it->second != month) it->second = -1;
  }

  std::unordered_map<std::string, int> names_;
  std::unordered_map<std::string, int> prefixes_;  // only while building
};

}  // namespace

std::string LowerLatin(std::string_view text) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 32);
      ++i;
    }
  }
  return out;
}

int MonthFromName(std::string_view word) {
  static const MonthTable table;
  return table.Find(word);
}

}  // namespace precis::ingest::dates

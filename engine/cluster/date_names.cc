#include "engine/cluster/date_names.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <mutex>

#include "engine/text/normalizer.h"

namespace precis::cluster {

DateNames::DateNames(std::string_view lang) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return;  // the analyser failed to load already
  const icu::Locale locale(std::string(lang).c_str());
  UErrorCode status = U_ZERO_ERROR;
  const icu::DateFormatSymbols symbols(locale, status);
  // A language ICU has no data for falls back to the process's default
  // locale, which would make the names depend on the environment.
  if (U_FAILURE(status) || lang != symbols.getLocale(ULOC_ACTUAL_LOCALE, status).getLanguage())
    return;
  icu::UnicodeString scratch;
  auto add = [&](const icu::UnicodeString* names, int32_t count) {
    for (int32_t i = 0; i < count; ++i) {
      icu::UnicodeString name(names[i]);
      while (name.endsWith(icu::UnicodeString(u"."))) name.truncate(name.length() - 1);
      if (name.isEmpty()) continue;  // getWeekdays leaves index 0 empty
      std::string norm;
      normalizer->Append(name.getBuffer(), name.length(), false, &norm, &scratch);
      names_.insert(std::move(norm));
    }
  };
  for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
    for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* names = symbols.getWeekdays(count, context, width);
      add(names, count);
      names = symbols.getMonths(count, context, width);
      add(names, count);
    }
  }
}

const DateNames& DateNames::For(std::string_view lang) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<const DateNames>, std::less<>> cache;
  const std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(lang);
  if (it == cache.end())
    it = cache.emplace(std::string(lang), std::unique_ptr<const DateNames>(new DateNames(lang)))
             .first;
  return *it->second;
}

}  // namespace precis::cluster

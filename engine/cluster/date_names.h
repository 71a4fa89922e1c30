// Weekday and month names of a language, as token norms: words that are
// capitalised ("Tuesday", "February", "Mardi" at a sentence start, "Février"
// in a headline) without naming anyone or anything a story is about, so
// features.cc never makes them entities.
#ifndef PRECIS_ENGINE_CLUSTER_DATE_NAMES_H_
#define PRECIS_ENGINE_CLUSTER_DATE_NAMES_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace precis::cluster {

class DateNames {
 public:
  // The names of `lang` (ISO 639-1, as text::AnalyzedDocument::lang): every
  // wide and abbreviated weekday and month name ICU's DateFormatSymbols give
  // for the locale, in formatting and stand-alone forms, normalised as the
  // analyser normalises a token (NFKC + case folding, without the final '.'
  // the tokeniser leaves out: "févr." is "févr"). None for a language ICU has
  // no names for. Built on first use per language, then cached for the
  // process; thread-safe.
  static const DateNames& For(std::string_view lang);

  // Whether a token norm is one of them.
  bool contains(std::string_view norm) const { return names_.contains(norm); }

 private:
  // Looked up by string_view: no string is made per token.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  explicit DateNames(std::string_view lang);
  std::unordered_set<std::string, Hash, std::equal_to<>> names_;
};

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_DATE_NAMES_H_

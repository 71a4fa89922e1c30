#include "engine/cluster/features.h"

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "engine/cluster/date_names.h"
#include "engine/common/spill_store.h"

namespace precis::cluster {
namespace {

constexpr size_t kNamedEntities = 8;

// XXH3 of the bytes space, lang, NUL, s, without building a string: short
// keys (almost all) from a stack buffer, longer ones through XXH3's streaming
// state, which gives the same hash as hashing the concatenation.
uint64_t Key(char space, std::string_view lang, std::string_view s) {
  char buf[128];
  const size_t size = 2 + lang.size() + s.size();
  if (size <= sizeof buf) {
    buf[0] = space;
    lang.copy(buf + 1, lang.size());
    buf[1 + lang.size()] = '\0';
    s.copy(buf + 2 + lang.size(), s.size());
    return XXH3_64bits(buf, size);
  }
  const char separators[2] = {space, '\0'};
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, &separators[0], 1);
  XXH3_64bits_update(state, lang.data(), lang.size());
  XXH3_64bits_update(state, &separators[1], 1);
  XXH3_64bits_update(state, s.data(), s.size());
  const uint64_t key = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return key;
}

void Accumulate(StringMap<double>& bag, std::string_view key, double weight) {
  auto it = bag.find(key);
  if (it == bag.end()) {
    bag.emplace(std::piecewise_construct, std::forward_as_tuple(key),
                std::forward_as_tuple(weight));
  } else {
    it->second += weight;
  }
}

// Headline case capitalises every word, so capitalisation says nothing there.
bool IsHeadlineCase(const std::vector<text::Token>& tokens) {
  int words = 0, caps = 0;
  for (const text::Token& t : tokens) {
    if (t.is(text::kNumeric)) continue;
    ++words;
    if (t.is(text::kCapitalised)) ++caps;
  }
  return words >= 3 && caps * 5 >= words * 3;
}

// Two tokens of one name: same sentence, separated by one character at most
// (a space, a hyphen, an apostrophe).
bool Adjacent(const text::Token& a, const text::Token& b) {
  return a.sentence == b.sentence && b.begin >= a.end && b.begin - a.end <= 1;
}

// Adds the terms and entities of one token sequence (the title or the body).
void AddSequence(std::string_view text, const text::AnalyzedDocument& doc,
                 const std::vector<text::Token>& tokens, bool is_title,
                 const ClusterOptions& options, TermBag& bag) {
  const bool skip_capitalised = is_title && IsHeadlineCase(tokens);
  auto base_weight = [&](const text::Token& t) {
    if (is_title) return options.title_weight;
    if (t.sentence < static_cast<uint32_t>(std::max(0, options.lead_sentences))) {
      return options.lead_weight;
    }
    return 1.0;
  };
  std::vector<char> in_entity(tokens.size(), 0);
  auto add_entity = [&](size_t first, size_t last, double weight) {  // [first, last]
    std::string name;
    for (size_t k = first; k <= last; ++k) {
      if (k > first) name += ' ';
      name += doc.norm(tokens[k]);
    }
    Accumulate(bag.entities, name, weight);
    if (!bag.entity_display.contains(std::string_view(name)) && tokens[last].end <= text.size()) {
      bag.entity_display.emplace(std::piecewise_construct, std::forward_as_tuple(name),
                                 std::forward_as_tuple(text.substr(
                                     tokens[first].begin, tokens[last].end - tokens[first].begin)));
    }
    for (size_t k = first; k <= last; ++k) in_entity[k] = 1;
  };

  // Weekday and month names are capitalised in English and wherever a
  // sentence or headline starts, and in every report of a week: they name
  // no one a story is about, so they are never part of an entity (they stay
  // terms, like any other word).
  const DateNames& dates = DateNames::For(doc.lang);
  auto is_date = [&](size_t k) { return dates.contains(doc.norm(tokens[k])); };

  for (size_t i = 0; i < tokens.size();) {
    const text::Token& t = tokens[i];
    // Numbers with a unit: "15 otages", "3 %" is not a token; a date such as
    // "2 juillet" is no quantity.
    if (t.is(text::kNumeric)) {
      if (i + 1 < tokens.size() && Adjacent(t, tokens[i + 1]) &&
          !tokens[i + 1].is(text::kNumeric) && !tokens[i + 1].is(text::kStopword) &&
          !tokens[i + 1].is(text::kCapitalised) && !is_date(i + 1)) {
        add_entity(i, i + 1, base_weight(t));
      }
      ++i;
      continue;
    }
    const bool capitalised = t.is(text::kCapitalised) && !skip_capitalised;
    if (!capitalised && !t.is(text::kAllCaps)) {
      ++i;
      continue;
    }
    // A run of adjacent capitalised words; leading capitalised stopwords
    // ("Le", "The") are not part of the name.
    size_t j = i + 1;
    if (capitalised) {
      while (j < tokens.size() && Adjacent(tokens[j - 1], tokens[j]) &&
             tokens[j].is(text::kCapitalised) && !tokens[j].is(text::kNumeric)) {
        ++j;
      }
    }
    // Leading stopwords ("Le", "The") and dates ("Tuesday Emmanuel Macron")
    // are not part of the name, nor trailing dates ("Trump Tuesday").
    const size_t end = j;
    size_t first = i;
    while (first < j && (tokens[first].is(text::kStopword) || is_date(first))) ++first;
    while (j > first && is_date(j - 1)) --j;
    const double w = base_weight(t);
    if (first < j) {
      const size_t len = j - first;
      const bool named =
          len >= 2 || !tokens[first].is(text::kSentenceStart) || tokens[first].is(text::kAllCaps);
      if (named) {
        if (len >= 2) add_entity(first, j - 1, w);
        for (size_t k = first; k < j; ++k) {
          if (!tokens[k].is(text::kStopword) && !is_date(k)) add_entity(k, k, w);
        }
      }
    }
    i = end;
  }

  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.is(text::kStopword)) continue;
    const std::string_view stem = doc.stem(t);
    if (stem.size() < 2) continue;
    double w = base_weight(t);
    if (in_entity[i]) w *= options.entity_boost;
    Accumulate(bag.terms, stem, w);
  }
}

// The `max_keys` strongest keys of `bag`, sorted by key; when `names` is
// given, the display strings of the `named` strongest go there too.
std::vector<WeightedKey> Compact(const StringMap<double>& bag, std::string_view lang, char space,
                                 size_t max_keys, size_t named, const TermBag* display,
                                 std::vector<std::pair<uint64_t, std::string>>* names) {
  struct Item {
    uint64_t key;
    double weight;
    const std::pmr::string* name;
  };
  std::vector<Item> items;
  items.reserve(bag.size());
  for (const auto& [name, weight] : bag) {
    items.push_back({space == 't' ? TermKey(lang, name) : EntityKey(lang, name), weight, &name});
  }
  auto stronger = [](const Item& a, const Item& b) {
    return a.weight != b.weight ? a.weight > b.weight : *a.name < *b.name;
  };
  // `stronger` is a strict total order (names are unique), so selecting the
  // strongest max_keys keeps the same set as sorting would; only the `named`
  // strongest need an order, and the output is sorted by key anyway. A
  // partial sort of every bag was a few percent of the digest's analysis.
  if (items.size() > max_keys) {
    std::nth_element(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(max_keys),
                     items.end(), stronger);
    items.resize(max_keys);
  }
  if (names) {
    const size_t ordered = std::min(named, items.size());
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(ordered),
                      items.end(), stronger);
  }
  for (size_t k = 0; names && k < items.size() && k < named; ++k) {
    std::string_view shown = *items[k].name;
    if (display) {
      auto it = display->entity_display.find(shown);
      if (it != display->entity_display.end()) shown = it->second;
    }
    names->emplace_back(items[k].key, std::string(shown));
  }
  std::vector<WeightedKey> out;
  out.reserve(items.size());
  for (const Item& it : items) out.push_back({it.key, static_cast<float>(it.weight)});
  std::sort(out.begin(), out.end(),
            [](const WeightedKey& a, const WeightedKey& b) { return a.key < b.key; });
  return out;
}

}  // namespace

uint64_t TermKey(std::string_view lang, std::string_view stem) { return Key('t', lang, stem); }
uint64_t EntityKey(std::string_view lang, std::string_view name) { return Key('e', lang, name); }

int32_t ParseDay(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return DocFeatures::kNoDay;
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t at, size_t len, int& v) {
    auto r = std::from_chars(date.data() + at, date.data() + at + len, v);
    return r.ec == std::errc() && r.ptr == date.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return DocFeatures::kNoDay;
  }
  // Days from civil (H. Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

TermBag ExtractBag(std::string_view text, const text::AnalyzedDocument& doc,
                   const ClusterOptions& options, std::pmr::memory_resource* memory) {
  TermBag bag(memory);
  bag.lang = doc.lang;
  AddSequence(doc.title, doc, doc.title_tokens, /*is_title=*/true, options, bag);
  AddSequence(text, doc, doc.tokens, /*is_title=*/false, options, bag);
  return bag;
}

DocFeatures ExtractFeatures(const Document& document, const text::AnalyzedDocument& doc,
                            const ClusterOptions& options) {
  // The bags live only for this call: an arena over a per-thread buffer,
  // released at once on return.
  thread_local std::vector<std::byte> buffer(256 << 10);
  std::pmr::monotonic_buffer_resource arena(buffer.data(), buffer.size());
  const TermBag bag = ExtractBag(document.text, doc, options, &arena);
  DocFeatures f;
  f.lang = doc.lang;
  f.day = ParseDay(document.date);
  const size_t max_keys = static_cast<size_t>(std::max(1, options.max_terms));
  f.terms = Compact(bag.terms, f.lang, 't', max_keys, 0, nullptr, nullptr);
  f.entities = Compact(bag.entities, f.lang, 'e', max_keys, kNamedEntities, &bag, &f.entity_names);
  return f;
}

namespace {

// A bag as its count, then its keys, then its weights: 12 bytes a term,
// where an array of WeightedKey would spill 16 (4 of them padding). At a
// million reports the bags are the largest record the engine spills.
constexpr size_t kBagEntryBytes = sizeof(uint64_t) + sizeof(float);

void AppendBag(const std::vector<WeightedKey>& bag, std::vector<std::byte>* record) {
  const uint32_t count = static_cast<uint32_t>(bag.size());
  const size_t at = record->size();
  record->resize(at + sizeof(count) + bag.size() * kBagEntryBytes);
  std::byte* out = record->data() + at;
  std::memcpy(out, &count, sizeof(count));
  std::byte* keys = out + sizeof(count);
  std::byte* weights = keys + bag.size() * sizeof(uint64_t);
  for (size_t i = 0; i < bag.size(); ++i) {
    std::memcpy(keys + i * sizeof(uint64_t), &bag[i].key, sizeof(uint64_t));
    std::memcpy(weights + i * sizeof(float), &bag[i].weight, sizeof(float));
  }
}

bool ReadBag(std::span<const std::byte>* record, std::vector<WeightedKey>* bag) {
  uint32_t count = 0;
  if (record->size() < sizeof(count)) return false;
  std::memcpy(&count, record->data(), sizeof(count));
  const size_t bytes = size_t{count} * kBagEntryBytes;
  if (record->size() - sizeof(count) < bytes) return false;
  bag->resize(count);
  const std::byte* keys = record->data() + sizeof(count);
  const std::byte* weights = keys + size_t{count} * sizeof(uint64_t);
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(&(*bag)[i].key, keys + i * sizeof(uint64_t), sizeof(uint64_t));
    std::memcpy(&(*bag)[i].weight, weights + i * sizeof(float), sizeof(float));
  }
  *record = record->subspan(sizeof(count) + bytes);
  return true;
}

}  // namespace

std::vector<std::byte> TakeBags(DocFeatures* features) {
  std::vector<uint64_t> name_keys;
  std::vector<uint32_t> name_sizes;
  std::string name_chars;
  for (const auto& [key, name] : features->entity_names) {
    name_keys.push_back(key);
    name_sizes.push_back(static_cast<uint32_t>(name.size()));
    name_chars += name;
  }
  std::vector<std::byte> record;
  record.reserve(5 * sizeof(uint32_t) +
                 (features->terms.size() + features->entities.size()) * kBagEntryBytes +
                 name_keys.size() * 12 + name_chars.size());
  AppendBag(features->terms, &record);
  AppendBag(features->entities, &record);
  AppendArray<uint64_t>(name_keys, &record);
  AppendArray<uint32_t>(name_sizes, &record);
  AppendArray<char>(name_chars, &record);
  std::vector<WeightedKey>().swap(features->terms);
  std::vector<WeightedKey>().swap(features->entities);
  std::vector<std::pair<uint64_t, std::string>>().swap(features->entity_names);
  return record;
}

bool RestoreBags(std::span<const std::byte> record, DocFeatures* features, bool names) {
  if (!ReadBag(&record, &features->terms) || !ReadBag(&record, &features->entities)) {
    return false;
  }
  if (!names) return true;
  std::vector<uint64_t> name_keys;
  std::vector<uint32_t> name_sizes;
  std::vector<char> name_chars;
  if (!ReadArray(&record, &name_keys) || !ReadArray(&record, &name_sizes) ||
      !ReadArray(&record, &name_chars) || !record.empty() ||
      name_keys.size() != name_sizes.size()) {
    return false;
  }
  features->entity_names.clear();
  size_t at = 0;
  for (size_t i = 0; i < name_keys.size(); ++i) {
    if (name_chars.size() - at < name_sizes[i]) return false;
    features->entity_names.emplace_back(name_keys[i],
                                        std::string(name_chars.data() + at, name_sizes[i]));
    at += name_sizes[i];
  }
  return at == name_chars.size();
}

}  // namespace precis::cluster

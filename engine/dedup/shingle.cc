#include "engine/dedup/shingle.h"

#include <xxhash.h>

#include <algorithm>

namespace precis::dedup {

uint64_t HashToken(std::string_view norm) { return XXH3_64bits(norm.data(), norm.size()); }

namespace {

// Byte length of the UTF-8 sequence starting with `lead`; 1 for invalid bytes.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::vector<uint64_t> CharacterNgramHashes(std::string_view text, int n) {
  std::vector<size_t> starts;  // code point boundaries, plus text.size()
  for (size_t p = 0; p < text.size(); p += Utf8Length(static_cast<unsigned char>(text[p]))) {
    starts.push_back(p);
  }
  const size_t chars = starts.size();
  starts.push_back(text.size());
  std::vector<uint64_t> out;
  if (chars == 0) return out;
  if (chars < static_cast<size_t>(n)) {
    out.push_back(XXH3_64bits(text.data(), text.size()));
    return out;
  }
  out.reserve(chars - n + 1);
  for (size_t i = 0; i + n <= chars; ++i) {
    const size_t b = starts[i], e = std::min(starts[i + n], text.size());
    out.push_back(XXH3_64bits(text.data() + b, e - b));
  }
  return out;
}

void AppendShingles(std::span<const uint64_t> units, int n, std::vector<uint64_t>* out) {
  if (units.empty()) return;
  const size_t width = std::min(units.size(), static_cast<size_t>(n));
  const size_t count = units.size() - width + 1;
  const size_t seed = static_cast<size_t>(n);
  out->reserve(out->size() + count);
  for (size_t i = 0; i < count; ++i) {
    out->push_back(XXH3_64bits_withSeed(units.data() + i, width * sizeof(uint64_t), seed));
  }
}

std::vector<uint64_t> ShingleSet(std::span<const uint64_t> units, int n) {
  std::vector<uint64_t> out;
  AppendShingles(units, n, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace precis::dedup

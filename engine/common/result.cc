#include "precis/result.h"

#include <algorithm>

namespace precis {

const std::string& SharedText::Empty() {
  static const std::string empty;
  return empty;
}

std::string DocumentResult::SentenceText(size_t i) const {
  std::string out;
  SentenceText(i, &out);
  return out;
}

void DocumentResult::SentenceText(size_t i, std::string* out) const {
  out->clear();
  // No exception crosses the API (precis/status.h): an index past the end
  // is an empty sentence.
  if (i >= sentences.size()) return;
  const Sentence& s = sentences[i];
  const std::string& text = this->text.str();
  const size_t end = std::min<size_t>(s.end, text.size());
  auto is_space = [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  };
  // A run of non-space bytes at a time (a byte-by-byte push_back had been a
  // few per cent of the digest, which checks the first sentences of every
  // report).
  size_t p = s.begin;
  while (p < end) {
    while (p < end && is_space(text[p])) ++p;
    if (p == end) break;
    size_t run = p;
    while (run < end && !is_space(text[run])) ++run;
    if (!out->empty()) out->push_back(' ');
    out->append(text, p, run - p);
    p = run;
  }
}

}  // namespace precis

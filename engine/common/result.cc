#include "precis/result.h"

namespace precis {

const std::string& SharedText::Empty() {
  static const std::string empty;
  return empty;
}

std::string DocumentResult::SentenceText(size_t i) const {
  const Sentence& s = sentences.at(i);
  const std::string& text = this->text.str();
  std::string out;
  out.reserve(s.end - s.begin);
  bool pending_space = false;
  for (uint32_t p = s.begin; p < s.end && p < text.size(); ++p) {
    const char c = text[p];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace precis

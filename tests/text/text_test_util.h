// Helpers for the text-stage tests: seed documents, hand-made kept lines,
// readable views of an AnalyzedDocument.
#ifndef PRECIS_TESTS_TEXT_TEXT_TEST_UTIL_H_
#define PRECIS_TESTS_TEXT_TEXT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"

namespace precis::text::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path SeedDir() {
  return std::filesystem::path(PRECIS_SOURCE_DIR) / "corpora" / "seeds";
}

// Every seed as a Document (id = file name), sorted by id.
inline std::vector<Document> Seeds() {
  std::vector<Document> docs;
  for (const auto& entry : std::filesystem::directory_iterator(SeedDir())) {
    Document d;
    d.id = entry.path().filename().string();
    d.text = ReadFile(entry.path());
    docs.push_back(std::move(d));
  }
  std::sort(docs.begin(), docs.end(),
            [](const Document& a, const Document& b) { return a.id < b.id; });
  return docs;
}

inline Document Seed(const std::string& prefix) {
  for (Document& d : Seeds())
    if (d.id.rfind(prefix, 0) == 0) return d;
  ADD_FAILURE() << "no seed " << prefix;
  return {};
}

inline bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Every non-blank line kept (trimmed), paragraph_start after blank lines:
// what the boilerplate filter returns with nothing to remove.
inline ingest::CleanedText AllLines(const std::string& text) {
  ingest::CleanedText cleaned;
  bool blank_before = true;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    size_t b = pos, e = eol;
    while (b < e && IsBlankByte(text[b])) ++b;
    while (e > b && IsBlankByte(text[e - 1])) --e;
    if (b == e) {
      blank_before = true;
    } else {
      cleaned.lines.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), blank_before});
      blank_before = false;
    }
    pos = eol + 1;
  }
  return cleaned;
}

inline std::unique_ptr<Analyzer> MakeAnalyzer(const TextOptions& options = {}) {
  auto analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  return std::move(analyzer).value();
}

inline std::vector<std::string> SentenceTexts(const std::string& text, const AnalyzedDocument& a) {
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

inline std::vector<std::string> Norms(const AnalyzedDocument& a) {
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(a.norm(t));
  return out;
}

inline std::vector<std::string> Stems(const AnalyzedDocument& a) {
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(a.stem(t));
  return out;
}

// The original slices of the tokens.
inline std::vector<std::string> Surfaces(std::string_view text, const AnalyzedDocument& a) {
  std::vector<std::string> out;
  for (const Token& t : a.tokens) out.emplace_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

// A canonical dump of everything Analyze returns, for equality checks.
inline std::string Dump(const AnalyzedDocument& a) {
  std::ostringstream s;
  s << a.lang << ' ' << a.lang_reliable << ' ' << a.title << '\n';
  for (const Sentence& x : a.sentences)
    s << 'S' << x.begin << ',' << x.end << ',' << x.source_begin << ',' << x.source_end << '\n';
  for (const auto* tokens : {&a.title_tokens, &a.tokens}) {
    for (const Token& t : *tokens) {
      s << 'T' << t.begin << ',' << t.end << ',' << t.sentence << ',' << int(t.flags) << ','
        << a.norm(t) << ',' << a.stem(t) << '\n';
    }
  }
  return s.str();
}

}  // namespace precis::text::testing

#endif  // PRECIS_TESTS_TEXT_TEXT_TEST_UTIL_H_

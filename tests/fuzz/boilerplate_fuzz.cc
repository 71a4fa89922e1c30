// Boilerplate lines: the input is a small corpus, documents separated by the
// byte 0x1e (ASCII record separator). The corpus-level filter is built over
// all of them and each document is cleaned, under the default options and
// two others that reach the rules' other branches.
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/boilerplate.h"
#include "engine/ingest/line_shape.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using precis::ingest::CleanedText;
using precis::ingest::TextLine;

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

void CheckCleaned(const precis::Document& doc, const CleanedText& cleaned,
                  const precis::IngestOptions& options) {
  const std::string& text = doc.text;
  uint32_t previous_end = 0;
  for (const TextLine& line : cleaned.lines) {
    PRECIS_FUZZ_CHECK(line.begin < line.end, "a kept line is not blank");
    PRECIS_FUZZ_CHECK(line.end <= text.size(), "a kept line lies in the text");
    PRECIS_FUZZ_CHECK(line.begin >= previous_end, "kept lines are in text order, apart");
    const std::string_view content(text.data() + line.begin, line.end - line.begin);
    PRECIS_FUZZ_CHECK(content.find('\n') == std::string_view::npos, "a line has no break");
    PRECIS_FUZZ_CHECK(!IsAsciiSpace(content.front()) && !IsAsciiSpace(content.back()),
                      "a kept line is trimmed");
    previous_end = line.end;
  }
  if (!doc.title.empty()) PRECIS_FUZZ_CHECK(cleaned.title == doc.title, "a given title is kept");
  if (!options.strip_boilerplate && !options.extract_title && doc.title.empty()) {
    // Then nothing is removed: every non-blank line is kept (with a title,
    // lines repeating it are dropped whatever the options).
    PRECIS_FUZZ_CHECK(cleaned.removed_lines == 0, "nothing removed without the filter");
    size_t lines = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t stop = text.find('\n', start);
      if (stop == std::string::npos) stop = text.size();
      const precis::ingest::LineShape shape =
          precis::ingest::ShapeOf(std::string_view(text).substr(start, stop - start));
      if (!shape.blank()) ++lines;
      start = stop + 1;
    }
    PRECIS_FUZZ_CHECK(cleaned.lines.size() == lines, "every line is kept without the filter");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > precis::fuzz::kMaxInput) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<precis::Document> docs;
  for (size_t start = 0; start <= input.size();) {
    size_t stop = input.find('\x1e', start);
    if (stop == std::string_view::npos) stop = input.size();
    precis::Document doc;
    doc.id = std::to_string(docs.size());
    doc.text = std::string(input.substr(start, stop - start));
    docs.push_back(std::move(doc));
    start = stop + 1;
  }
  // Every third document gets a headline: the first line of the next one,
  // so that the rule dropping a headline repeated in the body has matches.
  for (size_t i = 0; i + 1 < docs.size(); i += 3) {
    const std::string& next = docs[i + 1].text;
    docs[i].title = next.substr(0, next.find('\n'));
  }
  std::vector<const precis::Document*> corpus;
  for (const precis::Document& doc : docs) corpus.push_back(&doc);

  precis::IngestOptions defaults;
  precis::IngestOptions eager;  // every short line is navigation, any repeat is boilerplate
  eager.edge_line_max_words = 0;
  eager.repeated_line_min_documents = 1;
  eager.repeated_line_min_fraction = 0;
  eager.extract_title = false;
  precis::IngestOptions off;
  off.strip_boilerplate = false;
  off.extract_title = false;
  for (const precis::IngestOptions& options : {defaults, eager, off}) {
    const auto filter = precis::ingest::BoilerplateFilter::Build(corpus, options);
    for (const precis::Document& doc : docs) CheckCleaned(doc, filter.Clean(doc), options);
  }

  // Line keys: a key equals the key it was made from.
  for (const precis::Document& doc : docs) {
    const std::string_view text = doc.text;
    for (size_t start = 0; start <= text.size();) {
      size_t stop = text.find('\n', start);
      if (stop == std::string_view::npos) stop = text.size();
      const std::string_view line = text.substr(start, stop - start);
      PRECIS_FUZZ_CHECK(precis::ingest::LineKeyEquals(line, precis::ingest::LineKey(line)),
                        "a line equals its own key");
      start = stop + 1;
    }
  }
  return 0;
}

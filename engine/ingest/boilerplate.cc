#include "engine/ingest/boilerplate.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string_view>

#include "engine/ingest/line_shape.h"

namespace precis::ingest {
namespace {

// A content sentence has at least this many words ("Aucune annonce." does not).
constexpr uint32_t kMinSentenceWords = 3;
// Headlines and teaser links are at most this long; longer lines are prose.
constexpr uint32_t kHeadlineMaxWords = 30;
// Lines longer than this are never compared across documents.
constexpr size_t kMaxKeyBytes = 1024;

struct Line {
  uint32_t begin = 0;  // content range in the document text
  uint32_t end = 0;
  LineShape shape;
  bool keep = false;
  bool removed = false;  // dropped as boilerplate (not merely blank)
};

// The rules below compare word counts with kHeadlineMaxWords and the edge
// line limit only: counting further would not change a decision.
uint32_t WordsThatMatter(const IngestOptions& o) {
  return std::max(kHeadlineMaxWords, static_cast<uint32_t>(std::max(0, o.edge_line_max_words))) + 1;
}

std::vector<Line> SplitLines(std::string_view text, uint32_t max_words) {
  std::vector<Line> lines;
  const size_t limit = std::min<size_t>(text.size(), std::numeric_limits<uint32_t>::max());
  lines.reserve(static_cast<size_t>(std::count(text.begin(), text.begin() + limit, '\n')) + 1);
  size_t start = 0;
  while (start <= limit) {
    size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos || stop > limit) stop = limit;
    Line line;
    line.shape = ShapeOf(text.substr(start, stop - start), max_words);
    line.begin = static_cast<uint32_t>(start + line.shape.begin);
    line.end = static_cast<uint32_t>(start + line.shape.end);
    line.keep = !line.shape.blank();
    lines.push_back(line);
    start = stop + 1;
  }
  return lines;
}

// Prose: a real sentence, or too long for a headline or a link.
bool IsParagraph(const LineShape& s) {
  return (s.ends_sentence && s.words >= kMinSentenceWords) || s.words > kHeadlineMaxWords;
}

// Navigation or widget text when found at the top or bottom of a document.
bool IsEdgeJunk(const LineShape& s, const IngestOptions& o) {
  const bool short_line = s.words <= static_cast<uint32_t>(std::max(0, o.edge_line_max_words));
  const bool truncated = s.ends_ellipsis && s.words <= kHeadlineMaxWords;
  return (short_line && !(s.ends_sentence && s.words >= kMinSentenceWords)) || truncated;
}

bool LooksLikeHeadline(const LineShape& s) {
  return s.words >= 1 && s.words <= kHeadlineMaxWords && !s.ends_sentence && !s.ends_lead_in &&
         !s.ends_ellipsis;
}

// Lines that may count as repeated boilerplate: a few words, not prose
// (a long sentence shared by wire copies is content, not boilerplate).
bool CountsForRepetition(const LineShape& s, const IngestOptions& o) {
  return s.words >= 2 && s.end - s.begin <= kMaxKeyBytes &&
         !(s.ends_sentence && s.words > static_cast<uint32_t>(std::max(0, o.edge_line_max_words)));
}

uint64_t KeyHash(std::string_view content) {
  // Reused per thread: no allocation per line.
  thread_local std::string tls_key;
  std::string& key = tls_key;
  LineKey(content, &key);
  return XXH3_64bits(key.data(), key.size());
}

bool IsIsoDate(std::string_view token) {
  // YYYY-MM or YYYY-MM-DD
  if (token.size() != 7 && token.size() != 10) return false;
  for (size_t i = 0; i < token.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? token[i] != '-' : !std::isdigit(static_cast<unsigned char>(token[i]))) return false;
  }
  return true;
}

// A headline scraped with a metadata prefix ("date 2023-03 Blinken a ..."):
// drops the leading tokens up to an ISO date among the first three.
std::string_view WithoutDatePrefix(std::string_view line) {
  size_t pos = 0;
  for (int token = 0; token < 3; ++token) {
    const size_t start = line.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    if (IsIsoDate(line.substr(start, end - start))) {
      const size_t rest = line.find_first_not_of(' ', end);
      return rest == std::string_view::npos ? line : line.substr(rest);
    }
    pos = end;
  }
  return line;
}

std::string_view Content(std::string_view text, const Line& l) {
  return text.substr(l.begin, l.end - l.begin);
}

}  // namespace

BoilerplateFilter BoilerplateFilter::Build(const std::vector<const Document*>& documents,
                                           const IngestOptions& options) {
  return Build(
      documents.size(),
      [&](size_t i, std::string*) { return std::string_view(documents[i]->text); }, options);
}

std::vector<uint64_t> BoilerplateFilter::LineKeys(std::string_view text,
                                                  const IngestOptions& options) {
  std::vector<uint64_t> h;
  if (!options.strip_boilerplate) return h;
  for (const Line& l : SplitLines(text, WordsThatMatter(options))) {
    if (l.keep && CountsForRepetition(l.shape, options)) h.push_back(KeyHash(Content(text, l)));
  }
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  return h;
}

uint32_t BoilerplateFilter::RepeatedThreshold(size_t documents, const IngestOptions& options) {
  // A line in one document is never "repeated", whatever the options say.
  const double by_fraction =
      std::ceil(options.repeated_line_min_fraction * static_cast<double>(documents));
  return static_cast<uint32_t>(
      std::max({2.0, static_cast<double>(options.repeated_line_min_documents), by_fraction}));
}

BoilerplateFilter BoilerplateFilter::FromCounts(size_t documents, std::span<const uint64_t> keys,
                                                std::span<const uint32_t> counts,
                                                const IngestOptions& options) {
  BoilerplateFilter filter(options);
  filter.corpus_size_ = documents;
  if (!options.strip_boilerplate || documents == 0) return filter;
  const uint32_t threshold = RepeatedThreshold(documents, options);
  for (size_t i = 0; i < keys.size() && i < counts.size(); ++i) {
    if (counts[i] >= threshold) filter.repeated_lines_.emplace(keys[i], counts[i]);
  }
  return filter;
}

BoilerplateFilter BoilerplateFilter::Build(
    size_t count, const std::function<std::string_view(size_t, std::string*)>& text_of,
    const IngestOptions& options) {
  BoilerplateFilter filter(options);
  filter.corpus_size_ = count;
  if (!options.strip_boilerplate || count == 0) return filter;
  std::vector<std::vector<uint64_t>> hashes(count);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, count), [&](const tbb::blocked_range<size_t>& r) {
    std::string scratch;
    for (size_t i = r.begin(); i != r.end(); ++i)
      hashes[i] = LineKeys(text_of(i, &scratch), options);
  });
  std::unordered_map<uint64_t, uint32_t> counts;
  for (const auto& h : hashes) {
    for (uint64_t key : h) ++counts[key];
  }
  const uint32_t threshold = RepeatedThreshold(count, options);
  for (const auto& [key, n] : counts) {
    if (n >= threshold) filter.repeated_lines_.emplace(key, n);
  }
  return filter;
}

CleanedText BoilerplateFilter::Clean(const Document& document) const {
  const std::string_view text = document.text;
  const IngestOptions& o = options_;
  std::vector<Line> lines = SplitLines(text, WordsThatMatter(o));
  auto drop = [](Line& l) {
    l.keep = false;
    l.removed = true;
  };

  size_t fallback_title = lines.size();  // a short headline taken for navigation
  if (o.strip_boilerplate) {
    if (!repeated_lines_.empty()) {
      for (Line& l : lines) {
        if (l.keep && CountsForRepetition(l.shape, o) &&
            repeated_lines_.count(KeyHash(Content(text, l))))
          drop(l);
      }
    }
    // The top runs to the first paragraph of prose, the bottom from the last
    // one; without prose, the whole document is "top" -- unless that would
    // leave nothing (a one-line report, a list): then the edges stay.
    size_t first_par = lines.size(), last_par = lines.size();
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!lines[i].keep || !IsParagraph(lines[i].shape)) continue;
      if (first_par == lines.size()) first_par = i;
      last_par = i;
    }
    // With prose, the first paragraph itself survives; without, some kept
    // line must not be edge junk.
    const bool edges_go =
        first_par != lines.size() || std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
          return l.keep && !IsEdgeJunk(l.shape, o);
        });
    bool headline_kept = false;
    for (size_t i = 0; edges_go && i < first_par; ++i) {
      Line& l = lines[i];
      if (!l.keep) continue;
      if (!IsEdgeJunk(l.shape, o)) {
        headline_kept = headline_kept || LooksLikeHeadline(l.shape);
        continue;
      }
      drop(l);
      // Navigation comes before the headline: the last short line before the
      // prose that reads like a phrase may be a short headline.
      if (!headline_kept && LooksLikeHeadline(l.shape) && l.shape.words >= kMinSentenceWords &&
          l.shape.has_lowercase) {
        fallback_title = i;
      }
    }
    if (headline_kept) fallback_title = lines.size();
    if (last_par != lines.size()) {
      for (size_t i = last_par + 1; i < lines.size(); ++i) {
        if (lines[i].keep) drop(lines[i]);
      }
    }
    if (!edges_go) fallback_title = lines.size();
  }

  CleanedText out;
  if (!document.title.empty()) {
    out.title = document.title;
  } else if (o.extract_title) {
    auto first = std::find_if(lines.begin(), lines.end(), [](const Line& l) { return l.keep; });
    if (first != lines.end() && LooksLikeHeadline(first->shape) &&
        (fallback_title == lines.size() ||
         static_cast<size_t>(first - lines.begin()) < fallback_title)) {
      out.title = std::string(WithoutDatePrefix(Content(text, *first)));
      first->keep = false;
    } else if (fallback_title != lines.size()) {
      out.title = std::string(Content(text, lines[fallback_title]));
    }
  }
  // The headline repeated in the body (pages often show it twice) is not body text.
  if (!out.title.empty()) {
    const LineShape t = ShapeOf(out.title);
    const std::string title_key =
        LineKey(std::string_view(out.title).substr(t.begin, t.end - t.begin));
    for (Line& l : lines) {
      if (l.keep && l.end - l.begin <= kMaxKeyBytes && LineKeyEquals(Content(text, l), title_key))
        drop(l);
    }
  }

  bool gap = false;
  for (const Line& l : lines) {
    if (l.removed) ++out.removed_lines;
    if (!l.keep) {
      gap = true;  // blank, removed, or the extracted title
      continue;
    }
    out.lines.push_back({l.begin, l.end, gap});
    gap = false;
  }
  return out;
}

}  // namespace precis::ingest

// HTML digest: one self-contained page (inline CSS, no script, no external
// resource) to read in a browser. Each story is a card: headline, facts,
// summary sentences with numbered source chips (link to the report, tooltip
// with id, title and byte range), and the full membership (events, reports,
// near-duplicate groups) in a collapsed <details>. A timeline story
// (Story::timeline) gives its lead, then its events along a line in date
// order, each with its days, its own sentences and its reports.
#include <cstdio>
#include <ostream>

#include "engine/output/check_result.h"
#include "engine/output/html_escape.h"
#include "engine/output/story_view.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {

std::string output::HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

using output::HtmlEscape;

constexpr const char* kStyle = R"css(
:root{--ink:#1d232b;--muted:#5b6673;--line:#e3e6ea;--accent:#1f5fa8;--chip:#e8f0fa;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.6 Georgia,"Times New Roman",serif}
header,main{max-width:46rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2rem}
h1{font:700 1.9rem/1.2 system-ui,sans-serif;margin:0 0 .3rem}
.meta{font:14px/1.4 system-ui,sans-serif;color:var(--muted);margin:.2rem 0 1rem}
nav ol{font:15px/1.5 system-ui,sans-serif;padding-left:1.4rem;margin:0 0 1.5rem}
nav a{color:var(--accent);text-decoration:none}
nav a:hover{text-decoration:underline}
article{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1.2rem 1.5rem;margin:0 0 1.5rem;
  box-shadow:0 1px 2px rgba(0,0,0,.04)}
article h2{font:700 1.35rem/1.3 system-ui,sans-serif;margin:0 0 .2rem}
article.single h2{font-size:1.15rem}
ul.summary{list-style:none;padding:0;margin:.6rem 0}
ul.summary li{margin:0 0 .7rem;padding-left:1rem;border-left:3px solid var(--line)}
a.src{display:inline-block;min-width:1.4em;padding:0 .35em;margin-left:.2em;border-radius:.6em;background:var(--chip);
  color:var(--accent);font:600 12px/1.6 system-ui,sans-serif;text-align:center;text-decoration:none;vertical-align:1px}
a.src:hover{background:var(--accent);color:#fff}
details{font:14px/1.5 system-ui,sans-serif;margin-top:.6rem;border-top:1px solid var(--line);padding-top:.5rem}
summary{cursor:pointer;color:var(--muted)}
details h3{font-size:14px;margin:.8rem 0 .2rem}
details ol{margin:.2rem 0;padding-left:1.6rem}
details li{margin:.15rem 0}
details a{color:var(--accent)}
code{font:12px/1.4 ui-monospace,monospace;color:var(--muted)}
.copy{color:#8a5a00}
.empty{color:var(--muted);font-style:italic}
footer{max-width:46rem;margin:0 auto 2rem;padding:0 1.25rem;font:13px system-ui,sans-serif;color:var(--muted)}
ol.timeline{list-style:none;margin:1rem 0 0;padding:0 0 0 1.2rem;border-left:2px solid var(--line)}
ol.timeline>li{position:relative;margin:0 0 1.2rem}
ol.timeline>li::before{content:"";position:absolute;left:-1.62rem;top:.3rem;width:.75rem;height:.75rem;
  border-radius:50%;background:#fff;border:2px solid var(--accent)}
.when{font:600 13px/1.3 system-ui,sans-serif;color:var(--accent);margin:0}
ol.timeline h3{font:600 1.05rem/1.35 system-ui,sans-serif;margin:.1rem 0 .3rem}
ol.timeline details{margin-top:.2rem}
)css";

// Where a report can be opened: its URL, else its file.
std::string Href(const DocumentResult& d) {
  if (!d.url.empty()) return d.url;
  if (!d.source_path.empty() && d.source_path.front() == '/') return "file://" + d.source_path;
  return d.source_path;
}

std::string Plural(size_t n, const char* word) {
  const std::string w = word;
  if (n == 1) return "1 " + w;
  return std::to_string(n) + " " + (w.ends_with("y") ? w.substr(0, w.size() - 1) + "ies" : w + "s");
}

void WriteChip(const Result& result, const output::StoryView& v, const SourceSpan& span,
               std::ostream& out) {
  auto it = v.number.find(span.doc);
  if (it == v.number.end() || span.doc >= result.documents.size()) return;
  const DocumentResult& d = result.documents[span.doc];
  char range[96];
  std::snprintf(range, sizeof range, "bytes %llu-%llu",
                static_cast<unsigned long long>(span.source_begin),
                static_cast<unsigned long long>(span.source_end));
  std::string tip = d.id + (d.title.empty() ? "" : " — " + d.title) + "\n" + range;
  if (span.similarity < 1) {
    char sim[32];
    std::snprintf(sim, sizeof sim, ", similarity %.2f", span.similarity);
    tip += sim;
  }
  const std::string href = Href(d);
  out << "<a class=\"src\"" << (href.empty() ? "" : " href=\"" + HtmlEscape(href) + "\"")
      << " title=\"" << HtmlEscape(tip) << "\" data-doc=\"" << HtmlEscape(d.id)
      << "\" data-start=\"" << span.source_begin << "\" data-end=\"" << span.source_end << "\">"
      << it->second << "</a>";
}

// The sentences as a list, each followed by the chips of its reports;
// nothing when there are none.
void WriteSentences(const Result& result, const output::StoryView& v,
                    const std::vector<SummarySentence>& sentences, std::ostream& out) {
  if (sentences.empty()) return;
  out << "<ul class=\"summary\">\n";
  for (const SummarySentence& s : sentences) {
    out << "<li><span class=\"text\">" << HtmlEscape(s.text) << "</span>";
    for (const SourceSpan& span : s.sources) WriteChip(result, v, span, out);
    out << "</li>\n";
  }
  out << "</ul>\n";
}

void WriteReportItem(const Result& result, const output::StoryView& v, uint32_t d,
                     const std::string& story_id, std::ostream& out) {
  const DocumentResult& doc = result.documents[d];
  const std::string href = Href(doc);
  out << "<li value=\"" << v.number.at(d) << "\" id=\"" << story_id << "-r" << v.number.at(d)
      << "\">";
  const std::string title = HtmlEscape(doc.title.empty() ? doc.id : doc.title);
  if (!href.empty()) {
    out << "<a href=\"" << HtmlEscape(href) << "\">" << title << "</a>";
  } else {
    out << title;
  }
  out << " <code>" << HtmlEscape(doc.id) << "</code>";
  if (!doc.date.empty()) out << " · " << HtmlEscape(output::DayOf(doc.date));
  if (auto it = v.group_of.find(d); it != v.group_of.end()) {
    const DuplicateGroup& g = result.dedup.near_duplicate_groups[it->second];
    if (g.canonical != d && v.number.count(g.canonical)) {
      char pct[64];
      std::snprintf(pct, sizeof pct, "%.0f%%", 100 * output::MemberSimilarity(g, d));
      out << " <span class=\"copy\">near-copy of " << v.number.at(g.canonical) << " (" << pct
          << ")</span>";
    }
  }
  out << "</li>\n";
}

}  // namespace

Status WriteHtml(const Result& result, const DigestOptions& options, std::ostream& out) {
  if (options.min_sources < 1) return Status::InvalidArgument("min_sources must be >= 1");
  if (Status s = output::CheckResult(result); !s.ok()) return s;
  const std::vector<output::StoryView> views = output::VisibleStories(result, options);
  std::string lang = "und";
  if (!result.documents.empty()) lang = result.documents.front().lang;
  out << "<!DOCTYPE html>\n<html lang=\"" << HtmlEscape(lang)
      << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"precis " << Version() << "\">\n"
      << "<title>" << HtmlEscape(options.title) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n";
  out << "<header>\n<h1>" << HtmlEscape(options.title) << "</h1>\n<p class=\"meta\">"
      << Plural(result.documents.size(), "report") << " · "
      << Plural(result.stories.size(), "story");
  if (views.size() != result.stories.size()) out << " · " << views.size() << " shown";
  out << "</p>\n";
  if (views.size() > 1) {
    out << "<nav id=\"contents\"><ol>\n";
    for (const output::StoryView& v : views) {
      out << "<li><a href=\"#story-" << v.story->id << "\">"
          << HtmlEscape(v.story->label.empty() ? "Untitled story" : v.story->label)
          << "</a> <span class=\"meta\">(" << v.reports << ")</span></li>\n";
    }
    out << "</ol></nav>\n";
  }
  out << "</header>\n<main>\n";
  for (const output::StoryView& v : views) {
    const Story& story = *v.story;
    const std::string id = "story-" + std::to_string(story.id);
    out << "<article id=\"" << id << "\" class=\"story" << (v.reports == 1 ? " single" : "")
        << "\">\n";
    out << "<h2>" << HtmlEscape(story.label.empty() ? "Untitled story" : story.label) << "</h2>\n";
    out << "<p class=\"meta\">" << Plural(v.reports, "report");
    if (story.events.size() > 1) out << " · " << Plural(story.events.size(), "event");
    if (!v.first_date.empty())
      out << " · "
          << HtmlEscape(v.first_date == v.last_date ? v.first_date
                                                    : v.first_date + " – " + v.last_date);
    for (size_t i = 0; i < story.entities.size() && i < 5; ++i)
      out << (i ? ", " : " · ") << HtmlEscape(story.entities[i]);
    out << "</p>\n";
    if (story.summary.empty()) {
      out << "<p class=\"empty\">No sentence of these reports stands alone as a summary.</p>\n";
    } else {
      WriteSentences(result, v, story.summary, out);
    }
    if (story.timeline) {
      // Its events in date order, each with its days, its own sentences and
      // its reports.
      out << "<ol class=\"timeline\">\n";
      for (const Event& e : story.events) {
        out << "<li class=\"event\" id=\"" << id << "-e" << e.id << "\">\n<p class=\"when\">"
            << HtmlEscape(e.first_date.empty()          ? std::string("Undated")
                          : e.first_date == e.last_date ? e.first_date
                                                        : e.first_date + " – " + e.last_date)
            << "</p>\n<h3>" << HtmlEscape(e.label.empty() ? "Event" : e.label) << "</h3>\n";
        WriteSentences(result, v, e.summary, out);
        out << "<details class=\"members\">\n<summary>" << Plural(e.documents.size(), "report");
        if (!e.near_duplicate_groups.empty()) {
          out << ", " << Plural(e.near_duplicate_groups.size(), "near-duplicate group");
        }
        out << "</summary>\n<ol>\n";
        for (uint32_t d : e.documents) WriteReportItem(result, v, d, id, out);
        out << "</ol>\n</details>\n</li>\n";
      }
      out << "</ol>\n</article>\n";
      continue;
    }
    out << "<details class=\"members\">\n<summary>" << Plural(story.documents.size(), "report");
    if (!story.events.empty()) out << " in " << Plural(story.events.size(), "event");
    size_t groups = 0;
    for (const Event& e : story.events) groups += e.near_duplicate_groups.size();
    if (groups > 0) out << ", " << Plural(groups, "near-duplicate group");
    out << "</summary>\n";
    if (story.events.empty()) {
      out << "<ol>\n";
      for (uint32_t d : story.documents) WriteReportItem(result, v, d, id, out);
      out << "</ol>\n";
    }
    for (const Event& e : story.events) {
      out << "<section class=\"event\" id=\"" << id << "-e" << e.id << "\">\n";
      if (story.events.size() > 1)
        out << "<h3>" << HtmlEscape(e.label.empty() ? "Event" : e.label) << "</h3>\n";
      out << "<ol>\n";
      for (uint32_t d : e.documents) WriteReportItem(result, v, d, id, out);
      out << "</ol>\n</section>\n";
    }
    out << "</details>\n</article>\n";
  }
  out << "</main>\n<footer>Made by precis " << Version() << " · settings "
      << HtmlEscape(result.fingerprint)
      << ". Numbers after a sentence are the reports carrying it; hover for the byte range in the "
         "file.</footer>\n"
      << "</body>\n</html>\n";
  out.flush();
  if (!out) return Status::IOError("writing the HTML digest failed");
  return Status::OK();
}

}  // namespace precis

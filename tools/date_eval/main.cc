// precis-date-eval [DIR] [--today YYYY-MM-DD] [--misses] [--json]
//
// Reads every page of DIR/gold.jsonl ({file, url, date, set}; pages in
// DIR/pages/) as the HTML reader does (charset detection, gumbo, visible
// text) with the page's URL, and scores the publication day precis finds
// against the gold day, as htmldate's own evaluation does (--no-url: without
// the URL, as that evaluation runs htmldate): true positive =
// the gold day found; false positive = another day found (or any day where
// the gold is null); false negative = nothing found where the gold has a
// day; true negative = nothing found, gold null. Prints precision, recall,
// accuracy and F overall, per `set` and per date source, then (--misses)
// every page that is not a true positive or true negative.
#include <gumbo.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/ingest/charset.h"
#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/dates/html_clues.h"
#include "engine/ingest/dates/json_ld.h"
#include "engine/ingest/html.h"

namespace {

using precis::ingest::dates::DateSourceName;
using precis::ingest::dates::FormatDay;

struct Counts {
  int tp = 0, fp = 0, tn = 0, fn = 0;
  void Add(const std::optional<std::string>& gold, const std::optional<std::string>& found) {
    if (found && gold && *found == *gold) {
      ++tp;
    } else if (found) {
      ++fp;
    } else if (gold) {
      ++fn;
    } else {
      ++tn;
    }
  }
  int total() const { return tp + fp + tn + fn; }
  double precision() const { return tp + fp > 0 ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn > 0 ? double(tp) / (tp + fn) : 0; }
  double accuracy() const { return total() > 0 ? double(tp + tn) / total() : 0; }
  double f() const { return 2 * tp + fp + fn > 0 ? 2.0 * tp / (2 * tp + fp + fn) : 0; }
};

void PrintRow(const std::string& name, const Counts& c) {
  std::printf("%-16s %5d  P %.3f  R %.3f  accuracy %.3f  F %.3f  (tp %d fp %d fn %d tn %d)\n",
              name.c_str(), c.total(), c.precision(), c.recall(), c.accuracy(), c.f(), c.tp, c.fp,
              c.fn, c.tn);
}

std::optional<int32_t> ParseIsoDay(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  return precis::ingest::dates::MakeDay(y, m, d);
}

// Prints every clue the page at `path` gives (for --show).
int ShowClues(const std::string& path) {
  using namespace precis::ingest::dates;
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto decoded = precis::ingest::DecodeToUtf8(bytes.str(), true);
  if (!decoded.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), decoded.status().message().c_str());
    return 1;
  }
  GumboOutput* out = gumbo_parse(decoded->text.c_str());
  const HtmlClues c = CollectHtmlClues(out->document);
  const char* roles[] = {"published", "created", "modified", "other"};
  std::printf("canonical %s\nimage %s\nlang %s\n", c.canonical_url.c_str(), c.image_url.c_str(),
              c.lang.c_str());
  for (const DatedClue& m : c.meta)
    std::printf("meta %s %s\n", roles[int(m.role)], FormatDay(m.value.day).c_str());
  for (const DatedClue& m : c.microdata)
    std::printf("microdata %s %s\n", roles[int(m.role)], FormatDay(m.value.day).c_str());
  for (const std::string& j : c.json_ld) {
    auto d = JsonLdDate(j);
    if (d) std::printf("json-ld %s %s\n", roles[int(d->role)], FormatDay(d->value.day).c_str());
  }
  for (const MarkupClue& m : c.markup) {
    std::printf("%s%s%s [%s] [%s]\n", m.kind == MarkupClue::Kind::kTime ? "time" : "element",
                m.modified ? " modified" : "", m.in_comments ? " in-comments" : "", m.value.c_str(),
                m.text.c_str());
  }
  for (const std::string& t : c.headlines) std::printf("headline [%s]\n", t.c_str());
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Scores the publication days precis finds in web pages against gold days (precision,\n"
      "recall, accuracy, F as in htmldate's evaluation)."};
  std::string dir = std::string(PRECIS_EVAL_DIR) + "/dates";
  std::string today_text;
  bool misses = false;
  app.add_option("dir", dir, "Folder with gold.jsonl and pages/")->capture_default_str();
  app.add_option("--today", today_text,
                 "Reference day YYYY-MM-DD for the 'not in the future' rule (default: the clock)");
  std::string show;
  bool no_url = false;
  app.add_flag("--no-url", no_url,
               "Do not give the pages' URLs (as htmldate's own evaluation runs; a page's "
               "canonical URL is still read)");
  app.add_flag("--misses", misses, "List every page whose day is wrong or missing");
  app.add_option("--show", show, "Print the date clues of one page (a file) and stop");
  CLI11_PARSE(app, argc, argv);
  if (!show.empty()) return ShowClues(show);

  std::ifstream gold_in(dir + "/gold.jsonl");
  if (!gold_in) {
    std::fprintf(stderr,
                 "precis-date-eval: no labelled pages at %s (../shared/eval/dates absent); "
                 "nothing to score, skipping\n",
                 dir.c_str());
    return 0;
  }
  precis::ingest::dates::DateContext context;
  context.today = precis::ingest::dates::DayOfUnixSeconds(std::time(nullptr));
  if (!today_text.empty()) {
    auto day = ParseIsoDay(today_text);
    if (!day) {
      std::fprintf(stderr, "precis-date-eval: --today %s is not a day YYYY-MM-DD\n",
                   today_text.c_str());
      return 1;
    }
    context.today = *day;
  }

  Counts all;
  std::map<std::string, Counts> by_set, by_source;
  std::vector<std::string> missed;
  double seconds = 0, undated_seconds = 0;
  std::string line;
  while (std::getline(gold_in, line)) {
    if (line.empty()) continue;
    const auto g = nlohmann::json::parse(line);
    const std::string file = g.at("file").get<std::string>();
    const std::string url = g.value("url", "");
    std::optional<std::string> gold;
    if (g.contains("date") && g["date"].is_string()) gold = g["date"].get<std::string>();
    std::ifstream page(dir + "/pages/" + file, std::ios::binary);
    std::stringstream bytes;
    bytes << page.rdbuf();

    const auto start = std::chrono::steady_clock::now();
    std::optional<precis::ingest::dates::FoundDate> found;
    std::string problem;
    auto decoded = precis::ingest::DecodeToUtf8(bytes.str(), /*markup=*/true);
    if (decoded.ok()) {
      context.url = no_url ? std::string_view() : std::string_view(url);
      auto html = precis::ingest::ExtractHtml(decoded->text, &context);
      if (html.ok()) {
        found = html->date;
      } else {
        problem = html.status().message();
      }
    } else {
      problem = decoded.status().message();
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (decoded.ok()) {
      // The same read without the date step, for its share of the time.
      const auto again = std::chrono::steady_clock::now();
      auto decoded2 = precis::ingest::DecodeToUtf8(bytes.str(), /*markup=*/true);
      auto plain = precis::ingest::ExtractHtml(decoded2->text);
      undated_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - again).count();
    }

    std::optional<std::string> day;
    if (found) day = FormatDay(found->day);
    all.Add(gold, day);
    by_set[g.value("set", "")].Add(gold, day);
    by_source[found ? DateSourceName(found->source) : "(none)"].Add(gold, day);
    if (day != gold) {
      missed.push_back(file + "  gold " + gold.value_or("null") + "  found " +
                       day.value_or("none") +
                       (found ? std::string("  (") + DateSourceName(found->source) + ")" : "") +
                       "  " + url + (problem.empty() ? "" : "  [" + problem + "]"));
    }
  }
  PrintRow("all", all);
  for (const auto& [set, c] : by_set) PrintRow("set " + set, c);
  for (const auto& [source, c] : by_source) PrintRow("source " + source, c);
  std::printf(
      "%.0f pages/s (%d pages in %.2f s, one thread: decoding, parsing, text and date); "
      "without the date step %.2f s: it adds %.1f %%\n",
      seconds > 0 ? all.total() / seconds : 0.0, all.total(), seconds, undated_seconds,
      undated_seconds > 0 ? 100.0 * (seconds - undated_seconds) / undated_seconds : 0.0);
  if (misses) {
    std::printf("\nmisses (%zu):\n", missed.size());
    for (const std::string& m : missed) std::printf("%s\n", m.c_str());
  }
  return 0;
}

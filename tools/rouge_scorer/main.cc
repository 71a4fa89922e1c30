// precis-rouge: scores precis digests against reference summaries.
//
// For each data set NAME in the eval folder (NAME.docs.jsonl with gold `event`
// labels, NAME.summaries.jsonl with {event, summary}), every event's reports
// are summarised alone as ONE story (SummaryOptions::single_story) under a
// word budget, and scored with ROUGE-1/2/L F1 against each reference of the
// event (mean over references, then mean over events). The lead baseline
// (the first W words of the event's first report) and, where events have
// several references, the agreement of each reference with the others are
// printed next to it.
#include <oneapi/tbb/parallel_for.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "precis/engine.h"
#include "tools/rouge_scorer/rouge_score.h"

namespace {

namespace fs = std::filesystem;
using precis::rouge::Scores;

struct Event {
  std::string id;
  std::string lang;
  std::vector<precis::Document> documents;
  std::vector<std::string> references;
};

struct Totals {
  double r1 = 0, r2 = 0, rl = 0;
  size_t n = 0;
  void Add(const Scores& s) {
    r1 += s.rouge1, r2 += s.rouge2, rl += s.rougeL;
    ++n;
  }
  Scores Mean() const { return n == 0 ? Scores{} : Scores{r1 / n, r2 / n, rl / n}; }
};

// Mean of the scores of `candidate` against each reference (all but `skip`).
Scores AgainstReferences(precis::rouge::Tokenizer& tok, const std::string& candidate,
                         const std::vector<std::string>& references, size_t skip = SIZE_MAX) {
  Totals t;
  const auto c = tok.Tokens(candidate);
  for (size_t i = 0; i < references.size(); ++i) {
    if (i != skip) t.Add(precis::rouge::Score(c, tok.Tokens(references[i])));
  }
  return t.Mean();
}

std::string FirstWords(const std::string& text, int words) {
  std::istringstream in(text);
  std::string w, out;
  for (int i = 0; i < words && in >> w; ++i) out += (i ? " " : "") + w;
  return out;
}

bool ReadJsonLines(const fs::path& path, const std::function<void(const nlohmann::json&)>& fn) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) fn(nlohmann::json::parse(line));
  }
  return true;
}

// Applies "name=value" to a SummaryOptions field (for tuning runs).
bool SetOption(precis::SummaryOptions& o, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos) return false;
  const std::string name = assignment.substr(0, eq);
  const double v = std::stod(assignment.substr(eq + 1));
  std::map<std::string, double*> doubles = {{"weight_lexrank", &o.weight_lexrank},
                                            {"weight_centroid", &o.weight_centroid},
                                            {"weight_position", &o.weight_position},
                                            {"weight_support", &o.weight_support},
                                            {"lexrank_threshold", &o.lexrank_threshold},
                                            {"lexrank_teleport", &o.lexrank_teleport},
                                            {"mmr_lambda", &o.mmr_lambda},
                                            {"redundancy_threshold", &o.redundancy_threshold},
                                            {"attribution_threshold", &o.attribution_threshold}};
  std::map<std::string, int*> ints = {{"min_sentence_words", &o.min_sentence_words},
                                      {"max_sentence_words", &o.max_sentence_words},
                                      {"max_position", &o.max_position}};
  if (auto it = doubles.find(name); it != doubles.end()) {
    *it->second = v;
    return true;
  }
  if (auto it = ints.find(name); it != ints.end()) {
    *it->second = static_cast<int>(v);
    return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Scores precis digests with ROUGE-1/2/L F1 against the reference summaries of labelled "
      "events.",
      "precis-rouge"};
  std::string eval_dir = "../shared/eval";
  std::vector<std::string> datasets;
  int words = 100;
  size_t limit = 0;
  int show = 0;
  std::vector<std::string> sets;
  app.add_option("--eval-dir", eval_dir, "Folder with NAME.docs.jsonl and NAME.summaries.jsonl")
      ->capture_default_str();
  app.add_option("--dataset", datasets, "Data set NAMEs (default: every NAME with both files)");
  app.add_option("--words", words, "Word budget of each summary (SummaryOptions::max_words)")
      ->capture_default_str();
  app.add_option("--limit", limit, "Score only the first N events of each data set (0 = all)");
  app.add_option("--show", show, "Print the first N summaries with their references");
  app.add_option("--set", sets, "Override a SummaryOptions field, NAME=VALUE (tuning only)");
  CLI11_PARSE(app, argc, argv);

  precis::Options options;
  options.threads = 1;
  options.ingest.threads = 1;
  options.summary.single_story = true;
  options.summary.max_words = words;
  for (const std::string& s : sets) {
    if (!SetOption(options.summary, s)) {
      std::cerr << "precis-rouge: --set " << s << ": unknown SummaryOptions field or missing '='\n";
      return 1;
    }
  }
  if (!fs::is_directory(eval_dir)) {
    std::cout << "precis-rouge: SKIPPED: no eval folder at " << eval_dir
              << " (it holds NAME.docs.jsonl and NAME.summaries.jsonl; see README)\n";
    return 0;
  }
  if (datasets.empty()) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(eval_dir)) found.push_back(e.path());
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) {
      const std::string name = p.filename().string();
      const std::string suffix = ".summaries.jsonl";
      if (name.size() > suffix.size() && name.ends_with(suffix)) {
        const std::string base = name.substr(0, name.size() - suffix.size());
        if (fs::exists(fs::path(eval_dir) / (base + ".docs.jsonl"))) datasets.push_back(base);
      }
    }
  }
  if (datasets.empty()) {
    std::cout << "precis-rouge: SKIPPED: no NAME.docs.jsonl + NAME.summaries.jsonl pair in "
              << eval_dir << "\n";
    return 0;
  }

  std::cout << "ROUGE F1 at " << words << " words; mean over references, then over events\n";
  std::cout << std::fixed << std::setprecision(3);
  for (const std::string& name : datasets) {
    std::vector<Event> events;
    std::map<std::string, size_t> index;
    bool ok =
        ReadJsonLines(fs::path(eval_dir) / (name + ".docs.jsonl"), [&](const nlohmann::json& j) {
          const std::string event = j.value("event", "");
          auto [it, inserted] = index.try_emplace(event, events.size());
          if (inserted) events.push_back({event, j.value("lang", ""), {}, {}});
          precis::Document d;
          d.id = j.value("id", "");
          d.title = j.value("title", "");
          d.text = j.value("text", "");
          d.lang = j.value("lang", "");
          d.date = j.value("date", "");
          events[it->second].documents.push_back(std::move(d));
        });
    ok = ok && ReadJsonLines(fs::path(eval_dir) / (name + ".summaries.jsonl"),
                             [&](const nlohmann::json& j) {
                               auto it = index.find(j.value("event", ""));
                               if (it != index.end())
                                 events[it->second].references.push_back(j.value("summary", ""));
                             });
    if (!ok) {
      std::cout << name << ": SKIPPED: cannot read its files in " << eval_dir << "\n";
      continue;
    }
    std::erase_if(events,
                  [](const Event& e) { return e.references.empty() || e.documents.empty(); });
    if (limit > 0 && events.size() > limit) events.resize(limit);

    std::vector<Scores> system(events.size()), lead(events.size()), human(events.size());
    std::vector<std::string> summaries(events.size());
    std::vector<std::string> errors(events.size());
    tbb::parallel_for(size_t{0}, events.size(), [&](size_t e) {
      Event& event = events[e];
      precis::rouge::Tokenizer tok(event.lang.empty() ? "en" : event.lang);
      std::sort(event.documents.begin(), event.documents.end(),
                [](const precis::Document& a, const precis::Document& b) {
                  return std::tie(a.date, a.id) < std::tie(b.date, b.id);
                });
      const std::string lead_text = FirstWords(event.documents.front().text, words);
      auto engine = precis::Engine::Create(options);
      if (!engine.ok()) {
        errors[e] = engine.status().message();
        return;
      }
      for (const precis::Document& d : event.documents) (void)(*engine)->Add(d);
      auto result = (*engine)->Run();
      if (!result.ok()) {
        errors[e] = result.status().message();
        return;
      }
      std::string summary;
      for (const precis::Story& story : result->stories) {
        for (const precis::SummarySentence& s : story.summary)
          summary += (summary.empty() ? "" : " ") + s.text;
      }
      summaries[e] = summary;
      system[e] = AgainstReferences(tok, summary, event.references);
      lead[e] = AgainstReferences(tok, lead_text, event.references);
      if (event.references.size() > 1) {
        Totals t;
        for (size_t r = 0; r < event.references.size(); ++r)
          t.Add(AgainstReferences(tok, event.references[r], event.references, r));
        human[e] = t.Mean();
      }
    });
    Totals sys, base, hum;
    size_t failed = 0;
    for (size_t e = 0; e < events.size(); ++e) {
      if (!errors[e].empty()) {
        std::cerr << name << " " << events[e].id << ": " << errors[e] << "\n";
        ++failed;
        continue;
      }
      sys.Add(system[e]);
      base.Add(lead[e]);
      if (events[e].references.size() > 1) hum.Add(human[e]);
    }
    auto row = [&](const char* what, const Scores& s) {
      std::cout << "  " << std::left << std::setw(18) << what << " R1 " << s.rouge1 << "  R2 "
                << s.rouge2 << "  RL " << s.rougeL << "\n";
    };
    std::cout << name << ": " << sys.n << " events"
              << (failed ? " (" + std::to_string(failed) + " failed)" : "") << "\n";
    row("precis", sys.Mean());
    row("lead", base.Mean());
    if (hum.n > 0) row("human vs human", hum.Mean());
    for (int i = 0; i < show && i < static_cast<int>(events.size()); ++i) {
      std::cout << "\n[" << events[i].id << "] " << summaries[i]
                << "\n  ref: " << events[i].references.front() << "\n";
    }
  }
  return 0;
}

// precis-cluster-eval FILE.docs.jsonl... [--set cluster.KEY=VALUE]...
//
// Clusters each labelled file with precis (default options unless --set) and
// scores predicted stories against gold `story` and predicted events against
// gold `event`: B-cubed P/R/F1, ARI, number of clusters vs gold, and "alone":
// of the reports alone in their gold cluster, the share precis put in a
// cluster with others (reports that belong with nothing must stay alone).
// One line per file and level; --json prints the same as JSON Lines.
//
// --one-per-event keeps the first report of each gold event (a file of
// reports that all belong with nothing); --unrelated reads any input (a
// folder of pages, say) as reports that are each their own event and story.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "precis/engine.h"
#include "tests/reference/cluster/scoring.h"

namespace {

bool SetOption(precis::ClusterOptions& c, const std::string& kv, std::string& error) {
  const size_t eq = kv.find('=');
  if (eq == std::string::npos) {
    error = "--set expects KEY=VALUE, got '" + kv + "'";
    return false;
  }
  std::string key = kv.substr(0, eq);
  const std::string value = kv.substr(eq + 1);
  if (key.rfind("cluster.", 0) == 0) key = key.substr(8);
  try {
    if (key == "idf_path")
      c.idf_path = value;
    else if (key == "background_idf")
      c.background_idf = value == "1" || value == "true";
    else if (key == "title_weight")
      c.title_weight = std::stod(value);
    else if (key == "lead_weight")
      c.lead_weight = std::stod(value);
    else if (key == "lead_sentences")
      c.lead_sentences = std::stoi(value);
    else if (key == "entity_boost")
      c.entity_boost = std::stod(value);
    else if (key == "entity_weight")
      c.entity_weight = std::stod(value);
    else if (key == "event_threshold")
      c.event_threshold = std::stod(value);
    else if (key == "story_threshold")
      c.story_threshold = std::stod(value);
    else if (key == "story_prior_pairs")
      c.story_prior_pairs = std::stod(value);
    else if (key == "scale_neighbours")
      c.scale_neighbours = std::stoi(value);
    else if (key == "scale_floor")
      c.scale_floor = std::stod(value);
    else if (key == "event_max_days")
      c.event_max_days = std::stoi(value);
    else if (key == "event_day_fade")
      c.event_day_fade = std::stoi(value) != 0;
    else if (key == "max_terms")
      c.max_terms = std::stoi(value);
    else if (key == "index_terms")
      c.index_terms = std::stoi(value);
    else if (key == "max_candidates")
      c.max_candidates = std::stoi(value);
    else if (key == "max_postings")
      c.max_postings = std::stoi(value);
    else if (key == "posting_budget")
      c.posting_budget = std::stoi(value);
    else if (key == "story_window_days")
      c.story_window_days = std::stoi(value);
    else if (key == "stream_story_threshold")
      c.stream_story_threshold = std::stod(value);
    else if (key == "method" && (value == "streaming" || value == "agglomerative"))
      c.method = value == "streaming" ? precis::ClusterMethod::kStreaming
                                      : precis::ClusterMethod::kAgglomerative;
    else {
      error = "unknown cluster option '" + key + "'";
      return false;
    }
  } catch (const std::exception&) {
    error = "bad value in '" + kv + "'";
    return false;
  }
  return true;
}

// Reports alone in their gold cluster, and how many of them share their
// predicted cluster with another report.
struct Alone {
  size_t total = 0;
  size_t grouped = 0;
};

Alone CountAlone(const std::vector<int64_t>& predicted, const std::vector<int64_t>& gold) {
  std::map<int64_t, size_t> predicted_size, gold_size;
  for (int64_t p : predicted) ++predicted_size[p];
  for (int64_t g : gold) ++gold_size[g];
  Alone alone;
  for (size_t i = 0; i < gold.size(); ++i) {
    if (gold_size[gold[i]] != 1) continue;
    ++alone.total;
    if (predicted_size[predicted[i]] > 1) ++alone.grouped;
  }
  return alone;
}

std::string Percent(size_t part, size_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Scores precis stories/events against gold labels (B-cubed, ARI)",
               "precis-cluster-eval"};
  std::vector<std::string> files, sets;
  int threads = 0;
  bool json = false;
  bool sims = false;
  bool one_per_event = false;
  bool unrelated = false;
  app.add_option("files", files, "Labelled JSON Lines: {id, title, text, story, event, ...}")
      ->required();
  app.add_option("--set", sets, "Override a cluster option, e.g. --set event_threshold=0.3");
  app.add_option("-t,--threads", threads, "Worker threads (0 = all cores)");
  app.add_flag("--json", json, "Print JSON Lines instead of a table");
  app.add_flag(
      "--similarities", sims,
      "Also print mean similarities of pairs in one gold event, one gold story but "
      "different events, and different stories (each document with its next such document)");
  app.add_flag("--one-per-event", one_per_event,
               "Keep only the first report of each gold event: every report then belongs with "
               "nothing, and 'alone' says how many precis still grouped");
  app.add_flag("--unrelated", unrelated,
               "The inputs (files or folders, labelled or not) are unrelated reports: each is "
               "its own gold event and story");
  CLI11_PARSE(app, argc, argv);

  precis::Options options;
  options.threads = threads;
  options.ingest.threads = threads;
  for (const std::string& kv : sets) {
    std::string error;
    if (!SetOption(options.cluster, kv, error)) {
      std::cerr << "precis-cluster-eval: " << error << "\n";
      return 1;
    }
  }
  if (!json) {
    std::printf("%-24s %-6s %6s %6s %6s %6s %8s %8s %6s\n", "file", "level", "P", "R", "F1", "ARI",
                "clusters", "gold", "alone");
  }
  for (const std::string& file : files) {
    // Gold labels by id.
    std::map<std::string, std::pair<std::string, std::string>> gold;
    if (!unrelated) {
      std::ifstream in(file);
      if (!in) {
        std::cerr << file << ": cannot open\n";
        return 1;
      }
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.contains("id") || !j.contains("event")) continue;
        const std::string event = j["event"].get<std::string>();
        const std::string story = j.contains("story") ? j["story"].get<std::string>() : event;
        gold[j["id"].get<std::string>()] = {story, event};
      }
    }
    auto engine = precis::Engine::Create(options);
    if (!engine.ok()) {
      std::cerr << "precis-cluster-eval: " << engine.status().message() << "\n";
      return 1;
    }
    size_t skipped = 0;
    std::set<std::string> events_seen;
    precis::Status s = precis::ReadSources(
        {file}, options.ingest,
        [&](precis::Document d) {
          if (one_per_event && !unrelated) {
            auto it = gold.find(d.id);
            if (it != gold.end() && !events_seen.insert(it->second.second).second) return;
          }
          (void)(*engine)->Add(std::move(d));
        },
        [&](precis::SkippedSource) { ++skipped; });
    if (!s.ok()) {
      std::cerr << file << ": " << s.message() << "\n";
      return 1;
    }
    auto result = (*engine)->Run();
    if (!result.ok()) {
      std::cerr << file << ": " << result.status().message() << "\n";
      return 1;
    }
    const size_t n = result->documents.size();
    std::vector<int64_t> pred_story(n, -1), pred_event(n, -1), gold_story(n), gold_event(n);
    for (const precis::Story& st : result->stories) {
      for (const precis::Event& ev : st.events) {
        for (uint32_t d : ev.documents) pred_story[d] = st.id, pred_event[d] = ev.id;
      }
    }
    std::map<std::string, int64_t> ids;
    for (size_t i = 0; i < n; ++i) {
      if (unrelated) {
        gold_story[i] = gold_event[i] = static_cast<int64_t>(i);
        continue;
      }
      auto it = gold.find(result->documents[i].id);
      if (it == gold.end()) {
        std::cerr << file << ": document " << result->documents[i].id << " has no gold label\n";
        return 1;
      }
      gold_story[i] = ids.try_emplace("s:" + it->second.first, ids.size()).first->second;
      gold_event[i] = ids.try_emplace("e:" + it->second.second, ids.size()).first->second;
    }
    const std::string name = file.substr(file.find_last_of('/') + 1);
    if (sims) {
      double sum[3] = {0, 0, 0};
      int count[3] = {0, 0, 0};
      for (size_t i = 0; i < n; ++i) {
        bool done[3] = {false, false, false};
        for (size_t j = i + 1; j < n && !(done[0] && done[1] && done[2]); ++j) {
          const int kind = gold_event[i] == gold_event[j]   ? 0
                           : gold_story[i] == gold_story[j] ? 1
                                                            : 2;
          if (done[kind]) continue;
          done[kind] = true;
          auto x = (*engine)->Explain(*result, result->documents[i].id, result->documents[j].id);
          if (x.ok()) sum[kind] += x->similarity, ++count[kind];
        }
      }
      std::printf(
          "%-24s mean similarity: same event %.3f (%d), same story %.3f (%d), other %.3f (%d)\n",
          name.c_str(), sum[0] / std::max(1, count[0]), count[0], sum[1] / std::max(1, count[1]),
          count[1], sum[2] / std::max(1, count[2]), count[2]);
    }
    for (const auto& [level, pred, truth] : {std::tuple{"story", &pred_story, &gold_story},
                                             std::tuple{"event", &pred_event, &gold_event}}) {
      const precis::cluster::ClusteringScore sc = precis::cluster::Score(*pred, *truth);
      const Alone alone = CountAlone(*pred, *truth);
      if (json) {
        nlohmann::ordered_json j = {{"file", name},
                                    {"level", level},
                                    {"precision", sc.precision},
                                    {"recall", sc.recall},
                                    {"f1", sc.f1},
                                    {"ari", sc.ari},
                                    {"clusters", sc.clusters},
                                    {"gold_clusters", sc.gold_clusters},
                                    {"documents", n},
                                    {"alone", alone.total},
                                    {"alone_grouped", alone.grouped},
                                    {"skipped", skipped}};
        std::cout << j.dump() << "\n";
      } else {
        std::printf("%-24s %-6s %6.3f %6.3f %6.3f %6.3f %8zu %8zu %6s\n", name.c_str(), level,
                    sc.precision, sc.recall, sc.f1, sc.ari, sc.clusters, sc.gold_clusters,
                    alone.total == 0 ? "-" : Percent(alone.grouped, alone.total).c_str());
      }
    }
  }
  return 0;
}

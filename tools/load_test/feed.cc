#include "tools/load_test/feed.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "tools/load_test/child.h"

namespace fs = std::filesystem;

namespace precis::load {
namespace {

struct Line {
  std::string date, id;
  uint64_t offset = 0;
  size_t length = 0;
};

bool FieldsOf(const std::string& text, std::string* date, std::string* id) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string()) {
    return false;
  }
  *id = j["id"].get<std::string>();
  if (date != nullptr && j.contains("date") && j["date"].is_string()) {
    *date = j["date"].get<std::string>();
  }
  return true;
}

// Only the sort keys and offsets are held, not the text (about 2.4 KB a
// report): the ingest runs are children of this process, and a child started
// by posix_spawn is charged this process's peak RSS until it execs.
bool SortByDate(const std::string& raw, const std::string& sorted, std::string* error) {
  std::ifstream in(raw, std::ios::binary);
  if (!in) {
    *error = "cannot read " + raw;
    return false;
  }
  std::vector<Line> lines;
  std::string text;
  uint64_t offset = 0;
  while (std::getline(in, text)) {
    Line l;
    l.offset = offset;
    l.length = text.size();
    offset += text.size() + 1;
    if (text.empty()) continue;
    if (!FieldsOf(text, &l.date, &l.id)) {
      *error = raw + ": line " + std::to_string(lines.size() + 1) + " is not a report";
      return false;
    }
    lines.push_back(std::move(l));
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  in.clear();
  const std::string partial = sorted + ".partial";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  for (const Line& l : lines) {
    text.resize(l.length);
    in.seekg(static_cast<std::streamoff>(l.offset));
    in.read(text.data(), static_cast<std::streamsize>(l.length));
    out << text << '\n';
  }
  out.close();
  if (!in || !out) {
    *error = "cannot write " + sorted;
    return false;
  }
  // Renamed only when complete: an interrupted run leaves no feed to reuse.
  fs::rename(partial, sorted);
  return true;
}

}  // namespace

bool MakeFeed(const std::string& gen, uint64_t n, uint64_t seed, const std::string& dir,
              const std::string& log, Feed* feed, std::string* error) {
  const std::string stem =
      (fs::path(dir) / ("feed-" + std::to_string(n) + "-s" + std::to_string(seed))).string();
  feed->path = stem + ".jsonl";
  std::error_code ec;
  const bool outdated = fs::exists(feed->path) && fs::exists(gen) &&
                        fs::last_write_time(feed->path) < fs::last_write_time(gen, ec);
  if (!fs::exists(feed->path) || outdated) {
    const std::string raw = stem + ".generated.jsonl", gold = raw + ".gold.jsonl";
    Child g({gen, "--docs", std::to_string(n), "--seed", std::to_string(seed), "--out", raw,
             "--gold", gold, "--quiet"},
            "/dev/null", log);
    const ChildExit e = g.Wait();
    if (!e.ok()) {
      *error = "precis-gen-corpus failed (" + e.Describe() + "); see " + log;
      return false;
    }
    const bool sorted = SortByDate(raw, feed->path, error);
    fs::remove(raw, ec);
    fs::remove(gold, ec);
    if (!sorted) return false;
  }
  feed->bytes = fs::file_size(feed->path);
  std::ifstream in(feed->path, std::ios::binary);
  std::string text, id;
  feed->position.clear();
  while (std::getline(in, text)) {
    if (text.empty()) continue;
    if (!FieldsOf(text, nullptr, &id)) {
      *error =
          feed->path + ": line " + std::to_string(feed->position.size() + 1) + " is not a report";
      return false;
    }
    const auto position = static_cast<uint32_t>(feed->position.size());
    if (!feed->position.emplace(id, position).second) {
      *error = feed->path + ": report id " + id + " appears twice";
      return false;
    }
  }
  if (feed->position.size() != n) {
    *error = feed->path + " holds " + std::to_string(feed->position.size()) + " reports, not " +
             std::to_string(n);
    return false;
  }
  return true;
}

}  // namespace precis::load

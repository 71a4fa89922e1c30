#include "tools/load_test/digest_check.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace precis::load {
namespace {

// A digest with a systematic fault would otherwise list every document.
constexpr size_t kMaxProblems = 5;

void AddProblem(std::vector<std::string>* problems, size_t* dropped, std::string p) {
  if (problems->size() < kMaxProblems) {
    problems->push_back(std::move(p));
  } else {
    ++*dropped;
  }
}

// Collects the ids the checks need from the paths
//   documents[].id, stories[].documents[], stories[].events[].documents[]
// and ignores the rest (labels, summaries, near-duplicate groups).
class Collector : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit Collector(DigestCheck* out) : out_(out) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }

  bool string(string_t& value) override {
    const size_t depth = frames_.size();
    if (depth == 3 && InDocuments() && frames_[2].key == "id") {
      out_->documents.push_back(std::move(value));
    } else if (depth == 4 && InStories() && frames_[2].key == "documents") {
      story_documents_.push_back(std::move(value));
    } else if (depth == 6 && InStories() && frames_[2].key == "events" &&
               frames_[4].key == "documents") {
      event_documents_.push_back(std::move(value));
    }
    return true;
  }

  bool start_object(std::size_t) override {
    frames_.push_back({false, {}});
    if (frames_.size() == 1) root_seen_ = true;
    return true;
  }
  bool key(string_t& k) override {
    frames_.back().key = std::move(k);
    if (frames_.size() == 1 && frames_[0].key == "documents") has_documents_ = true;
    if (frames_.size() == 1 && frames_[0].key == "stories") has_stories_ = true;
    return true;
  }
  bool end_object() override {
    if (frames_.size() == 3 && InStories()) EndStory();
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    frames_.push_back({true, {}});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_ = "invalid JSON at byte " + std::to_string(position) + ": " + e.what();
    return false;
  }

  // After the parse: the checks that need the whole digest.
  void Finish() {
    if (!error_.empty()) {
      AddProblem(&out_->problems, &dropped_, error_);
      return;
    }
    if (!root_seen_ || !has_documents_ || !has_stories_) {
      AddProblem(&out_->problems, &dropped_,
                 "not a digest: no top-level \"documents\" and \"stories\"");
      return;
    }
    std::unordered_map<std::string_view, int> in_digest;
    in_digest.reserve(out_->documents.size());
    for (const std::string& id : out_->documents) {
      if (++in_digest[id] == 2) {
        AddProblem(&out_->problems, &dropped_, "document " + id + " is listed twice");
      }
    }
    for (const auto& [id, n] : in_events_) {
      if (!in_digest.contains(id)) {
        AddProblem(&out_->problems, &dropped_,
                   "an event holds " + id + ", which the digest's documents do not list");
      }
    }
    for (const std::string& id : out_->documents) {
      const auto it = in_events_.find(id);
      const int n = it == in_events_.end() ? 0 : it->second;
      if (n != 1) {
        AddProblem(&out_->problems, &dropped_,
                   "document " + id + " is in " + std::to_string(n) + " events (expected 1)");
      }
    }
    if (dropped_ > 0) out_->problems.push_back("... and " + std::to_string(dropped_) + " more");
  }

 private:
  struct Frame {
    bool array;
    std::string key;  // the current key, for an object
  };

  bool InDocuments() const { return !frames_[0].array && frames_[0].key == "documents"; }
  bool InStories() const { return !frames_[0].array && frames_[0].key == "stories"; }

  void EndStory() {
    ++out_->stories;
    for (const std::string& id : event_documents_) ++in_events_[id];
    std::sort(story_documents_.begin(), story_documents_.end());
    std::sort(event_documents_.begin(), event_documents_.end());
    if (story_documents_ != event_documents_) {
      AddProblem(&out_->problems, &dropped_,
                 "story " + std::to_string(out_->stories - 1) + " (in digest order) lists " +
                     std::to_string(story_documents_.size()) + " documents, its events " +
                     std::to_string(event_documents_.size()) + ", not the same ones");
    }
    story_documents_.clear();
    event_documents_.clear();
  }

  DigestCheck* out_;
  std::vector<Frame> frames_;
  std::vector<std::string> story_documents_, event_documents_;  // of the current story
  std::unordered_map<std::string, int> in_events_;              // id -> events holding it
  std::string error_;
  size_t dropped_ = 0;
  bool root_seen_ = false, has_documents_ = false, has_stories_ = false;
};

}  // namespace

DigestCheck CheckDigest(std::string_view json) {
  DigestCheck out;
  Collector collector(&out);
  nlohmann::json::sax_parse(json.begin(), json.end(), &collector);
  collector.Finish();
  return out;
}

GrowthCheck::GrowthCheck(const std::unordered_map<std::string, uint32_t>* feed)
    : feed_(feed), previous_(feed->size(), 0) {}

std::vector<std::string> GrowthCheck::Next(const std::vector<std::string>& documents) {
  std::vector<std::string> problems;
  size_t dropped = 0;
  std::vector<char> now(feed_->size(), 0);
  for (const std::string& id : documents) {
    const auto it = feed_->find(id);
    if (it == feed_->end()) {
      AddProblem(&problems, &dropped, "document " + id + " is not a report of the feed");
    } else {
      now[it->second] = 1;
    }
  }
  if (!first_) {
    size_t lost = 0;
    std::string example;
    for (const auto& [id, position] : *feed_) {
      if (previous_[position] && !now[position]) {
        if (lost++ == 0) example = id;
      }
    }
    if (lost > 0) {
      AddProblem(&problems, &dropped,
                 std::to_string(lost) + " documents of the previous digest (" +
                     std::to_string(previous_count_) + ") are missing from this one (" +
                     std::to_string(documents.size()) + "), e.g. " + example);
    }
  }
  if (dropped > 0) problems.push_back("... and " + std::to_string(dropped) + " more");
  previous_ = std::move(now);
  previous_count_ = documents.size();
  first_ = false;
  return problems;
}

}  // namespace precis::load

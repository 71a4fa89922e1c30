// precis-ingest-example: the ingest loop of a newsroom job, using only the
// installed public API. Reads reports as JSON Lines on stdin ({"id", "title",
// "text", "date", ...}), adds each to the database named on the command line
// and prints its fate: copy of an earlier report, joined story, or new story.
//
//   precis-ingest-example news.db < feed.jsonl
#include <precis/document.h>
#include <precis/ingest.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: precis-ingest-example DATABASE < reports.jsonl\n";
    return 1;
  }
  auto engine = precis::IncrementalEngine::Open(argv[1], precis::Options{});
  if (!engine.ok()) {
    std::cerr << engine.status().message() << "\n";
    return 1;
  }
  // ReadJsonLines reports each bad line (with its number) and goes on. A
  // database that cannot be written (disk full) stops the loop: every printed
  // fate is committed, and running the feed again resumes it, the reports
  // already stored coming back as replays.
  bool stopped = false;
  auto add = [&](precis::Document doc) {
    if (stopped) return;
    auto fate = (*engine)->Add(std::move(doc));
    if (!fate.ok()) {
      std::cerr << fate.status().message() << "\n";
      stopped = fate.status().code() == precis::Status::Code::kIOError;
      return;
    }
    std::cout << fate->id << "\t" << precis::Fate::KindName(fate->kind);
    if (!fate->duplicate_of.empty()) std::cout << "\tof " << fate->duplicate_of;
    std::cout << "\tstory " << fate->story << "\tevent " << fate->event;
    if (fate->replay) std::cout << "\t(replay)";
    std::cout << std::endl;
  };
  auto skipped = [](precis::SkippedSource s) {
    std::cerr << s.where << ": " << s.status.message() << "\n";
  };
  precis::Status s =
      precis::ReadJsonLines(std::cin, "stdin", precis::IngestOptions{}, add, skipped);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  return stopped ? 1 : 0;
}

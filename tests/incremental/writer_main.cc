// incremental_writer DB ACK_FILE N SEED: adds N generated reports to DB and,
// after each Add returns, appends "id story event kind" to ACK_FILE with
// write(2), so a line there means the Add was acknowledged. The crash test
// kills this process with SIGKILL in the middle of the stream.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "precis/ingest.h"
#include "tests/incremental/corpus.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: incremental_writer DB ACK_FILE N SEED\n");
    return 1;
  }
  const auto docs = precis::testing::GeneratedStream(std::strtoull(argv[3], nullptr, 10),
                                                     std::strtoull(argv[4], nullptr, 10));
  auto engine = precis::IncrementalEngine::Open(argv[1], precis::testing::StreamOptions());
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }
  const int ack = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (ack < 0) return 1;
  for (const precis::Document& doc : docs) {
    auto fate = (*engine)->Add(doc);
    if (!fate.ok()) {
      if (fate.status().code() == precis::Status::Code::kInvalidArgument) continue;  // stored
      std::fprintf(stderr, "%s\n", fate.status().ToString().c_str());
      return 1;
    }
    const std::string line = fate->id + " " + std::to_string(fate->story) + " " +
                             std::to_string(fate->event) + " " +
                             precis::Fate::KindName(fate->kind) + "\n";
    if (write(ack, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 1;
  }
  close(ack);
  return 0;
}

// precis sentences: one JSON object per sentence, to see what segmentation does.
#include <nlohmann/json.hpp>

#include "tools/cli/cli_common.h"

namespace precis::cli {

Runner RegisterSentences(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "sentences",
      "Print every sentence precis sees, one JSON object per line:\n"
      "  {\"doc\", \"lang\", \"start\", \"end\", \"text\"}\n"
      "start/end are byte offsets into the original file as stored (raw HTML for .html), so\n"
      "slicing the file there gives the sentence (for non-UTF-8 files, in their own encoding). "
      "Boilerplate lines are not sentences.");
  auto flags = std::make_shared<InputFlags>();
  auto out_path = std::make_shared<std::string>();
  AddInputFlags(cmd, flags.get());
  cmd->add_option("-o,--out", *out_path, "Write to this file instead of stdout");
  return [flags, out_path]() -> int {
    Options options = BaseOptions(*flags);
    options.last_stage = Options::Stage::kAnalyse;
    int exit_code = kExitOk;
    std::optional<Result> result = ReadAndRun(*flags, options, &exit_code);
    if (!result) return kExitUsage;
    const bool written = WriteResult(*flags, *out_path, &*result, [&](std::ostream& out) {
      for (const DocumentResult& doc : result->documents) {
        for (size_t i = 0; i < doc.sentences.size(); ++i) {
          nlohmann::ordered_json j;
          j["doc"] = doc.id;
          j["lang"] = doc.lang;
          j["start"] = doc.sentences[i].source_begin;
          j["end"] = doc.sentences[i].source_end;
          j["text"] = doc.SentenceText(i);
          out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        }
      }
      return Status::OK();
    });
    return written ? exit_code : kExitUsage;
  };
}

}  // namespace precis::cli

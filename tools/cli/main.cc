// precis: find the reports that tell the same story and write a merged digest.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <map>

#include "precis/engine.h"
#include "tools/cli/cli_common.h"

int main(int argc, char** argv) {
  using namespace precis::cli;
  // Past a file size limit (ulimit -f) a write fails with EFBIG, which precis
  // reports naming the file, instead of SIGXFSZ killing the process silently.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "precis reads a pile of news reports, finds the ones that tell the same story (exact "
      "copies,\n"
      "near-duplicate rewrites of one wire story, different reports of one event), and writes a\n"
      "merged digest: a few representative sentences per story, each credited to its sources.\n\n"
      "Inputs: files, or folders read recursively. In a folder, a symbolic link is followed\n"
      "only when it leads inside that folder; the others are reported and skipped unless\n"
      "--follow is given. A file or folder named on the command line is read even as a link.\n\n"
      "Exit codes: 0 every input was read; 2 some inputs were skipped (each reported on stderr);\n"
      "1 usage or fatal error.",
      "precis"};
  app.set_version_flag("-V,--version", std::string("precis ") + precis::Version());
  app.require_subcommand(1);
  app.fallthrough();

  std::map<CLI::App*, Runner> runners;
  auto add = [&](Runner r) { runners[app.get_subcommands({}).back()] = std::move(r); };
  add(RegisterSentences(app));
  add(RegisterDedup(app));
  add(RegisterDigest(app));
  add(RegisterIngest(app));
  for (auto reg : {RegisterCluster, RegisterExplain, RegisterIdf}) add(reg(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [cmd, run] : runners) {
    if (cmd->parsed()) return run();
  }
  return kExitUsage;
}

#include "tools/load_test/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace precis::load {
namespace {

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// 100000 -> "100,000": the report's counts are read by people.
std::string Count(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double DocsPerSecond(const IngestRun& run, size_t reports) {
  return run.exit.wall_seconds > 0 ? static_cast<double>(reports) / run.exit.wall_seconds : 0;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::vector<const DigestRun*> Served(const Report& r) {
  std::vector<const DigestRun*> out;
  for (const DigestRun& d : r.digests) {
    if (d.errors.empty()) out.push_back(&d);
  }
  return out;
}

std::vector<double> ServedLatencies(const Report& r) {
  std::vector<double> out;
  for (const DigestRun* d : Served(r)) out.push_back(d->latency_s);
  return out;
}

nlohmann::ordered_json IngestJson(const IngestRun& run, size_t reports) {
  return {{"wall_s", run.exit.wall_seconds},
          {"docs_per_s", DocsPerSecond(run, reports)},
          {"cpu_s", run.exit.cpu_seconds},
          {"peak_rss_mb", static_cast<double>(run.exit.peak_rss_kib) / 1024},
          {"exit", run.exit.ok() ? "ok" : run.exit.Describe()},
          {"reports_committed", run.fates},
          {"errors", run.errors}};
}

nlohmann::ordered_json FinalJson(const FinalDigest& f) {
  return {{"db", f.db}, {"seconds", f.seconds}, {"documents", f.documents}, {"errors", f.errors}};
}

}  // namespace

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p * static_cast<double>(values.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return values[std::min(i, values.size() - 1)];
}

std::vector<std::string> Report::Errors() const {
  std::vector<std::string> out;
  for (const std::string& e : alone.errors) out.push_back("ingest alone: " + e);
  for (const std::string& e : with_readers.errors) out.push_back("ingest with readers: " + e);
  for (const DigestRun& d : digests) {
    if (d.errors.empty()) continue;
    out.push_back("reader " + std::to_string(d.reader) + ", digest " + std::to_string(d.index) +
                  " (started " + Fixed(d.start_s, 2) + " s into the ingest, ran " +
                  Fixed(d.latency_s, 2) + " s): " + Join(d.errors, "; "));
  }
  for (const FinalDigest* f : {&final_alone, &final_with_readers}) {
    for (const std::string& e : f->errors) out.push_back("digest of " + f->db + ": " + e);
  }
  for (const std::string& e : other_errors) out.push_back(e);
  return out;
}

void WriteText(const Report& r, std::ostream& out) {
  const double alone = DocsPerSecond(r.alone, r.reports);
  const double with = DocsPerSecond(r.with_readers, r.reports);
  out << "precis load test: " << Count(r.reports) << " reports ("
      << Fixed(static_cast<double>(r.feed_bytes) / 1e6, 1) << " MB, seed " << r.seed
      << ", in date order), " << r.readers << " reader" << (r.readers == 1 ? "" : "s")
      << " each pulling a JSON digest every " << Fixed(r.interval_s, 2) << " s\n"
      << "precis: " << r.precis << "\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-24s %9s %9s %9s %12s\n", "ingest", "wall s", "docs/s",
                "CPU s", "peak RSS MB");
  out << line;
  auto row = [&](const std::string& name, const IngestRun& run, double rate) {
    std::snprintf(line, sizeof line, "%-24s %9.2f %9s %9.2f %12.0f\n", name.c_str(),
                  run.exit.wall_seconds, Count(static_cast<uint64_t>(std::lround(rate))).c_str(),
                  run.exit.cpu_seconds, static_cast<double>(run.exit.peak_rss_kib) / 1024);
    out << line;
  };
  row("alone", r.alone, alone);
  row("with " + std::to_string(r.readers) + " reader" + (r.readers == 1 ? "" : "s"), r.with_readers,
      with);
  out << "with/without readers     " << (alone > 0 ? Fixed(with / alone, 2) : "-") << "x\n\n";

  const auto served = Served(r);
  std::vector<int> per_reader(static_cast<size_t>(r.readers), 0);
  size_t back_to_back = 0;
  for (const DigestRun& d : r.digests) {
    if (d.reader >= 1 && d.reader <= r.readers) ++per_reader[static_cast<size_t>(d.reader - 1)];
    if (d.back_to_back) ++back_to_back;
  }
  std::vector<std::string> counts;
  for (size_t i = 0; i < per_reader.size(); ++i) {
    counts.push_back("reader " + std::to_string(i + 1) + ": " + std::to_string(per_reader[i]));
  }
  out << "digests served           " << served.size() << " of " << r.digests.size() << " ("
      << Join(counts, ", ") << ")\n";
  if (back_to_back > 0) {
    out << "                         " << back_to_back << " of them started right after the "
        << "reader's previous one, which (with its check) had taken longer than "
        << Fixed(r.interval_s, 2) << " s\n";
  }
  const std::vector<double> latencies = ServedLatencies(r);
  if (latencies.empty()) {
    out << "digest latency           - (no digest served)\n";
  } else {
    double check = 0;
    for (const DigestRun* d : served) check += d->check_s;
    out << "digest latency           p50 " << Fixed(Percentile(latencies, 0.50), 2) << " s, p90 "
        << Fixed(Percentile(latencies, 0.90), 2) << " s, p99 "
        << Fixed(Percentile(latencies, 0.99), 2) << " s, max "
        << Fixed(Percentile(latencies, 1.0), 2) << " s (wall time of `precis digest`; reading "
        << "and checking its JSON here took "
        << Fixed(check / static_cast<double>(served.size()), 2) << " s more on average)\n";
    out << "documents per digest     first " << Count(served.front()->documents) << ", last "
        << Count(served.back()->documents) << "\n";
  }
  out << "after the ingest         ";
  auto final_text = [&](const FinalDigest& f) {
    return f.db + " " + Count(f.documents) + " documents in " + Fixed(f.seconds, 2) + " s";
  };
  out << final_text(r.final_alone) << ", " << final_text(r.final_with_readers)
      << "; the two digests identical: " << (r.finals_identical ? "yes" : "no") << "\n\n";

  const std::vector<std::string> errors = r.Errors();
  out << "errors                   " << errors.size() << "\n";
  for (const std::string& e : errors) out << "  " << e << "\n";
  // A systematic fault fails every digest the same way: the count of each
  // kind says so at a glance below the full list.
  std::vector<std::pair<std::string, size_t>> kinds;
  for (const DigestRun& d : r.digests) {
    if (d.errors.empty()) continue;
    const std::string kind = Join(d.errors, "; ");
    auto it =
        std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == kind; });
    if (it == kinds.end()) {
      kinds.emplace_back(kind, 1);
    } else {
      ++it->second;
    }
  }
  if (kinds.size() < r.digests.size() - served.size()) {
    out << "failed digests by kind\n";
    for (const auto& [kind, n] : kinds) out << "  " << n << " x " << kind << "\n";
  }
}

nlohmann::ordered_json ToJson(const Report& r) {
  nlohmann::ordered_json j;
  j["feed"] = r.feed;
  j["reports"] = r.reports;
  j["feed_bytes"] = r.feed_bytes;
  j["seed"] = r.seed;
  j["readers"] = r.readers;
  j["interval_s"] = r.interval_s;
  j["precis"] = r.precis;
  j["ingest_alone"] = IngestJson(r.alone, r.reports);
  j["ingest_with_readers"] = IngestJson(r.with_readers, r.reports);
  const double alone = DocsPerSecond(r.alone, r.reports);
  j["with_without_ratio"] = alone > 0 ? DocsPerSecond(r.with_readers, r.reports) / alone : 0.0;
  const auto served = Served(r);
  const std::vector<double> latencies = ServedLatencies(r);
  size_t back_to_back = 0;
  for (const DigestRun& d : r.digests) back_to_back += d.back_to_back ? 1 : 0;
  j["digests"] = {
      {"run", r.digests.size()},
      {"served", served.size()},
      {"back_to_back", back_to_back},
      {"latency_s",
       {{"p50", Percentile(latencies, 0.50)},
        {"p90", Percentile(latencies, 0.90)},
        {"p99", Percentile(latencies, 0.99)},
        {"max", Percentile(latencies, 1.0)}}},
      {"documents_first", served.empty() ? 0 : served.front()->documents},
      {"documents_last", served.empty() ? 0 : served.back()->documents},
  };
  j["final_alone"] = FinalJson(r.final_alone);
  j["final_with_readers"] = FinalJson(r.final_with_readers);
  j["finals_identical"] = r.finals_identical;
  j["errors"] = r.Errors();
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const DigestRun& d : r.digests) {
    runs.push_back({{"reader", d.reader},
                    {"index", d.index},
                    {"start_s", d.start_s},
                    {"latency_s", d.latency_s},
                    {"check_s", d.check_s},
                    {"back_to_back", d.back_to_back},
                    {"exit", d.exit.ok() ? "ok" : d.exit.Describe()},
                    {"documents", d.documents},
                    {"errors", d.errors}});
  }
  j["digest_runs"] = std::move(runs);
  return j;
}

}  // namespace precis::load

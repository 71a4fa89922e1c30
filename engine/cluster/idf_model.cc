#include "engine/cluster/idf_model.h"

#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace precis::embedded {
std::string_view idf_en(std::string_view file_name);
std::string_view idf_fr(std::string_view file_name);
}  // namespace precis::embedded

namespace precis::cluster {
namespace {

// Bump the scheme whenever features.cc changes which strings become terms or
// entities: old models then fail to load instead of silently mismatching.
constexpr std::string_view kTermScheme =
    "terms=snowball-stem,no-stopwords,min2bytes;entities=capitalised-runs,acronyms,number+unit,"
    "no-weekday-or-month-names;v2";

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

template <typename T>
bool ParseNumber(std::string_view s, T& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

// No TextOptions field changes which strings are terms today (fallback_language
// only picks a document's language, max_sentence_bytes only cuts sentences at
// word breaks); a future one that does (e.g. a stemmer switch) goes in here.
std::string TermFingerprint(const TextOptions& /*options*/) {
  const std::string s(kTermScheme);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(s.data(), s.size())));
  return hex;
}

StatusOr<IdfModel> IdfModel::Parse(std::string_view bytes, std::string_view name,
                                   std::string_view fingerprint) {
  IdfModel m;
  const std::string where(name);
  size_t line_no = 0;
  bool have_lang = false, have_docs = false, have_settings = false;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    const auto f = SplitTabs(line);
    auto bad = [&](const std::string& what) {
      return Status::Corruption(where + ":" + std::to_string(line_no) + ": " + what +
                                "; rebuild the model with `precis idf build`");
    };
    if (line_no == 1) {
      int version = 0;
      if (f.size() != 2 || f[0] != kIdfFormat || !ParseNumber(f[1], version)) {
        return bad("not a precis IDF model (expected 'precis-idf<TAB>VERSION' on line 1)");
      }
      if (version != kIdfVersion) {
        return bad("IDF model format version " + std::to_string(version) +
                   " is not supported (this precis reads version " + std::to_string(kIdfVersion) +
                   ")");
      }
      continue;
    }
    if (f[0] == "t" || f[0] == "e") {
      uint32_t df = 0;
      if (f.size() != 3 || !ParseNumber(f[2], df)) return bad("malformed term line");
      if (!have_lang) return bad("term before the 'lang' line");
      const uint64_t key = f[0] == "t" ? TermKey(m.lang_, f[1]) : EntityKey(m.lang_, f[1]);
      m.df_[key] = df;
    } else if (f[0] == "lang" && f.size() == 2) {
      m.lang_ = std::string(f[1]);
      have_lang = true;
    } else if (f[0] == "documents" && f.size() == 2) {
      if (!ParseNumber(f[1], m.documents_)) return bad("malformed document count");
      have_docs = true;
    } else if (f[0] == "settings" && f.size() == 2) {
      m.fingerprint_ = std::string(f[1]);
      have_settings = true;
    } else {
      return bad("unknown record '" + std::string(f[0]) + "'");
    }
  }
  if (line_no == 0) return Status::Corruption(where + ": empty IDF model file");
  if (!have_lang || !have_docs || !have_settings) {
    return Status::Corruption(where +
                              ": IDF model lacks its 'lang', 'documents' or 'settings' line");
  }
  if (m.fingerprint_ != fingerprint) {
    return Status::InvalidArgument(
        where + ": IDF model was built with analysis settings " + m.fingerprint_ +
        " but this run uses " + std::string(fingerprint) +
        "; rebuild it with `precis idf build CORPUS -o FILE` using the same text options");
  }
  for (const auto& [key, df] : m.df_) {
    if (df > m.documents_) {
      return Status::Corruption(where + ": a document frequency exceeds the document count");
    }
  }
  return m;
}

void IdfBuilder::Add(const TermBag& bag) {
  ++documents_;
  for (const auto& [term, w] : bag.terms) ++terms_[std::string(term)];
  for (const auto& [entity, w] : bag.entities) ++entities_[std::string(entity)];
}

std::string IdfBuilder::Serialize(uint32_t min_df) const {
  std::ostringstream out;
  out << kIdfFormat << '\t' << kIdfVersion << '\n'
      << "lang\t" << lang_ << '\n'
      << "documents\t" << documents_ << '\n'
      << "settings\t" << fingerprint_ << '\n';
  auto write = [&](char kind, const std::unordered_map<std::string, uint32_t>& counts) {
    std::vector<std::pair<std::string_view, uint32_t>> rows;
    for (const auto& [s, df] : counts) {
      // Tabs and newlines cannot occur in tokens, but never write a broken file.
      if (df >= min_df && s.find_first_of("\t\n") == std::string::npos) rows.emplace_back(s, df);
    }
    std::sort(rows.begin(), rows.end());
    for (const auto& [s, df] : rows) out << kind << '\t' << s << '\t' << df << '\n';
  };
  write('t', terms_);
  write('e', entities_);
  return out.str();
}

StatusOr<IdfModels> IdfModels::Load(const ClusterOptions& options, const TextOptions& text) {
  IdfModels models;
  if (!options.background_idf) return models;
  const std::string fingerprint = TermFingerprint(text);
  if (!options.idf_path.empty()) {
    std::ifstream in(options.idf_path, std::ios::binary);
    if (!in) {
      return Status::NotFound(options.idf_path +
                              ": cannot read the IDF model; check the path (cluster.idf_path)");
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto m = IdfModel::Parse(buffer.str(), options.idf_path, fingerprint);
    if (!m.ok()) return m.status();
    models.models_.push_back(std::move(m).value());
    return models;
  }
  const std::pair<const char*, std::string_view> embedded[] = {
      {"idf-en.tsv", embedded::idf_en("idf-en.tsv")},
      {"idf-fr.tsv", embedded::idf_fr("idf-fr.tsv")}};
  for (const auto& [file, bytes] : embedded) {
    if (bytes.empty()) continue;
    auto m = IdfModel::Parse(bytes, std::string("embedded ") + file, fingerprint);
    if (!m.ok()) {
      return Status::Internal(
          m.status().message() +
          " (the embedded model is stale: rebuild it, see engine/cluster/README.md)");
    }
    models.models_.push_back(std::move(m).value());
  }
  return models;
}

const IdfModel* IdfModels::For(std::string_view lang) const {
  for (const IdfModel& m : models_) {
    if (m.lang() == lang) return &m;
  }
  return nullptr;
}

}  // namespace precis::cluster

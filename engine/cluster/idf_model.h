// Background IDF model: document frequencies of terms and entities in a large
// corpus of one language, so that a small corpus (five files) still knows that
// "gouvernement" is common and "Betancourt" is rare.
//
// File format (text, UTF-8, one record per line, tab-separated):
//   precis-idf<TAB>1                      format name and version
//   lang<TAB>fr
//   documents<TAB>N                       documents counted
//   settings<TAB>FINGERPRINT              TermFingerprint() of the analysis
//   t<TAB>STEM<TAB>DF                     one per term
//   e<TAB>ENTITY<TAB>DF                   one per entity (normalised name)
// The settings fingerprint names everything that decides which strings are
// terms (stemmer, stopwords, entity rules); loading a model whose fingerprint
// differs is an error, because its frequencies would describe other strings.
//
// Thread-safety: immutable after Parse; lookups are safe from any thread.
#ifndef PRECIS_ENGINE_CLUSTER_IDF_MODEL_H_
#define PRECIS_ENGINE_CLUSTER_IDF_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/cluster/features.h"
#include "precis/options.h"
#include "precis/status.h"

namespace precis::cluster {

inline constexpr std::string_view kIdfFormat = "precis-idf";
inline constexpr int kIdfVersion = 1;

// 16 hex digits identifying the term analysis (see above).
std::string TermFingerprint(const TextOptions& options);

class IdfModel {
 public:
  IdfModel() = default;

  // Parses a model file's bytes; `name` labels errors (a path). Fails with
  // Corruption on a malformed file and InvalidArgument when the model was
  // built with other analysis settings than `fingerprint`.
  static StatusOr<IdfModel> Parse(std::string_view bytes, std::string_view name,
                                  std::string_view fingerprint);

  const std::string& lang() const { return lang_; }
  uint64_t documents() const { return documents_; }
  const std::string& fingerprint() const { return fingerprint_; }
  size_t size() const { return df_.size(); }

  // Document frequency of a TermKey/EntityKey in this model's language; 0 if unknown.
  uint32_t df(uint64_t key) const {
    auto it = df_.find(key);
    return it == df_.end() ? 0 : it->second;
  }

 private:
  std::string lang_;
  uint64_t documents_ = 0;
  std::string fingerprint_;
  std::unordered_map<uint64_t, uint32_t> df_;
};

// Counts document frequencies, one TermBag per document, then writes a model.
// Not thread-safe; feed documents from one thread.
class IdfBuilder {
 public:
  IdfBuilder(std::string lang, std::string fingerprint)
      : lang_(std::move(lang)), fingerprint_(std::move(fingerprint)) {}
  void Add(const TermBag& bag);
  uint64_t documents() const { return documents_; }
  // The model file; terms and entities with df < min_df are left out (they
  // carry no frequency information and would bloat the file). Sorted by kind
  // then string: byte-identical output for the same input.
  std::string Serialize(uint32_t min_df) const;

 private:
  std::string lang_;
  std::string fingerprint_;
  uint64_t documents_ = 0;
  std::unordered_map<std::string, uint32_t> terms_;
  std::unordered_map<std::string, uint32_t> entities_;
};

// The background models to use: the file named by options.idf_path, or the
// models embedded in the library (one per language). Fails when the file
// cannot be read or does not match the analysis settings.
class IdfModels {
 public:
  static StatusOr<IdfModels> Load(const ClusterOptions& options, const TextOptions& text);
  // The model for `lang`, or nullptr.
  const IdfModel* For(std::string_view lang) const;

 private:
  std::vector<IdfModel> models_;
};

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_IDF_MODEL_H_

// What a newsroom database is bound to: the settings of the stored state.
//
// A database stores, per document, what the ingest path decided and derived
// (signatures, stream vectors, fates), and replays them on open; mixing them
// with what other settings derive would be silent nonsense, so a database is
// refused with settings that change the ingest path. Settings the ingest path
// never reads (the batch clustering's, the summary's, which are applied per
// snapshot) are not part of the binding: an upgrade that adds, removes or
// changes one leaves every database open.
//
// The binding is a JSON object of the ingest path's Options fields (as
// Options::ToJson() writes them) and "terms", the term-extraction scheme
// (cluster::TermFingerprint): the scheme decides which strings are terms and
// entities in the stored vectors, and changes only with precis itself.
#ifndef PRECIS_ENGINE_INCREMENTAL_BOUND_SETTINGS_H_
#define PRECIS_ENGINE_INCREMENTAL_BOUND_SETTINGS_H_

#include <string>
#include <string_view>

#include "precis/options.h"

namespace precis::incremental {

// The settings JSON a database made with `options` is bound to.
std::string BoundSettings(const Options& options);

// 16 hex digits: a hash of a settings JSON.
std::string SettingsFingerprint(std::string_view settings_json);

// The settings a database stores, in the form BoundSettings gives. Until
// 2026-12 a database was bound to all of Options::ToJson() but "summary"
// (with "cluster.method" set to "streaming"), fingerprinted whole; such a
// settings JSON, recognised by its lack of "terms" and by `fingerprint`
// being its own hash, stands for the ingest path's fields it holds and the
// term scheme of that time. Anything else is returned as it is.
std::string CurrentForm(std::string_view fingerprint, std::string_view settings_json);

// The "terms" of a settings JSON in the form BoundSettings gives ("" when
// it has none): a database whose terms differ from this precis's holds
// vectors this precis would not make, whatever options it is opened with.
std::string TermsOf(std::string_view settings_json);

}  // namespace precis::incremental

#endif  // PRECIS_ENGINE_INCREMENTAL_BOUND_SETTINGS_H_

// Range checks of every precis::Options field, shared by Engine::Create and
// IncrementalEngine::Open so both refuse the same settings with the same
// message (InvalidArgument naming the option and its valid range).
#ifndef PRECIS_ENGINE_COMMON_VALIDATE_OPTIONS_H_
#define PRECIS_ENGINE_COMMON_VALIDATE_OPTIONS_H_

#include "precis/options.h"
#include "precis/status.h"

namespace precis {

// OK, or InvalidArgument for the first option out of range. Pure; O(1).
Status ValidateOptions(const Options& options);

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_VALIDATE_OPTIONS_H_

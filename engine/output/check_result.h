// CheckResult: the index fields of a Result point where they must, before a
// writer follows them. A Result made by Engine::Run or a Snapshot always
// passes; one assembled or edited by a caller may not, and the writers then
// return InvalidArgument instead of reading out of range (no exception or
// undefined behaviour crosses the API, precis/status.h).
#ifndef PRECIS_ENGINE_OUTPUT_CHECK_RESULT_H_
#define PRECIS_ENGINE_OUTPUT_CHECK_RESULT_H_

#include "precis/result.h"
#include "precis/status.h"

namespace precis::output {

// OK, or InvalidArgument naming the first field out of range. O(size of the
// result's index lists).
Status CheckResult(const Result& result);

}  // namespace precis::output

#endif  // PRECIS_ENGINE_OUTPUT_CHECK_RESULT_H_

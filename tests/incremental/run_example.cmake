# Script mode: install precis into a scratch prefix, build tools/ingest_example
# against it with find_package(precis), pipe a few JSON lines through it and
# check the fates it prints.
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${EXAMPLE_SOURCE} -B ${WORK_DIR}/build -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CXX_FLAGS}")
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
set(body "A violent storm hit the northern coast on Monday night, cutting power to thousands of homes and flooding the harbour district.")
file(WRITE ${WORK_DIR}/feed.jsonl
  "{\"id\": \"a\", \"title\": \"Storm hits the coast\", \"text\": \"${body}\"}\n"
  "not json\n"
  "{\"id\": \"b\", \"title\": \"Storm hits the coast\", \"text\": \"${body}\"}\n"
  "{\"id\": \"c\", \"text\": \"Parliament voted the budget on Tuesday after a long night of debate over pensions.\"}\n")
execute_process(COMMAND ${WORK_DIR}/build/precis-ingest-example ${WORK_DIR}/news.db
                INPUT_FILE ${WORK_DIR}/feed.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the example failed (${rc}):\n${out}\n${err}")
endif()
if(NOT out MATCHES "^a\tnew_story\tstory 0\tevent 0\nb\texact_duplicate\tof a\tstory 0\tevent 0\nc\tnew_story\tstory 1\tevent 1\n$")
  message(FATAL_ERROR "unexpected fates:\n${out}")
endif()
if(NOT err MATCHES "stdin:2: ")
  message(FATAL_ERROR "the malformed line was not reported:\n${err}")
endif()
# The same feed again (delivered twice, as after a crash): the stored fates come back as replays.
execute_process(COMMAND ${WORK_DIR}/build/precis-ingest-example ${WORK_DIR}/news.db
                INPUT_FILE ${WORK_DIR}/feed.jsonl RESULT_VARIABLE rc OUTPUT_VARIABLE again ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the example failed on the re-sent feed (${rc}):\n${again}\n${err}")
endif()
if(NOT again MATCHES "^a\tnew_story\tstory 0\tevent 0\t\\(replay\\)\nb\texact_duplicate\tof a\tstory 0\tevent 0\t\\(replay\\)\nc\tnew_story\tstory 1\tevent 1\t\\(replay\\)\n$")
  message(FATAL_ERROR "unexpected fates of the re-sent feed:\n${again}")
endif()
message(STATUS "example ok:\n${out}")

# precis_link_gen_corpus(TARGETS...): the corpus generator of tools/gen_corpus for
# tests (tests/testing/generated_corpus.h) and benchmarks that make corpora.
# tools/gen_corpus is a library only when the CLI is built; otherwise its source
# is compiled into the target.
function(precis_link_gen_corpus)
  foreach(t ${ARGN})
    if(TARGET precis_gen_corpus_lib)
      target_link_libraries(${t} PRIVATE precis_gen_corpus_lib)
    else()
      target_sources(${t} PRIVATE ${PROJECT_SOURCE_DIR}/tools/gen_corpus/generator.cc)
    endif()
  endforeach()
endfunction()

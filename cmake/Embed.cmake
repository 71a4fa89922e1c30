# precis_embed(TARGET NAME FILES...): compiles FILES into TARGET as
#   std::string_view precis::embedded::NAME(std::string_view file_name)
# returning a file's bytes (empty if absent), so data (stopword lists, default
# IDF models) travels inside the library and an installed precis needs no data path.
function(precis_embed target name)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  set(script ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} "-DFILES=${ARGN}" -P ${script}
    DEPENDS ${ARGN} ${script}
    COMMENT "Embedding ${name} data"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

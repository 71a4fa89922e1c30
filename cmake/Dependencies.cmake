# Every dependency is a Debian 12 package; tools/lib/packages.txt lists them
# and tools/precis installs what is missing.
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(TBB REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)

# libstemmer and cld2 ship neither CMake configs nor pkg-config files.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(precis_dep_stemmer INTERFACE)
target_include_directories(precis_dep_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(precis_dep_stemmer INTERFACE ${STEMMER_LIBRARY})

find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(precis_dep_cld2 INTERFACE)
target_include_directories(precis_dep_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(precis_dep_cld2 INTERFACE ${CLD2_LIBRARY})

if(PRECIS_BUILD_CLI)
  find_package(CLI11 REQUIRED)
endif()
if(PRECIS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(PRECIS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Build settings shared by every Flowdesk target, carried by one INTERFACE target so that a
# target gets all of them by linking flowdesk_settings and nothing else.

add_library(flowdesk_settings INTERFACE)
add_library(Flowdesk::settings ALIAS flowdesk_settings)

target_compile_features(flowdesk_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(flowdesk_settings INTERFACE
    -Wall -Wextra -Wpedantic
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)

target_compile_definitions(flowdesk_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    FLOWDESK_VERSION="${PROJECT_VERSION}"
    FLOWDESK_BUILD_TYPE="$<IF:$<BOOL:$<CONFIG>>,$<CONFIG>,unspecified>")

option(FLOWDESK_WERROR "Treat compiler warnings as errors" OFF)
if(FLOWDESK_WERROR)
    target_compile_options(flowdesk_settings INTERFACE -Werror)
endif()

option(FLOWDESK_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(FLOWDESK_SANITIZE)
    # float-cast-overflow (a double out of an integer's range cast to it) is undefined behaviour
    # that GCC's "undefined" group does not check; it is named on its own.
    set(_flowdesk_sanitizers address,undefined,float-cast-overflow)
    target_compile_options(flowdesk_settings INTERFACE
        -fsanitize=${_flowdesk_sanitizers} -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined,float-cast-overflow)
    target_link_options(flowdesk_settings INTERFACE -fsanitize=${_flowdesk_sanitizers})
endif()

option(FLOWDESK_FUZZ "libFuzzer build (clang only): every target instrumented for coverage, ASan + UBSan; tests/fuzz links the fuzzers" OFF)
if(FLOWDESK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "FLOWDESK_FUZZ needs clang (the fuzz preset uses clang++-14)")
    endif()
    if(FLOWDESK_SANITIZE)
        message(FATAL_ERROR "FLOWDESK_FUZZ brings its own sanitizers: leave FLOWDESK_SANITIZE off")
    endif()
    # fuzzer-no-link: coverage instrumentation without libFuzzer's main(); only the fuzz
    # targets link -fsanitize=fuzzer (flowdesk_add_fuzz_target, tests/fuzz). All of the
    # project's code is built by this one compiler, since GCC's and clang's ASan runtimes
    # must not meet in one process; Qt stays the (uninstrumented) system library.
    set(_flowdesk_sanitizers address,undefined,float-cast-overflow)
    target_compile_options(flowdesk_settings INTERFACE
        -fsanitize=fuzzer-no-link,${_flowdesk_sanitizers} -fno-omit-frame-pointer
        -fno-sanitize-recover=all)
    target_link_options(flowdesk_settings INTERFACE -fsanitize=${_flowdesk_sanitizers})
endif()

option(FLOWDESK_HARDEN "Release hardening: stack protector and _FORTIFY_SOURCE" OFF)
if(FLOWDESK_HARDEN)
    target_compile_options(flowdesk_settings INTERFACE -fstack-protector-strong)
    target_compile_definitions(flowdesk_settings INTERFACE _FORTIFY_SOURCE=2)
endif()

option(FLOWDESK_ASSERTIONS "libstdc++ and Qt assertions in every build type" OFF)
if(FLOWDESK_ASSERTIONS)
    target_compile_definitions(flowdesk_settings INTERFACE _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
endif()

# flowdesk_add_test(NAME <name> SOURCES <file>... [LIBS <target>...] [GUI] [LABELS <l>...]
#                   [TIMEOUT <s>])
# One executable per test file, registered with ctest under its own name. GUI tests link
# Qt Widgets; every test gets the offscreen platform so no display is needed, and English
# (FLOWDESK_LANGUAGE=en) whatever the machine's locale, so expected texts match.
function(flowdesk_add_test)
    cmake_parse_arguments(ARG "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;LAUNCHER" ${ARGN})
    if(NOT ARG_NAME OR NOT ARG_SOURCES)
        message(FATAL_ERROR "flowdesk_add_test needs NAME and SOURCES")
    endif()
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE flowdesk_settings Qt6::Test ${ARG_LIBS})
    if(ARG_GUI)
        target_link_libraries(${ARG_NAME} PRIVATE Qt6::Widgets)
    endif()
    set_target_properties(${ARG_NAME} PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
    # LAUNCHER: a command the test runs under (e.g. fiu-run -x); CMake 3.25 has no
    # TEST_LAUNCHER property yet.
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_LAUNCHER} $<TARGET_FILE:${ARG_NAME}>)
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;FLOWDESK_LANGUAGE=en;FLOWDESK_BIN_DIR=${CMAKE_BINARY_DIR}/bin;FLOWDESK_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

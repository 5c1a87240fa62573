# bench_profiles at a small size, as ctest's smoke test: write the files, then start the window
# with HOME (and the settings folders) pointing there. Fails when either step fails — a wrong
# number of profiles listed included — never on time.
file(REMOVE_RECURSE "${HOME_DIR}")
execute_process(COMMAND "${BENCH}" --write "${HOME_DIR}" --profiles ${PROFILES} RESULT_VARIABLE written)
if(NOT written EQUAL 0)
    message(FATAL_ERROR "bench_profiles --write failed (${written})")
endif()
set(ENV{HOME} "${HOME_DIR}")
set(ENV{XDG_CONFIG_HOME} "${HOME_DIR}/config")
set(ENV{XDG_DATA_HOME} "${HOME_DIR}/data")
set(ENV{XDG_CACHE_HOME} "${HOME_DIR}/cache")
foreach(variable AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_PROFILE AWS_DEFAULT_PROFILE
                 AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN)
    unset(ENV{${variable}})
endforeach()
execute_process(COMMAND "${BENCH}" --expect ${PROFILES} RESULT_VARIABLE listed)
file(REMOVE_RECURSE "${HOME_DIR}")
if(NOT listed EQUAL 0)
    message(FATAL_ERROR "bench_profiles --expect ${PROFILES} failed (${listed})")
endif()

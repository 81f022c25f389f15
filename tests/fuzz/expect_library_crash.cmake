# Replays one input that crashes Debian's libhdf5 1.10.8 (hdf5_crashes/; a
# plain C program calling H5Fopen, H5Gopen2, H5Aexists on it crashes too):
# passes while the replay fails, and fails once it does not, so that a fixed
# libhdf5 is noticed and the input moves into corpus/keras_h5 as a
# regression. Variables: REPLAY (the fuzz_replay_keras_h5 program), INPUT.
execute_process(COMMAND ${REPLAY} ${INPUT} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(result EQUAL 0)
  message(FATAL_ERROR "${INPUT} no longer crashes libhdf5: move it into tests/fuzz/corpus/keras_h5 and "
                      "remove it from tests/fuzz/hdf5_crashes and docs/reliability.md's list\n${out}")
endif()
if(out MATCHES "fuzz check failed")
  message(FATAL_ERROR "${INPUT} now fails one of ganforge's own checks:\n${out}")
endif()
message(STATUS "${INPUT}: libhdf5 still fails on it (${result})")

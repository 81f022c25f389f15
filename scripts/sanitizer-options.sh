# The sanitizers' run-time options, sourced by sanitize.sh and fuzz.sh: the
# first report stops the program, leaks are errors (the suppressions name
# only libhdf5's own allocations, tests/fuzz/lsan.supp), and initialization
# order and stack use after return are checked.
options_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$options_root/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

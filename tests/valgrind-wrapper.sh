#!/bin/sh
# valgrind-wrapper.sh: runs one unit-test program under valgrind; any
# memory error or leak makes the test fail (exit 99 is never a normal
# test status).  Set XENSNMP_VALGRIND=no to run the program bare.
if [ "${XENSNMP_VALGRIND:-yes}" = no ]; then
    exec "$@"
fi
supp="$(dirname "$0")/valgrind.supp"
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect,possible \
    --show-leak-kinds=definite,indirect,possible \
    --suppressions="$supp" --track-origins=yes "$@"

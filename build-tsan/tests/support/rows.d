build-tsan/tests/support/rows.o: tests/support/rows.c \
  tests/support/rows.h runtime/lib/json.h runtime/lib/arena.h

tests/support/rows.h:

runtime/lib/json.h:

runtime/lib/arena.h:

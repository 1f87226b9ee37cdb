build-tsan/tests/support/tmpdir.o: tests/support/tmpdir.c \
  tests/support/tmpdir.h runtime/config/problems.h

tests/support/tmpdir.h:

runtime/config/problems.h:

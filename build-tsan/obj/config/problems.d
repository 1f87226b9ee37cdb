build-tsan/obj/config/problems.o: runtime/config/problems.c \
  runtime/config/problems.h

runtime/config/problems.h:

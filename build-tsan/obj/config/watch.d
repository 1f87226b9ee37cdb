build-tsan/obj/config/watch.o: runtime/config/watch.c \
  runtime/config/watch.h runtime/lib/clock.h

runtime/config/watch.h:

runtime/lib/clock.h:

build-tsan/obj/dlq/dlq.o: runtime/dlq/dlq.c runtime/dlq/dlq.h \
  runtime/lib/clock.h runtime/lib/utf8.h

runtime/dlq/dlq.h:

runtime/lib/clock.h:

runtime/lib/utf8.h:

build-tsan/obj/deliver/control.o: runtime/deliver/control.c \
  runtime/deliver/control.h runtime/lib/clock.h

runtime/deliver/control.h:

runtime/lib/clock.h:

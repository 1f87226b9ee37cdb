build-tsan/obj/deliver/sender.o: runtime/deliver/sender.c \
  runtime/deliver/sender.h runtime/deliver/policy.h \
  runtime/map/actions.h runtime/lib/json.h runtime/lib/arena.h \
  runtime/deliver/control.h runtime/lib/clock.h

runtime/deliver/sender.h:

runtime/deliver/policy.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/deliver/control.h:

runtime/lib/clock.h:

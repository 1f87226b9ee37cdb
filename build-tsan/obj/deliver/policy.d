build-tsan/obj/deliver/policy.o: runtime/deliver/policy.c \
  runtime/deliver/policy.h runtime/deliver/sender.h \
  runtime/map/actions.h runtime/lib/json.h runtime/lib/arena.h

runtime/deliver/policy.h:

runtime/deliver/sender.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

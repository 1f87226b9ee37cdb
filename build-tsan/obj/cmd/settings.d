build-tsan/obj/cmd/settings.o: runtime/cmd/settings.c \
  runtime/cmd/settings.h runtime/deliver/sender.h \
  runtime/deliver/policy.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h

runtime/cmd/settings.h:

runtime/deliver/sender.h:

runtime/deliver/policy.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

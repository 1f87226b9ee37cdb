build-tsan/obj/cmd/actions.o: runtime/cmd/actions.c runtime/cmd/actions.h \
  runtime/map/schema.h runtime/lib/json.h runtime/lib/arena.h \
  runtime/map/actions.h

runtime/cmd/actions.h:

runtime/map/schema.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/map/actions.h:

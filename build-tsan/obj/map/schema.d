build-tsan/obj/map/schema.o: runtime/map/schema.c runtime/map/schema.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/map/actions.h \
  runtime/lib/js.h runtime/lib/utf8.h

runtime/map/schema.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/map/actions.h:

runtime/lib/js.h:

runtime/lib/utf8.h:

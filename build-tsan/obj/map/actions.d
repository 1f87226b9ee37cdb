build-tsan/obj/map/actions.o: runtime/map/actions.c runtime/map/actions.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/lib/js.h \
  runtime/lib/utf8.h

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/lib/js.h:

runtime/lib/utf8.h:

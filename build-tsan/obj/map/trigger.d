build-tsan/obj/map/trigger.o: runtime/map/trigger.c runtime/map/trigger.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/lib/js.h \
  runtime/lib/utf8.h

runtime/map/trigger.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/lib/js.h:

runtime/lib/utf8.h:

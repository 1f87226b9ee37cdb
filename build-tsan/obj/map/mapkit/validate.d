build-tsan/obj/map/mapkit/validate.o: runtime/map/mapkit/validate.c \
  runtime/map/mapkit/mapkit_int.h runtime/lib/js.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/lib/utf8.h runtime/map/mapkit/mapkit.h

runtime/map/mapkit/mapkit_int.h:

runtime/lib/js.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/lib/utf8.h:

runtime/map/mapkit/mapkit.h:

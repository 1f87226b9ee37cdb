build-tsan/obj/lib/js.o: runtime/lib/js.c runtime/lib/js.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/lib/utf8.h

runtime/lib/js.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/lib/utf8.h:

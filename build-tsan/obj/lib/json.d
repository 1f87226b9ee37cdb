build-tsan/obj/lib/json.o: runtime/lib/json.c runtime/lib/json.h \
  runtime/lib/arena.h runtime/lib/hex.h runtime/lib/js.h \
  runtime/lib/utf8.h

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/lib/hex.h:

runtime/lib/js.h:

runtime/lib/utf8.h:

build-tsan/obj/lib/arena.o: runtime/lib/arena.c runtime/lib/arena.h

runtime/lib/arena.h:

build-tsan/obj/lib/utf8.o: runtime/lib/utf8.c runtime/lib/utf8.h

runtime/lib/utf8.h:

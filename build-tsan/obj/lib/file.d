build-tsan/obj/lib/file.o: runtime/lib/file.c runtime/lib/file.h

runtime/lib/file.h:

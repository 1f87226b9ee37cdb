build-tsan/obj/lib/signals.o: runtime/lib/signals.c runtime/lib/signals.h

runtime/lib/signals.h:

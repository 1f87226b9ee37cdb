build-tsan/obj/lib/clock.o: runtime/lib/clock.c runtime/lib/clock.h

runtime/lib/clock.h:

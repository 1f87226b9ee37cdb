build-tsan/obj/cmd/help.o: runtime/cmd/help.c runtime/cmd/help.h

runtime/cmd/help.h:

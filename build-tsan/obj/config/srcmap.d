build-tsan/obj/config/srcmap.o: runtime/config/srcmap.c \
  runtime/config/srcmap.h

runtime/config/srcmap.h:

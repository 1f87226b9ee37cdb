build-tsan/obj/map/mapkit/unicode_tables.o: \
  runtime/map/mapkit/unicode_tables.c \
  runtime/map/mapkit/unicode_tables.h

runtime/map/mapkit/unicode_tables.h:

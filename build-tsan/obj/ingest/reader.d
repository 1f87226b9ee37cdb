build-tsan/obj/ingest/reader.o: runtime/ingest/reader.c \
  runtime/ingest/reader.h

runtime/ingest/reader.h:

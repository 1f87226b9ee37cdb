build-tsan/obj/ingest/batch.o: runtime/ingest/batch.c \
  runtime/ingest/batch.h runtime/lib/json.h runtime/lib/arena.h

runtime/ingest/batch.h:

runtime/lib/json.h:

runtime/lib/arena.h:

build-tsan/obj/config/fields.o: runtime/config/fields.c \
  runtime/config/fields.h runtime/config/problems.h \
  runtime/map/actions.h runtime/lib/json.h runtime/lib/arena.h

runtime/config/fields.h:

runtime/config/problems.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

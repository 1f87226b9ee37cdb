build-tsan/obj/config/fixtures.o: runtime/config/fixtures.c \
  runtime/config/fixtures.h runtime/config/config.h \
  runtime/config/problems.h runtime/map/pipeline.h runtime/map/actions.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/config/fields.h runtime/lib/file.h

runtime/config/fixtures.h:

runtime/config/config.h:

runtime/config/problems.h:

runtime/map/pipeline.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/map/lua/luahost.h:

runtime/map/mapkit/mapkit.h:

runtime/map/schema.h:

runtime/map/trigger.h:

runtime/config/fields.h:

runtime/lib/file.h:

build-tsan/obj/map/pool.o: runtime/map/pool.c runtime/map/pool.h \
  runtime/map/pipeline.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h

runtime/map/pool.h:

runtime/map/pipeline.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/map/lua/luahost.h:

runtime/map/mapkit/mapkit.h:

runtime/map/schema.h:

runtime/map/trigger.h:

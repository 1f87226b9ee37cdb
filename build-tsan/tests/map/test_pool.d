build-tsan/tests/map/test_pool: tests/map/test_pool.c \
  runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/map/pool.h

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

runtime/map/pool.h:

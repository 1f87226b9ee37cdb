build-tsan/obj/cmd/events.o: runtime/cmd/events.c runtime/cmd/events.h \
  runtime/cmd/env.h runtime/cmd/settings.h runtime/deliver/sender.h \
  runtime/deliver/policy.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/dlq/dlq.h runtime/config/reload.h runtime/config/fixtures.h \
  runtime/ingest/batch.h runtime/map/pool.h

runtime/cmd/events.h:

runtime/cmd/env.h:

runtime/cmd/settings.h:

runtime/deliver/sender.h:

runtime/deliver/policy.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/config/config.h:

runtime/config/problems.h:

runtime/map/pipeline.h:

runtime/map/lua/luahost.h:

runtime/map/mapkit/mapkit.h:

runtime/map/schema.h:

runtime/map/trigger.h:

runtime/dlq/dlq.h:

runtime/config/reload.h:

runtime/config/fixtures.h:

runtime/ingest/batch.h:

runtime/map/pool.h:

build-tsan/obj/cmd/run.o: runtime/cmd/run.c runtime/cmd/run.h \
  runtime/cmd/env.h runtime/cmd/settings.h runtime/deliver/sender.h \
  runtime/deliver/policy.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/dlq/dlq.h runtime/cmd/events.h runtime/config/reload.h \
  runtime/config/fixtures.h runtime/ingest/batch.h \
  runtime/config/watch.h runtime/lib/clock.h runtime/ingest/reader.h \
  runtime/map/pool.h runtime/lib/signals.h

runtime/cmd/run.h:

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

runtime/cmd/events.h:

runtime/config/reload.h:

runtime/config/fixtures.h:

runtime/ingest/batch.h:

runtime/config/watch.h:

runtime/lib/clock.h:

runtime/ingest/reader.h:

runtime/map/pool.h:

runtime/lib/signals.h:

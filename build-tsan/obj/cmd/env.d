build-tsan/obj/cmd/env.o: runtime/cmd/env.c runtime/cmd/env.h \
  runtime/cmd/settings.h runtime/deliver/sender.h \
  runtime/deliver/policy.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/dlq/dlq.h runtime/lib/signals.h

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

runtime/lib/signals.h:

build-tsan/obj/cmd/check.o: runtime/cmd/check.c runtime/cmd/check.h \
  runtime/cmd/help.h runtime/cmd/settings.h runtime/deliver/sender.h \
  runtime/deliver/policy.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/config/fixtures.h runtime/config/config.h \
  runtime/config/problems.h runtime/map/pipeline.h \
  runtime/map/lua/luahost.h runtime/map/mapkit/mapkit.h \
  runtime/map/schema.h runtime/map/trigger.h

runtime/cmd/check.h:

runtime/cmd/help.h:

runtime/cmd/settings.h:

runtime/deliver/sender.h:

runtime/deliver/policy.h:

runtime/map/actions.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/config/fixtures.h:

runtime/config/config.h:

runtime/config/problems.h:

runtime/map/pipeline.h:

runtime/map/lua/luahost.h:

runtime/map/mapkit/mapkit.h:

runtime/map/schema.h:

runtime/map/trigger.h:

build-tsan/obj/cmd/preview.o: runtime/cmd/preview.c runtime/cmd/preview.h \
  runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/cmd/cases.h runtime/cmd/help.h runtime/lib/file.h

runtime/cmd/preview.h:

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

runtime/cmd/cases.h:

runtime/cmd/help.h:

runtime/lib/file.h:

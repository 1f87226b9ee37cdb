build-tsan/obj/config/config.o: runtime/config/config.c \
  runtime/config/config.h runtime/config/problems.h \
  runtime/map/pipeline.h runtime/map/actions.h runtime/lib/json.h \
  runtime/lib/arena.h runtime/map/lua/luahost.h \
  runtime/map/mapkit/mapkit.h runtime/map/schema.h runtime/map/trigger.h \
  runtime/config/fields.h runtime/config/srcmap.h runtime/lib/file.h \
  /usr/include/lua5.4/lauxlib.h /usr/include/lua5.4/luaconf.h \
  /usr/include/lua5.4/lua.h /usr/include/lua5.4/lualib.h

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

runtime/config/srcmap.h:

runtime/lib/file.h:

/usr/include/lua5.4/lauxlib.h:

/usr/include/lua5.4/luaconf.h:

/usr/include/lua5.4/lua.h:

/usr/include/lua5.4/lualib.h:

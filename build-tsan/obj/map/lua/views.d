build-tsan/obj/map/lua/views.o: runtime/map/lua/views.c \
  runtime/map/lua/lua_int.h /usr/include/lua5.4/lua.h \
  /usr/include/lua5.4/luaconf.h runtime/map/lua/luahost.h \
  runtime/lib/json.h runtime/lib/arena.h runtime/map/actions.h \
  /usr/include/lua5.4/lauxlib.h

runtime/map/lua/lua_int.h:

/usr/include/lua5.4/lua.h:

/usr/include/lua5.4/luaconf.h:

runtime/map/lua/luahost.h:

runtime/lib/json.h:

runtime/lib/arena.h:

runtime/map/actions.h:

/usr/include/lua5.4/lauxlib.h:

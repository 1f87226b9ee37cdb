/* embedded.S — the presets and the helper library, built into the binary so
 * that build/encharge-actions runs from any directory. Assembled from the
 * repository root (the Makefile does). */
#define EMBED(sym, file)      \
    .global sym##_start;      \
    .global sym##_end;        \
    .balign 8;                \
sym##_start:                  \
    .incbin file;             \
sym##_end:                    \
    .byte 0

    .section .rodata
EMBED(emb_trackEvent, "presets/trackEvent.lua")
EMBED(emb_identifyUser, "presets/identifyUser.lua")
EMBED(emb_trackPageView, "presets/trackPageView.lua")
EMBED(emb_aliasUser, "presets/aliasUser.lua")
EMBED(emb_createUpdateObject, "presets/createUpdateObject.lua")
EMBED(emb_addTag, "presets/addTag.lua")
EMBED(emb_removeTag, "presets/removeTag.lua")
EMBED(emb_mapping, "scripts/lib/mapping.lua")
EMBED(emb_common, "presets/common.lua")

    .section .note.GNU-stack,"",@progbits

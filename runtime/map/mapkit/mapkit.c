/* mapkit.c — Segment's mapping-kit (actions-core 3.170 `mapping-kit/`) in C.
 *
 * Three stages, each a port of the upstream file named beside it:
 *   validate  (validate.js)  -> compile errors in upstream's words
 *   compile   (index.js: resolve/runDirective, read once per mapping)
 *   eval      (index.js directives, get.js, placeholders.js, flatten.js)
 * See mapkit.h for the error catalogue and the decisions.
 */
#include "map/mapkit/mapkit.h"
#include "lib/js.h"
#include "lib/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================== */
/* Unicode case tables                                                       */
/* ======================================================================== */
/* Generated from V8's String.prototype.toLowerCase/toUpperCase and the
 * \p{Cased} / \p{Case_Ignorable} regexp properties with this node script:
 *
 *   function build(fn){ const simple=[],special=[];
 *     for(let c=0;c<=0x10FFFF;c++){ if(c>=0xD800&&c<=0xDFFF) continue;
 *       const s=String.fromCodePoint(c), r=fn(s); if(r===s) continue;
 *       const cps=[...r].map(x=>x.codePointAt(0));
 *       if(cps.length===1) simple.push([c,cps[0]-c]); else special.push([c,r]); }
 *     const ranges=[];                      // {start,end,delta,stride}
 *     for(const [c,d] of simple){ const l=ranges[ranges.length-1];
 *       if(l&&l.delta===d){ const st=c-l.end;
 *         if(l.start===l.end&&(st===1||st===2)){l.stride=st;l.end=c;continue;}
 *         if(st===l.stride){l.end=c;continue;} }
 *       ranges.push({start:c,end:c,delta:d,stride:1}); }
 *     return {ranges,special}; }
 *   lower=build(s=>s.toLowerCase()); upper=build(s=>s.toUpperCase());
 *   cased/case_ignorable = code point ranges matching /^\p{Cased}$/u, /^\p{Case_Ignorable}$/u
 *
 * (the generator decoded its own tables and compared every code point). */
typedef struct {
    uint32_t start, end;
    int32_t delta;
    uint32_t stride;
} mk_case_range;
typedef struct {
    uint32_t cp;
    const char *utf8;
} mk_case_special;
typedef struct {
    uint32_t lo, hi;
} mk_cp_range;

/* ---- generated (node v20.20.2, ICU 78.2, Unicode 17.0) ---- */
static const mk_case_range mk_lower_ranges[185] = {
{0x41,0x5A,32,1},{0xC0,0xD6,32,1},{0xD8,0xDE,32,1},{0x100,0x12E,1,2},
{0x132,0x136,1,2},{0x139,0x147,1,2},{0x14A,0x176,1,2},{0x178,0x178,-121,1},
{0x179,0x17D,1,2},{0x181,0x181,210,1},{0x182,0x184,1,2},{0x186,0x186,206,1},
{0x187,0x187,1,1},{0x189,0x18A,205,1},{0x18B,0x18B,1,1},{0x18E,0x18E,79,1},
{0x18F,0x18F,202,1},{0x190,0x190,203,1},{0x191,0x191,1,1},{0x193,0x193,205,1},
{0x194,0x194,207,1},{0x196,0x196,211,1},{0x197,0x197,209,1},{0x198,0x198,1,1},
{0x19C,0x19C,211,1},{0x19D,0x19D,213,1},{0x19F,0x19F,214,1},{0x1A0,0x1A4,1,2},
{0x1A6,0x1A6,218,1},{0x1A7,0x1A7,1,1},{0x1A9,0x1A9,218,1},{0x1AC,0x1AC,1,1},
{0x1AE,0x1AE,218,1},{0x1AF,0x1AF,1,1},{0x1B1,0x1B2,217,1},{0x1B3,0x1B5,1,2},
{0x1B7,0x1B7,219,1},{0x1B8,0x1B8,1,1},{0x1BC,0x1BC,1,1},{0x1C4,0x1C4,2,1},
{0x1C5,0x1C5,1,1},{0x1C7,0x1C7,2,1},{0x1C8,0x1C8,1,1},{0x1CA,0x1CA,2,1},
{0x1CB,0x1DB,1,2},{0x1DE,0x1EE,1,2},{0x1F1,0x1F1,2,1},{0x1F2,0x1F4,1,2},
{0x1F6,0x1F6,-97,1},{0x1F7,0x1F7,-56,1},{0x1F8,0x21E,1,2},{0x220,0x220,-130,1},
{0x222,0x232,1,2},{0x23A,0x23A,10795,1},{0x23B,0x23B,1,1},{0x23D,0x23D,-163,1},
{0x23E,0x23E,10792,1},{0x241,0x241,1,1},{0x243,0x243,-195,1},{0x244,0x244,69,1},
{0x245,0x245,71,1},{0x246,0x24E,1,2},{0x370,0x372,1,2},{0x376,0x376,1,1},
{0x37F,0x37F,116,1},{0x386,0x386,38,1},{0x388,0x38A,37,1},{0x38C,0x38C,64,1},
{0x38E,0x38F,63,1},{0x391,0x3A1,32,1},{0x3A3,0x3AB,32,1},{0x3CF,0x3CF,8,1},
{0x3D8,0x3EE,1,2},{0x3F4,0x3F4,-60,1},{0x3F7,0x3F7,1,1},{0x3F9,0x3F9,-7,1},
{0x3FA,0x3FA,1,1},{0x3FD,0x3FF,-130,1},{0x400,0x40F,80,1},{0x410,0x42F,32,1},
{0x460,0x480,1,2},{0x48A,0x4BE,1,2},{0x4C0,0x4C0,15,1},{0x4C1,0x4CD,1,2},
{0x4D0,0x52E,1,2},{0x531,0x556,48,1},{0x10A0,0x10C5,7264,1},{0x10C7,0x10C7,7264,1},
{0x10CD,0x10CD,7264,1},{0x13A0,0x13EF,38864,1},{0x13F0,0x13F5,8,1},{0x1C89,0x1C89,1,1},
{0x1C90,0x1CBA,-3008,1},{0x1CBD,0x1CBF,-3008,1},{0x1E00,0x1E94,1,2},{0x1E9E,0x1E9E,-7615,1},
{0x1EA0,0x1EFE,1,2},{0x1F08,0x1F0F,-8,1},{0x1F18,0x1F1D,-8,1},{0x1F28,0x1F2F,-8,1},
{0x1F38,0x1F3F,-8,1},{0x1F48,0x1F4D,-8,1},{0x1F59,0x1F5F,-8,2},{0x1F68,0x1F6F,-8,1},
{0x1F88,0x1F8F,-8,1},{0x1F98,0x1F9F,-8,1},{0x1FA8,0x1FAF,-8,1},{0x1FB8,0x1FB9,-8,1},
{0x1FBA,0x1FBB,-74,1},{0x1FBC,0x1FBC,-9,1},{0x1FC8,0x1FCB,-86,1},{0x1FCC,0x1FCC,-9,1},
{0x1FD8,0x1FD9,-8,1},{0x1FDA,0x1FDB,-100,1},{0x1FE8,0x1FE9,-8,1},{0x1FEA,0x1FEB,-112,1},
{0x1FEC,0x1FEC,-7,1},{0x1FF8,0x1FF9,-128,1},{0x1FFA,0x1FFB,-126,1},{0x1FFC,0x1FFC,-9,1},
{0x2126,0x2126,-7517,1},{0x212A,0x212A,-8383,1},{0x212B,0x212B,-8262,1},{0x2132,0x2132,28,1},
{0x2160,0x216F,16,1},{0x2183,0x2183,1,1},{0x24B6,0x24CF,26,1},{0x2C00,0x2C2F,48,1},
{0x2C60,0x2C60,1,1},{0x2C62,0x2C62,-10743,1},{0x2C63,0x2C63,-3814,1},{0x2C64,0x2C64,-10727,1},
{0x2C67,0x2C6B,1,2},{0x2C6D,0x2C6D,-10780,1},{0x2C6E,0x2C6E,-10749,1},{0x2C6F,0x2C6F,-10783,1},
{0x2C70,0x2C70,-10782,1},{0x2C72,0x2C72,1,1},{0x2C75,0x2C75,1,1},{0x2C7E,0x2C7F,-10815,1},
{0x2C80,0x2CE2,1,2},{0x2CEB,0x2CED,1,2},{0x2CF2,0x2CF2,1,1},{0xA640,0xA66C,1,2},
{0xA680,0xA69A,1,2},{0xA722,0xA72E,1,2},{0xA732,0xA76E,1,2},{0xA779,0xA77B,1,2},
{0xA77D,0xA77D,-35332,1},{0xA77E,0xA786,1,2},{0xA78B,0xA78B,1,1},{0xA78D,0xA78D,-42280,1},
{0xA790,0xA792,1,2},{0xA796,0xA7A8,1,2},{0xA7AA,0xA7AA,-42308,1},{0xA7AB,0xA7AB,-42319,1},
{0xA7AC,0xA7AC,-42315,1},{0xA7AD,0xA7AD,-42305,1},{0xA7AE,0xA7AE,-42308,1},{0xA7B0,0xA7B0,-42258,1},
{0xA7B1,0xA7B1,-42282,1},{0xA7B2,0xA7B2,-42261,1},{0xA7B3,0xA7B3,928,1},{0xA7B4,0xA7C2,1,2},
{0xA7C4,0xA7C4,-48,1},{0xA7C5,0xA7C5,-42307,1},{0xA7C6,0xA7C6,-35384,1},{0xA7C7,0xA7C9,1,2},
{0xA7CB,0xA7CB,-42343,1},{0xA7CC,0xA7DA,1,2},{0xA7DC,0xA7DC,-42561,1},{0xA7F5,0xA7F5,1,1},
{0xFF21,0xFF3A,32,1},{0x10400,0x10427,40,1},{0x104B0,0x104D3,40,1},{0x10570,0x1057A,39,1},
{0x1057C,0x1058A,39,1},{0x1058C,0x10592,39,1},{0x10594,0x10595,39,1},{0x10C80,0x10CB2,64,1},
{0x10D50,0x10D65,32,1},{0x118A0,0x118BF,32,1},{0x16E40,0x16E5F,32,1},{0x16EA0,0x16EB8,27,1},
{0x1E900,0x1E921,34,1},
};
static const mk_case_special mk_lower_special[1] = {
{0x130,"\x69\xcc\x87"},
};
static const mk_case_range mk_upper_ranges[198] = {
{0x61,0x7A,-32,1},{0xB5,0xB5,743,1},{0xE0,0xF6,-32,1},{0xF8,0xFE,-32,1},
{0xFF,0xFF,121,1},{0x101,0x12F,-1,2},{0x131,0x131,-232,1},{0x133,0x137,-1,2},
{0x13A,0x148,-1,2},{0x14B,0x177,-1,2},{0x17A,0x17E,-1,2},{0x17F,0x17F,-300,1},
{0x180,0x180,195,1},{0x183,0x185,-1,2},{0x188,0x188,-1,1},{0x18C,0x18C,-1,1},
{0x192,0x192,-1,1},{0x195,0x195,97,1},{0x199,0x199,-1,1},{0x19A,0x19A,163,1},
{0x19B,0x19B,42561,1},{0x19E,0x19E,130,1},{0x1A1,0x1A5,-1,2},{0x1A8,0x1A8,-1,1},
{0x1AD,0x1AD,-1,1},{0x1B0,0x1B0,-1,1},{0x1B4,0x1B6,-1,2},{0x1B9,0x1B9,-1,1},
{0x1BD,0x1BD,-1,1},{0x1BF,0x1BF,56,1},{0x1C5,0x1C5,-1,1},{0x1C6,0x1C6,-2,1},
{0x1C8,0x1C8,-1,1},{0x1C9,0x1C9,-2,1},{0x1CB,0x1CB,-1,1},{0x1CC,0x1CC,-2,1},
{0x1CE,0x1DC,-1,2},{0x1DD,0x1DD,-79,1},{0x1DF,0x1EF,-1,2},{0x1F2,0x1F2,-1,1},
{0x1F3,0x1F3,-2,1},{0x1F5,0x1F5,-1,1},{0x1F9,0x21F,-1,2},{0x223,0x233,-1,2},
{0x23C,0x23C,-1,1},{0x23F,0x240,10815,1},{0x242,0x242,-1,1},{0x247,0x24F,-1,2},
{0x250,0x250,10783,1},{0x251,0x251,10780,1},{0x252,0x252,10782,1},{0x253,0x253,-210,1},
{0x254,0x254,-206,1},{0x256,0x257,-205,1},{0x259,0x259,-202,1},{0x25B,0x25B,-203,1},
{0x25C,0x25C,42319,1},{0x260,0x260,-205,1},{0x261,0x261,42315,1},{0x263,0x263,-207,1},
{0x264,0x264,42343,1},{0x265,0x265,42280,1},{0x266,0x266,42308,1},{0x268,0x268,-209,1},
{0x269,0x269,-211,1},{0x26A,0x26A,42308,1},{0x26B,0x26B,10743,1},{0x26C,0x26C,42305,1},
{0x26F,0x26F,-211,1},{0x271,0x271,10749,1},{0x272,0x272,-213,1},{0x275,0x275,-214,1},
{0x27D,0x27D,10727,1},{0x280,0x280,-218,1},{0x282,0x282,42307,1},{0x283,0x283,-218,1},
{0x287,0x287,42282,1},{0x288,0x288,-218,1},{0x289,0x289,-69,1},{0x28A,0x28B,-217,1},
{0x28C,0x28C,-71,1},{0x292,0x292,-219,1},{0x29D,0x29D,42261,1},{0x29E,0x29E,42258,1},
{0x345,0x345,84,1},{0x371,0x373,-1,2},{0x377,0x377,-1,1},{0x37B,0x37D,130,1},
{0x3AC,0x3AC,-38,1},{0x3AD,0x3AF,-37,1},{0x3B1,0x3C1,-32,1},{0x3C2,0x3C2,-31,1},
{0x3C3,0x3CB,-32,1},{0x3CC,0x3CC,-64,1},{0x3CD,0x3CE,-63,1},{0x3D0,0x3D0,-62,1},
{0x3D1,0x3D1,-57,1},{0x3D5,0x3D5,-47,1},{0x3D6,0x3D6,-54,1},{0x3D7,0x3D7,-8,1},
{0x3D9,0x3EF,-1,2},{0x3F0,0x3F0,-86,1},{0x3F1,0x3F1,-80,1},{0x3F2,0x3F2,7,1},
{0x3F3,0x3F3,-116,1},{0x3F5,0x3F5,-96,1},{0x3F8,0x3F8,-1,1},{0x3FB,0x3FB,-1,1},
{0x430,0x44F,-32,1},{0x450,0x45F,-80,1},{0x461,0x481,-1,2},{0x48B,0x4BF,-1,2},
{0x4C2,0x4CE,-1,2},{0x4CF,0x4CF,-15,1},{0x4D1,0x52F,-1,2},{0x561,0x586,-48,1},
{0x10D0,0x10FA,3008,1},{0x10FD,0x10FF,3008,1},{0x13F8,0x13FD,-8,1},{0x1C80,0x1C80,-6254,1},
{0x1C81,0x1C81,-6253,1},{0x1C82,0x1C82,-6244,1},{0x1C83,0x1C84,-6242,1},{0x1C85,0x1C85,-6243,1},
{0x1C86,0x1C86,-6236,1},{0x1C87,0x1C87,-6181,1},{0x1C88,0x1C88,35266,1},{0x1C8A,0x1C8A,-1,1},
{0x1D79,0x1D79,35332,1},{0x1D7D,0x1D7D,3814,1},{0x1D8E,0x1D8E,35384,1},{0x1E01,0x1E95,-1,2},
{0x1E9B,0x1E9B,-59,1},{0x1EA1,0x1EFF,-1,2},{0x1F00,0x1F07,8,1},{0x1F10,0x1F15,8,1},
{0x1F20,0x1F27,8,1},{0x1F30,0x1F37,8,1},{0x1F40,0x1F45,8,1},{0x1F51,0x1F57,8,2},
{0x1F60,0x1F67,8,1},{0x1F70,0x1F71,74,1},{0x1F72,0x1F75,86,1},{0x1F76,0x1F77,100,1},
{0x1F78,0x1F79,128,1},{0x1F7A,0x1F7B,112,1},{0x1F7C,0x1F7D,126,1},{0x1FB0,0x1FB1,8,1},
{0x1FBE,0x1FBE,-7205,1},{0x1FD0,0x1FD1,8,1},{0x1FE0,0x1FE1,8,1},{0x1FE5,0x1FE5,7,1},
{0x214E,0x214E,-28,1},{0x2170,0x217F,-16,1},{0x2184,0x2184,-1,1},{0x24D0,0x24E9,-26,1},
{0x2C30,0x2C5F,-48,1},{0x2C61,0x2C61,-1,1},{0x2C65,0x2C65,-10795,1},{0x2C66,0x2C66,-10792,1},
{0x2C68,0x2C6C,-1,2},{0x2C73,0x2C73,-1,1},{0x2C76,0x2C76,-1,1},{0x2C81,0x2CE3,-1,2},
{0x2CEC,0x2CEE,-1,2},{0x2CF3,0x2CF3,-1,1},{0x2D00,0x2D25,-7264,1},{0x2D27,0x2D27,-7264,1},
{0x2D2D,0x2D2D,-7264,1},{0xA641,0xA66D,-1,2},{0xA681,0xA69B,-1,2},{0xA723,0xA72F,-1,2},
{0xA733,0xA76F,-1,2},{0xA77A,0xA77C,-1,2},{0xA77F,0xA787,-1,2},{0xA78C,0xA78C,-1,1},
{0xA791,0xA793,-1,2},{0xA794,0xA794,48,1},{0xA797,0xA7A9,-1,2},{0xA7B5,0xA7C3,-1,2},
{0xA7C8,0xA7CA,-1,2},{0xA7CD,0xA7DB,-1,2},{0xA7F6,0xA7F6,-1,1},{0xAB53,0xAB53,-928,1},
{0xAB70,0xABBF,-38864,1},{0xFF41,0xFF5A,-32,1},{0x10428,0x1044F,-40,1},{0x104D8,0x104FB,-40,1},
{0x10597,0x105A1,-39,1},{0x105A3,0x105B1,-39,1},{0x105B3,0x105B9,-39,1},{0x105BB,0x105BC,-39,1},
{0x10CC0,0x10CF2,-64,1},{0x10D70,0x10D85,-32,1},{0x118C0,0x118DF,-32,1},{0x16E60,0x16E7F,-32,1},
{0x16EBB,0x16ED3,-27,1},{0x1E922,0x1E943,-34,1},
};
static const mk_case_special mk_upper_special[102] = {
{0xDF,"\x53\x53"},
{0x149,"\xca\xbc\x4e"},
{0x1F0,"\x4a\xcc\x8c"},
{0x390,"\xce\x99\xcc\x88\xcc\x81"},
{0x3B0,"\xce\xa5\xcc\x88\xcc\x81"},
{0x587,"\xd4\xb5\xd5\x92"},
{0x1E96,"\x48\xcc\xb1"},
{0x1E97,"\x54\xcc\x88"},
{0x1E98,"\x57\xcc\x8a"},
{0x1E99,"\x59\xcc\x8a"},
{0x1E9A,"\x41\xca\xbe"},
{0x1F50,"\xce\xa5\xcc\x93"},
{0x1F52,"\xce\xa5\xcc\x93\xcc\x80"},
{0x1F54,"\xce\xa5\xcc\x93\xcc\x81"},
{0x1F56,"\xce\xa5\xcc\x93\xcd\x82"},
{0x1F80,"\xe1\xbc\x88\xce\x99"},
{0x1F81,"\xe1\xbc\x89\xce\x99"},
{0x1F82,"\xe1\xbc\x8a\xce\x99"},
{0x1F83,"\xe1\xbc\x8b\xce\x99"},
{0x1F84,"\xe1\xbc\x8c\xce\x99"},
{0x1F85,"\xe1\xbc\x8d\xce\x99"},
{0x1F86,"\xe1\xbc\x8e\xce\x99"},
{0x1F87,"\xe1\xbc\x8f\xce\x99"},
{0x1F88,"\xe1\xbc\x88\xce\x99"},
{0x1F89,"\xe1\xbc\x89\xce\x99"},
{0x1F8A,"\xe1\xbc\x8a\xce\x99"},
{0x1F8B,"\xe1\xbc\x8b\xce\x99"},
{0x1F8C,"\xe1\xbc\x8c\xce\x99"},
{0x1F8D,"\xe1\xbc\x8d\xce\x99"},
{0x1F8E,"\xe1\xbc\x8e\xce\x99"},
{0x1F8F,"\xe1\xbc\x8f\xce\x99"},
{0x1F90,"\xe1\xbc\xa8\xce\x99"},
{0x1F91,"\xe1\xbc\xa9\xce\x99"},
{0x1F92,"\xe1\xbc\xaa\xce\x99"},
{0x1F93,"\xe1\xbc\xab\xce\x99"},
{0x1F94,"\xe1\xbc\xac\xce\x99"},
{0x1F95,"\xe1\xbc\xad\xce\x99"},
{0x1F96,"\xe1\xbc\xae\xce\x99"},
{0x1F97,"\xe1\xbc\xaf\xce\x99"},
{0x1F98,"\xe1\xbc\xa8\xce\x99"},
{0x1F99,"\xe1\xbc\xa9\xce\x99"},
{0x1F9A,"\xe1\xbc\xaa\xce\x99"},
{0x1F9B,"\xe1\xbc\xab\xce\x99"},
{0x1F9C,"\xe1\xbc\xac\xce\x99"},
{0x1F9D,"\xe1\xbc\xad\xce\x99"},
{0x1F9E,"\xe1\xbc\xae\xce\x99"},
{0x1F9F,"\xe1\xbc\xaf\xce\x99"},
{0x1FA0,"\xe1\xbd\xa8\xce\x99"},
{0x1FA1,"\xe1\xbd\xa9\xce\x99"},
{0x1FA2,"\xe1\xbd\xaa\xce\x99"},
{0x1FA3,"\xe1\xbd\xab\xce\x99"},
{0x1FA4,"\xe1\xbd\xac\xce\x99"},
{0x1FA5,"\xe1\xbd\xad\xce\x99"},
{0x1FA6,"\xe1\xbd\xae\xce\x99"},
{0x1FA7,"\xe1\xbd\xaf\xce\x99"},
{0x1FA8,"\xe1\xbd\xa8\xce\x99"},
{0x1FA9,"\xe1\xbd\xa9\xce\x99"},
{0x1FAA,"\xe1\xbd\xaa\xce\x99"},
{0x1FAB,"\xe1\xbd\xab\xce\x99"},
{0x1FAC,"\xe1\xbd\xac\xce\x99"},
{0x1FAD,"\xe1\xbd\xad\xce\x99"},
{0x1FAE,"\xe1\xbd\xae\xce\x99"},
{0x1FAF,"\xe1\xbd\xaf\xce\x99"},
{0x1FB2,"\xe1\xbe\xba\xce\x99"},
{0x1FB3,"\xce\x91\xce\x99"},
{0x1FB4,"\xce\x86\xce\x99"},
{0x1FB6,"\xce\x91\xcd\x82"},
{0x1FB7,"\xce\x91\xcd\x82\xce\x99"},
{0x1FBC,"\xce\x91\xce\x99"},
{0x1FC2,"\xe1\xbf\x8a\xce\x99"},
{0x1FC3,"\xce\x97\xce\x99"},
{0x1FC4,"\xce\x89\xce\x99"},
{0x1FC6,"\xce\x97\xcd\x82"},
{0x1FC7,"\xce\x97\xcd\x82\xce\x99"},
{0x1FCC,"\xce\x97\xce\x99"},
{0x1FD2,"\xce\x99\xcc\x88\xcc\x80"},
{0x1FD3,"\xce\x99\xcc\x88\xcc\x81"},
{0x1FD6,"\xce\x99\xcd\x82"},
{0x1FD7,"\xce\x99\xcc\x88\xcd\x82"},
{0x1FE2,"\xce\xa5\xcc\x88\xcc\x80"},
{0x1FE3,"\xce\xa5\xcc\x88\xcc\x81"},
{0x1FE4,"\xce\xa1\xcc\x93"},
{0x1FE6,"\xce\xa5\xcd\x82"},
{0x1FE7,"\xce\xa5\xcc\x88\xcd\x82"},
{0x1FF2,"\xe1\xbf\xba\xce\x99"},
{0x1FF3,"\xce\xa9\xce\x99"},
{0x1FF4,"\xce\x8f\xce\x99"},
{0x1FF6,"\xce\xa9\xcd\x82"},
{0x1FF7,"\xce\xa9\xcd\x82\xce\x99"},
{0x1FFC,"\xce\xa9\xce\x99"},
{0xFB00,"\x46\x46"},
{0xFB01,"\x46\x49"},
{0xFB02,"\x46\x4c"},
{0xFB03,"\x46\x46\x49"},
{0xFB04,"\x46\x46\x4c"},
{0xFB05,"\x53\x54"},
{0xFB06,"\x53\x54"},
{0xFB13,"\xd5\x84\xd5\x86"},
{0xFB14,"\xd5\x84\xd4\xb5"},
{0xFB15,"\xd5\x84\xd4\xbb"},
{0xFB16,"\xd5\x8e\xd5\x86"},
{0xFB17,"\xd5\x84\xd4\xbd"},
};
static const mk_cp_range mk_cased[158] = {
{0x41,0x5A},{0x61,0x7A},{0xAA,0xAA},{0xB5,0xB5},{0xBA,0xBA},{0xC0,0xD6},
{0xD8,0xF6},{0xF8,0x1BA},{0x1BC,0x1BF},{0x1C4,0x293},{0x296,0x2B8},{0x2C0,0x2C1},
{0x2E0,0x2E4},{0x345,0x345},{0x370,0x373},{0x376,0x377},{0x37A,0x37D},{0x37F,0x37F},
{0x386,0x386},{0x388,0x38A},{0x38C,0x38C},{0x38E,0x3A1},{0x3A3,0x3F5},{0x3F7,0x481},
{0x48A,0x52F},{0x531,0x556},{0x560,0x588},{0x10A0,0x10C5},{0x10C7,0x10C7},{0x10CD,0x10CD},
{0x10D0,0x10FA},{0x10FC,0x10FF},{0x13A0,0x13F5},{0x13F8,0x13FD},{0x1C80,0x1C8A},{0x1C90,0x1CBA},
{0x1CBD,0x1CBF},{0x1D00,0x1DBF},{0x1E00,0x1F15},{0x1F18,0x1F1D},{0x1F20,0x1F45},{0x1F48,0x1F4D},
{0x1F50,0x1F57},{0x1F59,0x1F59},{0x1F5B,0x1F5B},{0x1F5D,0x1F5D},{0x1F5F,0x1F7D},{0x1F80,0x1FB4},
{0x1FB6,0x1FBC},{0x1FBE,0x1FBE},{0x1FC2,0x1FC4},{0x1FC6,0x1FCC},{0x1FD0,0x1FD3},{0x1FD6,0x1FDB},
{0x1FE0,0x1FEC},{0x1FF2,0x1FF4},{0x1FF6,0x1FFC},{0x2071,0x2071},{0x207F,0x207F},{0x2090,0x209C},
{0x2102,0x2102},{0x2107,0x2107},{0x210A,0x2113},{0x2115,0x2115},{0x2119,0x211D},{0x2124,0x2124},
{0x2126,0x2126},{0x2128,0x2128},{0x212A,0x212D},{0x212F,0x2134},{0x2139,0x2139},{0x213C,0x213F},
{0x2145,0x2149},{0x214E,0x214E},{0x2160,0x217F},{0x2183,0x2184},{0x24B6,0x24E9},{0x2C00,0x2CE4},
{0x2CEB,0x2CEE},{0x2CF2,0x2CF3},{0x2D00,0x2D25},{0x2D27,0x2D27},{0x2D2D,0x2D2D},{0xA640,0xA66D},
{0xA680,0xA69D},{0xA722,0xA787},{0xA78B,0xA78E},{0xA790,0xA7DC},{0xA7F1,0xA7F6},{0xA7F8,0xA7FA},
{0xAB30,0xAB5A},{0xAB5C,0xAB69},{0xAB70,0xABBF},{0xFB00,0xFB06},{0xFB13,0xFB17},{0xFF21,0xFF3A},
{0xFF41,0xFF5A},{0x10400,0x1044F},{0x104B0,0x104D3},{0x104D8,0x104FB},{0x10570,0x1057A},{0x1057C,0x1058A},
{0x1058C,0x10592},{0x10594,0x10595},{0x10597,0x105A1},{0x105A3,0x105B1},{0x105B3,0x105B9},{0x105BB,0x105BC},
{0x10780,0x10780},{0x10783,0x10785},{0x10787,0x107B0},{0x107B2,0x107BA},{0x10C80,0x10CB2},{0x10CC0,0x10CF2},
{0x10D50,0x10D65},{0x10D70,0x10D85},{0x118A0,0x118DF},{0x16E40,0x16E7F},{0x16EA0,0x16EB8},{0x16EBB,0x16ED3},
{0x1D400,0x1D454},{0x1D456,0x1D49C},{0x1D49E,0x1D49F},{0x1D4A2,0x1D4A2},{0x1D4A5,0x1D4A6},{0x1D4A9,0x1D4AC},
{0x1D4AE,0x1D4B9},{0x1D4BB,0x1D4BB},{0x1D4BD,0x1D4C3},{0x1D4C5,0x1D505},{0x1D507,0x1D50A},{0x1D50D,0x1D514},
{0x1D516,0x1D51C},{0x1D51E,0x1D539},{0x1D53B,0x1D53E},{0x1D540,0x1D544},{0x1D546,0x1D546},{0x1D54A,0x1D550},
{0x1D552,0x1D6A5},{0x1D6A8,0x1D6C0},{0x1D6C2,0x1D6DA},{0x1D6DC,0x1D6FA},{0x1D6FC,0x1D714},{0x1D716,0x1D734},
{0x1D736,0x1D74E},{0x1D750,0x1D76E},{0x1D770,0x1D788},{0x1D78A,0x1D7A8},{0x1D7AA,0x1D7C2},{0x1D7C4,0x1D7CB},
{0x1DF00,0x1DF09},{0x1DF0B,0x1DF1E},{0x1DF25,0x1DF2A},{0x1E030,0x1E06D},{0x1E900,0x1E943},{0x1F130,0x1F149},
{0x1F150,0x1F169},{0x1F170,0x1F189},
};
static const mk_cp_range mk_case_ignorable[464] = {
{0x27,0x27},{0x2E,0x2E},{0x3A,0x3A},{0x5E,0x5E},{0x60,0x60},{0xA8,0xA8},
{0xAD,0xAD},{0xAF,0xAF},{0xB4,0xB4},{0xB7,0xB8},{0x2B0,0x36F},{0x374,0x375},
{0x37A,0x37A},{0x384,0x385},{0x387,0x387},{0x483,0x489},{0x559,0x559},{0x55F,0x55F},
{0x591,0x5BD},{0x5BF,0x5BF},{0x5C1,0x5C2},{0x5C4,0x5C5},{0x5C7,0x5C7},{0x5F4,0x5F4},
{0x600,0x605},{0x610,0x61A},{0x61C,0x61C},{0x640,0x640},{0x64B,0x65F},{0x670,0x670},
{0x6D6,0x6DD},{0x6DF,0x6E8},{0x6EA,0x6ED},{0x70F,0x70F},{0x711,0x711},{0x730,0x74A},
{0x7A6,0x7B0},{0x7EB,0x7F5},{0x7FA,0x7FA},{0x7FD,0x7FD},{0x816,0x82D},{0x859,0x85B},
{0x888,0x888},{0x890,0x891},{0x897,0x89F},{0x8C9,0x902},{0x93A,0x93A},{0x93C,0x93C},
{0x941,0x948},{0x94D,0x94D},{0x951,0x957},{0x962,0x963},{0x971,0x971},{0x981,0x981},
{0x9BC,0x9BC},{0x9C1,0x9C4},{0x9CD,0x9CD},{0x9E2,0x9E3},{0x9FE,0x9FE},{0xA01,0xA02},
{0xA3C,0xA3C},{0xA41,0xA42},{0xA47,0xA48},{0xA4B,0xA4D},{0xA51,0xA51},{0xA70,0xA71},
{0xA75,0xA75},{0xA81,0xA82},{0xABC,0xABC},{0xAC1,0xAC5},{0xAC7,0xAC8},{0xACD,0xACD},
{0xAE2,0xAE3},{0xAFA,0xAFF},{0xB01,0xB01},{0xB3C,0xB3C},{0xB3F,0xB3F},{0xB41,0xB44},
{0xB4D,0xB4D},{0xB55,0xB56},{0xB62,0xB63},{0xB82,0xB82},{0xBC0,0xBC0},{0xBCD,0xBCD},
{0xC00,0xC00},{0xC04,0xC04},{0xC3C,0xC3C},{0xC3E,0xC40},{0xC46,0xC48},{0xC4A,0xC4D},
{0xC55,0xC56},{0xC62,0xC63},{0xC81,0xC81},{0xCBC,0xCBC},{0xCBF,0xCBF},{0xCC6,0xCC6},
{0xCCC,0xCCD},{0xCE2,0xCE3},{0xD00,0xD01},{0xD3B,0xD3C},{0xD41,0xD44},{0xD4D,0xD4D},
{0xD62,0xD63},{0xD81,0xD81},{0xDCA,0xDCA},{0xDD2,0xDD4},{0xDD6,0xDD6},{0xE31,0xE31},
{0xE34,0xE3A},{0xE46,0xE4E},{0xEB1,0xEB1},{0xEB4,0xEBC},{0xEC6,0xEC6},{0xEC8,0xECE},
{0xF18,0xF19},{0xF35,0xF35},{0xF37,0xF37},{0xF39,0xF39},{0xF71,0xF7E},{0xF80,0xF84},
{0xF86,0xF87},{0xF8D,0xF97},{0xF99,0xFBC},{0xFC6,0xFC6},{0x102D,0x1030},{0x1032,0x1037},
{0x1039,0x103A},{0x103D,0x103E},{0x1058,0x1059},{0x105E,0x1060},{0x1071,0x1074},{0x1082,0x1082},
{0x1085,0x1086},{0x108D,0x108D},{0x109D,0x109D},{0x10FC,0x10FC},{0x135D,0x135F},{0x1712,0x1714},
{0x1732,0x1733},{0x1752,0x1753},{0x1772,0x1773},{0x17B4,0x17B5},{0x17B7,0x17BD},{0x17C6,0x17C6},
{0x17C9,0x17D3},{0x17D7,0x17D7},{0x17DD,0x17DD},{0x180B,0x180F},{0x1843,0x1843},{0x1885,0x1886},
{0x18A9,0x18A9},{0x1920,0x1922},{0x1927,0x1928},{0x1932,0x1932},{0x1939,0x193B},{0x1A17,0x1A18},
{0x1A1B,0x1A1B},{0x1A56,0x1A56},{0x1A58,0x1A5E},{0x1A60,0x1A60},{0x1A62,0x1A62},{0x1A65,0x1A6C},
{0x1A73,0x1A7C},{0x1A7F,0x1A7F},{0x1AA7,0x1AA7},{0x1AB0,0x1ADD},{0x1AE0,0x1AEB},{0x1B00,0x1B03},
{0x1B34,0x1B34},{0x1B36,0x1B3A},{0x1B3C,0x1B3C},{0x1B42,0x1B42},{0x1B6B,0x1B73},{0x1B80,0x1B81},
{0x1BA2,0x1BA5},{0x1BA8,0x1BA9},{0x1BAB,0x1BAD},{0x1BE6,0x1BE6},{0x1BE8,0x1BE9},{0x1BED,0x1BED},
{0x1BEF,0x1BF1},{0x1C2C,0x1C33},{0x1C36,0x1C37},{0x1C78,0x1C7D},{0x1CD0,0x1CD2},{0x1CD4,0x1CE0},
{0x1CE2,0x1CE8},{0x1CED,0x1CED},{0x1CF4,0x1CF4},{0x1CF8,0x1CF9},{0x1D2C,0x1D6A},{0x1D78,0x1D78},
{0x1D9B,0x1DFF},{0x1FBD,0x1FBD},{0x1FBF,0x1FC1},{0x1FCD,0x1FCF},{0x1FDD,0x1FDF},{0x1FED,0x1FEF},
{0x1FFD,0x1FFE},{0x200B,0x200F},{0x2018,0x2019},{0x2024,0x2024},{0x2027,0x2027},{0x202A,0x202E},
{0x2060,0x2064},{0x2066,0x206F},{0x2071,0x2071},{0x207F,0x207F},{0x2090,0x209C},{0x20D0,0x20F0},
{0x2C7C,0x2C7D},{0x2CEF,0x2CF1},{0x2D6F,0x2D6F},{0x2D7F,0x2D7F},{0x2DE0,0x2DFF},{0x2E2F,0x2E2F},
{0x3005,0x3005},{0x302A,0x302D},{0x3031,0x3035},{0x303B,0x303B},{0x3099,0x309E},{0x30FC,0x30FE},
{0xA015,0xA015},{0xA4F8,0xA4FD},{0xA60C,0xA60C},{0xA66F,0xA672},{0xA674,0xA67D},{0xA67F,0xA67F},
{0xA69C,0xA69F},{0xA6F0,0xA6F1},{0xA700,0xA721},{0xA770,0xA770},{0xA788,0xA78A},{0xA7F1,0xA7F4},
{0xA7F8,0xA7F9},{0xA802,0xA802},{0xA806,0xA806},{0xA80B,0xA80B},{0xA825,0xA826},{0xA82C,0xA82C},
{0xA8C4,0xA8C5},{0xA8E0,0xA8F1},{0xA8FF,0xA8FF},{0xA926,0xA92D},{0xA947,0xA951},{0xA980,0xA982},
{0xA9B3,0xA9B3},{0xA9B6,0xA9B9},{0xA9BC,0xA9BD},{0xA9CF,0xA9CF},{0xA9E5,0xA9E6},{0xAA29,0xAA2E},
{0xAA31,0xAA32},{0xAA35,0xAA36},{0xAA43,0xAA43},{0xAA4C,0xAA4C},{0xAA70,0xAA70},{0xAA7C,0xAA7C},
{0xAAB0,0xAAB0},{0xAAB2,0xAAB4},{0xAAB7,0xAAB8},{0xAABE,0xAABF},{0xAAC1,0xAAC1},{0xAADD,0xAADD},
{0xAAEC,0xAAED},{0xAAF3,0xAAF4},{0xAAF6,0xAAF6},{0xAB5B,0xAB5F},{0xAB69,0xAB6B},{0xABE5,0xABE5},
{0xABE8,0xABE8},{0xABED,0xABED},{0xFB1E,0xFB1E},{0xFBB2,0xFBC2},{0xFE00,0xFE0F},{0xFE13,0xFE13},
{0xFE20,0xFE2F},{0xFE52,0xFE52},{0xFE55,0xFE55},{0xFEFF,0xFEFF},{0xFF07,0xFF07},{0xFF0E,0xFF0E},
{0xFF1A,0xFF1A},{0xFF3E,0xFF3E},{0xFF40,0xFF40},{0xFF70,0xFF70},{0xFF9E,0xFF9F},{0xFFE3,0xFFE3},
{0xFFF9,0xFFFB},{0x101FD,0x101FD},{0x102E0,0x102E0},{0x10376,0x1037A},{0x10780,0x10785},{0x10787,0x107B0},
{0x107B2,0x107BA},{0x10A01,0x10A03},{0x10A05,0x10A06},{0x10A0C,0x10A0F},{0x10A38,0x10A3A},{0x10A3F,0x10A3F},
{0x10AE5,0x10AE6},{0x10D24,0x10D27},{0x10D4E,0x10D4E},{0x10D69,0x10D6D},{0x10D6F,0x10D6F},{0x10EAB,0x10EAC},
{0x10EC5,0x10EC5},{0x10EFA,0x10EFF},{0x10F46,0x10F50},{0x10F82,0x10F85},{0x11001,0x11001},{0x11038,0x11046},
{0x11070,0x11070},{0x11073,0x11074},{0x1107F,0x11081},{0x110B3,0x110B6},{0x110B9,0x110BA},{0x110BD,0x110BD},
{0x110C2,0x110C2},{0x110CD,0x110CD},{0x11100,0x11102},{0x11127,0x1112B},{0x1112D,0x11134},{0x11173,0x11173},
{0x11180,0x11181},{0x111B6,0x111BE},{0x111C9,0x111CC},{0x111CF,0x111CF},{0x1122F,0x11231},{0x11234,0x11234},
{0x11236,0x11237},{0x1123E,0x1123E},{0x11241,0x11241},{0x112DF,0x112DF},{0x112E3,0x112EA},{0x11300,0x11301},
{0x1133B,0x1133C},{0x11340,0x11340},{0x11366,0x1136C},{0x11370,0x11374},{0x113BB,0x113C0},{0x113CE,0x113CE},
{0x113D0,0x113D0},{0x113D2,0x113D2},{0x113E1,0x113E2},{0x11438,0x1143F},{0x11442,0x11444},{0x11446,0x11446},
{0x1145E,0x1145E},{0x114B3,0x114B8},{0x114BA,0x114BA},{0x114BF,0x114C0},{0x114C2,0x114C3},{0x115B2,0x115B5},
{0x115BC,0x115BD},{0x115BF,0x115C0},{0x115DC,0x115DD},{0x11633,0x1163A},{0x1163D,0x1163D},{0x1163F,0x11640},
{0x116AB,0x116AB},{0x116AD,0x116AD},{0x116B0,0x116B5},{0x116B7,0x116B7},{0x1171D,0x1171D},{0x1171F,0x1171F},
{0x11722,0x11725},{0x11727,0x1172B},{0x1182F,0x11837},{0x11839,0x1183A},{0x1193B,0x1193C},{0x1193E,0x1193E},
{0x11943,0x11943},{0x119D4,0x119D7},{0x119DA,0x119DB},{0x119E0,0x119E0},{0x11A01,0x11A0A},{0x11A33,0x11A38},
{0x11A3B,0x11A3E},{0x11A47,0x11A47},{0x11A51,0x11A56},{0x11A59,0x11A5B},{0x11A8A,0x11A96},{0x11A98,0x11A99},
{0x11B60,0x11B60},{0x11B62,0x11B64},{0x11B66,0x11B66},{0x11C30,0x11C36},{0x11C38,0x11C3D},{0x11C3F,0x11C3F},
{0x11C92,0x11CA7},{0x11CAA,0x11CB0},{0x11CB2,0x11CB3},{0x11CB5,0x11CB6},{0x11D31,0x11D36},{0x11D3A,0x11D3A},
{0x11D3C,0x11D3D},{0x11D3F,0x11D45},{0x11D47,0x11D47},{0x11D90,0x11D91},{0x11D95,0x11D95},{0x11D97,0x11D97},
{0x11DD9,0x11DD9},{0x11EF3,0x11EF4},{0x11F00,0x11F01},{0x11F36,0x11F3A},{0x11F40,0x11F40},{0x11F42,0x11F42},
{0x11F5A,0x11F5A},{0x13430,0x13440},{0x13447,0x13455},{0x1611E,0x16129},{0x1612D,0x1612F},{0x16AF0,0x16AF4},
{0x16B30,0x16B36},{0x16B40,0x16B43},{0x16D40,0x16D42},{0x16D6B,0x16D6C},{0x16F4F,0x16F4F},{0x16F8F,0x16F9F},
{0x16FE0,0x16FE1},{0x16FE3,0x16FE4},{0x16FF2,0x16FF3},{0x1AFF0,0x1AFF3},{0x1AFF5,0x1AFFB},{0x1AFFD,0x1AFFE},
{0x1BC9D,0x1BC9E},{0x1BCA0,0x1BCA3},{0x1CF00,0x1CF2D},{0x1CF30,0x1CF46},{0x1D167,0x1D169},{0x1D173,0x1D182},
{0x1D185,0x1D18B},{0x1D1AA,0x1D1AD},{0x1D242,0x1D244},{0x1DA00,0x1DA36},{0x1DA3B,0x1DA6C},{0x1DA75,0x1DA75},
{0x1DA84,0x1DA84},{0x1DA9B,0x1DA9F},{0x1DAA1,0x1DAAF},{0x1E000,0x1E006},{0x1E008,0x1E018},{0x1E01B,0x1E021},
{0x1E023,0x1E024},{0x1E026,0x1E02A},{0x1E030,0x1E06D},{0x1E08F,0x1E08F},{0x1E130,0x1E13D},{0x1E2AE,0x1E2AE},
{0x1E2EC,0x1E2EF},{0x1E4EB,0x1E4EF},{0x1E5EE,0x1E5EF},{0x1E6E3,0x1E6E3},{0x1E6E6,0x1E6E6},{0x1E6EE,0x1E6EF},
{0x1E6F5,0x1E6F5},{0x1E6FF,0x1E6FF},{0x1E8D0,0x1E8D6},{0x1E944,0x1E94B},{0x1F3FB,0x1F3FF},{0xE0001,0xE0001},
{0xE0020,0xE007F},{0xE0100,0xE01EF},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const mk_case_range *case_range_find(const mk_case_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].start <= cp) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return NULL;
    const mk_case_range *r = &t[lo - 1];
    if (cp > r->end || (cp - r->start) % r->stride) return NULL;
    return r;
}

static const char *case_special_find(const mk_case_special *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].cp == cp) return t[mid].utf8;
        if (t[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static bool cp_in(const mk_cp_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < t[mid].lo) hi = mid;
        else if (cp > t[mid].hi) lo = mid + 1;
        else return true;
    }
    return false;
}

/* Simple (1:1) mapping; multi-character results are in the special tables. */
static uint32_t simple_upper(uint32_t cp)
{
    const mk_case_range *r = case_range_find(mk_upper_ranges, COUNT(mk_upper_ranges), cp);
    return r ? (uint32_t)((int32_t)cp + r->delta) : cp;
}

static uint32_t simple_lower(uint32_t cp)
{
    const mk_case_range *r = case_range_find(mk_lower_ranges, COUNT(mk_lower_ranges), cp);
    return r ? (uint32_t)((int32_t)cp + r->delta) : cp;
}

/* ECMAScript Canonicalize (RegExp, ignoreCase, non-unicode mode) for a BMP
 * code unit: ch.toUpperCase() when that is a single code unit, unless it maps
 * a non-ASCII character to ASCII. */
static uint32_t re_canonicalize(uint32_t cp)
{
    if (cp >= 0x10000) return cp;
    if (case_special_find(mk_upper_special, COUNT(mk_upper_special), cp)) return cp;
    uint32_t u = simple_upper(cp);
    if (u >= 0x10000) return cp;
    if (cp >= 128 && u < 128) return cp;
    return u;
}

/* ======================================================================== */
/* UTF-8 / WTF-8                                                             */
/* ======================================================================== */






/* ======================================================================== */
/* arena string and object builders                                          */
/* ======================================================================== */
typedef struct {
    jarena *a;
    char *p;
    size_t len, cap;
    bool oom;
} sb;

static void sb_init(sb *b, jarena *a, size_t hint)
{
    b->a = a;
    b->len = 0;
    b->oom = false;
    b->cap = hint < 32 ? 32 : hint;
    b->p = jarena_alloc(a, b->cap);
    if (!b->p) { b->oom = true; b->cap = 0; }
}

static bool sb_reserve(sb *b, size_t extra)
{
    if (b->oom) return false;
    if (b->len + extra <= b->cap) return true;
    size_t c = b->cap * 2;
    if (c < b->len + extra) c = b->len + extra + 32;
    char *np = jarena_alloc(b->a, c);
    if (!np) { b->oom = true; return false; }
    if (b->len) memcpy(np, b->p, b->len);
    b->p = np;
    b->cap = c;
    return true;
}

static void sb_put(sb *b, const void *s, size_t n)
{
    if (!n || !sb_reserve(b, n)) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void sb_put_any(void *b, const char *s, size_t n) { sb_put(b, s, n); }

/* String(v) (JavaScript ToString), appended; undefined/null give "". */
static void put_js_string(sb *b, const jv *v) { js_string_to(sb_put_any, b, v); }

static void sb_putc(sb *b, char c)
{
    if (!sb_reserve(b, 1)) return;
    b->p[b->len++] = c;
}

static void sb_puts(sb *b, const char *s) { sb_put(b, s, strlen(s)); }

static jv sb_jv(const sb *b) { return jv_strref(b->len ? b->p : "", b->len); }

/* An object under construction with JavaScript assignment semantics: setting
 * an existing key replaces the value and keeps the position (also when the
 * old value was undefined). */
typedef struct {
    jarena *a;
    jmember *m;
    uint32_t n, cap;
    uint32_t *ht; /* open addressing, slot = index + 1 */
    uint32_t hmask;
    bool oom;
} ob;

static uint32_t key_hash(const char *k, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static void ob_init(ob *b, jarena *a)
{
    memset(b, 0, sizeof *b);
    b->a = a;
}

static bool ob_rehash(ob *b)
{
    uint32_t size = 64;
    while (size < b->cap * 2) size *= 2;
    uint32_t *ht = jarena_alloc(b->a, size * sizeof *ht);
    if (!ht) return false;
    memset(ht, 0, size * sizeof *ht);
    b->ht = ht;
    b->hmask = size - 1;
    for (uint32_t i = 0; i < b->n; i++) {
        uint32_t h = key_hash(b->m[i].key, b->m[i].klen) & b->hmask;
        while (ht[h]) h = (h + 1) & b->hmask;
        ht[h] = i + 1;
    }
    return true;
}

static void ob_set(ob *b, const char *k, uint32_t kn, jv val)
{
    if (b->oom) return;
    if (b->ht) {
        uint32_t h = key_hash(k, kn) & b->hmask;
        for (; b->ht[h]; h = (h + 1) & b->hmask) {
            jmember *m = &b->m[b->ht[h] - 1];
            if (m->klen == kn && memcmp(m->key, k, kn) == 0) { m->val = val; return; }
        }
    } else {
        for (uint32_t i = 0; i < b->n; i++)
            if (b->m[i].klen == kn && memcmp(b->m[i].key, k, kn) == 0) { b->m[i].val = val; return; }
    }
    if (b->n == b->cap) {
        uint32_t c = b->cap ? b->cap * 2 : 8;
        jmember *nm = jarena_alloc(b->a, c * sizeof *nm);
        if (!nm) { b->oom = true; return; }
        if (b->n) memcpy(nm, b->m, b->n * sizeof *nm);
        b->m = nm;
        b->cap = c;
        if (b->cap > 16 && !ob_rehash(b)) { b->oom = true; return; }
    }
    jmember *m = &b->m[b->n++];
    m->key = k;
    m->klen = kn;
    m->val = val;
    if (b->ht) {
        uint32_t h = key_hash(k, kn) & b->hmask;
        while (b->ht[h]) h = (h + 1) & b->hmask;
        b->ht[h] = b->n;
    }
}

static jv ob_jv(const ob *b)
{
    jv v = {0};
    v.type = JV_OBJ;
    v.n = b->n;
    v.u.members = b->m;
    if (!b->m) {
        static jmember none;
        v.u.members = &none;
    }
    return v;
}

/* ======================================================================== */
/* JavaScript value helpers                                                  */
/* ======================================================================== */
/* Object.keys order: array-index keys ascending, then the others in
 * insertion order. Returns NULL when that is the stored order; else a
 * permutation allocated in a (or *oom). */
static const uint32_t *js_order(jarena *a, const jv *obj, bool *oom)
{
    uint32_t *perm = jarena_alloc(a, (obj->n ? obj->n : 1) * sizeof *perm);
    if (!perm) {
        *oom = true;
        return NULL;
    }
    int r = json_key_order(obj, perm);
    if (r < 0) *oom = true;
    return r > 0 ? perm : NULL;
}

static bool num_is_zero(const jv *v)
{
    for (uint32_t i = 0; i < v->n; i++) {
        char c = v->u.s[i];
        if (c == 'e' || c == 'E') break;
        if (c >= '1' && c <= '9') return false;
    }
    return true;
}


static bool nullish(const jv *v) { return !v || v->type == JV_UNDEF || v->type == JV_NULL; }

static bool key_is(const char *k, size_t n, const char *z)
{
    size_t zn = strlen(z);
    return n == zn && memcmp(k, z, n) == 0;
}

static bool str_is(const jv *v, const char *z) { return v && v->type == JV_STR && key_is(v->u.s, v->n, z); }

/* Member lookup that sees members holding undefined too (they are
 * "present" to `in`/Object.keys in JavaScript, but read as undefined). */
static const jv *member(const jv *obj, const char *key)
{
    if (!obj || obj->type != JV_OBJ) return NULL;
    size_t kn = strlen(key);
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->key && m->klen == kn && memcmp(m->key, key, kn) == 0) return m->val.type == JV_UNDEF ? NULL : &m->val;
    }
    return NULL;
}

bool mk_is_directive(const jv *v)
{
    if (!v || v->type != JV_OBJ) return false;
    bool at = false;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[i];
        if (m->val.type == JV_UNDEF || !m->key) continue;
        if (m->klen && m->key[0] == '@') at = true;
        else if (!key_is(m->key, m->klen, "_metadata")) return false;
    }
    return at;
}

/* The first '@' key (Object.keys order: '@' keys are never array indexes, so
 * insertion order). */
static const jmember *first_at(const jv *obj)
{
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type != JV_UNDEF && m->key && m->klen && m->key[0] == '@') return m;
    }
    return NULL;
}



/* v == '' (abstract equality with the empty string), v not null/undefined. */
static bool loose_eq_empty(const jv *v)
{
    switch (v->type) {
    case JV_BOOL: return !v->b;
    case JV_NUM: return num_is_zero(v);
    case JV_STR: return v->n == 0;
    case JV_ARR:
        if (v->n == 0) return true;
        if (v->n > 1) return false;
        if (nullish(&v->u.items[0])) return true;
        if (v->u.items[0].type == JV_STR) return v->u.items[0].n == 0;
        if (v->u.items[0].type == JV_ARR) return loose_eq_empty(&v->u.items[0]);
        return false;
    default: return false;
    }
}

/* The UTF-16 code unit at index idx of a string, as a one-unit string (a
 * lone surrogate when it is half of a supplementary character). Points into
 * s when possible, else allocates (a may be NULL: returns -2). 1 when out of
 * range. */
static int char_at(jarena *a, const char *s, uint32_t n, uint64_t idx, jv *out)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t unit = 0;
    size_t i = 0, k;
    while (i < n) {
        uint32_t cp = utf8_decode(u, n, i, &k);
        uint32_t units = (cp != UTF8_BAD_CP && cp >= 0x10000) ? 2 : 1;
        if (idx < unit + units) {
            if (units == 1) {
                *out = jv_strref(s + i, k);
                return 0;
            }
            if (!a) return -2;
            uint32_t c = cp - 0x10000;
            uint32_t half = (idx == unit) ? 0xD800 + (c >> 10) : 0xDC00 + (c & 0x3FF);
            char *p = jarena_alloc(a, 4);
            if (!p) return -1;
            size_t m = utf8_encode(p, half);
            *out = jv_strref(p, m);
            return 0;
        }
        unit += units;
        i += k;
    }
    return 1;
}

/* ======================================================================== */
/* get (get.js)                                                              */
/* ======================================================================== */
/* path.split(/\[(?="|'|\d)|\.|(?<="|'|\d)]+/g).filter(f => f) — yields the
 * next non-empty raw segment; quotes are removed by the caller. */
static bool is_qd(char c) { return c == '"' || c == '\'' || (c >= '0' && c <= '9'); }

static bool seg_next(const char *p, size_t n, size_t *pos, size_t *s, size_t *e)
{
    size_t i = *pos;
    while (i <= n) {
        size_t start = i;
        /* scan to the next separator */
        size_t sep_len = 0;
        for (; i < n; i++) {
            char c = p[i];
            if (c == '.') { sep_len = 1; break; }
            if (c == '[' && i + 1 < n && is_qd(p[i + 1])) { sep_len = 1; break; }
            if (c == ']' && i > 0 && is_qd(p[i - 1])) {
                sep_len = 1;
                while (i + sep_len < n && p[i + sep_len] == ']') sep_len++;
                break;
            }
        }
        size_t end = i;
        i = (i < n) ? i + sep_len : n + 1;
        if (end > start) {
            *s = start;
            *e = end;
            *pos = i;
            return true;
        }
    }
    *pos = i;
    return false;
}

static bool has_quote(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"' || s[i] == '\'') return true;
    return false;
}

static size_t strip_quotes(char *dst, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '"' && s[i] != '\'') dst[k++] = s[i];
    return k;
}

typedef struct {
    const char *k;
    uint32_t n;
    int64_t idx; /* canonical index, or -1 */
    /* the inherited method this key names on an object / string / array /
     * number, or NULL (see proto_step) */
    const char *obj_m, *str_m, *arr_m, *num_m;
} seg;

/* The built-in methods a value inherits (Node 20): `"abc".search` or
 * `[].map` is a function in JavaScript, not undefined — and upstream's get
 * returns it (e.g. a string context.page makes $.context.page.search a
 * function, which validation then reports). */
static const char *const OBJECT_PROTO[] = {
    "constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__",
    "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "toLocaleString", NULL};
static const char *const STRING_PROTO[] = {
    "at", "anchor", "big", "blink", "bold", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "fixed",
    "fontcolor", "fontsize", "includes", "indexOf", "isWellFormed", "italics", "lastIndexOf", "link",
    "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll",
    "search", "slice", "small", "split", "startsWith", "strike", "sub", "substr", "substring", "sup",
    "toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase", "toUpperCase", "toWellFormed", "trim", "trimEnd",
    "trimLeft", "trimRight", "trimStart", NULL};
static const char *const ARRAY_PROTO[] = {
    "at", "concat", "copyWithin", "entries", "every", "fill", "filter", "find", "findIndex", "findLast",
    "findLastIndex", "flat", "flatMap", "forEach", "includes", "indexOf", "join", "keys", "lastIndexOf", "map",
    "pop", "push", "reduce", "reduceRight", "reverse", "shift", "slice", "some", "sort", "splice", "toReversed",
    "toSorted", "toSpliced", "unshift", "values", "with", NULL};
static const char *const NUMBER_PROTO[] = {"toExponential", "toFixed", "toPrecision", NULL};

static const char *in_names(const char *const *names, const char *k, uint32_t n)
{
    for (; names && *names; names++)
        if (strlen(*names) == n && memcmp(*names, k, n) == 0) return *names;
    return NULL;
}

static void seg_set(seg *sg, const char *k, uint32_t n)
{
    uint32_t x;
    sg->k = k;
    sg->n = n;
    sg->idx = json_index_key(k, n, &x) ? (int64_t)x : -1;
    /* decided once per path step, not per event: is the key an inherited method name? */
    sg->obj_m = in_names(OBJECT_PROTO, k, n);
    sg->str_m = sg->obj_m ? NULL : in_names(STRING_PROTO, k, n);
    sg->arr_m = sg->obj_m ? NULL : in_names(ARRAY_PROTO, k, n);
    sg->num_m = sg->obj_m ? NULL : in_names(NUMBER_PROTO, k, n);
}

/* cur[key] when key is not an own property: an inherited method, or undefined. */
static int proto_step(const jv *cur, const seg *sg, jv *out)
{
    const char *name = sg->obj_m;
    if (!name) name = cur->type == JV_STR ? sg->str_m : cur->type == JV_ARR ? sg->arr_m
                    : cur->type == JV_NUM ? sg->num_m : NULL;
    if (name) { /* the static name: the key may live on the caller's stack */
        out->type = JV_FUNC;
        out->b = 0;
        out->n = sg->n;
        out->u.s = name;
    }
    return 0;
}

/* One step of `prevObj && prevObj[key]` on a truthy cur. Returns 0 (out set),
 * -1 out of memory, -2 result needs an arena and a is NULL. */
static int get_step(jarena *a, const jv *cur, const seg *sg, jv *out)
{
    *out = jv_undef();
    switch (cur->type) {
    case JV_OBJ:
        for (uint32_t i = 0; i < cur->n; i++) {
            const jmember *m = &cur->u.members[i];
            if (m->key && m->klen == sg->n && memcmp(m->key, sg->k, sg->n) == 0) {
                *out = m->val;
                return 0;
            }
        }
        return proto_step(cur, sg, out);
    case JV_ARR:
        if (sg->idx >= 0) {
            if ((uint64_t)sg->idx < cur->n) *out = cur->u.items[sg->idx];
            return 0;
        }
        if (key_is(sg->k, sg->n, "length")) {
            if (!a) return -2;
            *out = jv_num_int(a, cur->n);
            return out->type == JV_NUM ? 0 : -1;
        }
        return proto_step(cur, sg, out);
    case JV_STR:
        if (sg->idx >= 0) {
            int r = char_at(a, cur->u.s, cur->n, (uint64_t)sg->idx, out);
            if (r == 1) { *out = jv_undef(); return 0; }
            return r;
        }
        if (key_is(sg->k, sg->n, "length")) {
            if (!a) return -2;
            *out = jv_num_int(a, (int64_t)utf16_len(cur->u.s, cur->n));
            return out->type == JV_NUM ? 0 : -1;
        }
        return proto_step(cur, sg, out);
    case JV_NUM:
    case JV_BOOL:
    case JV_FUNC:
        return proto_step(cur, sg, out);
    default:
        return 0;
    }
}

/* get(root, path) for a path string given at run time. */
static int get_dyn(jarena *a, const jv *root, const char *p, size_t n, jv *out)
{
    jv cur = *root;
    size_t pos = 0, s, e;
    char small[64];
    while (seg_next(p, n, &pos, &s, &e)) {
        if (!js_truthy(&cur)) break;
        const char *k = p + s;
        size_t kn = e - s;
        if (has_quote(k, kn)) {
            char *d = small;
            if (kn > sizeof small) {
                if (!a) return -2;
                d = jarena_alloc(a, kn);
                if (!d) return -1;
            }
            kn = strip_quotes(d, k, kn);
            k = d;
        }
        seg sg;
        seg_set(&sg, k, (uint32_t)kn);
        jv next;
        int r = get_step(a, &cur, &sg, &next);
        if (r) return r;
        cur = next; /* (never points into `small`: keys are not returned; a
                     * method's name is the static one of the table) */
    }
    *out = cur;
    return 0;
}

typedef struct {
    seg *s;
    uint32_t n;
} cpath;

static int get_static(jarena *a, const jv *root, const cpath *cp, jv *out)
{
    jv cur = *root;
    for (uint32_t i = 0; i < cp->n; i++) {
        if (!js_truthy(&cur)) break;
        jv next;
        int r = get_step(a, &cur, &cp->s[i], &next);
        if (r) return r;
        cur = next;
    }
    *out = cur;
    return 0;
}

int mk_get_value(const jv *root, const char *path, size_t len, jarena *a, jv *out)
{
    *out = jv_undef();
    if (!root) return 0;
    int r = get_dyn(a, root, path, len, out);
    if (r) { *out = jv_undef(); return -1; }
    return 0;
}

/* key == seg with the quotes of seg removed */
static bool key_eq_unquoted(const char *key, size_t kn, const char *seg, size_t sn)
{
    size_t j = 0;
    for (size_t i = 0; i < sn; i++) {
        if (seg[i] == '"' || seg[i] == '\'') continue;
        if (j >= kn || key[j] != seg[i]) return false;
        j++;
    }
    return j == kn;
}

/* Pointer flavour: walks the tree itself so that the result is a node. */
const jv *mk_get(const jv *root, const char *path, size_t len)
{
    if (!root) return NULL;
    const jv *cur = root;
    size_t pos = 0, s, e;
    char small[16];
    while (seg_next(path, len, &pos, &s, &e)) {
        if (!js_truthy(cur)) break;
        const char *raw = path + s, *k = raw;
        size_t rawn = e - s, kn = rawn;
        bool quoted = has_quote(raw, rawn);
        if (quoted) {
            /* indexes and "length" are short; longer keys are compared in place */
            if (rawn <= sizeof small) {
                kn = strip_quotes(small, raw, rawn);
                k = small;
            } else {
                k = "";
                kn = 0;
            }
        }
        seg sg;
        seg_set(&sg, k, (uint32_t)kn);
        const jv *next = NULL;
        if (cur->type == JV_OBJ) {
            for (uint32_t i = 0; i < cur->n; i++) {
                const jmember *m = &cur->u.members[i];
                if (m->key && (quoted ? key_eq_unquoted(m->key, m->klen, raw, rawn)
                                      : (m->klen == sg.n && memcmp(m->key, sg.k, sg.n) == 0))) {
                    next = &m->val;
                    break;
                }
            }
        } else if (cur->type == JV_ARR) {
            if (sg.idx >= 0 && (uint64_t)sg.idx < cur->n) next = &cur->u.items[sg.idx];
            else if (key_is(sg.k, sg.n, "length")) return NULL;
        } else if (cur->type == JV_STR) {
            if (sg.idx >= 0 || key_is(sg.k, sg.n, "length")) return NULL;
        }
        if (!next || next->type == JV_UNDEF) return NULL;
        cur = next;
    }
    return cur->type == JV_UNDEF ? NULL : cur;
}

/* ======================================================================== */
/* validate (validate.js)                                                    */
/* ======================================================================== */
typedef struct stk {
    const struct stk *up;
    const char *k;
    size_t n;
} stk;

typedef struct {
    char *buf;
    size_t cap, len;
    int count;
    jarena *tmp; /* for js_order */
    bool oom;
    bool liquid; /* our @liquid rejection is among the errors */
} verr;

static void vput(verr *e, const char *str, size_t n)
{
    if (e->len + n >= e->cap) n = e->cap - 1 - e->len;
    memcpy(e->buf + e->len, str, n);
    e->len += n;
}

/* Appends "/a/b <msg>." (ValidationError's message) to the list. */
static int vfail(verr *e, const stk *s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int vfail(verr *e, const stk *s, const char *fmt, ...)
{
    const stk *chain[256];
    size_t depth = 0;
    for (const stk *p = s; p && depth < COUNT(chain); p = p->up) chain[depth++] = p;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    e->count++;
    if (!e->buf || !e->cap) return -1;
    if (e->len && e->len + 1 < e->cap) vput(e, " ", 1);
    vput(e, "/", 1);
    for (size_t i = depth; i-- > 0;) {
        vput(e, chain[i]->k, chain[i]->n);
        if (i) vput(e, "/", 1);
    }
    vput(e, " ", 1);
    vput(e, msg, strlen(msg));
    vput(e, ".", 1);
    e->buf[e->len] = 0;
    return -1;
}

typedef enum { T_UNDEF, T_NULL, T_BOOL, T_NUM, T_STR, T_ARR, T_OBJ, T_DIR, T_FUNC } rtype;
static const char *const rtype_name[] = {"undefined", "null",   "boolean",   "number",  "string",
                                         "array",     "object", "directive", "function"};

static const char *article(rtype t)
{
    char c = rtype_name[t][0];
    return (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') ? "an" : "a";
}

static rtype real_type(const jv *v)
{
    if (!v) return T_UNDEF;
    switch (v->type) {
    case JV_NULL: return T_NULL;
    case JV_BOOL: return T_BOOL;
    case JV_NUM: return T_NUM;
    case JV_STR: return T_STR;
    case JV_ARR: return T_ARR;
    case JV_OBJ: return T_OBJ;
    case JV_FUNC: return T_FUNC;
    default: return T_UNDEF;
    }
}

/* realTypeOrDirective: an object with any '@' key is a "directive". */
static rtype rtod(const jv *v)
{
    rtype t = real_type(v);
    if (t == T_OBJ && first_at(v)) return T_DIR;
    return t;
}

#define TY(t) article(t), rtype_name[t]

static int v_validate(verr *e, const jv *v, const stk *s);
static int v_directive(verr *e, const jv *obj, const stk *s);

static int v_object(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_OBJ) return vfail(e, s, "should be an object but it is %s %s", TY(t));
    /* (the "shouldn't have directive (@-prefixed) keys" branch is unreachable) */
    const uint32_t *ord = js_order(e->tmp, v, &e->oom);
    int bad = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[ord ? ord[i] : i];
        if (m->val.type == JV_UNDEF) continue;
        stk sub = {s, m->key, m->klen};
        if (v_validate(e, &m->val, &sub)) bad = -1;
    }
    return bad;
}

static int v_array(verr *e, const jv *v, const stk *s)
{
    rtype t = real_type(v);
    if (t != T_ARR) return vfail(e, s, "should be an array but it is %s %s", TY(t));
    return 0;
}

static int v_validate(verr *e, const jv *v, const stk *s)
{
    switch (rtod(v)) {
    case T_DIR: return v_directive(e, v, s);
    case T_OBJ: return v_object(e, v, s);
    case T_ARR: return v_array(e, v, s);
    default: return 0;
    }
}

static int v_raw(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_UNDEF) return vfail(e, s, "should be a mapping directive or a JSON value but it is %s %s", TY(t));
    return 0;
}

static int v_dir_or_str(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_STR) return 0;
    return vfail(e, s, "should be a string or a mapping directive but it is %s %s", TY(t));
}

static int v_dir_or_obj(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t == T_DIR) return v_directive(e, v, s);
    if (t == T_OBJ) return v_object(e, v, s);
    return vfail(e, s, "should be a object or a mapping directive but it is %s %s", TY(t));
}

static int v_string(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_STR) return vfail(e, s, "should be a string but it is %s %s", TY(t));
    return 0;
}

static int v_strlen(verr *e, const jv *v, const stk *s, size_t min, size_t max)
{
    if (!v || v->type != JV_STR) return 0;
    size_t n = utf16_len(v->u.s, v->n);
    if (n < min) return vfail(e, s, "should be a string of length %zu or greater", min);
    if (n > max) return vfail(e, s, "should be a string of length %zu or less", max);
    return 0;
}

static int v_bool(verr *e, const jv *v, const stk *s)
{
    rtype t = rtod(v);
    if (t != T_BOOL) return vfail(e, s, "should be a boolean but it is %s %s", TY(t));
    return 0;
}

/* JSON.stringify(str) into a small buffer (for a message). */
static void json_quote(char *out, size_t cap, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    if (cap < 8) { if (cap) out[0] = 0; return; }
    out[k++] = '"';
    for (size_t i = 0; i < n && k + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { out[k++] = '\\'; out[k++] = (char)c; }
        else if (c == '\n') { out[k++] = '\\'; out[k++] = 'n'; }
        else if (c == '\r') { out[k++] = '\\'; out[k++] = 'r'; }
        else if (c == '\t') { out[k++] = '\\'; out[k++] = 't'; }
        else if (c == '\b') { out[k++] = '\\'; out[k++] = 'b'; }
        else if (c == '\f') { out[k++] = '\\'; out[k++] = 'f'; }
        else if (c < 0x20) {
            out[k++] = '\\'; out[k++] = 'u'; out[k++] = '0'; out[k++] = '0';
            out[k++] = hex[c >> 4]; out[k++] = hex[c & 15];
        } else if (c == 0xED && i + 2 < n && ((unsigned char)s[i + 1] & 0xE0) == 0xA0) {
            unsigned cp = 0xD000 | ((unsigned)((unsigned char)s[i + 1] & 0x3F) << 6) | ((unsigned char)s[i + 2] & 0x3F);
            out[k++] = '\\'; out[k++] = 'u';
            out[k++] = hex[cp >> 12]; out[k++] = hex[(cp >> 8) & 15];
            out[k++] = hex[(cp >> 4) & 15]; out[k++] = hex[cp & 15];
            i += 2;
        } else out[k++] = (char)c;
    }
    out[k++] = '"';
    out[k] = 0;
}

static int v_allowed(verr *e, const jv *v, const stk *s, const char *a1, const char *a2)
{
    if (v_string(e, v, s)) return -1;
    /* str.toLowerCase() compared with ASCII words: only ASCII letters can
     * lower-case to ASCII letters here (U+212A KELVIN SIGN -> 'k' is the one
     * other, and no allowed word has a 'k'). */
    char low[16];
    bool fits = v->n < sizeof low;
    for (uint32_t i = 0; fits && i < v->n; i++) {
        char c = v->u.s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    if (fits && (key_is(low, v->n, a1) || key_is(low, v->n, a2))) return 0;
    char q[200];
    json_quote(q, sizeof q, v->u.s, v->n);
    return vfail(e, s, "should be one of %s, %s but it is %s", a1, a2, q);
}

/* validateObjectWithFields: kinds of field validators. */
enum { F_RAW, F_STR, F_DIR_OR_STR, F_DIR_OR_OBJ, F_BOOL, F_ARRAY, F_PATTERN, F_REPLACEMENT, F_ENCDEC, F_LEFTRIGHT };
typedef struct {
    const char *name;
    bool required;
    int kind;
} vfield;

static int v_field_apply(verr *e, int kind, const jv *v, const stk *s)
{
    switch (kind) {
    case F_RAW: return v_raw(e, v, s);
    case F_STR: return v_string(e, v, s);
    case F_DIR_OR_STR: return v_dir_or_str(e, v, s);
    case F_DIR_OR_OBJ: return v_dir_or_obj(e, v, s);
    case F_BOOL: return v_bool(e, v, s);
    case F_ARRAY: return v_array(e, v, s);
    case F_PATTERN:
        if (v_string(e, v, s)) return -1;
        return v_strlen(e, v, s, 1, 10);
    case F_REPLACEMENT:
        if (v_string(e, v, s)) return -1;
        return v_strlen(e, v, s, 0, 10);
    case F_ENCDEC: return v_allowed(e, v, s, "encode", "decode");
    case F_LEFTRIGHT: return v_allowed(e, v, s, "left", "right");
    default: return 0;
    }
}

static int v_fields(verr *e, const jv *v, const stk *s, const vfield *f, size_t nf)
{
    if (v_object(e, v, s)) return -1;
    int bad = 0;
    for (size_t i = 0; i < nf; i++) {
        const jv *x = member(v, f[i].name);
        stk sub = {s, f[i].name, strlen(f[i].name)};
        if (f[i].required && !x) {
            bad = vfail(e, s, "should have field \"%s\" but it doesn't", f[i].name);
            continue;
        }
        if (x && v_field_apply(e, f[i].kind, x, &sub)) bad = -1;
    }
    return bad;
}

static int v_directive(verr *e, const jv *obj, const stk *s)
{
    uint32_t nkeys = 0, nat = 0, nother = 0;
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        nkeys++;
        if (m->klen && m->key[0] == '@') nat++;
        else if (!key_is(m->key, m->klen, "_metadata")) nother++;
    }
    if (nat > 1) return vfail(e, s, "should only have one @-prefixed key but it has %u keys", nat);
    if (nother > 0) return vfail(e, s, "should only have one @-prefixed key but it has %u keys", nkeys);
    const jmember *d = first_at(obj);
    const char *k = d->key;
    size_t kn = d->klen;
    const jv *v = &d->val;
    stk ds = {s, k, kn};
#define FIELDS(...)                                               \
    do {                                                          \
        static const vfield f_[] = {__VA_ARGS__};                 \
        return v_fields(e, v, &ds, f_, COUNT(f_));                \
    } while (0)
    if (key_is(k, kn, "@if"))
        FIELDS({"exists", false, F_RAW}, {"then", false, F_RAW}, {"else", false, F_RAW});
    if (key_is(k, kn, "@case"))
        FIELDS({"operator", false, F_STR}, {"value", false, F_DIR_OR_STR});
    if (key_is(k, kn, "@replace"))
        FIELDS({"pattern", true, F_PATTERN}, {"replacement", false, F_REPLACEMENT}, {"value", true, F_DIR_OR_STR},
               {"ignorecase", false, F_BOOL}, {"global", false, F_BOOL});
    if (key_is(k, kn, "@json"))
        FIELDS({"value", true, F_RAW}, {"mode", true, F_ENCDEC});
    if (key_is(k, kn, "@flatten"))
        FIELDS({"separator", false, F_STR}, {"value", true, F_RAW});
    if (key_is(k, kn, "@transform"))
        FIELDS({"apply", true, F_DIR_OR_OBJ}, {"mapping", true, F_DIR_OR_OBJ});
#undef FIELDS
    if (key_is(k, kn, "@arrayPath")) {
        if (v_array(e, v, &ds)) return -1;
        if (v_dir_or_str(e, v->n > 0 ? &v->u.items[0] : NULL, &ds)) return -1;
        return v_validate(e, v->n > 1 ? &v->u.items[1] : NULL, &ds);
    }
    if (key_is(k, kn, "@path") || key_is(k, kn, "@template")) return v_dir_or_str(e, v, &ds);
    if (key_is(k, kn, "@literal") || key_is(k, kn, "@excludeWhenNull")) return v_raw(e, v, &ds);
    if (key_is(k, kn, "@merge")) {
        static const vfield f[] = {{"direction", false, F_LEFTRIGHT}, {"objects", true, F_ARRAY}};
        if (v_fields(e, v, &ds, f, COUNT(f))) return -1;
        /* data.forEach(obj => validateDirectiveOrObject(obj)) — no stack,
         * and the first failure ends it */
        const jv *objs = member(v, "objects");
        for (uint32_t i = 0; i < objs->n; i++)
            if (v_dir_or_obj(e, &objs->u.items[i], NULL)) return -1;
        return 0;
    }
    if (key_is(k, kn, "@liquid")) {
        if (v_string(e, v, &ds)) return -1;
        e->liquid = true;
        return vfail(e, s, "uses @liquid, an unsupported directive");
    }
    char name[128];
    size_t cn = kn < sizeof name - 1 ? kn : sizeof name - 1;
    memcpy(name, k, cn);
    name[cn] = 0;
    return vfail(e, s, "has an invalid directive: %s", name);
}

/* ======================================================================== */
/* compiled form                                                             */
/* ======================================================================== */
enum {
    NK_LIT, NK_OBJ, NK_ARR, NK_PATH, NK_PATH_DYN, NK_IF, NK_TPL, NK_TPL_RAW, NK_TPL_DYN, NK_ARRAYPATH,
    NK_CASE, NK_REPLACE, NK_JSON, NK_FLATTEN, NK_MERGE, NK_TRANSFORM, NK_EXCL, NK_ERR
};
enum { CASE_LOWER, CASE_UPPER, CASE_BAD };
enum { JSON_ENCODE, JSON_DECODE, JSON_NONE };

typedef struct node node;

typedef struct {
    const char *s; /* literal text, or NULL for a placeholder */
    uint32_t n;
    cpath path;
} tpl_piece;

typedef struct {
    const char *s;
    uint32_t n;
    uint32_t units; /* UTF-16 length */
} rstr;

struct node {
    uint8_t kind;
    union {
        jv lit;
        struct { uint32_t n; jmember *keys; node **vals; } obj;
        struct { uint32_t n; node **items; } arr;
        cpath path;
        node *arg;
        struct { node *cond, *then_, *else_; bool blank; } iff;
        struct { uint32_t n; tpl_piece *p; } tpl;
        rstr raw;
        struct { bool fixed; cpath path; node *root, *shape; } ap;
        struct { node *value; int op; } cs;
        struct {
            node *value;
            bool ok, global, icase, second;
            rstr pat, rep, pat2, rep2;
        } rp;
        struct { node *value; int mode; } js;
        struct { node *sep, *value; bool omit; } fl;
        struct { node *dir; const char *objects_err; uint32_t n; node **objs; } mg;
        struct { node *apply, *mapping; } tf;
        const char *err;
    } u;
};

struct mk_program {
    jarena mem;
    node *root;
    bool need_object; /* mk_compile: the event must be an object */
};

/* ---- compiler ------------------------------------------------------------ */
typedef struct {
    jarena *a;
    char *err;
    size_t errlen;
    bool failed;
} cctx;

static int cfail(cctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cfail(cctx *c, const char *fmt, ...)
{
    if (!c->failed && c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    c->failed = true;
    return -1;
}

static void *calloc_node(cctx *c, uint8_t kind)
{
    node *n = jarena_alloc(c->a, sizeof *n);
    if (!n) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static const char *cstrdup(cctx *c, const char *s, size_t n)
{
    char *p = jarena_strdup(c->a, s, n);
    if (!p) cfail(c, "out of memory compiling the mapping");
    return p;
}

static node *err_node(cctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static node *err_node(cctx *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    node *n = calloc_node(c, NK_ERR);
    if (!n) return NULL;
    n->u.err = cstrdup(c, buf, strlen(buf));
    return n->u.err ? n : NULL;
}

static node *lit_node(cctx *c, const jv *v)
{
    node *n = calloc_node(c, NK_LIT);
    if (!n) return NULL;
    if (!v) return n; /* undefined */
    if (jv_clone(c->a, v, &n->u.lit)) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    return n;
}

static bool rstr_set(cctx *c, rstr *r, const jv *v)
{
    r->s = cstrdup(c, v->u.s, v->n);
    r->n = v->n;
    r->units = (uint32_t)utf16_len(v->u.s, v->n);
    return r->s != NULL;
}

/* Pre-splits a get() path (quotes removed, indexes parsed). */
static int compile_path(cctx *c, const char *p, size_t n, cpath *out)
{
    size_t pos = 0, s, e;
    uint32_t count = 0;
    while (seg_next(p, n, &pos, &s, &e)) count++;
    out->n = count;
    out->s = NULL;
    if (!count) return 0;
    out->s = jarena_alloc(c->a, count * sizeof *out->s);
    if (!out->s) return cfail(c, "out of memory compiling the mapping");
    pos = 0;
    for (uint32_t i = 0; seg_next(p, n, &pos, &s, &e); i++) {
        char *d = jarena_alloc(c->a, e - s + 1);
        if (!d) return cfail(c, "out of memory compiling the mapping");
        size_t k = strip_quotes(d, p + s, e - s);
        d[k] = 0;
        seg_set(&out->s[i], d, (uint32_t)k);
    }
    return 0;
}

/* path.replace('$.', ''): the first occurrence, wherever it is. */
static int compile_dollar_path(cctx *c, const char *p, size_t n, cpath *out)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] == '$' && p[i + 1] == '.') {
            char *t = jarena_alloc(c->a, n);
            if (!t) return cfail(c, "out of memory compiling the mapping");
            memcpy(t, p, i);
            memcpy(t + i, p + i + 2, n - i - 2);
            return compile_path(c, t, n - 2, out);
        }
    }
    return compile_path(c, p, n, out);
}

/* {{{x}}} / {{x}} scanning (placeholders.js regexps). Finds the next match
 * at or after *pos: [ms, me) the whole match, [is, ie) the inner text. */
static bool tpl_next(const char *t, size_t n, size_t from, int braces, size_t *ms, size_t *me, size_t *is, size_t *ie)
{
    for (size_t i = from; i + (size_t)braces * 2 < n; i++) {
        bool open = true;
        for (int b = 0; b < braces; b++)
            if (t[i + (size_t)b] != '{') { open = false; break; }
        if (!open) continue;
        size_t j = i + (size_t)braces;
        while (j < n && t[j] != '}') j++;
        if (j == i + (size_t)braces) continue; /* [^}]+ needs one character */
        if (j + (size_t)braces > n) continue;
        bool close = true;
        for (int b = 0; b < braces; b++)
            if (t[j + (size_t)b] != '}') { close = false; break; }
        if (!close) continue;
        *ms = i;
        *me = j + (size_t)braces;
        *is = i + (size_t)braces;
        *ie = j;
        return true;
    }
    return false;
}

static node *c_value(cctx *c, const jv *v, const stk *s);

static bool has_directive(const jv *v)
{
    if (v->type == JV_ARR) {
        for (uint32_t i = 0; i < v->n; i++)
            if (has_directive(&v->u.items[i])) return true;
        return false;
    }
    if (v->type != JV_OBJ) return false;
    if (mk_is_directive(v)) return true;
    for (uint32_t i = 0; i < v->n; i++)
        if (has_directive(&v->u.members[i].val)) return true;
    return false;
}

static node *c_template(cctx *c, const jv *v)
{
    size_t ms, me, is, ie;
    if (tpl_next(v->u.s, v->n, 0, 3, &ms, &me, &is, &ie)) {
        /* a {{{x}}} substitution may create new {{x}}: render at run time */
        node *n = calloc_node(c, NK_TPL_RAW);
        if (!n || !rstr_set(c, &n->u.raw, v)) return NULL;
        return n;
    }
    node *n = calloc_node(c, NK_TPL);
    if (!n) return NULL;
    const char *t = v->u.s;
    size_t len = v->n, pos = 0, count = 0;
    while (tpl_next(t, len, pos, 2, &ms, &me, &is, &ie)) {
        count += 2;
        pos = me;
    }
    count++;
    n->u.tpl.p = jarena_alloc(c->a, count * sizeof(tpl_piece));
    if (!n->u.tpl.p) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    memset(n->u.tpl.p, 0, count * sizeof(tpl_piece));
    uint32_t k = 0;
    pos = 0;
    while (tpl_next(t, len, pos, 2, &ms, &me, &is, &ie)) {
        if (ms > pos) {
            n->u.tpl.p[k].s = cstrdup(c, t + pos, ms - pos);
            n->u.tpl.p[k++].n = (uint32_t)(ms - pos);
        }
        size_t a, b;
        js_trim(t + is, ie - is, &a, &b);
        if (compile_path(c, t + is + a, b - a, &n->u.tpl.p[k++].path)) return NULL;
        pos = me;
    }
    if (pos < len) {
        n->u.tpl.p[k].s = cstrdup(c, t + pos, len - pos);
        n->u.tpl.p[k++].n = (uint32_t)(len - pos);
    }
    n->u.tpl.n = k;
    return c->failed ? NULL : n;
}

static const char *js_typeof(const jv *v)
{
    switch (v ? v->type : JV_UNDEF) {
    case JV_BOOL: return "boolean";
    case JV_NUM: return "number";
    case JV_STR: return "string";
    case JV_UNDEF: return "undefined";
    case JV_FUNC: return "function";
    default: return "object";
    }
}

static node *compile_mapping(cctx *c, const jv *mapping, bool validated, const stk *s);

static node *c_directive(cctx *c, const jv *obj, const stk *s)
{
    const jmember *d = first_at(obj);
    const char *k = d->key;
    size_t kn = d->klen;
    const jv *o = &d->val;
    stk ds = {s, k, kn};
    node *n;

    if (key_is(k, kn, "@path") || key_is(k, kn, "@template")) {
        bool path = k[1] == 'p';
        if (o->type == JV_STR) {
            if (!path) return c_template(c, o);
            n = calloc_node(c, NK_PATH);
            if (!n || compile_dollar_path(c, o->u.s, o->n, &n->u.path)) return NULL;
            return n;
        }
        n = calloc_node(c, path ? NK_PATH_DYN : NK_TPL_DYN);
        if (!n || !(n->u.arg = c_value(c, o, &ds))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@literal")) return c_value(c, o, &ds);
    if (key_is(k, kn, "@excludeWhenNull")) {
        n = calloc_node(c, NK_EXCL);
        if (!n || !(n->u.arg = c_value(c, o, &ds))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@if")) {
        if (o->type != JV_OBJ) return err_node(c, "@if requires an object with an \"exists\" key");
        const jv *ex = member(o, "exists"), *bl = member(o, "blank");
        if (!js_truthy(ex) && !js_truthy(bl)) return err_node(c, "@if requires an \"exists\" key or a \"blank\" key");
        n = calloc_node(c, NK_IF);
        if (!n) return NULL;
        stk cs = {&ds, ex ? "exists" : "blank", ex ? 6 : 5};
        n->u.iff.blank = !ex;
        if (!(n->u.iff.cond = c_value(c, ex ? ex : bl, &cs))) return NULL;
        const jv *th = member(o, "then"), *el = member(o, "else");
        stk ts = {&ds, "then", 4}, es = {&ds, "else", 4};
        if (th && !(n->u.iff.then_ = c_value(c, th, &ts))) return NULL;
        if (js_truthy(el) && !(n->u.iff.else_ = c_value(c, el, &es))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@case")) {
        if (o->type != JV_OBJ) return err_node(c, "@case requires an object with a \"operator\" key");
        const jv *op = member(o, "operator"), *val = member(o, "value");
        if (!js_truthy(op)) return err_node(c, "@case requires a \"operator\" key");
        if (!js_truthy(val)) return lit_node(c, NULL);
        n = calloc_node(c, NK_CASE);
        if (!n) return NULL;
        n->u.cs.op = str_is(op, "lower") ? CASE_LOWER : str_is(op, "upper") ? CASE_UPPER : CASE_BAD;
        stk vs = {&ds, "value", 5};
        if (!(n->u.cs.value = c_value(c, val, &vs))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@replace")) {
        if (o->type != JV_OBJ) return err_node(c, "@replace requires an object with a \"pattern\" key");
        const jv *pat = member(o, "pattern");
        if (!js_truthy(pat)) return err_node(c, "@replace requires a \"pattern\" key");
        const jv *rep = member(o, "replacement"), *pat2 = member(o, "pattern2"), *rep2 = member(o, "replacement2");
        const jv *ic = member(o, "ignorecase"), *gl = member(o, "global"), *val = member(o, "value");
        static const jv empty = {JV_STR, 0, 0, {""}};
        static const jv jfalse = {JV_BOOL, 0, 0, {NULL}}, jtrue = {JV_BOOL, 1, 0, {NULL}};
        if (nullish(rep)) rep = &empty;
        if (js_truthy(pat2) && nullish(rep2)) rep2 = &empty;
        if (nullish(ic)) ic = &jfalse;
        if (nullish(gl)) gl = &jtrue;
        if (!js_truthy(val)) return lit_node(c, NULL);
        n = calloc_node(c, NK_REPLACE);
        if (!n) return NULL;
        stk vs = {&ds, "value", 5};
        if (!(n->u.rp.value = c_value(c, val, &vs))) return NULL;
        n->u.rp.ok = pat->type == JV_STR && rep->type == JV_STR && ic->type == JV_BOOL && gl->type == JV_BOOL;
        if (n->u.rp.ok) {
            n->u.rp.icase = ic->b;
            n->u.rp.global = gl->b;
            if (!rstr_set(c, &n->u.rp.pat, pat) || !rstr_set(c, &n->u.rp.rep, rep)) return NULL;
            if (js_truthy(pat2) && pat2->type == JV_STR && rep2 && rep2->type == JV_STR) {
                n->u.rp.second = true;
                if (!rstr_set(c, &n->u.rp.pat2, pat2) || !rstr_set(c, &n->u.rp.rep2, rep2)) return NULL;
            }
        }
        return n;
    }
    if (key_is(k, kn, "@arrayPath")) {
        if (o->type != JV_ARR) return err_node(c, "@arrayPath expected array, got %s", jv_type_name(o));
        const jv *p = o->n > 0 ? &o->u.items[0] : NULL, *shape = o->n > 1 ? &o->u.items[1] : NULL;
        if (p && p->type == JV_UNDEF) p = NULL;
        n = calloc_node(c, NK_ARRAYPATH);
        if (!n) return NULL;
        stk s0 = {&ds, "0", 1}, s1 = {&ds, "1", 1};
        if (p && p->type == JV_STR) {
            n->u.ap.fixed = true;
            if (compile_dollar_path(c, p->u.s, p->n, &n->u.ap.path)) return NULL;
        } else if (!(n->u.ap.root = c_value(c, p, &s0))) {
            return NULL;
        }
        if (shape && shape->type == JV_OBJ && shape->n > 0) {
            bool any = false;
            for (uint32_t i = 0; i < shape->n; i++)
                if (shape->u.members[i].val.type != JV_UNDEF) any = true;
            if (any && !(n->u.ap.shape = c_value(c, shape, &s1))) return NULL;
        }
        return n;
    }
    if (key_is(k, kn, "@json")) {
        if (o->type != JV_OBJ) return err_node(c, "@json requires an object with a \"value\" key");
        const jv *mode = member(o, "mode"), *val = member(o, "value");
        if (!js_truthy(mode)) return err_node(c, "@json requires a \"mode\" key");
        if (!js_truthy(val)) return err_node(c, "@json requires a \"value\" key");
        n = calloc_node(c, NK_JSON);
        if (!n) return NULL;
        n->u.js.mode = str_is(mode, "encode") ? JSON_ENCODE : str_is(mode, "decode") ? JSON_DECODE : JSON_NONE;
        stk vs = {&ds, "value", 5};
        if (!(n->u.js.value = c_value(c, val, &vs))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@flatten")) {
        if (o->type != JV_OBJ) return err_node(c, "@flatten requires an object with a \"separator\" key");
        const jv *sep = member(o, "separator"), *val = member(o, "value");
        if (!js_truthy(sep)) return err_node(c, "@flatten requires a \"separator\" key");
        n = calloc_node(c, NK_FLATTEN);
        if (!n) return NULL;
        stk ss = {&ds, "separator", 9}, vs = {&ds, "value", 5};
        if (!(n->u.fl.sep = c_value(c, sep, &ss))) return NULL;
        if (!(n->u.fl.value = c_value(c, val, &vs))) return NULL;
        n->u.fl.omit = js_truthy(member(o, "omitArrays"));
        return n;
    }
    if (key_is(k, kn, "@merge")) {
        if (o->type != JV_OBJ)
            return err_node(c, "@merge requires an object with an \"objects\" key and a \"direction\" key");
        const jv *dir = member(o, "direction"), *objs = member(o, "objects");
        if (!js_truthy(dir)) return err_node(c, "@merge requires a \"direction\" key");
        n = calloc_node(c, NK_MERGE);
        if (!n) return NULL;
        stk dsk = {&ds, "direction", 9};
        if (!(n->u.mg.dir = c_value(c, dir, &dsk))) return NULL;
        if (!js_truthy(objs)) {
            n->u.mg.objects_err = cstrdup(c, "@merge requires a \"objects\" key", 31);
            return n->u.mg.objects_err ? n : NULL;
        }
        if (objs->type != JV_ARR) {
            char buf[80];
            snprintf(buf, sizeof buf, "@merge: expected opts.array, got %s", js_typeof(objs));
            n->u.mg.objects_err = cstrdup(c, buf, strlen(buf));
            return n->u.mg.objects_err ? n : NULL;
        }
        n->u.mg.n = objs->n;
        n->u.mg.objs = jarena_alloc(c->a, (objs->n ? objs->n : 1) * sizeof(node *));
        if (!n->u.mg.objs) { cfail(c, "out of memory compiling the mapping"); return NULL; }
        for (uint32_t i = 0; i < objs->n; i++) {
            char ib[16];
            int il = snprintf(ib, sizeof ib, "%u", i);
            stk os = {&ds, "objects", 7}, is = {&os, ib, (size_t)il};
            const jv *it = &objs->u.items[i];
            if (!(n->u.mg.objs[i] = c_value(c, it->type == JV_UNDEF ? NULL : it, &is))) return NULL;
        }
        return n;
    }
    if (key_is(k, kn, "@transform")) {
        if (o->type != JV_OBJ)
            return err_node(c, "@transform requires an object with an \"apply\" key and a \"mapping\" key");
        const jv *ap = member(o, "apply"), *mp = member(o, "mapping");
        if (!js_truthy(mp)) return err_node(c, "@transform requires a \"mapping\" key");
        if (!js_truthy(ap)) return err_node(c, "@transform requires a \"apply\" key");
        if (ap->type != JV_OBJ) return err_node(c, "@transform \"apply\" key should be an object");
        n = calloc_node(c, NK_TRANSFORM);
        if (!n) return NULL;
        stk as = {&ds, "apply", 5}, ms = {&ds, "mapping", 7};
        /* transform(opts.apply, payload): getMappingToProcess + validate +
         * resolve, run on each use upstream; here once */
        if (!(n->u.tf.apply = compile_mapping(c, ap, false, &as))) return NULL;
        if (!(n->u.tf.mapping = c_value(c, mp, &ms))) return NULL;
        return n;
    }
    if (key_is(k, kn, "@liquid")) {
        const stk *chain[256];
        size_t depth = 0;
        for (const stk *p = s; p && depth < COUNT(chain); p = p->up) chain[depth++] = p;
        char path[512];
        size_t pl = 0;
        path[pl++] = '/';
        for (size_t i = depth; i-- > 0;) {
            size_t l = chain[i]->n;
            if (pl + l + 2 >= sizeof path) break;
            memcpy(path + pl, chain[i]->k, l);
            pl += l;
            if (i) path[pl++] = '/';
        }
        path[pl] = 0;
        cfail(c, "%s uses @liquid, an unsupported directive.", path);
        return NULL;
    }
    char name[128];
    size_t cn = kn < sizeof name - 1 ? kn : sizeof name - 1;
    memcpy(name, k, cn);
    name[cn] = 0;
    return err_node(c, "%s is not a valid directive, got undefined", name);
}

/* resolve(): what a mapping value does, read once. */
static node *c_value(cctx *c, const jv *v, const stk *s)
{
    if (c->failed) return NULL;
    if (!v || v->type == JV_UNDEF) return lit_node(c, NULL);
    if (v->type != JV_OBJ && v->type != JV_ARR) return lit_node(c, v);
    if (mk_is_directive(v)) return c_directive(c, v, s);
    if (!has_directive(v)) return lit_node(c, v);
    if (v->type == JV_ARR) {
        node *n = calloc_node(c, NK_ARR);
        if (!n) return NULL;
        n->u.arr.n = v->n;
        n->u.arr.items = jarena_alloc(c->a, v->n * sizeof(node *));
        if (!n->u.arr.items) { cfail(c, "out of memory compiling the mapping"); return NULL; }
        for (uint32_t i = 0; i < v->n; i++) {
            char ib[16];
            int il = snprintf(ib, sizeof ib, "%u", i);
            stk is = {s, ib, (size_t)il};
            if (!(n->u.arr.items[i] = c_value(c, &v->u.items[i], &is))) return NULL;
        }
        return n;
    }
    bool oom = false;
    const uint32_t *ord = js_order(c->a, v, &oom);
    if (oom) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    node *n = calloc_node(c, NK_OBJ);
    if (!n) return NULL;
    uint32_t count = 0;
    for (uint32_t i = 0; i < v->n; i++)
        if (v->u.members[i].val.type != JV_UNDEF) count++;
    n->u.obj.keys = jarena_alloc(c->a, (count ? count : 1) * sizeof(jmember));
    n->u.obj.vals = jarena_alloc(c->a, (count ? count : 1) * sizeof(node *));
    if (!n->u.obj.keys || !n->u.obj.vals) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    uint32_t k = 0;
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[ord ? ord[i] : i];
        if (m->val.type == JV_UNDEF) continue;
        stk ks = {s, m->key, m->klen};
        n->u.obj.keys[k].key = cstrdup(c, m->key, m->klen);
        n->u.obj.keys[k].klen = m->klen;
        if (!n->u.obj.keys[k].key || !(n->u.obj.vals[k] = c_value(c, &m->val, &ks))) return NULL;
        k++;
    }
    n->u.obj.n = k;
    return n;
}

/* Drops JV_UNDEF members (absent) from a mapping given by the caller. */
static const jv *strip_undef_members(jarena *a, const jv *m, jv *tmp)
{
    if (m->type != JV_OBJ) return m;
    uint32_t live = 0;
    for (uint32_t i = 0; i < m->n; i++)
        if (m->u.members[i].val.type != JV_UNDEF) live++;
    if (live == m->n) return m;
    *tmp = jv_obj_new(a, live);
    if (tmp->type != JV_OBJ) return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->n; i++)
        if (m->u.members[i].val.type != JV_UNDEF) tmp->u.members[k++] = m->u.members[i];
    return tmp;
}

#define ROOT_KEY "__segment_internal_directive"

/* transform(mapping, …) minus the run: getMappingToProcess, validate, and
 * compile the resolve. When not `validated` (a @transform's apply found at
 * run time), the errors become an error node raised when it runs. */
static node *compile_mapping(cctx *c, const jv *mapping, bool validated, const stk *s)
{
    const jv *m = mapping;
    jv synth, dirv;
    const jv *root = member(mapping, ROOT_KEY);
    const char *gerr = NULL;
    if (mapping->type == JV_OBJ) {
        bool has_root = false;
        for (uint32_t i = 0; i < mapping->n; i++)
            if (key_is(mapping->u.members[i].key, mapping->u.members[i].klen, ROOT_KEY) &&
                mapping->u.members[i].val.type != JV_UNDEF)
                has_root = true;
        if (has_root) {
            /* mappingToProcess = mapping[ROOT]; its single directive gets
             * .mapping = the other (customer) fields */
            if (!root || root->type == JV_NULL) {
                gerr = "Cannot convert undefined or null to object";
            } else if ((root->type == JV_OBJ && root->n > 1) || (root->type == JV_ARR && root->n > 1) ||
                       (root->type == JV_STR && utf16_len(root->u.s, root->n) > 1)) {
                gerr = "The root mapping must only have a single directive object";
            } else if (root->type != JV_OBJ || root->n == 0 ||
                       (root->u.members[0].val.type != JV_OBJ && root->u.members[0].val.type != JV_ARR)) {
                gerr = "The root directive must be an object";
            } else {
                const jmember *rd = &root->u.members[0];
                uint32_t ncust = 0;
                for (uint32_t i = 0; i < mapping->n; i++)
                    if (!key_is(mapping->u.members[i].key, mapping->u.members[i].klen, ROOT_KEY)) ncust++;
                jv cust = jv_obj_new(c->a, ncust);
                if (cust.type != JV_OBJ) { cfail(c, "out of memory compiling the mapping"); return NULL; }
                uint32_t k = 0;
                for (uint32_t i = 0; i < mapping->n; i++)
                    if (!key_is(mapping->u.members[i].key, mapping->u.members[i].klen, ROOT_KEY))
                        cust.u.members[k++] = mapping->u.members[i];
                dirv = rd->val;
                if (dirv.type == JV_OBJ) {
                    /* rootDirective.mapping = customerMappings */
                    uint32_t pos = dirv.n;
                    for (uint32_t i = 0; i < dirv.n; i++)
                        if (key_is(dirv.u.members[i].key, dirv.u.members[i].klen, "mapping")) pos = i;
                    jv nd = jv_obj_new(c->a, dirv.n + (pos == dirv.n));
                    if (nd.type != JV_OBJ) { cfail(c, "out of memory compiling the mapping"); return NULL; }
                    memcpy(nd.u.members, dirv.u.members, dirv.n * sizeof(jmember));
                    nd.u.members[pos].key = "mapping";
                    nd.u.members[pos].klen = 7;
                    nd.u.members[pos].val = cust;
                    dirv = nd;
                }
                synth = jv_obj_new(c->a, 1);
                if (synth.type != JV_OBJ) { cfail(c, "out of memory compiling the mapping"); return NULL; }
                synth.u.members[0].key = rd->key;
                synth.u.members[0].klen = rd->klen;
                synth.u.members[0].val = dirv;
                m = &synth;
            }
        }
    }
    if (gerr) {
        if (validated) { cfail(c, "%s", gerr); return NULL; }
        return err_node(c, "%s", gerr);
    }
    char vbuf[2048];
    verr ve = {0};
    ve.tmp = c->a;
    if (validated && c->err && c->errlen) {
        ve.buf = c->err;
        ve.cap = c->errlen;
    } else {
        ve.buf = vbuf;
        ve.cap = sizeof vbuf;
    }
    ve.buf[0] = 0;
    v_validate(&ve, m, NULL);
    if (ve.oom) { cfail(c, "out of memory compiling the mapping"); return NULL; }
    if (ve.count) {
        if (validated) { c->failed = true; return NULL; }
        /* upstream would throw these when the @transform runs; @liquid is
         * refused outright */
        if (ve.liquid) { cfail(c, "%s", vbuf); return NULL; }
        return err_node(c, "%s", vbuf);
    }
    return c_value(c, m, s);
}

static mk_program *compile_common(const jv *mapping, char *err, size_t errlen, bool whole)
{
    if (err && errlen) err[0] = 0;
    if (!mapping) {
        if (err && errlen) snprintf(err, errlen, "no mapping");
        return NULL;
    }
    if (whole && mapping->type != JV_OBJ) {
        if (err && errlen) snprintf(err, errlen, "a mapping must be an object, got %s", jv_type_name(mapping));
        return NULL;
    }
    mk_program *p = calloc(1, sizeof *p);
    if (!p) {
        if (err && errlen) snprintf(err, errlen, "out of memory compiling the mapping");
        return NULL;
    }
    jarena_init(&p->mem, 0);
    p->need_object = whole;
    cctx c = {&p->mem, err, errlen, false};
    jv tmp;
    const jv *m = strip_undef_members(&p->mem, mapping, &tmp);
    if (!m) cfail(&c, "out of memory compiling the mapping");
    else if (whole) p->root = compile_mapping(&c, m, true, NULL);
    else {
        char vbuf[2048];
        verr ve = {0};
        ve.buf = err && errlen ? err : vbuf;
        ve.cap = err && errlen ? errlen : sizeof vbuf;
        ve.tmp = &p->mem;
        ve.buf[0] = 0;
        v_validate(&ve, m, NULL);
        if (ve.oom) cfail(&c, "out of memory compiling the mapping");
        else if (ve.count) c.failed = true;
        else p->root = c_value(&c, m, NULL);
    }
    if (c.failed || !p->root) {
        if (err && errlen && !err[0]) snprintf(err, errlen, "invalid mapping");
        mk_free(p);
        return NULL;
    }
    return p;
}

mk_program *mk_compile(const jv *mapping, char *err, size_t errlen)
{
    return compile_common(mapping, err, errlen, true);
}

mk_program *mk_compile_value(const jv *value, char *err, size_t errlen)
{
    return compile_common(value, err, errlen, false);
}

void mk_free(mk_program *p)
{
    if (!p) return;
    jarena_free(&p->mem);
    free(p);
}

/* ======================================================================== */
/* evaluation                                                                */
/* ======================================================================== */
typedef struct {
    jarena *a;
    char *err;
    size_t errlen;
} ectx;

static int efail(ectx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int efail(ectx *c, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int eoom(ectx *c) { return efail(c, "out of memory while resolving the mapping"); }

static int ev(ectx *c, const node *n, const jv *pl, jv *out);

/* get() result -> status */
static int get_status(ectx *c, int r)
{
    if (r == 0) return 0;
    return eoom(c);
}

/* Appends String(get(payload, path) ?? '') */
static int tpl_put_path(ectx *c, sb *b, const jv *pl, const cpath *cp, const char *p, size_t n)
{
    jv v;
    int r = cp ? get_static(c->a, pl, cp, &v) : get_dyn(c->a, pl, p, n, &v);
    if (r) return get_status(c, r);
    put_js_string(b, &v);
    return 0;
}

/* One replace pass over t: every {{x}} (braces 2) or {{{x}}} (braces 3)
 * placeholder by its value. Returns 0 with the text in *s and *sn (t itself
 * when nothing matched), -1 on error. */
static int render_pass(ectx *c, const char *t, size_t n, int braces, const jv *pl, const char **s, size_t *sn)
{
    size_t ms, me, is, ie, pos = 0;
    *s = t;
    *sn = n;
    if (!tpl_next(t, n, 0, braces, &ms, &me, &is, &ie)) return 0;
    sb b;
    sb_init(&b, c->a, n + 32);
    while (tpl_next(t, n, pos, braces, &ms, &me, &is, &ie)) {
        sb_put(&b, t + pos, ms - pos);
        size_t a0, a1;
        js_trim(t + is, ie - is, &a0, &a1);
        if (tpl_put_path(c, &b, pl, NULL, t + is + a0, a1 - a0)) return -1;
        pos = me;
    }
    sb_put(&b, t + pos, n - pos);
    if (b.oom) return eoom(c);
    *s = b.p;
    *sn = b.len;
    return 0;
}

/* placeholders.js: template.replace({{{x}}}) then .replace({{x}}) */
static int render(ectx *c, const char *t, size_t n, const jv *pl, jv *out)
{
    const char *s1, *s2;
    size_t n1, n2;
    if (render_pass(c, t, n, 3, pl, &s1, &n1) || render_pass(c, s1, n1, 2, pl, &s2, &n2)) return -1;
    *out = jv_strref(n2 ? s2 : "", n2); /* may be the program's literal: results are read-only */
    return 0;
}

/* ---- @case ---------------------------------------------------------------- */
static bool cased(uint32_t cp) { return cp != UTF8_BAD_CP && cp_in(mk_cased, COUNT(mk_cased), cp); }
static bool case_ign(uint32_t cp) { return cp != UTF8_BAD_CP && cp_in(mk_case_ignorable, COUNT(mk_case_ignorable), cp); }

/* Final_Sigma: preceded by cased (case-ignorables between), not followed by
 * cased (case-ignorables between). */
static bool final_sigma(const unsigned char *s, size_t n, size_t i, size_t k)
{
    bool before = false;
    size_t j = i, l;
    while (j > 0) {
        j = utf8_prev(s, j);
        uint32_t cp = utf8_decode(s, n, j, &l);
        if (cased(cp)) { before = true; break; }
        if (!case_ign(cp)) break;
    }
    if (!before) return false;
    for (j = i + k; j < n; j += l) {
        uint32_t cp = utf8_decode(s, n, j, &l);
        if (cased(cp)) return false;
        if (!case_ign(cp)) break;
    }
    return true;
}

static int change_case(ectx *c, const jv *v, bool upper, jv *out)
{
    const unsigned char *s = (const unsigned char *)v->u.s;
    size_t n = v->n;
    /* fast path: nothing to change */
    size_t i = 0, k;
    for (; i < n; i += k) {
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (cp == UTF8_BAD_CP) continue;
        if (upper ? (case_special_find(mk_upper_special, COUNT(mk_upper_special), cp) || simple_upper(cp) != cp)
                  : (cp == 0x3A3 || case_special_find(mk_lower_special, COUNT(mk_lower_special), cp) ||
                     simple_lower(cp) != cp))
            break;
    }
    if (i == n) { *out = *v; return 0; }
    sb b;
    sb_init(&b, c->a, n + 16);
    sb_put(&b, s, i);
    for (; i < n; i += k) {
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (cp == UTF8_BAD_CP) { sb_put(&b, s + i, k); continue; }
        const char *sp = upper ? case_special_find(mk_upper_special, COUNT(mk_upper_special), cp)
                               : case_special_find(mk_lower_special, COUNT(mk_lower_special), cp);
        if (sp) { sb_puts(&b, sp); continue; }
        uint32_t r;
        if (!upper && cp == 0x3A3) r = final_sigma(s, n, i, k) ? 0x3C2 : 0x3C3;
        else r = upper ? simple_upper(cp) : simple_lower(cp);
        char enc[4];
        sb_put(&b, enc, utf8_encode(enc, r));
    }
    if (b.oom) return eoom(c);
    *out = sb_jv(&b);
    return 0;
}

/* ---- @replace ------------------------------------------------------------- */
/* Length of a match of pattern p at s[i] (case-insensitive per Canonicalize),
 * or 0. */
static size_t match_at(const char *s, size_t n, size_t i, const rstr *p, bool icase)
{
    if (!icase) {
        if (n - i >= p->n && memcmp(s + i, p->s, p->n) == 0) return p->n;
        return 0;
    }
    const unsigned char *us = (const unsigned char *)s, *up = (const unsigned char *)p->s;
    size_t j = 0, a = i, k1, k2;
    while (j < p->n) {
        if (a >= n) return 0;
        uint32_t x = utf8_decode(us, n, a, &k1), y = utf8_decode(up, p->n, j, &k2);
        if (x == UTF8_BAD_CP || y == UTF8_BAD_CP) {
            if (k1 != k2 || memcmp(us + a, up + j, k1) != 0) return 0;
        } else if (x != y && re_canonicalize(x) != re_canonicalize(y)) {
            return 0;
        }
        a += k1;
        j += k2;
    }
    return a - i;
}

/* GetSubstitution with no capture groups: $$, $&, $`, $' */
static void put_replacement(sb *b, const rstr *r, const char *s, size_t n, size_t ms, size_t me)
{
    for (size_t i = 0; i < r->n; i++) {
        char ch = r->s[i];
        if (ch == '$' && i + 1 < r->n) {
            char nx = r->s[i + 1];
            if (nx == '$') { sb_putc(b, '$'); i++; continue; }
            if (nx == '&') { sb_put(b, s + ms, me - ms); i++; continue; }
            if (nx == '`') { sb_put(b, s, ms); i++; continue; }
            if (nx == '\'') { sb_put(b, s + me, n - me); i++; continue; }
        }
        sb_putc(b, ch);
    }
}

static int perform_replace(ectx *c, const jv *v, const rstr *pat, const rstr *rep, bool global, bool icase, jv *out)
{
    if (pat->units > 10) return efail(c, "@replace requires a \"pattern\" less than 10 characters");
    if (rep->units > 10) return efail(c, "@replace requires a \"replacement\" less than 10 characters");
    const char *s = v->u.s;
    size_t n = v->n, pos = 0, i = 0, k;
    sb b;
    bool started = false;
    while (i < n) {
        size_t ml = match_at(s, n, i, pat, icase);
        if (ml) {
            if (!started) { sb_init(&b, c->a, n + 16); started = true; }
            sb_put(&b, s + pos, i - pos);
            put_replacement(&b, rep, s, n, i, i + ml);
            i += ml;
            pos = i;
            if (!global) break;
            continue;
        }
        utf8_decode((const unsigned char *)s, n, i, &k);
        i += k;
    }
    if (!started) { *out = *v; return 0; }
    sb_put(&b, s + pos, n - pos);
    if (b.oom) return eoom(c);
    *out = sb_jv(&b);
    return 0;
}

/* ---- @flatten ------------------------------------------------------------- */
static void flat(ob *o, const jv *v, const char *prefix, size_t pn, const jv *sep, bool omit_arrays)
{
    if (o->oom) return;
    bool recurse = v->type == JV_OBJ || (!omit_arrays && v->type == JV_ARR);
    if (!recurse) {
        ob_set(o, prefix ? prefix : "", (uint32_t)pn, *v);
        return;
    }
    const uint32_t *ord = NULL;
    if (v->type == JV_OBJ) {
        ord = js_order(o->a, v, &o->oom);
        if (o->oom) return;
    }
    for (uint32_t i = 0; i < v->n; i++) {
        const char *k;
        size_t kn;
        char ib[16];
        const jv *val;
        if (v->type == JV_OBJ) {
            const jmember *m = &v->u.members[ord ? ord[i] : i];
            k = m->key;
            kn = m->klen;
            val = &m->val;
        } else {
            kn = (size_t)snprintf(ib, sizeof ib, "%u", i);
            k = ib;
            val = &v->u.items[i];
        }
        /* newKey = prefix ? `${prefix}${separator}${key}` : key */
        size_t nn = pn ? pn + sep->n + kn : kn;
        char *nk = jarena_alloc(o->a, nn + 1);
        if (!nk) { o->oom = true; return; }
        if (pn) {
            memcpy(nk, prefix, pn);
            memcpy(nk + pn, sep->u.s, sep->n);
            memcpy(nk + pn + sep->n, k, kn);
        } else if (kn) {
            memcpy(nk, k, kn);
        }
        nk[nn] = 0;
        flat(o, val, nk, nn, sep, omit_arrays);
    }
}

/* ---- @merge (Object.assign) ----------------------------------------------- */
static int assign_from(ectx *c, ob *o, const jv *src)
{
    switch (src->type) {
    case JV_OBJ: {
        const uint32_t *ord = js_order(c->a, src, &o->oom);
        for (uint32_t i = 0; i < src->n && !o->oom; i++) {
            const jmember *m = &src->u.members[ord ? ord[i] : i];
            ob_set(o, m->key, m->klen, m->val);
        }
        break;
    }
    case JV_ARR:
        for (uint32_t i = 0; i < src->n && !o->oom; i++) {
            char ib[16];
            int l = snprintf(ib, sizeof ib, "%u", i);
            char *k = jarena_strdup(c->a, ib, (size_t)l);
            if (!k) return eoom(c);
            ob_set(o, k, (uint32_t)l, src->u.items[i]);
        }
        break;
    case JV_STR: {
        uint64_t units = utf16_len(src->u.s, src->n);
        for (uint64_t i = 0; i < units && !o->oom; i++) {
            char ib[24];
            int l = snprintf(ib, sizeof ib, "%llu", (unsigned long long)i);
            char *k = jarena_strdup(c->a, ib, (size_t)l);
            jv ch;
            if (!k || char_at(c->a, src->u.s, src->n, i, &ch) != 0) return eoom(c);
            ob_set(o, k, (uint32_t)l, ch);
        }
        break;
    }
    default: break; /* null, undefined, numbers, booleans: nothing */
    }
    return o->oom ? eoom(c) : 0;
}

/* ---- @excludeWhenNull (cleanNulls) ---------------------------------------- */
static bool needs_clean(const jv *v)
{
    if (v->type != JV_OBJ) return false;
    for (uint32_t i = 0; i < v->n; i++) {
        const jv *x = &v->u.members[i].val;
        if (x->type == JV_NULL || needs_clean(x)) return true;
    }
    return false;
}

static int clean_nulls(ectx *c, const jv *v, jv *out)
{
    if (!needs_clean(v)) { *out = *v; return 0; }
    jv o = jv_obj_new(c->a, v->n);
    if (o.type != JV_OBJ) return eoom(c);
    for (uint32_t i = 0; i < v->n; i++) {
        const jmember *m = &v->u.members[i];
        o.u.members[i].key = m->key;
        o.u.members[i].klen = m->klen;
        if (m->val.type == JV_NULL) o.u.members[i].val = jv_undef();
        else if (m->val.type == JV_OBJ) {
            if (clean_nulls(c, &m->val, &o.u.members[i].val)) return -1;
        } else o.u.members[i].val = m->val;
    }
    *out = o;
    return 0;
}

/* ---- the evaluator ---------------------------------------------------------- */
static int ev(ectx *c, const node *n, const jv *pl, jv *out)
{
    *out = jv_undef();
    switch (n->kind) {
    case NK_LIT:
        *out = n->u.lit;
        return 0;
    case NK_ERR:
        return efail(c, "%s", n->u.err);
    case NK_OBJ: {
        jv o = jv_obj_new(c->a, n->u.obj.n);
        if (o.type != JV_OBJ) return eoom(c);
        for (uint32_t i = 0; i < n->u.obj.n; i++) {
            o.u.members[i].key = n->u.obj.keys[i].key;
            o.u.members[i].klen = n->u.obj.keys[i].klen;
            if (ev(c, n->u.obj.vals[i], pl, &o.u.members[i].val)) return -1;
        }
        *out = o;
        return 0;
    }
    case NK_ARR: {
        jv a = jv_arr_new(c->a, n->u.arr.n);
        if (a.type != JV_ARR) return eoom(c);
        for (uint32_t i = 0; i < n->u.arr.n; i++)
            if (ev(c, n->u.arr.items[i], pl, &a.u.items[i])) return -1;
        *out = a;
        return 0;
    }
    case NK_PATH:
        return get_status(c, get_static(c->a, pl, &n->u.path, out));
    case NK_PATH_DYN:
    case NK_TPL_DYN: {
        jv p;
        if (ev(c, n->u.arg, pl, &p)) return -1;
        bool path = n->kind == NK_PATH_DYN;
        if (p.type != JV_STR)
            return efail(c, "%s: expected string, got %s", path ? "@path" : "@template", jv_type_name(&p));
        if (!path) return render(c, p.u.s, p.n, pl, out);
        const char *s = p.u.s;
        size_t len = p.n;
        for (size_t i = 0; i + 1 < len; i++) {
            if (s[i] == '$' && s[i + 1] == '.') {
                if (i == 0) { s += 2; len -= 2; break; }
                char *t = jarena_alloc(c->a, len);
                if (!t) return eoom(c);
                memcpy(t, s, i);
                memcpy(t + i, s + i + 2, len - i - 2);
                s = t;
                len -= 2;
                break;
            }
        }
        return get_status(c, get_dyn(c->a, pl, s, len, out));
    }
    case NK_TPL: {
        sb b;
        sb_init(&b, c->a, 64);
        for (uint32_t i = 0; i < n->u.tpl.n; i++) {
            const tpl_piece *p = &n->u.tpl.p[i];
            if (p->s) sb_put(&b, p->s, p->n);
            else if (tpl_put_path(c, &b, pl, &p->path, NULL, 0)) return -1;
        }
        if (b.oom) return eoom(c);
        *out = sb_jv(&b);
        return 0;
    }
    case NK_TPL_RAW:
        return render(c, n->u.raw.s, n->u.raw.n, pl, out);
    case NK_IF: {
        jv v;
        if (ev(c, n->u.iff.cond, pl, &v)) return -1;
        bool cond = !nullish(&v) && (!n->u.iff.blank || !loose_eq_empty(&v));
        if (cond && n->u.iff.then_) return ev(c, n->u.iff.then_, pl, out);
        if (!cond && n->u.iff.else_) return ev(c, n->u.iff.else_, pl, out);
        return 0;
    }
    case NK_ARRAYPATH: {
        jv root;
        if (n->u.ap.fixed) {
            if (get_status(c, get_static(c->a, pl, &n->u.ap.path, &root))) return -1;
        } else if (ev(c, n->u.ap.root, pl, &root)) {
            return -1;
        }
        if ((root.type == JV_OBJ || root.type == JV_ARR) && n->u.ap.shape) {
            const jv *items = root.type == JV_ARR ? root.u.items : &root;
            uint32_t cnt = root.type == JV_ARR ? root.n : 1;
            jv a = jv_arr_new(c->a, cnt);
            if (a.type != JV_ARR) return eoom(c);
            for (uint32_t i = 0; i < cnt; i++)
                if (ev(c, n->u.ap.shape, &items[i], &a.u.items[i])) return -1;
            *out = a;
            return 0;
        }
        *out = root;
        return 0;
    }
    case NK_CASE: {
        jv v;
        if (ev(c, n->u.cs.value, pl, &v)) return -1;
        if (v.type != JV_STR) { *out = v; return 0; }
        if (n->u.cs.op == CASE_BAD) return efail(c, "operator key should have a value of \"lower\" or \"upper\"");
        return change_case(c, &v, n->u.cs.op == CASE_UPPER, out);
    }
    case NK_REPLACE: {
        jv v;
        if (ev(c, n->u.rp.value, pl, &v)) return -1;
        static const jv empty = {JV_STR, 0, 0, {""}};
        *out = empty;
        if (v.type == JV_BOOL || v.type == JV_NUM) {
            sb b;
            sb_init(&b, c->a, 32);
            put_js_string(&b, &v);
            if (b.oom) return eoom(c);
            v = sb_jv(&b);
        }
        if (v.type != JV_STR || !n->u.rp.ok) return 0;
        jv r;
        if (perform_replace(c, &v, &n->u.rp.pat, &n->u.rp.rep, n->u.rp.global, n->u.rp.icase, &r)) return -1;
        if (n->u.rp.second &&
            perform_replace(c, &r, &n->u.rp.pat2, &n->u.rp.rep2, n->u.rp.global, n->u.rp.icase, &r))
            return -1;
        *out = r;
        return 0;
    }
    case NK_JSON: {
        jv v;
        if (ev(c, n->u.js.value, pl, &v)) return -1;
        if (n->u.js.mode == JSON_ENCODE) {
            if (v.type == JV_UNDEF || v.type == JV_FUNC) return 0; /* JSON.stringify gives undefined */
            jbuf b;
            jbuf_init(&b);
            json_write(&b, &v);
            *out = b.oom ? jv_undef() : jv_str(c->a, b.p ? b.p : "", b.len);
            jbuf_free(&b);
            return out->type == JV_STR ? 0 : eoom(c);
        }
        if (n->u.js.mode == JSON_DECODE) {
            *out = v;
            if (v.type == JV_STR) {
                jv parsed;
                if (json_parse(c->a, v.u.s, v.n, NULL, &parsed, NULL) == 0) *out = parsed;
            }
        }
        return 0;
    }
    case NK_FLATTEN: {
        jv sep, v;
        if (ev(c, n->u.fl.sep, pl, &sep)) return -1;
        if (sep.type != JV_STR) return efail(c, "@flatten requires a string separator");
        if (ev(c, n->u.fl.value, pl, &v)) return -1;
        ob o;
        ob_init(&o, c->a);
        flat(&o, &v, NULL, 0, &sep, n->u.fl.omit);
        if (o.oom) return eoom(c);
        *out = ob_jv(&o);
        return 0;
    }
    case NK_MERGE: {
        jv dir;
        if (ev(c, n->u.mg.dir, pl, &dir)) return -1;
        if (n->u.mg.objects_err) return efail(c, "%s", n->u.mg.objects_err);
        jv *vals = jarena_alloc(c->a, (n->u.mg.n ? n->u.mg.n : 1) * sizeof *vals);
        if (!vals) return eoom(c);
        for (uint32_t i = 0; i < n->u.mg.n; i++)
            if (ev(c, n->u.mg.objs[i], pl, &vals[i])) return -1;
        bool left = str_is(&dir, "left");
        ob o;
        ob_init(&o, c->a);
        for (uint32_t i = 0; i < n->u.mg.n; i++)
            if (assign_from(c, &o, &vals[left ? n->u.mg.n - 1 - i : i])) return -1;
        *out = ob_jv(&o);
        return 0;
    }
    case NK_TRANSFORM: {
        static const jv empty_obj = {JV_OBJ, 0, 0, {NULL}};
        const jv *data = pl->type == JV_UNDEF ? &empty_obj : pl; /* transform(m, data = {}) */
        if (data->type != JV_OBJ) return efail(c, "data must be an object, got %s", jv_type_name(data));
        jv np;
        if (ev(c, n->u.tf.apply, data, &np)) return -1;
        return ev(c, n->u.tf.mapping, &np, out);
    }
    case NK_EXCL: {
        jv v;
        if (ev(c, n->u.arg, pl, &v)) return -1;
        if (v.type == JV_NULL) return 0;
        return clean_nulls(c, &v, out);
    }
    default:
        return efail(c, "internal error: bad mapping node");
    }
}

int mk_eval(const mk_program *p, const jv *event, jarena *a, jv *out, char *err, size_t errlen)
{
    ectx c = {a, err, errlen};
    if (err && errlen) err[0] = 0;
    *out = jv_undef();
    if (!p || !p->root) return efail(&c, "no mapping");
    static const jv empty_obj = {JV_OBJ, 0, 0, {NULL}};
    const jv *ev_ = event && event->type != JV_UNDEF ? event : &empty_obj;
    if (p->need_object && ev_->type != JV_OBJ) return efail(&c, "data must be an object, got %s", jv_type_name(ev_));
    jv r;
    if (ev(&c, p->root, ev_, &r)) return -1;
    *out = r;
    return 0;
}

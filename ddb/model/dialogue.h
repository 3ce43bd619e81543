/* dialogue.h - the default seed dialogue, data/dialogue.txt compiled into the binary (the
 * Makefile generates build/gen/dialogue.c with scripts/embed.sh), so seeding works wherever
 * ddbtui is installed.
 *
 * Format: UTF-8 text, one message a line, "Person 1: <text>" / "Person 2: <text>", strictly
 * alternating from Person 1, each line ending in '\n'. At least 100 lines; every message is 1 to
 * 1024 characters counted in Unicode code points, and at least one is exactly 1024 (so a seed
 * exercises the limit). tests/integ/dialogue.sh checks all of this. */
#ifndef DDB_DIALOGUE_H
#define DDB_DIALOGUE_H

/* The file's bytes, ddb_default_dialogue_len of them, followed by a NUL that the length does not
 * count (so the text may also be used as a C string). Static data: never freed. */
extern const unsigned char ddb_default_dialogue[];
extern const unsigned long ddb_default_dialogue_len;

#endif

/* cell.c - the text of a grid cell (cell.h). */
#include "views/scan/cell.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "tui/canvas.h"

/* scan_put_clean, with marks: "\n" and "\t" as "↵" and "→" (the grid), else as spaces (the
 * text the filter and the sort look at: "two words" finds "two\twords"). */
static void put_clean(struct ddb_buf *out, const char *s, size_t max, int marks)
{
	size_t n = strlen(s), start = out->len;

	while (n) {
		int len;
		uint32_t cp = utf8_decode(s, n, &len);

		/* a line break and a tab are seen (U+21B5 and U+2192), not taken for spaces */
		const char *mark = !marks       ? NULL
		                   : cp == '\n' ? "\xe2\x86\xb5"
		                   : cp == '\t' ? "\xe2\x86\x92"
		                                : NULL;
		size_t need = mark ? strlen(mark) : (size_t)len;

		if (max && out->len - start + need > max)
			break;
		if (mark)
			ddb_buf_puts(out, mark);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			ddb_buf_putc(out, ' ');
		else
			ddb_buf_append(out, s, (size_t)len);
		s += len;
		n -= (size_t)len;
	}
}

void scan_put_clean(struct ddb_buf *out, const char *s, size_t max)
{
	put_clean(out, s, max, 0);
}

static void put_json(struct ddb_buf *out, const cJSON *j, size_t max)
{
	char *s = cJSON_PrintUnformatted(j);

	if (!s)
		abort();
	scan_put_clean(out, s, max);
	free(s);
}

static void cell_text(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max,
                      int marks)
{
	enum ddb_type t = ddb_attr_type(av);
	struct ddb_error err;
	cJSON *plain;

	ddb_buf_reset(out);
	ddb_buf_puts(out, ""); /* a string even when empty */
	if (mode == MODE_RAW || t == DDB_T_INVALID) {
		put_json(out, av, max);
		return;
	}
	switch (t) {
	case DDB_T_S:
	case DDB_T_N:
	case DDB_T_B:
		if (cJSON_IsString(av->child)) {
			put_clean(out, av->child->valuestring, max, marks);
			return;
		}
		break;
	case DDB_T_BOOL:
		ddb_buf_puts(out, cJSON_IsTrue(av->child) ? "true" : "false");
		return;
	case DDB_T_NULL:
		ddb_buf_puts(out, "null");
		return;
	default:
		break;
	}
	ddb_error_clear(&err);
	plain = ddb_attr_to_plain(av, &err);
	put_json(out, plain ? plain : av, max);
	cJSON_Delete(plain);
}

void scan_cell_text(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max)
{
	cell_text(out, av, mode, max, 0);
}

void scan_cell_shown(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max)
{
	cell_text(out, av, mode, max, 1);
}

int scan_capped_width(const char *s)
{
	int w = text_width(s);

	return w > CELL_WIDE_W ? CELL_WIDE_W : w;
}

int scan_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return 1;
	for (; *hay; hay++) {
		size_t i;

		for (i = 0; i < n && hay[i]; i++) {
			char c = hay[i];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[i])
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

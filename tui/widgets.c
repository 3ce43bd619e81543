/* widgets.c - list cursor and drawing helpers. */
#include "tui/widgets.h"

#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"

int listpos_action(struct listpos *l, enum keymap_action act, int page)
{
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_MOVE_DOWN:
		l->sel++;
		break;
	case ACT_MOVE_UP:
		l->sel--;
		break;
	case ACT_PAGE_DOWN:
		l->sel += page;
		l->top += page;
		break;
	case ACT_PAGE_UP:
		l->sel -= page;
		l->top -= page;
		break;
	case ACT_MOVE_FIRST:
		l->sel = 0;
		break;
	case ACT_MOVE_LAST:
		l->sel = l->count - 1;
		break;
	default:
		return 0;
	}
	listpos_clamp(l, page);
	return 1;
}

void listpos_clamp(struct listpos *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > l->count - rows)
		l->top = l->count - rows;
	if (l->top < 0)
		l->top = 0;
}

void draw_row(struct canvas *cv, struct rect r, int y, const char *text, int selected, int focused,
              int style)
{
	int st = selected ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : style;

	if (selected)
		canvas_fill(cv, (struct rect){r.x, y, r.w, 1}, ' ', st);
	canvas_text(cv, r.x + 1, y, r.w - 1, text, st);
}

int draw_wrapped(struct canvas *cv, int x, int y, int w, int maxrows, const char *text, int style)
{
	int rows = 0;

	while (*text && rows < maxrows && w > 0) {
		size_t fit = text_fit(text, w), cut = fit;

		if (text[fit]) {
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit ? fit : 1;
		}
		if (cv)
			canvas_textn(cv, x, y + rows, w, text, cut, style);
		text += cut;
		while (*text == ' ')
			text++;
		rows++;
	}
	return rows;
}

void draw_center(struct canvas *cv, struct rect r, const char *text, int style)
{
	int room = r.w > 4 ? r.w - 2 : r.w, y = r.y + r.h / 3;
	const char *p = text;

	/* word-wrapped into lines of at most room columns (a word longer than that is cut), each
	 * centred; a line a row, while the rectangle has rows */
	while (*p && y < r.y + r.h) {
		const char *end = p, *fit = NULL;
		size_t len;
		int w;

		for (;;) {
			const char *next = end;

			while (*next == ' ')
				next++;
			while (*next && *next != ' ')
				next++;
			if (text_widthn(p, (size_t)(next - p)) > room)
				break;
			fit = end = next;
			if (!*next)
				break;
		}
		if (!fit) /* the first word alone is too wide */
			for (end = p; *end && *end != ' '; end++)
				;
		len = (size_t)(end - p);
		w = text_widthn(p, len);
		canvas_textn(cv, r.x + (r.w > w ? (r.w - w) / 2 : 0), y++, room, p, len, style);
		for (p = end; *p == ' '; p++)
			;
	}
}

void styled_switch(struct ddb_buf *b, int style)
{
	char m[2] = {STYLE_MARK, (char)('A' + style)};

	ddb_buf_append(b, m, 2);
}

int styled_width(const char *s)
{
	int w = 0;

	while (*s) {
		const char *e;

		if (*s == STYLE_MARK && s[1]) {
			s += 2;
			continue;
		}
		e = strchr(s, STYLE_MARK);
		if (!e)
			e = s + strlen(s);
		w += text_widthn(s, (size_t)(e - s));
		s = e;
	}
	return w;
}

int draw_styled(struct canvas *cv, int x, int y, int maxw, int skip, const char *s, int style)
{
	int col = 0, out = 0;
	char small[512];

	while (*s && out < maxw) {
		const char *e;
		size_t len;
		int segw;
		char *seg;

		if (*s == STYLE_MARK && s[1]) {
			style = s[1] - 'A';
			if (style < 0 || style >= ST__COUNT)
				style = ST_NORMAL;
			s += 2;
			continue;
		}
		e = strchr(s, STYLE_MARK);
		if (!e)
			e = s + strlen(s);
		len = (size_t)(e - s);
		segw = text_widthn(s, len);
		if (col + segw <= skip) {
			col += segw;
			s = e;
			continue;
		}
		seg = len < sizeof(small) ? small : malloc(len + 1);
		if (!seg)
			abort();
		memcpy(seg, s, len);
		seg[len] = '\0';
		out += canvas_text_from(cv, x + out, y, maxw - out, seg,
		                        skip > col ? skip - col : 0, style);
		if (seg != small)
			free(seg);
		col += segw;
		s = e;
	}
	return out;
}

void textview_init(struct textview *tv)
{
	memset(tv, 0, sizeof(*tv));
}

void textview_clear(struct textview *tv)
{
	int i;

	for (i = 0; i < tv->n; i++)
		free(tv->lines[i]);
	tv->n = 0;
	tv->widest = 0;
}

void textview_done(struct textview *tv)
{
	textview_clear(tv);
	free(tv->lines);
	textview_init(tv);
}

void textview_add(struct textview *tv, const char *styled_line)
{
	int w;

	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? tv->cap * 2 : 64;
		tv->lines = realloc(tv->lines, (size_t)tv->cap * sizeof(*tv->lines));
		if (!tv->lines)
			abort();
	}
	tv->lines[tv->n] = strdup(styled_line);
	if (!tv->lines[tv->n])
		abort();
	tv->n++;
	w = styled_width(styled_line);
	if (w > tv->widest)
		tv->widest = w;
}

void textview_add_text(struct textview *tv, const char *text, int style)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		ddb_buf_reset(&b);
		styled_switch(&b, style);
		ddb_buf_append(&b, p, len);
		textview_add(tv, ddb_buf_str(&b));
		if (!nl)
			break;
		p = nl + 1;
	}
	ddb_buf_done(&b);
}

int textview_action(struct textview *tv, enum keymap_action act, int page, int width)
{
	int max_top;

	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_MOVE_DOWN:
		tv->top++;
		break;
	case ACT_MOVE_UP:
		tv->top--;
		break;
	case ACT_PAGE_DOWN:
		tv->top += page;
		break;
	case ACT_PAGE_UP:
		tv->top -= page;
		break;
	case ACT_MOVE_FIRST:
		tv->top = 0;
		break;
	case ACT_MOVE_LAST:
		tv->top = tv->n;
		break;
	case ACT_SCROLL_RIGHT:
		tv->hscroll += 8;
		break;
	case ACT_SCROLL_LEFT:
		tv->hscroll -= 8;
		break;
	case ACT_WRAP_LINES:
		tv->wrap = !tv->wrap;
		tv->hscroll = 0;
		break;
	default:
		return 0;
	}
	max_top = tv->n - page;
	if (tv->top > max_top)
		tv->top = max_top;
	if (tv->top < 0)
		tv->top = 0;
	if (tv->hscroll > tv->widest - width + 1)
		tv->hscroll = tv->widest - width + 1;
	if (tv->hscroll < 0)
		tv->hscroll = 0;
	return 1;
}

void textview_draw(struct textview *tv, struct canvas *cv, struct rect r)
{
	int i;

	if (tv->top > tv->n - r.h)
		tv->top = tv->n - r.h;
	if (tv->top < 0)
		tv->top = 0;
	if (tv->wrap && r.w > 1) {
		int y = 0, w = r.w - 1;

		/* each line in as many rows as its width takes, a row a slice of w columns */
		for (i = tv->top; i < tv->n && y < r.h; i++) {
			int lw = styled_width(tv->lines[i]), off = 0;

			do {
				draw_styled(cv, r.x + 1, r.y + y++, w, off, tv->lines[i],
				            ST_NORMAL);
				off += w;
			} while (off < lw && y < r.h);
		}
		return;
	}
	/* the text may have changed since the last scroll (v in the inspector): not past its end */
	if (tv->hscroll > tv->widest - (r.w - 1) + 1)
		tv->hscroll = tv->widest - (r.w - 1) + 1;
	if (tv->hscroll < 0)
		tv->hscroll = 0;
	for (i = 0; i < r.h && tv->top + i < tv->n; i++)
		draw_styled(cv, r.x + 1, r.y + i, r.w - 1, tv->hscroll, tv->lines[tv->top + i],
		            ST_NORMAL);
}

char *textview_plain(const struct textview *tv)
{
	struct ddb_buf b = DDB_BUF_INIT;
	int i;

	for (i = 0; i < tv->n; i++) {
		const char *s = tv->lines[i];

		while (*s) {
			if (*s == STYLE_MARK && s[1]) {
				s += 2;
				continue;
			}
			ddb_buf_putc(&b, *s++);
		}
		ddb_buf_putc(&b, '\n');
	}
	return ddb_buf_steal(&b);
}

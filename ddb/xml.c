/* xml.c - the text of one element of a small XML reply (see xml.h). */
#include "xml.h"

#include <string.h>

#include "buf.h"

static int xml_error(struct ddb_error *err, const char *why)
{
	ddb_error_set(err, DDB_ERR_PARSE, "malformed XML reply: %s", why);
	return -1;
}

static int is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
}

static void put_utf8(struct ddb_buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		ddb_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		ddb_buf_putc(b, (char)(0xc0 | (cp >> 6)));
		ddb_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		ddb_buf_putc(b, (char)(0xe0 | (cp >> 12)));
		ddb_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		ddb_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		ddb_buf_putc(b, (char)(0xf0 | (cp >> 18)));
		ddb_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		ddb_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		ddb_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Decodes one entity at p (just after '&'); returns the byte after ';' or NULL. */
static const char *entity(const char *p, const char *end, struct ddb_buf *b)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
	const char *semi = memchr(p, ';', (size_t)(end - p));
	size_t n, i;

	if (!semi || semi - p > 10)
		return NULL;
	n = (size_t)(semi - p);
	if (n >= 2 && p[0] == '#') {
		unsigned long cp = 0;
		int hex = p[1] == 'x';

		if (n == (size_t)(hex ? 2 : 1))
			return NULL;
		for (i = hex ? 2 : 1; i < n; i++) {
			int d = hex ? ddb_hex_value((unsigned char)p[i])
			            : (p[i] >= '0' && p[i] <= '9' ? p[i] - '0' : -1);

			if (d < 0)
				return NULL;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			if (cp > 0x10ffff)
				return NULL;
		}
		if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
			return NULL;
		put_utf8(b, cp);
		return semi + 1;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i].name) == n && memcmp(named[i].name, p, n) == 0) {
			ddb_buf_putc(b, named[i].c);
			return semi + 1;
		}
	return NULL;
}

/* Skips a start or end tag's rest from p (after the name) to just past '>', quoted attribute
 * values included. *self_closing says "/>". NULL if it never ends. */
static const char *tag_end(const char *p, const char *end, int *self_closing)
{
	*self_closing = 0;
	while (p < end) {
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));

			if (!q)
				return NULL;
			p = q + 1;
		} else if (*p == '<') {
			return NULL;
		} else if (*p == '>') {
			*self_closing = p[-1] == '/';
			return p + 1;
		} else {
			p++;
		}
	}
	return NULL;
}

static const char *skip_past(const char *p, const char *end, const char *marker)
{
	size_t m = strlen(marker);

	while (p + m <= end) {
		if (memcmp(p, marker, m) == 0)
			return p + m;
		p++;
	}
	return NULL;
}

static int local_name_is(const char *s, size_t n, const char *name)
{
	const char *colon = memchr(s, ':', n);

	if (colon) {
		n -= (size_t)(colon + 1 - s);
		s = colon + 1;
	}
	return strlen(name) == n && memcmp(s, name, n) == 0;
}

/* Reads text from p up to the next tag that is not CDATA; NULL on a bad entity or a '<' that
 * starts something other than CDATA or an end tag. *stop is that tag's '<'. */
static const char *read_text(const char *p, const char *end, struct ddb_buf *b)
{
	while (p < end) {
		if (*p == '&') {
			p = entity(p + 1, end, b);
			if (!p)
				return NULL;
		} else if (*p == '<') {
			if ((size_t)(end - p) >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
				const char *q = skip_past(p + 9, end, "]]>");

				if (!q)
					return NULL;
				ddb_buf_append(b, p + 9, (size_t)(q - 3 - (p + 9)));
				p = q;
			} else {
				return p;
			}
		} else {
			ddb_buf_putc(b, *p++);
		}
	}
	return p;
}

int ddb_xml_text(const char *xml, size_t len, const char *name, char **out, struct ddb_error *err)
{
	const char *p = xml, *end = xml + len;
	long depth = 0;

	*out = NULL;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *nm;
		int self_closing, closing;

		if (!lt)
			break;
		p = lt + 1;
		if (p < end && (*p == '?' || *p == '!')) {
			const char *q;

			if ((size_t)(end - p) >= 3 && memcmp(p, "!--", 3) == 0)
				q = skip_past(p + 3, end, "-->");
			else if (*p == '?')
				q = skip_past(p + 1, end, "?>");
			else if ((size_t)(end - p) >= 8 && memcmp(p, "![CDATA[", 8) == 0)
				q = skip_past(p + 8, end, "]]>");
			else
				return xml_error(err, "declarations are not supported");
			if (!q)
				return xml_error(err, "unterminated comment or declaration");
			p = q;
			continue;
		}
		closing = p < end && *p == '/';
		if (closing)
			p++;
		nm = p;
		while (p < end && is_name_char((unsigned char)*p))
			p++;
		if (p == nm)
			return xml_error(err, "expected a tag name after '<'");
		{
			size_t nlen = (size_t)(p - nm);
			const char *after = tag_end(p, end, &self_closing);

			if (!after)
				return xml_error(err, "unterminated tag");
			if (closing) {
				if (--depth < 0)
					return xml_error(err, "end tag without start tag");
				p = after;
				continue;
			}
			p = after;
			if (self_closing)
				continue;
			depth++;
			if (local_name_is(nm, nlen, name)) {
				struct ddb_buf b = DDB_BUF_INIT;
				const char *stop = read_text(p, end, &b);

				if (!stop || stop >= end) {
					ddb_buf_done(&b);
					return xml_error(err, "bad text or truncated element");
				}
				if ((size_t)(end - stop) > nlen + 2 && stop[1] == '/' &&
				    memcmp(stop + 2, nm, nlen) == 0 &&
				    !is_name_char((unsigned char)stop[2 + nlen])) {
					*out = ddb_buf_steal(&b);
					return 1;
				}
				ddb_buf_done(&b); /* holds elements: look inside */
			}
		}
	}
	return 0;
}

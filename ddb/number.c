/* number.c - DynamoDB numbers: one reading of number text, for the check and for comparing. */
#include "number.h"

#include <string.h>

/* Exponent digits stop adding up here: any exponent this large is out of range anyway. */
#define EXP_SATURATE 1000000000LL

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

const char *ddb_number_parse(const char *text, struct ddb_number *n)
{
	const char *s = text, *why = NULL;
	long long idx = 0, first = -1, last = -1, point = -1, e = 0, esign = 1;
	int sign = 1;

	memset(n, 0, sizeof(*n));
	if (!s)
		return "is not a number";
	if (*s == '-' || *s == '+') {
		if (*s == '+')
			why = "is not a number"; /* read all the same */
		sign = *s++ == '-' ? -1 : 1;
	}
	/* The mantissa: digits and one '.'; only the significant digits are kept. */
	for (;; s++) {
		if (is_digit(*s)) {
			if (*s != '0') {
				if (first < 0)
					first = idx;
				last = idx;
			}
			if (first >= 0 && idx - first < DDB_NUMBER_MAX_DIGITS)
				n->digits[idx - first] = *s;
			idx++;
		} else if (*s == '.' && point < 0) {
			point = idx;
		} else {
			break;
		}
	}
	if (point < 0)
		point = idx;
	if (!why && first >= 0 && last - first >= DDB_NUMBER_MAX_DIGITS)
		why = "has more than 38 significant digits";
	/* The exponent counts only with a digit: "1e" and "1e+" end before the 'e'. */
	if (idx > 0 && (*s == 'e' || *s == 'E')) {
		const char *x = s + 1;
		int minus = 0;

		if (*x == '+' || *x == '-')
			minus = *x++ == '-';
		if (is_digit(*x)) {
			for (; is_digit(*x); x++)
				if (e < EXP_SATURATE)
					e = e * 10 + (*x - '0');
			esign = minus ? -1 : 1;
			s = x;
		}
	}
	if (!why && (idx == 0 || *s))
		why = "is not a number";
	if (first < 0) /* zero, whatever the sign and exponent */
		return why;
	n->sign = sign;
	n->ndigits = (size_t)(last - first + 1);
	n->digits[n->ndigits < DDB_NUMBER_MAX_DIGITS ? n->ndigits : DDB_NUMBER_MAX_DIGITS] = '\0';
	n->exp = point - first - 1 + esign * e;
	if (!why && (n->exp < DDB_NUMBER_MIN_EXP || n->exp > DDB_NUMBER_MAX_EXP))
		why = "is out of range";
	return why;
}

int ddb_number_valid(const char *text)
{
	struct ddb_number n;

	return ddb_number_parse(text, &n) == NULL;
}

int ddb_number_cmp(const struct ddb_number *a, const struct ddb_number *b)
{
	int c;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (!a->sign)
		return 0;
	if (a->exp != b->exp) {
		c = a->exp < b->exp ? -1 : 1;
	} else {
		/* the same exponent: the digits, a prefix the smaller (0.1 < 0.15); past the 38
		 * kept (only in text that is not a number) by their count, an order if not the
		 * value */
		c = strcmp(a->digits, b->digits);
		if (!c)
			c = a->ndigits < b->ndigits ? -1 : a->ndigits > b->ndigits;
	}
	return a->sign * (c < 0 ? -1 : c > 0);
}

int ddb_number_text_cmp(const char *a, const char *b)
{
	struct ddb_number x, y;

	ddb_number_parse(a, &x);
	ddb_number_parse(b, &y);
	return ddb_number_cmp(&x, &y);
}

/* number.h - DynamoDB numbers, as decimal text end to end (never a double): the check DynamoDB
 * makes of an N, a number taken apart into sign, significant digits and exponent, and comparison
 * by value. The only code that reads number text: attribute checks and NS distinctness
 * (attr.c), items compared and sized (edit.c), the scan view sorted by a column.
 *
 * A DynamoDB number is an optional '-', then digits with at most one '.' among them (at least
 * one digit: ".5" and "5." are numbers, "." is not), then optionally 'e' or 'E', an optional '+'
 * or '-' and at least one digit. Leading and trailing zeros are not significant ("007" is 7,
 * "1.50" is 1.5, "-0" and "0.000e9" are 0). At most 38 significant digits; zero, or a magnitude
 * from 1E-130 to 9.9999999999999999999999999999999999999E+125. Nothing else: no '+' before the
 * number, no white space, no "NaN", "Infinity" or hexadecimal.
 *
 * Text that is not a number (a malformed N from a file, a hand-made item) is still read, so that
 * comparing never fails: as the longest beginning of it that is a number, a '+' sign allowed, and
 * as zero if no digit begins it. "12abc", "12e" and "12e+" read as 12, "1.2.3" as 1.2, "+5" as 5;
 * "", "abc", "-", "." and NULL as 0. More than 38 significant digits are all counted but only the
 * first 38 kept; an exponent out of range is kept as it is (exponent digits saturate near 1E10:
 * no overflow, whatever the text). So any two texts compare, consistently (a total order), and
 * valid numbers compare exactly by value. */
#ifndef DDB_NUMBER_H
#define DDB_NUMBER_H

#include <stddef.h>

#define DDB_NUMBER_MAX_DIGITS 38
#define DDB_NUMBER_MIN_EXP    (-130) /* 1E-130 */
#define DDB_NUMBER_MAX_EXP    125    /* 9.99...E+125 */

/* A number taken apart: value = sign x d1.d2d3...dn x 10^exp, d1 not 0, dn not 0. Two valid
 * numbers are equal exactly when their parts are. */
struct ddb_number {
	int sign;       /* 1 or -1; 0 for zero ("-0" too) */
	size_t ndigits; /* significant digits, 0 for zero; more than DDB_NUMBER_MAX_DIGITS only
	                   for text that is not a number */
	char digits[DDB_NUMBER_MAX_DIGITS + 1]; /* the first (up to 38) of them, NUL-terminated */
	long long exp;                          /* 0 for zero */
};

/* Takes text (may be NULL) apart into n (always filled in, as above). Returns NULL if text is a
 * DynamoDB number, else why not, as words to follow the quoted text in a message: "is not a
 * number", "has more than 38 significant digits", "is out of range" (the first that applies, in
 * that order). */
const char *ddb_number_parse(const char *text, struct ddb_number *n);

/* Whether text is a valid DynamoDB number (NULL is not). */
int ddb_number_valid(const char *text);

/* a against b by value: -1, 0 or 1. Numbers that are not valid compare as read (see above). */
int ddb_number_cmp(const struct ddb_number *a, const struct ddb_number *b);

/* The same for two texts (either may be NULL): ddb_number_parse of each, then ddb_number_cmp.
 * "1.50" and "1.5" are 0, as are "100" and "1E2". */
int ddb_number_text_cmp(const char *a, const char *b);

#endif

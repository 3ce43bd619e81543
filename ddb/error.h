/* error.h - the error carried by every ddb call: kind, HTTP status, AWS type, message. */
#ifndef DDB_ERROR_H
#define DDB_ERROR_H

#include <stdarg.h>

enum ddb_error_kind {
	DDB_ERR_NONE = 0,
	DDB_ERR_USAGE,     /* bad argument from the caller or the user */
	DDB_ERR_CONFIG,    /* credentials, profile, region, endpoint */
	DDB_ERR_NETWORK,   /* connection refused, reset, DNS, TLS */
	DDB_ERR_TIMEOUT,   /* no answer in time */
	DDB_ERR_SERVICE,   /* DynamoDB answered with an error (type and status set) */
	DDB_ERR_PARSE,     /* malformed JSON or attribute value */
	DDB_ERR_READ_ONLY, /* a write refused in read-only mode */
	DDB_ERR_CANCELLED, /* cancelled by the caller */
	DDB_ERR_NOMEM,
	DDB_ERR_IO, /* local file trouble */
};

struct ddb_error {
	enum ddb_error_kind kind;
	long http_status; /* 0 when no HTTP answer */
	char type[96];    /* short AWS error type, e.g. "ResourceNotFoundException" */
	char message[768];
};

void ddb_error_clear(struct ddb_error *err);
/* Sets kind and a printf-style message; leaves http_status and type alone. err may be NULL. */
void ddb_error_set(struct ddb_error *err, enum ddb_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ddb_error_vset(struct ddb_error *err, enum ddb_error_kind kind, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* A short name of the kind: "network", "service", ... */
const char *ddb_error_kind_name(enum ddb_error_kind kind);
/* Whether an AWS error type means "slow down" (ThrottlingException,
 * ProvisionedThroughputExceededException, ...), as the SDKs' standard retry mode lists them. */
int ddb_error_type_is_throttle(const char *type);

#endif

/* error.c - filling struct ddb_error. */
#include "error.h"

#include <stdio.h>
#include <string.h>

void ddb_error_clear(struct ddb_error *err)
{
	if (!err)
		return;
	err->kind = DDB_ERR_NONE;
	err->http_status = 0;
	err->type[0] = '\0';
	err->message[0] = '\0';
}

void ddb_error_vset(struct ddb_error *err, enum ddb_error_kind kind, const char *fmt, va_list ap)
{
	if (!err)
		return;
	err->kind = kind;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
}

void ddb_error_set(struct ddb_error *err, enum ddb_error_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ddb_error_vset(err, kind, fmt, ap);
	va_end(ap);
}

const char *ddb_error_kind_name(enum ddb_error_kind kind)
{
	static const char *const names[] = {
	    [DDB_ERR_NONE] = "none",
	    [DDB_ERR_USAGE] = "usage",
	    [DDB_ERR_CONFIG] = "config",
	    [DDB_ERR_NETWORK] = "network",
	    [DDB_ERR_TIMEOUT] = "timeout",
	    [DDB_ERR_SERVICE] = "service",
	    [DDB_ERR_PARSE] = "parse",
	    [DDB_ERR_READ_ONLY] = "read-only",
	    [DDB_ERR_CANCELLED] = "cancelled",
	    [DDB_ERR_NOMEM] = "out of memory",
	    [DDB_ERR_IO] = "io",
	};
	if ((unsigned)kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "unknown";
}

int ddb_error_type_is_throttle(const char *type)
{
	static const char *const names[] = {
	    "ThrottlingException",
	    "Throttling",
	    "ThrottledException",
	    "RequestThrottledException",
	    "TooManyRequestsException",
	    "ProvisionedThroughputExceededException",
	    "TransactionInProgressException",
	    "RequestLimitExceeded",
	    "BandwidthLimitExceeded",
	    "LimitExceededException",
	    "RequestThrottled",
	    "SlowDown",
	    "PriorRequestNotComplete",
	    "EC2ThrottledException",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(type, names[i]) == 0)
			return 1;
	return 0;
}

/* uuid.h - RFC 4122 UUIDs as lowercase text "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx". */
#ifndef DDB_UUID_H
#define DDB_UUID_H

/* A random (version 4) UUID from a CSPRNG. out holds 37 bytes. */
void ddb_uuid_v4(char out[37]);
/* A name-based (version 5, SHA-1) UUID: the same namespace and name always give the same UUID.
 * Returns -1 if namespace_uuid is not a valid UUID. */
int ddb_uuid_v5(const char *namespace_uuid, const char *name, char out[37]);
/* Whether s is a UUID in the canonical text form (any version, either case). */
int ddb_uuid_valid(const char *s);

#endif

/* uuid.c - RFC 4122 UUIDs: version 4 from OpenSSL's CSPRNG, version 5 from SHA-1. */
#include "uuid.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "buf.h"

static const char HEX[] = "0123456789abcdef";

static void format(const unsigned char b[16], char out[37])
{
	size_t i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = HEX[b[i] >> 4];
		out[o++] = HEX[b[i] & 0x0f];
	}
	out[o] = '\0';
}

/* Sets the version nibble and the RFC 4122 variant bits. */
static void stamp(unsigned char b[16], unsigned version)
{
	b[6] = (unsigned char)((b[6] & 0x0f) | (version << 4));
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
}

/* The kernel's generator, should OpenSSL's ever refuse (it does not once seeded). */
static int urandom(unsigned char *b, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd < 0)
		return -1;
	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);

		if (r <= 0) {
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	return 0;
}

void ddb_uuid_v4(char out[37])
{
	unsigned char b[16];

	if (RAND_bytes(b, sizeof(b)) != 1 && urandom(b, sizeof(b)) != 0)
		abort(); /* no randomness at all: a predictable id would be worse than stopping */
	stamp(b, 4);
	format(b, out);
}

int ddb_uuid_valid(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (ddb_hex_value(s[i]) < 0) {
			return 0;
		}
	}
	return 1;
}

int ddb_uuid_v5(const char *namespace_uuid, const char *name, char out[37])
{
	unsigned char ns[16], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *ctx;
	size_t i, o = 0;
	int ok;

	if (!ddb_uuid_valid(namespace_uuid) || !name)
		return -1;
	for (i = 0; i < 36; i++) {
		if (namespace_uuid[i] == '-')
			continue;
		if (o % 2 == 0)
			ns[o / 2] = (unsigned char)(ddb_hex_value(namespace_uuid[i]) << 4);
		else
			ns[o / 2] |= (unsigned char)ddb_hex_value(namespace_uuid[i]);
		o++;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return -1;
	ok = EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) == 1 &&
	     EVP_DigestUpdate(ctx, ns, sizeof(ns)) == 1 &&
	     EVP_DigestUpdate(ctx, name, strlen(name)) == 1 &&
	     EVP_DigestFinal_ex(ctx, md, &mdlen) == 1 && mdlen >= 16;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return -1;
	stamp(md, 5);
	format(md, out);
	return 0;
}

/* xml.h - just enough XML for the replies of STS: the text of one element, found by its local
 * name. Not a general parser: no DTDs, no namespaces beyond dropping a "prefix:"; anything it
 * does not understand is an error, never a guess. No regex, no recursion, no allocation but the
 * result. */
#ifndef DDB_XML_H
#define DDB_XML_H

#include <stddef.h>

#include "error.h"

/* The decoded text of the first element whose local name is name, at any depth, that holds only
 * text (CDATA included). 1 found (*out heap-owned), 0 not there, -1 malformed XML (err,
 * DDB_ERR_PARSE). Entities: the five predefined ones and &#N; / &#xH; (to UTF-8). The whole text
 * is checked up to the element found, so a truncated reply is an error rather than a short
 * value. */
int ddb_xml_text(const char *xml, size_t len, const char *name, char **out, struct ddb_error *err);

#endif

#ifndef CITEMBANK_LIBXML2_SHIM_H
#define CITEMBANK_LIBXML2_SHIM_H

// Debian's xmlversion.h enables ICU; libxml2's headers would then pull the system ICU into the
// module, which clashes with the ICU that Foundation carries ("UErrorCode has different
// definitions"). Include xmlversion.h first and turn the flag off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlstring.h>
#include <libxml/catalog.h>
#include <libxml/xmlIO.h>
#include <libxml/HTMLparser.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void citembank_xml_free(void *pointer) { xmlFree(pointer); }

/// `LIBXML_VERSION` as a value Swift can read.
static inline int citembank_libxml_version(void) { return LIBXML_VERSION; }

/// `XML_PARSE_NO_XXE` exists from libxml2 2.13; 0 before.
static inline int citembank_parse_no_xxe(void) {
#if LIBXML_VERSION >= 21300
    return XML_PARSE_NO_XXE;
#else
    return 0;
#endif
}

#endif

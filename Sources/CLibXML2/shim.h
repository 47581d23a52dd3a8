#ifndef ATTEST_CLIBXML2_SHIM_H
#define ATTEST_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// libxml2's headers may pull in ICU's types, which clash with the copy
// Foundation brings; Attest uses none of libxml2's ICU support.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>

/// `xmlFree` is a global function pointer; Swift cannot call it directly.
static inline void attest_xml_free(void *p) { xmlFree(p); }

/// Installs (or, with NULL, removes) the structured error handler for the
/// calling thread. libxml2 keeps this handler in thread-local storage.
static inline void attest_set_structured_errors(void *ctx, xmlStructuredErrorFunc fn) {
    xmlSetStructuredErrorFunc(ctx, fn);
}

/// Silences libxml2's generic (unstructured, variadic) error channel for the
/// calling thread, so nothing is ever printed to stderr behind our back.
static void attest_generic_error_sink(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void attest_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, attest_generic_error_sink);
}

#endif

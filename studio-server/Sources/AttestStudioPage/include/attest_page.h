#ifndef ATTEST_PAGE_H
#define ATTEST_PAGE_H

#include <stddef.h>

/// One file of the web annotator's page: its name in the page folder and its bytes.
typedef struct {
    const char *name;
    const unsigned char *bytes;
    size_t count;
} attest_page_file;

/// How many files the page has.
size_t attest_page_file_count(void);

/// The file at `index` (0 ..< attest_page_file_count()), or NULL past the end.
const attest_page_file *attest_page_file_at(size_t index);

#endif

/* bitext tests — shared helpers. */
#pragma once

#include <bitext/bitext.h>

/* Segment @text (UTF-8) in @lang with the default rules; returns the segment texts. */
GPtrArray *bitext_test_segment (const char *lang, const char *text);
/* The same with an SRX file. */
GPtrArray *bitext_test_segment_srx (const char *lang, const char *srx, const char *text);
/* Lines of a file of tests/data (without the final newline). */
GPtrArray *bitext_test_read_lines (const char *path);
/*
** Remove @path and, when it is a folder, everything under it. A symbolic
** link is removed, never followed: a test that links out of its folder
** must not empty the folder the link names.
*/
void bitext_test_rm_tree (const char *path);
/* Assert that @got holds exactly the NULL-terminated @expected; names @what on failure. */
void bitext_test_assert_strv (const char *what, GPtrArray *got, const char *const *expected);

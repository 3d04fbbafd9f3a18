/* bitext — analysis of SRX regular expressions (internal to srx.c). */
#pragma once

#include <glib.h>
#include <unicode/uset.h>

G_BEGIN_DECLS

/* How many characters on each side of a break the prefilter looks at. */
#define BITEXT_SRX_CONTEXT 3

G_DEFINE_AUTOPTR_CLEANUP_FUNC (USet, uset_close)

void  bitext_srx__pattern_width (const char *start, const char *end, gboolean icase, int *min,
                                 int *max);
void  bitext_srx__pattern_sets  (const char *start, const char *end, gboolean icase, USet **sets,
                                 int k, gboolean forward);
gboolean bitext_srx__pattern_run_then (const char *start, const char *end, gboolean icase,
                                       USet **run, USet **next);
gboolean bitext_srx__quote_open (const char *pattern);
char *bitext_srx__bound_quantifiers (const char *pattern, int bound);

G_END_DECLS

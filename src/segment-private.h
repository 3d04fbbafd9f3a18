/* bitext — segmentation internals shared between segment.c and segment-lists.c. */
#pragma once

#include <glib.h>
#include <unicode/utypes.h>

#include "bitext/segment.h"

G_BEGIN_DECLS

/* Flags of a candidate break position. */
enum
{
  CAND_ICU = 1 << 0,          /* ICU's sentence iterator proposes a boundary here */
  CAND_RULE = 1 << 1,         /* a break rule of the SRX may fire here */
  CAND_FORCE_BREAK = 1 << 2,  /* the layout (line, list item) requires a boundary */
  CAND_FORCE_KEEP = 1 << 3,   /* the layout forbids a boundary (inside a list marker) */
};

typedef struct
{
  int32_t pos;                /* UTF-16 index: the break falls before text[pos] */
  guint32 flags;
} BitextCandidate;

/*
** Layout rules, independent of language: lines inside a paragraph that are
** headings or list items, and enumerations written inline ("1) ... 2) ...").
** Append candidates (unsorted) for the UTF-16 paragraph @text, whose line
** breaks are listed in @newlines (UTF-16 indices, ascending).
*/
void     bitext_segment__layout_candidates (const UChar *text, int32_t length,
                                            const GArray *newlines, GArray *candidates);
gboolean bitext_segment__starts_list_item  (const UChar *text, int32_t length);
gboolean bitext_segment__should_join       (const char *prev, gsize prev_len, const char *next,
                                            gsize next_len);

/* Worker threads for large inputs; 0 segments in the calling thread only.
   The default is the number of processors. Output does not depend on it. */
void     bitext_segmenter__set_threads     (BitextSegmenter *seg, guint n_threads);
/* A line longer than @window_bytes is segmented in windows of that size, with
   @context_bytes of context (WINDOW_BYTES in segment.c). Output does not depend on it. */
void     bitext_segmenter__set_window      (BitextSegmenter *seg, gsize window_bytes,
                                            gsize context_bytes);

G_END_DECLS

/* bitext — sentence segmentation: ICU's BreakIterator plus SRX 2.0 language rules. */
#pragma once

#include <bitext/document.h>

G_BEGIN_DECLS

/*
** One sentence (or heading, list item, title): a span of the normalised
** text with no leading or trailing white space. A segment may cross line
** breaks (and the blank line of a broken paragraph); its text, as given by
** bitext_segment_dup_text(), has a single space in place of each run of
** white space that holds a line break.
*/
typedef struct
{
  BitextSpan span;          /* into the normalised text */
  guint paragraph;          /* 0-based logical paragraph (a broken paragraph counts once) */
  gsize source_offset;      /* byte offset of the first byte in the original file */
  gsize source_end;         /* byte offset just past the last byte in the original file */
  BitextPosition start;     /* line:column of the first character in the original file */
  BitextPosition end;       /* line:column of the last character */
} BitextSegment;

typedef struct _BitextSegmenter BitextSegmenter;

/*
** Called once per segment, in order. @text is the segment's text (white space
** holding line breaks collapsed), NUL-terminated, borrowed for the call.
** Return FALSE with @error set to stop.
*/
typedef gboolean (*BitextSegmentFunc) (const BitextSegment *segment, const char *text,
                                       gpointer user_data, GError **error);

BITEXT_API BitextSegmenter *bitext_segmenter_new     (const char *lang, const char *srx_path,
                                                      GError **error);
BITEXT_API void             bitext_segmenter_free    (BitextSegmenter *segmenter);
BITEXT_API const char      *bitext_segmenter_get_lang (const BitextSegmenter *segmenter);
BITEXT_API gboolean         bitext_segmenter_segment_reader   (BitextSegmenter *segmenter,
                                                               BitextReader *reader,
                                                               BitextSegmentFunc func,
                                                               gpointer user_data,
                                                               GError **error);
BITEXT_API GArray          *bitext_segmenter_segment_document (BitextSegmenter *segmenter,
                                                               const BitextDocument *doc,
                                                               GError **error);
BITEXT_API char            *bitext_segment_dup_text  (const char *text, const BitextSpan *span);
BITEXT_API const char      *bitext_guess_language    (const char *text, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextSegmenter, bitext_segmenter_free)

G_END_DECLS

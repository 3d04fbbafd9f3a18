/* bitext — common types shared by every module of libbitext. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#if defined(BITEXT_COMPILATION) || defined(BITEXT_STATIC)
#define BITEXT_API __attribute__ ((visibility ("default")))
#else
#define BITEXT_API
#endif

/*
** A position in the user's original file: 1-based line and column.
** The column counts Unicode code points from the start of the line, as
** editors show it (GNU coding standards, "Formatting Error Messages").
*/
typedef struct
{
  guint line;
  guint column;
} BitextPosition;

/*
** A byte range of a document's normalised text (NFC, UTF-8, LF newlines).
** Borrowed: valid while the owning BitextDocument lives. The bytes are NOT
** NUL-terminated at offset + length.
*/
typedef struct
{
  gsize offset;
  gsize length;
} BitextSpan;

/*
** Progress of a long run (reading a memory, ...): @done of @total units of
** work (@total 0: not known in advance) in the @stage named ("reading
** FILE"). The library calls it and never prints; a tool draws it.
*/
typedef void (*BitextProgressFunc) (const char *stage, guint64 done, guint64 total,
                                    gpointer user_data);

G_END_DECLS

/* bitext — internals shared by the PO and XLIFF readers and writers (bilingual.c, po.c, xliff.c). */
#pragma once

#include "bitext/bilingual.h"
#include "tmx-private.h"

/*
** The format of the input @path, told by its content: an input that can
** be read once only (stdin, a pipe) is read whole into *@data (@length
** bytes, NUL-terminated; transfer full), which the caller then parses,
** else *@data is NULL and @path is read again. FALSE on a read error.
*/
gboolean bitext__bilingual_sniff_input (const char *path, BitextBilingualFormat *format,
                                        char **data, gsize *length, GError **error);
/*
** The units of @path as bitext_bilingual_foreach_unit() reads them, or,
** when @data is not NULL, of those @length bytes already read from it
** (bitext__bilingual_sniff_input()), named as the input.
*/
gboolean bitext__bilingual_foreach_input (const char *path, const char *data, gsize length,
                                          BitextBilingualFormat format,
                                          const BitextBilingualReadOptions *options,
                                          BitextTmxUnitFunc func, gpointer user_data,
                                          BitextBilingualCounts *counts, BitextTm **header,
                                          GError **error);

/* What a reader hands each finished entry to: the state decides whether it is delivered. */
typedef enum
{
  ENTRY_TRANSLATED,
  ENTRY_FUZZY,
  ENTRY_UNTRANSLATED,
} BilingualState;

typedef struct
{
  const char *name;
  const char *stage;          /* "reading NAME", for the progress function */
  const BitextBilingualReadOptions *options;
  BitextTmxUnitFunc func;
  gpointer user_data;
  BitextBilingualCounts *counts;
  BitextTm *header;           /* owned; given to the caller at the end */
  char *src_lang;
  char *tgt_lang;
} BilingualSink;

struct _BitextBilingualWriter
{
  BitextBilingualFormat format;
  char *src_lang;
  char *tgt_lang;
  BitextTm *header;           /* a copy of the header's attributes and annotations */
  gboolean started;
  guint64 n_units;
  /* PO: the plural entry being gathered (x-po-plural forms), flushed by the next entry */
  GPtrArray *plural;          /* BitextTmUnit copies */
  GPtrArray *plural_targets;  /* char *: the form's msgstr */
};

/* bilingual.c: deliver @unit unless its state is skipped; FALSE with @error set stops the read. */
gboolean bitext_bilingual__deliver (BilingualSink *sink, BitextTmUnit *unit, BilingualState state,
                                    GError **error);

/* po.c */
gboolean bitext_po__read (BilingualSink *sink, const char *data, gsize length, GError **error);
void     bitext_po__write_header (BitextBilingualWriter *w, GString *out);
void     bitext_po__write_unit   (BitextBilingualWriter *w, const BitextTmUnit *unit,
                                  const char *source, const char *target, GString *out);
void     bitext_po__flush        (BitextBilingualWriter *w, GString *out);

/* xliff.c */
gboolean bitext_xliff__read (BilingualSink *sink, const char *data, gsize length, GError **error);
void     bitext_xliff__write_header (BitextBilingualWriter *w, GString *out);
void     bitext_xliff__write_unit   (BitextBilingualWriter *w, const BitextTmUnit *unit,
                                     const BitextTmVariant *source, const BitextTmVariant *target,
                                     GString *out);
void     bitext_xliff__write_footer (BitextBilingualWriter *w, GString *out);

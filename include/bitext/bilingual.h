/* bitext — bilingual files other than TMX: gettext PO and XLIFF 1.2/2.0, read as memory units and written. */
#pragma once

#include <bitext/tm.h>
#include <bitext/tmx.h>

G_BEGIN_DECLS

/*
** A bilingual file is read as a stream of translation units, as a TMX file
** is (bitext_tmx_foreach_unit()): one unit per PO entry (one per plural
** form: msgstr[0] against msgid, msgstr[n] against msgid_plural), per XLIFF
** 1.2 <trans-unit> and per XLIFF 2.0 <segment>. What a PO entry carries
** besides its strings becomes props and notes that the PO writer reads back:
**   x-po-msgctxt, x-po-plural (form index), x-po-msgid-plural (on form 0),
**   x-po-flags (#,), x-po-reference (#:), x-po-extracted (#.), x-po-previous
**   (#|), and a note per translator comment line (#); the header entry's
**   msgstr is the memory header's x-po-header prop, its comments the header's notes.
** XLIFF inline codes become TMX codes: 1.2 <bpt>/<ept>/<ph>/<it> keep their
** native content, <g> and <bx>/<ex> become bpt/ept pairs, <x> a ph; 2.0
** <sc>/<ec>/<pc>/<ph> become bpt/ept/ph holding their <originalData>, and
** <cp hex> the character (a C0 control becomes a <ph type="x-ctrl">).
**
** Entries that are not finished translations are not mixed in silently:
** fuzzy PO entries and XLIFF targets in a needs-* / initial state, and
** entries without a translation, are counted and skipped unless asked for
** (then they carry the prop x-bitext-state: "fuzzy" or "untranslated").
** Obsolete PO entries (#~) are counted and always skipped.
*/
typedef enum
{
  BITEXT_BILINGUAL_UNKNOWN = 0,
  BITEXT_BILINGUAL_TMX,
  BITEXT_BILINGUAL_PO,
  BITEXT_BILINGUAL_XLIFF,
} BitextBilingualFormat;

#define BITEXT_BILINGUAL_PROP_STATE "x-bitext-state"

typedef struct
{
  guint version;
  const char *src_lang;       /* nullable: overrides the file's (PO files do not say: "en") */
  const char *tgt_lang;       /* nullable: overrides the file's */
  gboolean include_fuzzy;     /* deliver fuzzy / unapproved units too */
  gboolean include_untranslated; /* deliver units without a translation (empty target) */
  gboolean strip_markup;      /* TMX input: drop inline codes */
  BitextTmxWarningFunc warning_func;  /* TMX input: "FILE:LINE: message" for a skipped unit */
  gpointer warning_data;
  BitextProgressFunc progress_func;   /* nullable: called with the units read so far */
  gpointer progress_data;
} BitextBilingualReadOptions;

#define BITEXT_BILINGUAL_READ_OPTIONS_INIT { .version = 1 }

typedef struct
{
  guint64 n_units;            /* units delivered */
  guint64 n_fuzzy;            /* fuzzy or unapproved (delivered only with include_fuzzy) */
  guint64 n_untranslated;     /* without a translation (delivered only with include_untranslated) */
  guint64 n_obsolete;         /* PO #~ entries, never delivered */
  guint64 n_malformed;        /* TMX units skipped as malformed */
} BitextBilingualCounts;

BITEXT_API BitextBilingualFormat bitext_bilingual_sniff      (const char *path, GError **error);
BITEXT_API BitextBilingualFormat bitext_bilingual_sniff_data (const char *name, const char *data,
                                                              gsize length);
BITEXT_API const char           *bitext_bilingual_format_name (BitextBilingualFormat format);
BITEXT_API gboolean bitext_bilingual_foreach_unit (const char *path, BitextBilingualFormat format,
                                                   const BitextBilingualReadOptions *options,
                                                   BitextTmxUnitFunc func, gpointer user_data,
                                                   BitextBilingualCounts *counts,
                                                   BitextTm **header, GError **error);
BITEXT_API gboolean bitext_bilingual_foreach_unit_data (const char *name, const char *data,
                                                        gsize length, BitextBilingualFormat format,
                                                        const BitextBilingualReadOptions *options,
                                                        BitextTmxUnitFunc func, gpointer user_data,
                                                        BitextBilingualCounts *counts,
                                                        BitextTm **header, GError **error);
BITEXT_API void     bitext_bilingual_append_counts (GString *out, const BitextBilingualCounts *counts);

/*
** Writers: units appended as text to a GString, the header first (before
** the first unit or at the end). PO: gettext's layout (msgcat's line
** wrapping at 79 columns), plural forms regrouped from x-po-plural.
** XLIFF 2.0: one <unit> with one <segment> per memory unit.
*/
typedef struct _BitextBilingualWriter BitextBilingualWriter;

BITEXT_API BitextBilingualWriter *bitext_bilingual_writer_new    (BitextBilingualFormat format,
                                                                  const BitextTm *header,
                                                                  const char *src_lang,
                                                                  const char *tgt_lang);
BITEXT_API void                   bitext_bilingual_writer_free   (BitextBilingualWriter *writer);
BITEXT_API void                   bitext_bilingual_writer_add    (BitextBilingualWriter *writer,
                                                                  const BitextTmUnit *unit,
                                                                  const BitextTmVariant *source,
                                                                  const BitextTmVariant *target,
                                                                  GString *out);
BITEXT_API void                   bitext_bilingual_writer_finish (BitextBilingualWriter *writer,
                                                                  GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextBilingualWriter, bitext_bilingual_writer_free)

G_END_DECLS

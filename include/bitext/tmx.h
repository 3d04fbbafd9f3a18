/* bitext — TMX 1.4b: a streaming reader (libxml2 SAX2) and a streaming writer (xmlTextWriter). */
#pragma once

#include <bitext/tm.h>

G_BEGIN_DECLS

/* The props bitext writes on the units the aligner makes (TMX: tool types start with "x-"). */
#define BITEXT_TMX_PROP_SCORE    "x-bitext-score"     /* alignment cost of the bead, "%.4f" */
#define BITEXT_TMX_PROP_BEAD     "x-bitext-bead"      /* bead shape: "1-1", "2-1", ... */
#define BITEXT_TMX_PROP_SOURCE   "x-bitext-source"    /* source and target document names */
#define BITEXT_TMX_PROP_POSITION "x-bitext-position"  /* segment ranges in the documents */

/*
** The largest <tu> (or <header>) the reader accepts, counting its text, its
** attribute values and 64 bytes per element: libxml2's own limit on one text
** node without XML_PARSE_HUGE (XML_MAX_TEXT_LENGTH in libxml/parserInternals.h).
** A larger unit is an error (BITEXT_ERROR_INPUT), so memory stays bounded
** whatever the file holds.
*/
#define BITEXT_TMX_MAX_UNIT_BYTES 10000000

typedef enum
{
  BITEXT_TMX_INLINE_KEEP,     /* segments keep bpt/ept/it/ph/hi/ut/sub as markup */
  BITEXT_TMX_INLINE_STRIP,    /* native codes are dropped; hi and sub text stays */
} BitextTmxInline;

typedef void (*BitextTmxWarningFunc) (const char *message, gpointer user_data);

typedef struct
{
  guint version;
  BitextTmxInline inline_mode;
  gboolean strict;            /* a malformed unit is an error, not a warning and a skip */
  gboolean segments_only;     /* languages and texts only: no attributes (but srclang), props,
                                 notes or markup (faster; for statistics) */
  BitextTmxWarningFunc warning_func;  /* "FILE:LINE: message" for each skipped unit */
  gpointer warning_data;
} BitextTmxReadOptions;

#define BITEXT_TMX_READ_OPTIONS_INIT { .version = 1, .inline_mode = BITEXT_TMX_INLINE_KEEP }

/*
** Called once per well-formed unit, in file order. @header is the memory
** read so far with its header but no units; @unit is borrowed and reused
** after the call returns (bitext_tm_unit_copy() keeps it). Returning FALSE
** with @error set stops the reading.
*/
typedef gboolean (*BitextTmxUnitFunc) (const BitextTm *header, BitextTmUnit *unit,
                                       gpointer user_data, GError **error);

BITEXT_API gboolean  bitext_tmx_foreach_unit (const char *path, const BitextTmxReadOptions *options,
                                              BitextTmxUnitFunc func, gpointer user_data,
                                              guint *n_skipped, GError **error);
BITEXT_API BitextTm *bitext_tmx_read_file    (const char *path, const BitextTmxReadOptions *options,
                                              GError **error);
BITEXT_API BitextTm *bitext_tmx_read_data    (const char *name, const void *data, gsize length,
                                              const BitextTmxReadOptions *options, GError **error);

typedef struct
{
  guint version;
  gint64 date;                /* Unix time of creationdate; -1: $SOURCE_DATE_EPOCH, else now */
  const BitextTmFilter *filter;  /* nullable: units it flags are dropped (or marked: filter->mark) */
  guint64 *n_filtered;        /* nullable: BITEXT_TM_FILTER_N_REASONS counters the writer adds
                                 to ([BITEXT_TM_FILTER_KEEP]: units written unflagged) */
} BitextTmxWriteOptions;

#define BITEXT_TMX_WRITE_OPTIONS_INIT { .version = 1, .date = -1 }

typedef struct _BitextTmxWriter BitextTmxWriter;

BITEXT_API BitextTmxWriter *bitext_tmx_writer_new      (const char *path, BitextTm *header,
                                                        const BitextTmxWriteOptions *options,
                                                        GError **error);
BITEXT_API gboolean         bitext_tmx_writer_add_unit (BitextTmxWriter *writer,
                                                        const BitextTmUnit *unit, GError **error);
BITEXT_API gboolean         bitext_tmx_writer_close    (BitextTmxWriter *writer, GError **error);
BITEXT_API void             bitext_tmx_writer_free     (BitextTmxWriter *writer);
BITEXT_API gboolean         bitext_tmx_write_file      (BitextTm *tm, const char *path,
                                                        const BitextTmxWriteOptions *options,
                                                        GError **error);
BITEXT_API char            *bitext_tmx_write_to_data   (BitextTm *tm,
                                                        const BitextTmxWriteOptions *options,
                                                        gsize *length, GError **error);

/*
** Merging (bitext tm merge): one unit per (source, target) pair, the newest
** by changedate or creationdate, in two streaming passes over the files.
*/
typedef struct _BitextTmMerge BitextTmMerge;

typedef struct
{
  guint64 n_units;            /* units read */
  guint64 n_written;
  guint64 n_duplicates;       /* units dropped: an equal or newer unit has the same pair */
  guint64 n_conflict_sources; /* sources written with more than one target */
} BitextTmMergeSummary;

/* Called for each unit written whose source is written with another target too. */
typedef void (*BitextTmMergeConflictFunc) (const char *path, const BitextTmUnit *unit,
                                           const BitextTmVariant *source,
                                           const BitextTmVariant *target, gpointer user_data);

BITEXT_API BitextTmMerge *bitext_tm_merge_new      (const char *src_lang, const char *tgt_lang);
BITEXT_API void           bitext_tm_merge_free     (BitextTmMerge *merge);
BITEXT_API gboolean       bitext_tm_merge_add_file (BitextTmMerge *merge, const char *path,
                                                    const BitextTmxReadOptions *options,
                                                    GError **error);
BITEXT_API gboolean       bitext_tm_merge_write    (BitextTmMerge *merge, const char *path,
                                                    const BitextTmxReadOptions *options,
                                                    const BitextTmxWriteOptions *write_options,
                                                    BitextTmMergeConflictFunc conflict_func,
                                                    gpointer user_data,
                                                    BitextTmMergeSummary *summary,
                                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmMerge, bitext_tm_merge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmxWriter, bitext_tmx_writer_free)

G_END_DECLS

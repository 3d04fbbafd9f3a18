/* bitext — internals of the translation memory, shared by tm.c, the TMX reader and writer. */
#pragma once

#include <libxml/xmlwriter.h>

#include "bitext/tm.h"
#include "bitext/tmx.h"

struct _BitextTmVariant
{
  GString *lang;
  GString *markup;            /* content of <seg>, canonical TMX inline markup */
  GString *text;              /* the same with native codes put back, unescaped */
  gboolean has_inline;
  GPtrArray *attrs;           /* BitextTmAttr, without xml:lang */
  GPtrArray *annotations;     /* BitextTmAnnotation */
};

struct _BitextTmUnit
{
  GPtrArray *attrs;           /* BitextTmAttr */
  GPtrArray *annotations;     /* BitextTmAnnotation */
  GPtrArray *variants;        /* BitextTmVariant */
  GPtrArray *spare;           /* cleared variants kept for reuse by the streaming reader */
  guint line;                 /* line of <tu> in the file read; 0 when made in memory */
};

struct _BitextTm
{
  BitextTmUnit *header;       /* attributes, props and notes of <header>; no variants */
  char *tgt_lang;
  GPtrArray *units;           /* BitextTmUnit */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)

/* tm.c */
void             bitext_tm__unit_reset     (BitextTmUnit *unit);
BitextTmVariant *bitext_tm__unit_new_variant (BitextTmUnit *unit);
void             bitext_tm__attrs_add      (GPtrArray **attrs, const char *name, gsize name_len,
                                            const char *value, gsize value_len);
BitextTmAnnotation *bitext_tm__annotation_add (GPtrArray **annotations, const char *type);
GPtrArray       *bitext_tm__attrs_copy     (const GPtrArray *attrs);
GPtrArray       *bitext_tm__annotations_copy (const GPtrArray *annotations);

/* tm-stats.c */
guint64  bitext_tm__hash            (const char *data, gsize length);

/* tm-match.c: a TMX date "YYYYMMDDThhmmssZ" as the number YYYYMMDDhhmmss; 0 if not one */
guint64  bitext_tm__date_key        (const char *date);

/* tmx-markup.c. A C0 control in a segment is written <ph type="x-ctrl">PICTURE</ph>. */
#define BITEXT_TMX_CONTROL_TYPE "x-ctrl"
gboolean bitext_tmx__check_text    (const char *text, gssize length, GError **error);
gboolean bitext_tmx__check_segment_text (const char *text, gssize length, GError **error);
void     bitext_tmx__append_control_text (GString *out, const char *text, gsize length);
void     bitext_tmx__escape_text   (GString *out, const char *text, gsize length);
void     bitext_tmx__escape_segment_text (GString *out, const char *text, gsize length);
void     bitext_tmx__escape_attr   (GString *out, const char *text, gsize length);
void     bitext_tmx__markdown_to_markup (GString *markup, const char *text);
gboolean bitext_tmx__markup_to_text (const char *markup, GString *text, GString *plain,
                                     gboolean *has_inline, GError **error);
gboolean bitext_tmx__markup_to_tag_text (const char *markup, GString *out, GError **error);
/* The lowest and highest `i` of @markup's bpt/ept pairs; with @out, @markup appended, each `i` + @offset. */
void     bitext_tmx__markup_pairs        (const char *markup, guint offset, GString *out, guint *lo,
                                          guint *hi);
gboolean bitext_tmx__markup_reapply     (const char *markup, const char *text, GString *out);
gboolean bitext_tmx__is_inline_element (const char *name);
gboolean bitext_tmx__is_code_element   (const char *name);

/* tmx-write.c: a test hook; the writer's output fails with ENOSPC after @n_bytes. */
void     bitext_tmx__writer_fail_after (BitextTmxWriter *writer, gsize n_bytes);

/* bitext — writing TMX 1.4b with libxml2's xmlTextWriter, one unit at a time.
 *
 * The file is written unnamed in the target's folder (O_TMPFILE; else under a
 * temporary name there), then named and renamed over the target only by
 * bitext_tmx_writer_close(): a killed run leaves nothing behind, a failed or
 * abandoned run leaves an existing memory byte-identical. Output validates
 * against the TMX 1.4 DTD: attributes the DTD does not declare (Olifant's
 * genre="…", say) are read but not written, props and notes come before the
 * tuvs, the source language's tuv comes first (translate-toolkit takes the
 * first tuv as the source), and nothing is indented inside <seg>.
 */
#include "bitext/tmx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bitext/bitext.h"
#include "bitext/error.h"
#include "file-private.h"
#include "tmx-private.h"

#define OUTPUT_BUFFER (256 * 1024)

struct _BitextTmxWriter
{
  xmlTextWriter *xml;
  char *path;                 /* NULL when writing to memory */
  char *tmp_path;
  int fd;
  GString *data;              /* the output: all of it in memory, or a file's buffer */
  gsize written;
  gsize fail_after;           /* test hook: 0, or fail with ENOSPC past this many bytes */
  int write_errno;
  char date[20];              /* YYYYMMDDThhmmssZ */
  guint64 n_units;
  const char *src_lang;       /* the header's srclang, owned by the writer's copy */
  char *src_lang_owned;
  GString *line;
  gboolean closed;
  gboolean filtering;         /* filter below applies */
  BitextTmFilter filter;      /* its languages: the options', else the header's (owned below) */
  char *filter_langs[2];
  guint64 *n_filtered;        /* the options' counters, or NULL */
};

/* Attributes the TMX 1.4 DTD declares on <tu> and <tuv> (tmx14.dtd, ATTLIST tu and tuv). */
static const char *const tu_attrs[] = {
  "tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
  "creationtoolversion", "creationdate", "creationid", "changedate", "segtype", "changeid",
  "o-tmf", "srclang", NULL,
};
static const char *const tuv_attrs[] = {
  "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
  "creationtoolversion", "creationdate", "creationid", "changedate", "o-tmf", "changeid", NULL,
};
static const char *const annotation_attrs[] = { "xml:lang", "o-encoding", NULL };

/* Write out what the file's buffer holds (libxml2 hands over 4 KiB pieces; one write per 256 KiB). */
static void
flush_fd (BitextTmxWriter *w)
{
  for (gsize done = 0; done < w->data->len && w->write_errno == 0;)
    {
      gssize k = write (w->fd, w->data->str + done, w->data->len - done);
      if (k < 0 && errno != EINTR)
        w->write_errno = errno;
      else if (k > 0)
        done += (gsize) k;
    }
  g_string_truncate (w->data, 0);
}

static int
output_write (void *context, const char *buffer, int len)
{
  BitextTmxWriter *w = context;
  gsize n = (gsize) len;
  /* A failure is recorded and reported by the writer's own calls: returning -1
     would make libxml2 print "I/O error" on stderr, and a library prints nothing. */
  if (w->write_errno != 0)
    return len;
  if (w->fail_after > 0 && w->written + n > w->fail_after)
    {
      w->write_errno = ENOSPC;
      return len;
    }
  g_string_append_len (w->data, buffer, len);
  w->written += n;
  if (w->fd >= 0 && w->data->len >= OUTPUT_BUFFER)
    flush_fd (w);
  return len;
}

static int
output_close (void *context)
{
  (void) context;
  return 0;
}

/* A failed xmlTextWriter call: an I/O error if the output failed, else libxml2's. */
static gboolean
write_failed (BitextTmxWriter *w, GError **error)
{
  const char *name = w->path != NULL ? w->path : "<memory>";
  if (w->write_errno != 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (w->write_errno),
                 "%s: write failed: %s", name, g_strerror (w->write_errno));
  else
    g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: the XML writer failed", name);
  return FALSE;
}

/* The creation date: @date, else $SOURCE_DATE_EPOCH (reproducible-builds.org), else now. */
static gboolean
format_date (BitextTmxWriter *w, gint64 date, GError **error)
{
  if (date < 0)
    {
      const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
      if (epoch != NULL)
        {
          guint64 value;
          if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &value, NULL))
            {
              g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                           "SOURCE_DATE_EPOCH='%s' is not a number of seconds", epoch);
              return FALSE;
            }
          date = (gint64) value;
        }
    }
  g_autoptr(GDateTime) t = date < 0 ? g_date_time_new_now_utc ()
                                    : g_date_time_new_from_unix_utc (date);
  if (t == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "date %" G_GINT64_FORMAT
                   " is out of range", date);
      return FALSE;
    }
  g_autofree char *text = g_date_time_format (t, "%Y%m%dT%H%M%SZ");
  g_strlcpy (w->date, text, sizeof w->date);
  return TRUE;
}

#define TRY(call) \
  if ((call) < 0) \
    return write_failed (w, error)

static gboolean
write_raw (BitextTmxWriter *w, const char *text, GError **error)
{
  TRY (xmlTextWriterWriteRaw (w->xml, (const xmlChar *) text));
  return TRUE;
}

static gboolean
write_attr (BitextTmxWriter *w, const char *name, const char *value, GError **error)
{
  if (!bitext_tmx__check_text (value, -1, error))
    {
      g_prefix_error (error, "attribute %s: ", name);
      return FALSE;
    }
  TRY (xmlTextWriterWriteAttribute (w->xml, (const xmlChar *) name, (const xmlChar *) value));
  return TRUE;
}

/*
** The units are serialised into one buffer each and handed to xmlTextWriter
** as a single raw write: a dozen xmlTextWriter calls per unit cost more than
** the parse of the unit does (tests/bench/tmx). The escaping is XML's, as
** xmlTextWriterWriteString/WriteAttribute do it (bitext_tmx__escape_*), and
** every string is checked for characters XML cannot carry first.
*/
static gboolean
append_attr (GString *out, const char *name, const char *value, GError **error)
{
  gsize length = strlen (value);
  if (!bitext_tmx__check_text (value, (gssize) length, error))
    {
      g_prefix_error (error, "attribute %s: ", name);
      return FALSE;
    }
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  bitext_tmx__escape_attr (out, value, length);
  g_string_append_c (out, '"');
  return TRUE;
}

static gboolean
append_attrs (GString *out, const GPtrArray *attrs, const char *const *allowed, const char *skip,
              GError **error)
{
  for (guint i = 0; attrs != NULL && i < attrs->len; i++)
    {
      const BitextTmAttr *a = g_ptr_array_index (attrs, i);
      if ((skip != NULL && strcmp (a->name, skip) == 0) || !g_strv_contains (allowed, a->name))
        continue;
      if (!append_attr (out, a->name, a->value, error))
        return FALSE;
    }
  return TRUE;
}

/* The props and notes of a header, unit or variant, each on a line at @indent. */
static gboolean
append_annotations (GString *out, const GPtrArray *annotations, const char *indent,
                    GError **error)
{
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      const char *text = a->text != NULL ? a->text : "";
      const char *element = a->type != NULL ? "prop" : "note";
      g_string_append (out, indent);
      g_string_append_c (out, '<');
      g_string_append (out, element);
      if ((a->type != NULL && !append_attr (out, "type", a->type, error))
          || !append_attrs (out, a->attrs, annotation_attrs, NULL, error))
        return FALSE;
      g_string_append_c (out, '>');
      gsize length = strlen (text);
      if (!bitext_tmx__check_text (text, (gssize) length, error))
        return FALSE;
      bitext_tmx__escape_text (out, text, length);
      g_string_append (out, "</");
      g_string_append (out, element);
      g_string_append_c (out, '>');
    }
  return TRUE;
}

static gboolean
write_buffer (BitextTmxWriter *w, GString *buffer, GError **error)
{
  TRY (xmlTextWriterWriteRawLen (w->xml, (const xmlChar *) buffer->str, (int) buffer->len));
  if (w->write_errno != 0)
    return write_failed (w, error);
  return TRUE;
}

/* The header value of @name: the memory's own, else bitext's profile default. */
static const char *
header_value (BitextTm *tm, const char *name, const char *fallback)
{
  const char *value = bitext_tm_unit_get_attr (bitext_tm_get_header (tm), name);
  return value != NULL ? value : fallback;
}

static gboolean
write_header (BitextTmxWriter *w, BitextTm *tm, GError **error)
{
  static const char *const optional[] = { "o-encoding", "creationid", "changedate", "changeid" };
  TRY (xmlTextWriterStartDocument (w->xml, "1.0", "UTF-8", NULL));
  TRY (xmlTextWriterStartElement (w->xml, (const xmlChar *) "tmx"));
  TRY (xmlTextWriterWriteAttribute (w->xml, (const xmlChar *) "version", (const xmlChar *) "1.4"));
  if (!write_raw (w, "\n  ", error))
    return FALSE;
  TRY (xmlTextWriterStartElement (w->xml, (const xmlChar *) "header"));
  const struct { const char *name, *value; } required[] = {
    { "creationtool", "bitext" },
    { "creationtoolversion", BITEXT_VERSION },
    { "segtype", header_value (tm, "segtype", "sentence") },
    { "o-tmf", header_value (tm, "o-tmf", "bitext") },
    { "adminlang", header_value (tm, "adminlang", "en") },
    { "srclang", w->src_lang },
    { "datatype", header_value (tm, "datatype", "plaintext") },
    { "creationdate", w->date },
  };
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!write_attr (w, required[i].name, required[i].value, error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      const char *value = header_value (tm, optional[i], NULL);
      if (value != NULL && !write_attr (w, optional[i], value, error))
        return FALSE;
    }
  const GPtrArray *annotations = bitext_tm_unit_get_annotations (bitext_tm_get_header (tm));
  g_string_truncate (w->line, 0);
  if (!append_annotations (w->line, annotations, "\n    ", error))
    return FALSE;
  if (annotations->len > 0)
    g_string_append (w->line, "\n  ");
  if (w->line->len > 0 && !write_buffer (w, w->line, error))
    return FALSE;
  TRY (xmlTextWriterEndElement (w->xml));
  if (!write_raw (w, "\n  ", error))
    return FALSE;
  TRY (xmlTextWriterStartElement (w->xml, (const xmlChar *) "body"));
  return TRUE;
}

static void
writer_abort (BitextTmxWriter *w)
{
  g_clear_pointer (&w->xml, xmlFreeTextWriter);
  if (w->fd >= 0)
    close (w->fd);
  w->fd = -1;
  if (w->tmp_path != NULL)
    g_unlink (w->tmp_path);
  g_clear_pointer (&w->tmp_path, g_free);
}

void
bitext_tmx_writer_free (BitextTmxWriter *writer)
{
  if (writer == NULL)
    return;
  writer_abort (writer);
  g_free (writer->path);
  g_free (writer->src_lang_owned);
  g_free (writer->filter_langs[0]);
  g_free (writer->filter_langs[1]);
  if (writer->data != NULL)
    g_string_free (writer->data, TRUE);
  g_string_free (writer->line, TRUE);
  g_free (writer);
}

/* The writer's copy of the options' filter, its languages defaulting to the header's. */
static void
setup_filter (BitextTmxWriter *w, BitextTm *tm, const BitextTmxWriteOptions *options)
{
  w->filtering = TRUE;
  w->filter = *options->filter;
  w->n_filtered = options->n_filtered;
  const char *src = options->filter->src_lang;
  if (src == NULL && strcmp (w->src_lang, "*all*") != 0)
    src = w->src_lang;
  const char *tgt = options->filter->tgt_lang;
  if (tgt == NULL)
    tgt = bitext_tm_get_tgt_lang (tm);
  w->filter_langs[0] = g_strdup (src);
  w->filter_langs[1] = g_strdup (tgt);
  w->filter.src_lang = w->filter_langs[0];
  w->filter.tgt_lang = w->filter_langs[1];
}

static BitextTmxWriter *
writer_start (BitextTmxWriter *w, BitextTm *tm, const BitextTmxWriteOptions *options,
              GError **error)
{
  g_autoptr(BitextTmxWriter) owned = w;
  static const BitextTmxWriteOptions defaults = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options = options != NULL ? options : &defaults;
  if (!format_date (w, options->date, error))
    return NULL;
  w->src_lang_owned = g_strdup (header_value (tm, "srclang", "*all*"));
  w->src_lang = w->src_lang_owned;
  if (options->filter != NULL)
    setup_filter (w, tm, options);
  xmlOutputBuffer *out = xmlOutputBufferCreateIO (output_write, output_close, w, NULL);
  w->xml = xmlNewTextWriter (out);
  if (w->xml == NULL || !write_header (w, tm, error))
    {
      if (w->xml == NULL)
        write_failed (w, error);
      return NULL;
    }
  return g_steal_pointer (&owned);
}

static BitextTmxWriter *
writer_alloc (void)
{
  BitextTmxWriter *w = g_new0 (BitextTmxWriter, 1);
  w->fd = -1;
  w->line = g_string_new (NULL);
  return w;
}

/**
 * bitext_tmx_writer_new:
 * @path: (type filename): the TMX file to create or replace
 * @header: the memory whose header (srclang, props, notes) to write; its units are not written
 * @options: (nullable): %NULL for the defaults
 *
 * Starts a TMX file: the XML declaration, <tmx>, <header> and <body>. Add
 * units with bitext_tmx_writer_add_unit(); bitext_tmx_writer_close() ends
 * the file and puts it in place. Until then @path is untouched.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with @error set
 */
BitextTmxWriter *
bitext_tmx_writer_new (const char *path, BitextTm *header, const BitextTmxWriteOptions *options,
                       GError **error)
{
  g_return_val_if_fail (path != NULL && header != NULL, NULL);
  BitextTmxWriter *w = writer_alloc ();
  w->path = g_strdup (path);
  w->data = g_string_new (NULL);    /* grows to OUTPUT_BUFFER at most: a small file stays small */
  /* Unnamed until the close where the file system allows (a kill -9 leaves nothing), with
     0666 less the umask as for any new file: a memory is meant to be shared. */
  w->fd = bitext__tmp_open (path, &w->tmp_path);
  if (w->fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      bitext_tmx_writer_free (w);
      return NULL;
    }
  return writer_start (w, header, options, error);
}

/* The index of the variant to write first: the one in the unit's (or header's) source language. */
static guint
source_variant (BitextTmxWriter *w, const BitextTmUnit *unit)
{
  const char *src = bitext_tm_unit_get_attr (unit, "srclang");
  if (src == NULL)
    src = w->src_lang;
  if (strcmp (src, "*all*") == 0)
    return 0;
  BitextTmVariant *v = bitext_tm_unit_lookup_variant (unit, src);
  guint index = 0;
  if (v != NULL)
    g_ptr_array_find (unit->variants, v, &index);
  return index;
}

static gboolean
append_variant (GString *out, const BitextTmVariant *v, GError **error)
{
  g_string_append (out, "\n      <tuv");
  if (!append_attr (out, "xml:lang", v->lang->str, error)
      || !append_attrs (out, v->attrs, tuv_attrs, NULL, error))
    return FALSE;
  g_string_append_c (out, '>');
  gboolean annotated = v->annotations != NULL && v->annotations->len > 0;
  if (!append_annotations (out, v->annotations, "\n        ", error))
    return FALSE;
  if (annotated)
    g_string_append (out, "\n        ");
  /* The markup entered through the reader or tm.c, which checked it: written as is. */
  g_string_append (out, "<seg>");
  g_string_append_len (out, v->markup->str, v->markup->len);
  g_string_append (out, "</seg>");
  if (annotated)
    g_string_append (out, "\n      ");
  g_string_append (out, "</tuv>");
  return TRUE;
}

/**
 * bitext_tmx_writer_add_unit:
 *
 * Writes @unit as a <tu>. A unit without tuid gets its position in the
 * file (1, 2, ...), one without creationdate gets the writer's date. With
 * a filter in the options, a unit it flags is not written (or is written
 * with an x-bitext-filter prop when the filter marks), and counted.
 *
 * Returns: %TRUE, or %FALSE with @error set (an I/O error, or a string XML cannot carry)
 */
gboolean
bitext_tmx_writer_add_unit (BitextTmxWriter *w, const BitextTmUnit *unit, GError **error)
{
  g_return_val_if_fail (w != NULL && w->xml != NULL && unit != NULL, FALSE);
  g_return_val_if_fail (unit->variants->len > 0, FALSE);
  BitextTmFilterReason reason = BITEXT_TM_FILTER_KEEP;
  if (w->filtering)
    {
      reason = bitext_tm_filter_classify (&w->filter, NULL, unit);
      if (w->n_filtered != NULL)
        w->n_filtered[reason]++;
      if (reason != BITEXT_TM_FILTER_KEEP && !w->filter.mark)
        return TRUE;
    }
  w->n_units++;
  GString *out = w->line;
  g_string_assign (out, "\n    <tu");
  const char *tuid = bitext_tm_unit_get_attr (unit, "tuid");
  char number[24], *digit = number + sizeof number - 1;
  *digit = '\0';
  for (guint64 n = w->n_units; n > 0 || digit == number + sizeof number - 1; n /= 10)
    *--digit = (char) ('0' + n % 10);
  if (!append_attr (out, "tuid", tuid != NULL ? tuid : digit, error)
      || !append_attrs (out, unit->attrs, tu_attrs, "tuid", error))
    return FALSE;
  if (bitext_tm_unit_get_attr (unit, "creationdate") == NULL
      && !append_attr (out, "creationdate", w->date, error))
    return FALSE;
  g_string_append_c (out, '>');
  if (!append_annotations (out, unit->annotations, "\n      ", error))
    return FALSE;
  if (reason != BITEXT_TM_FILTER_KEEP)
    g_string_append_printf (out, "\n      <prop type=\"" BITEXT_TM_FILTER_PROP "\">%s</prop>",
                            bitext_tm_filter_reason_name (reason));
  guint first = source_variant (w, unit);
  if (!append_variant (out, g_ptr_array_index (unit->variants, first), error))
    return FALSE;
  for (guint i = 0; i < unit->variants->len; i++)
    if (i != first && !append_variant (out, g_ptr_array_index (unit->variants, i), error))
      return FALSE;
  g_string_append (out, "\n    </tu>");
  return write_buffer (w, out, error);
}

/* End the document and flush; for a file, fsync and rename it over the target. */
static gboolean
writer_finish (BitextTmxWriter *w, GError **error)
{
  if (w->n_units > 0 && !write_raw (w, "\n  ", error))
    return FALSE;
  TRY (xmlTextWriterEndElement (w->xml));       /* body */
  if (!write_raw (w, "\n", error))
    return FALSE;
  TRY (xmlTextWriterEndDocument (w->xml));
  TRY (xmlTextWriterFlush (w->xml));
  g_clear_pointer (&w->xml, xmlFreeTextWriter);
  if (w->fd >= 0)
    flush_fd (w);
  if (w->write_errno != 0)
    return write_failed (w, error);
  if (w->path == NULL)
    return TRUE;
  /* Named and renamed in two calls in a row, the descriptor closed after: a process killed
     between the two (the one moment it can leave something) leaves a whole copy. */
  gboolean ok = fsync (w->fd) == 0 && bitext__tmp_name (w->fd, w->path, &w->tmp_path);
  int saved = errno;
  if (ok && g_rename (w->tmp_path, w->path) != 0)
    {
      saved = errno;
      (void) close (w->fd);
      w->fd = -1;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", w->path,
                   g_strerror (saved));
      return FALSE;
    }
  if (ok)
    g_clear_pointer (&w->tmp_path, g_free);
  if (close (w->fd) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  w->fd = -1;
  if (!ok)
    {
      w->write_errno = saved;
      return write_failed (w, error);
    }
  return TRUE;
}

/**
 * bitext_tmx_writer_close:
 *
 * Ends the TMX document and puts the file in place. On failure the
 * temporary file is removed and the target is left as it was.
 * The writer must still be freed.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bitext_tmx_writer_close (BitextTmxWriter *w, GError **error)
{
  g_return_val_if_fail (w != NULL && !w->closed && w->xml != NULL, FALSE);
  w->closed = TRUE;
  if (writer_finish (w, error))
    return TRUE;
  writer_abort (w);
  return FALSE;
}

static gboolean
write_units (BitextTmxWriter *w, BitextTm *tm, GError **error)
{
  for (guint i = 0; i < tm->units->len; i++)
    if (!bitext_tmx_writer_add_unit (w, g_ptr_array_index (tm->units, i), error))
      return FALSE;
  return bitext_tmx_writer_close (w, error);
}

/**
 * bitext_tmx_write_file:
 * @path: (type filename): the file to create or replace (only when the write is complete)
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bitext_tmx_write_file (BitextTm *tm, const char *path, const BitextTmxWriteOptions *options,
                       GError **error)
{
  g_return_val_if_fail (tm != NULL && path != NULL, FALSE);
  g_autoptr(BitextTmxWriter) w = bitext_tmx_writer_new (path, tm, options, error);
  return w != NULL && write_units (w, tm, error);
}

/**
 * bitext_tmx_write_to_data:
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full) (nullable): the TMX document, or %NULL with @error set
 */
char *
bitext_tmx_write_to_data (BitextTm *tm, const BitextTmxWriteOptions *options, gsize *length,
                          GError **error)
{
  g_return_val_if_fail (tm != NULL, NULL);
  BitextTmxWriter *fresh = writer_alloc ();
  fresh->data = g_string_new (NULL);
  g_autoptr(BitextTmxWriter) w = writer_start (fresh, tm, options, error);
  if (w == NULL || !write_units (w, tm, error))
    return NULL;
  if (length != NULL)
    *length = w->data->len;
  return g_string_free (g_steal_pointer (&w->data), FALSE);
}

void
bitext_tmx__writer_fail_after (BitextTmxWriter *writer, gsize n_bytes)
{
  writer->fail_after = n_bytes;
}

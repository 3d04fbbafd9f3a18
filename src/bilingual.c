/* bitext — bilingual files: telling TMX, PO and XLIFF apart, reading any of them as units, writing PO and XLIFF. */
#include "bilingual-private.h"

#include <string.h>

#include <gio/gio.h>

#include "bitext/error.h"
#include "file-private.h"

/**
 * bitext_bilingual_sniff_data:
 * @name: the file's name (its suffix is the last resort)
 *
 * Tells the format by content: an XML root element <tmx> or <xliff>, or a
 * PO entry (a line starting with msgid, msgctxt or a '#' comment followed
 * by one) near the start; else by the suffix (.tmx, .po/.pot, .xlf/.xliff).
 *
 * Returns: the format, or %BITEXT_BILINGUAL_UNKNOWN
 */
BitextBilingualFormat
bitext_bilingual_sniff_data (const char *name, const char *data, gsize length)
{
  gsize n = MIN (length, (gsize) 4096);
  g_autofree char *head = g_strndup (data, n);
  /* The first element of an XML document: skip the declaration, comments and a DOCTYPE. */
  const char *p = head;
  while ((p = strchr (p, '<')) != NULL)
    {
      if (p[1] == '?' || p[1] == '!')
        {
          p++;
          continue;
        }
      if (g_str_has_prefix (p + 1, "tmx") && !g_ascii_isalnum (p[4]))
        return BITEXT_BILINGUAL_TMX;
      if (g_str_has_prefix (p + 1, "xliff") && !g_ascii_isalnum (p[6]))
        return BITEXT_BILINGUAL_XLIFF;
      break;
    }
  for (const char *l = head; l != NULL && *l != '\0'; l = strchr (l, '\n'), l = l ? l + 1 : NULL)
    {
      if (*l == '#' || *l == '\n' || *l == '\r')
        continue;
      if (g_str_has_prefix (l, "msgid ") || g_str_has_prefix (l, "msgctxt "))
        return BITEXT_BILINGUAL_PO;
      break;
    }
  if (name == NULL)
    return BITEXT_BILINGUAL_UNKNOWN;
  if (g_str_has_suffix (name, ".tmx"))
    return BITEXT_BILINGUAL_TMX;
  if (g_str_has_suffix (name, ".po") || g_str_has_suffix (name, ".pot"))
    return BITEXT_BILINGUAL_PO;
  if (g_str_has_suffix (name, ".xlf") || g_str_has_suffix (name, ".xliff"))
    return BITEXT_BILINGUAL_XLIFF;
  return BITEXT_BILINGUAL_UNKNOWN;
}

/*
** Returns: the format of the file at @path (its first 4 KiB), or UNKNOWN
** with @error set on a read error. Stdin and a pipe are not read (what was
** read could not be read again): UNKNOWN.
*/
BitextBilingualFormat
bitext_bilingual_sniff (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, BITEXT_BILINGUAL_UNKNOWN);
  if (bitext__file_read_once (path))
    return BITEXT_BILINGUAL_UNKNOWN;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  if (in == NULL)
    return BITEXT_BILINGUAL_UNKNOWN;
  char head[4096];
  gsize got = 0;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, error))
    return BITEXT_BILINGUAL_UNKNOWN;
  return bitext_bilingual_sniff_data (path, head, got);
}

gboolean
bitext__bilingual_sniff_input (const char *path, BitextBilingualFormat *format, char **data,
                               gsize *length, GError **error)
{
  *data = NULL;
  *length = 0;
  if (!bitext__file_read_once (path))
    {
      g_autoptr(GError) local = NULL;
      *format = bitext_bilingual_sniff (path, &local);
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!bitext__file_read_all (path, data, length, error))
    return FALSE;
  *format = bitext_bilingual_sniff_data (path, *data, *length);
  return TRUE;
}

const char *
bitext_bilingual_format_name (BitextBilingualFormat format)
{
  static const char *const names[] = { "unknown", "tmx", "po", "xliff" };
  g_return_val_if_fail (format <= BITEXT_BILINGUAL_XLIFF, NULL);
  return names[format];
}

/* Every unit read is progress; the caller's function decides how often to draw. */
static void
report_progress (BilingualSink *sink)
{
  const BitextBilingualCounts *c = sink->counts;
  if (sink->options->progress_func != NULL)
    sink->options->progress_func (sink->stage, c->n_units + c->n_fuzzy + c->n_untranslated, 0,
                                  sink->options->progress_data);
}

gboolean
bitext_bilingual__deliver (BilingualSink *sink, BitextTmUnit *unit, BilingualState state,
                           GError **error)
{
  BitextBilingualCounts *c = sink->counts;
  if (state == ENTRY_FUZZY)
    {
      c->n_fuzzy++;
      if (!sink->options->include_fuzzy)
        return TRUE;
      bitext_tm_unit_add_prop (unit, BITEXT_BILINGUAL_PROP_STATE, "fuzzy");
    }
  if (state == ENTRY_UNTRANSLATED)
    {
      c->n_untranslated++;
      if (!sink->options->include_untranslated)
        return TRUE;
      bitext_tm_unit_add_prop (unit, BITEXT_BILINGUAL_PROP_STATE, "untranslated");
    }
  if (sink->header == NULL)
    sink->header = bitext_tm_new (sink->src_lang, sink->tgt_lang);
  c->n_units++;
  report_progress (sink);
  return sink->func (sink->header, unit, sink->user_data, error);
}

/* TMX through the TMX reader, counted the same way. */
static gboolean
tmx_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  BilingualSink *sink = user_data;
  if (sink->header == NULL)
    {
      sink->header = bitext_tm_new (bitext_tm_get_src_lang (header), bitext_tm_get_tgt_lang (header));
      BitextTmUnit *h = bitext_tm_get_header (sink->header);
      h->attrs = bitext_tm__attrs_copy (bitext_tm_get_header ((BitextTm *) header)->attrs);
      h->annotations = bitext_tm__annotations_copy (bitext_tm_get_header ((BitextTm *) header)->annotations);
    }
  sink->counts->n_units++;
  report_progress (sink);
  return sink->func (header, unit, sink->user_data, error);
}

static gboolean
read_with (BilingualSink *sink, BitextBilingualFormat format, const char *path, const char *data,
           gsize length, GError **error)
{
  switch (format)
    {
    case BITEXT_BILINGUAL_PO:
      return bitext_po__read (sink, data, length, error);
    case BITEXT_BILINGUAL_XLIFF:
      return bitext_xliff__read (sink, data, length, error);
    case BITEXT_BILINGUAL_TMX:
      {
        BitextTmxReadOptions o = BITEXT_TMX_READ_OPTIONS_INIT;
        o.inline_mode = sink->options->strip_markup ? BITEXT_TMX_INLINE_STRIP : BITEXT_TMX_INLINE_KEEP;
        o.warning_func = sink->options->warning_func;
        o.warning_data = sink->options->warning_data;
        guint skipped = 0;
        gboolean ok;
        if (path != NULL)
          ok = bitext_tmx_foreach_unit (path, &o, tmx_unit, sink, &skipped, error);
        else
          {
            g_autoptr(BitextTm) tm = bitext_tmx_read_data (sink->name, data, length, &o, error);
            ok = tm != NULL;
            for (guint i = 0; ok && i < bitext_tm_get_n_units (tm); i++)
              ok = tmx_unit (tm, bitext_tm_get_unit (tm, i), sink, error);
          }
        sink->counts->n_malformed += skipped;
        return ok;
      }
    case BITEXT_BILINGUAL_UNKNOWN:
    default:
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: not a TMX, PO or XLIFF file", sink->name);
      return FALSE;
    }
}

static gboolean
foreach_unit (const char *name, const char *path, const char *data, gsize length,
              BitextBilingualFormat format, const BitextBilingualReadOptions *options,
              BitextTmxUnitFunc func, gpointer user_data, BitextBilingualCounts *counts,
              BitextTm **header, GError **error)
{
  static const BitextBilingualReadOptions defaults = BITEXT_BILINGUAL_READ_OPTIONS_INIT;
  BitextBilingualCounts local_counts = { 0 };
  BilingualSink sink = { .name = name, .options = options != NULL ? options : &defaults,
                         .func = func, .user_data = user_data,
                         .counts = counts != NULL ? counts : &local_counts };
  memset (sink.counts, 0, sizeof *sink.counts);
  g_autofree char *stage = g_strdup_printf ("reading %s", name);
  sink.stage = stage;
  sink.src_lang = g_strdup (sink.options->src_lang);
  sink.tgt_lang = g_strdup (sink.options->tgt_lang);
  if (format == BITEXT_BILINGUAL_UNKNOWN && data != NULL)
    format = bitext_bilingual_sniff_data (name, data, length);
  gboolean ok = read_with (&sink, format, path, data, length, error);
  if (ok && sink.header == NULL)
    sink.header = bitext_tm_new (sink.src_lang, sink.tgt_lang);
  if (ok && header != NULL)
    *header = g_steal_pointer (&sink.header);
  g_clear_pointer (&sink.header, bitext_tm_free);
  g_free (sink.src_lang);
  g_free (sink.tgt_lang);
  return ok;
}

/**
 * bitext_bilingual_foreach_unit_data:
 * @name: the name in messages
 * @format: the format, or %BITEXT_BILINGUAL_UNKNOWN to tell it from the content
 * @counts: (out caller-allocates) (optional): what was delivered and skipped
 * @header: (out) (transfer full) (optional): the memory header (languages, PO header)
 *
 * Streams the units of a TMX, PO or XLIFF document to @func (see bilingual.h).
 *
 * Returns: %TRUE, or %FALSE with @error set ("FILE:LINE[:COLUMN]: message")
 */
gboolean
bitext_bilingual_foreach_unit_data (const char *name, const char *data, gsize length,
                                    BitextBilingualFormat format,
                                    const BitextBilingualReadOptions *options,
                                    BitextTmxUnitFunc func, gpointer user_data,
                                    BitextBilingualCounts *counts, BitextTm **header,
                                    GError **error)
{
  g_return_val_if_fail (name != NULL && data != NULL && func != NULL, FALSE);
  return foreach_unit (name, NULL, data, length, format, options, func, user_data, counts, header,
                       error);
}

/**
 * bitext_bilingual_foreach_unit:
 * @path: (type filename): the file ("-": stdin, TMX only)
 *
 * As bitext_bilingual_foreach_unit_data() for a file; TMX is streamed.
 */
gboolean
bitext_bilingual_foreach_unit (const char *path, BitextBilingualFormat format,
                               const BitextBilingualReadOptions *options, BitextTmxUnitFunc func,
                               gpointer user_data, BitextBilingualCounts *counts,
                               BitextTm **header, GError **error)
{
  g_return_val_if_fail (path != NULL && func != NULL, FALSE);
  const char *name = bitext__input_name (path);
  if (format == BITEXT_BILINGUAL_UNKNOWN && strcmp (path, "-") != 0 && bitext__file_read_once (path))
    {
      /* A pipe: read once, its format told from the bytes read. */
      g_autofree char *data = NULL;
      gsize length = 0;
      if (!g_file_get_contents (path, &data, &length, error))
        return FALSE;
      return foreach_unit (name, NULL, data, length, format, options, func, user_data, counts,
                           header, error);
    }
  if (format == BITEXT_BILINGUAL_UNKNOWN)
    {
      format = bitext_bilingual_sniff (path, error);
      if (format == BITEXT_BILINGUAL_UNKNOWN && error != NULL && *error != NULL)
        return FALSE;
      if (format == BITEXT_BILINGUAL_UNKNOWN)
        format = BITEXT_BILINGUAL_TMX;    /* stdin, or a file that says nothing: TMX as before */
    }
  if (format == BITEXT_BILINGUAL_TMX)
    return foreach_unit (name, path, NULL, 0, format, options, func, user_data, counts, header,
                         error);
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return foreach_unit (name, NULL, data, length, format, options, func, user_data, counts, header,
                       error);
}

gboolean
bitext__bilingual_foreach_input (const char *path, const char *data, gsize length,
                                 BitextBilingualFormat format,
                                 const BitextBilingualReadOptions *options, BitextTmxUnitFunc func,
                                 gpointer user_data, BitextBilingualCounts *counts,
                                 BitextTm **header, GError **error)
{
  if (data == NULL)
    return bitext_bilingual_foreach_unit (path, format, options, func, user_data, counts, header,
                                          error);
  return bitext_bilingual_foreach_unit_data (bitext__input_name (path), data, length, format,
                                             options, func, user_data, counts, header, error);
}

/* "3 fuzzy, 2 untranslated, 1 obsolete" (the non-zero ones), or "" */
void
bitext_bilingual_append_counts (GString *out, const BitextBilingualCounts *c)
{
  g_return_if_fail (out != NULL && c != NULL);
  const struct { guint64 n; const char *what; } parts[] = {
    { c->n_fuzzy, "fuzzy" }, { c->n_untranslated, "untranslated" },
    { c->n_obsolete, "obsolete" }, { c->n_malformed, "malformed" },
  };
  gboolean first = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].n > 0)
      {
        g_string_append_printf (out, "%s%" G_GUINT64_FORMAT " %s", first ? "" : ", ", parts[i].n,
                                parts[i].what);
        first = FALSE;
      }
}

/* Writers ------------------------------------------------------------------------------------ */

/**
 * bitext_bilingual_writer_new:
 * @format: %BITEXT_BILINGUAL_PO or %BITEXT_BILINGUAL_XLIFF (2.0)
 * @header: (nullable): the memory whose header (PO header, notes) to write
 *
 * Returns: (transfer full): a writer; add units, then finish
 */
BitextBilingualWriter *
bitext_bilingual_writer_new (BitextBilingualFormat format, const BitextTm *header,
                             const char *src_lang, const char *tgt_lang)
{
  g_return_val_if_fail (format == BITEXT_BILINGUAL_PO || format == BITEXT_BILINGUAL_XLIFF, NULL);
  BitextBilingualWriter *w = g_new0 (BitextBilingualWriter, 1);
  w->format = format;
  w->src_lang = g_strdup (src_lang);
  w->tgt_lang = g_strdup (tgt_lang);
  if (header != NULL)
    {
      w->header = bitext_tm_new (bitext_tm_get_src_lang (header), bitext_tm_get_tgt_lang (header));
      BitextTmUnit *h = bitext_tm_get_header (w->header);
      const BitextTmUnit *from = bitext_tm_get_header ((BitextTm *) header);
      h->attrs = bitext_tm__attrs_copy (from->attrs);
      h->annotations = bitext_tm__annotations_copy (from->annotations);
    }
  w->plural = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_tm_unit_free);
  w->plural_targets = g_ptr_array_new_with_free_func (g_free);
  return w;
}

void
bitext_bilingual_writer_free (BitextBilingualWriter *w)
{
  if (w == NULL)
    return;
  g_free (w->src_lang);
  g_free (w->tgt_lang);
  g_clear_pointer (&w->header, bitext_tm_free);
  g_ptr_array_unref (w->plural);
  g_ptr_array_unref (w->plural_targets);
  g_free (w);
}

static void
start (BitextBilingualWriter *w, const BitextTmVariant *source, const BitextTmVariant *target,
       GString *out)
{
  if (w->started)
    return;
  w->started = TRUE;
  if (w->src_lang == NULL && source != NULL)
    w->src_lang = g_strdup (bitext_tm_variant_get_lang (source));
  if (w->tgt_lang == NULL && target != NULL)
    w->tgt_lang = g_strdup (bitext_tm_variant_get_lang (target));
  if (w->format == BITEXT_BILINGUAL_PO)
    bitext_po__write_header (w, out);
  else
    bitext_xliff__write_header (w, out);
}

/* Append @unit (its @source and @target variants) to @out; the header first. */
void
bitext_bilingual_writer_add (BitextBilingualWriter *w, const BitextTmUnit *unit,
                             const BitextTmVariant *source, const BitextTmVariant *target,
                             GString *out)
{
  g_return_if_fail (w != NULL && unit != NULL && source != NULL && target != NULL && out != NULL);
  start (w, source, target, out);
  w->n_units++;
  if (w->format == BITEXT_BILINGUAL_PO)
    bitext_po__write_unit (w, unit, bitext_tm_variant_get_text (source),
                           bitext_tm_variant_get_text (target), out);
  else
    bitext_xliff__write_unit (w, unit, source, target, out);
}

/* Append what ends the document (a pending plural entry, the closing tags) to @out. */
void
bitext_bilingual_writer_finish (BitextBilingualWriter *w, GString *out)
{
  g_return_if_fail (w != NULL && out != NULL);
  start (w, NULL, NULL, out);
  if (w->format == BITEXT_BILINGUAL_PO)
    bitext_po__flush (w, out);
  else
    bitext_xliff__write_footer (w, out);
}

/* bitext — XLIFF 1.2 and 2.0: a reader (units as memory units, inline codes as TMX codes) and an XLIFF 2.0 writer.
 *
 * Reader: libxml2's xmlTextReader over the document in memory, with no
 * network (XML_PARSE_NONET), no DTD loading and no entity substitution; a
 * DOCTYPE that declares entities is refused before any is used, as the TMX
 * reader does (billion laughs, XXE). XLIFF 1.2: <trans-unit> with <source>
 * and <target> (<alt-trans> and <seg-source> ignored), its state from the
 * target's state attribute or approved="no". XLIFF 2.0: each <segment> of
 * a <unit>, its state attribute, codes resolved through <originalData>.
 */
#include "error-private.h"
#include "bilingual-private.h"

#include <string.h>

#include <libxml/xmlreader.h>

#include "bitext/error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

typedef struct
{
  BilingualSink *sink;
  xmlTextReader *reader;
  GError *xml_error;          /* the first libxml2 error */
  gboolean v2;
  char *unit_id;
  guint unit_line;
  GPtrArray *notes;           /* char *: the unit's notes */
  GHashTable *data;           /* 2.0: originalData id -> native code (escaped) */
  char *segment_id;
  guint n_segments;           /* 2.0: segments seen in the unit */
  GString *source, *target;   /* TMX markup */
  gboolean has_target;
  char *state;                /* 1.2 target state / 2.0 segment state */
  gboolean unapproved;        /* 1.2 approved="no" */
} Xliff;

static void
on_error (void *ctx, const xmlError *e)
{
  Xliff *x = ctx;
  if (x->xml_error != NULL || e == NULL)
    return;
  g_autofree char *message = g_strdup (e->message != NULL ? e->message : "XML error");
  g_strchomp (message);
  x->xml_error = g_error_new (BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d:%d: %s", x->sink->name,
                              e->line, e->int2, message);
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (Xliff *x, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: %s", x->sink->name,
               xmlTextReaderGetParserLineNumber (x->reader), message);
  return FALSE;
}

static char *
get_attr (Xliff *x, const char *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (x->reader, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) v);
  xmlFree (v);
  return copy;
}

static const char *
name_of (Xliff *x)
{
  return (const char *) xmlTextReaderConstLocalName (x->reader);
}

/* The reader stopped inside an element: libxml2's error, or the end of the input. */
static gboolean
read_failed (Xliff *x, GError **error)
{
  if (x->xml_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&x->xml_error));
      return FALSE;
    }
  return fail (x, error, "the document ends inside an element");
}

/* Skip the current element's subtree (the reader stays on its end). */
static gboolean
skip_subtree (Xliff *x)
{
  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  int depth = xmlTextReaderDepth (x->reader);
  while (xmlTextReaderRead (x->reader) == 1)
    if (xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_END_ELEMENT
        && xmlTextReaderDepth (x->reader) == depth)
      return TRUE;
  return read_failed (x, NULL);
}

static void
append_attr (GString *m, const char *name, const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (m, " %s=\"", name);
  bitext_tmx__escape_attr (m, value, strlen (value));
  g_string_append_c (m, '"');
}

/* A code of 2.0 (sc, ec, ph) as a TMX element holding its original data. */
static void
append_code (Xliff *x, GString *m, const char *tmx, const char *attr, const char *id,
             const char *data_ref)
{
  const char *data = data_ref != NULL ? g_hash_table_lookup (x->data, data_ref) : NULL;
  g_string_append_printf (m, "<%s", tmx);
  append_attr (m, attr, id);
  g_string_append_c (m, '>');
  if (data != NULL)
    g_string_append (m, data);
  g_string_append_printf (m, "</%s>", tmx);
}

/* 2.0 <cp hex="…"/>: the character, a C0 control as its code. */
static gboolean
append_cp (Xliff *x, GString *m, GError **error)
{
  g_autofree char *hex = get_attr (x, "hex");
  guint64 c = 0;
  if (hex == NULL || !g_ascii_string_to_unsigned (hex, 16, 1, 0x10FFFF, &c, NULL)
      || (c >= 0xD800 && c <= 0xDFFF))
    return fail (x, error, "<cp> with a bad hex attribute");
  char utf8[8];
  gint n = g_unichar_to_utf8 ((gunichar) c, utf8);
  bitext_tmx__escape_segment_text (m, utf8, (gsize) n);
  return TRUE;
}

/* The start tag of an inline element as TMX markup; @close gets what its end tag becomes. */
static gboolean
map_start (Xliff *x, GString *m, const char *name, GString *close, GError **error)
{
  g_autofree char *id = get_attr (x, "id");
  if (!x->v2)
    {
      g_autofree char *rid = get_attr (x, "rid");
      if (strcmp (name, "bpt") == 0 || strcmp (name, "ept") == 0)
        {
          g_string_append_printf (m, "<%s", name);
          append_attr (m, "i", rid != NULL ? rid : id);
          g_string_append_c (m, '>');
          g_string_printf (close, "</%s>", name);
        }
      else if (strcmp (name, "ph") == 0)
        {
          g_string_append (m, "<ph");
          append_attr (m, "x", id);
          g_string_append_c (m, '>');
          g_string_assign (close, "</ph>");
        }
      else if (strcmp (name, "it") == 0)
        {
          g_autofree char *pos = get_attr (x, "pos");
          g_string_append_printf (m, "<it pos=\"%s\">",
                                  pos != NULL && strcmp (pos, "close") == 0 ? "end" : "begin");
          g_string_assign (close, "</it>");
        }
      else if (strcmp (name, "g") == 0)
        {
          g_string_append (m, "<bpt");
          append_attr (m, "i", id);
          g_string_append (m, "></bpt>");
          g_string_assign (close, "<ept");
          append_attr (close, "i", id);
          g_string_append (close, "></ept>");
        }
      else if (strcmp (name, "x") == 0)
        {
          g_string_append (m, "<ph");
          append_attr (m, "x", id);
          g_string_append (m, "></ph>");
        }
      else if (strcmp (name, "bx") == 0 || strcmp (name, "ex") == 0)
        {
          g_string_append_printf (m, "<%s", name[0] == 'b' ? "bpt" : "ept");
          append_attr (m, "i", rid != NULL ? rid : id);
          g_string_append_printf (m, "></%s>", name[0] == 'b' ? "bpt" : "ept");
        }
      return TRUE;
    }
  g_autofree char *ref = get_attr (x, "dataRef");
  if (strcmp (name, "cp") == 0)
    return append_cp (x, m, error);
  if (strcmp (name, "ph") == 0)
    append_code (x, m, "ph", "x", id, ref);
  else if (strcmp (name, "sc") == 0 || strcmp (name, "ec") == 0)
    {
      g_autofree char *isolated = get_attr (x, "isolated");
      g_autofree char *start_ref = get_attr (x, "startRef");
      gboolean begin = name[0] == 's';
      if (isolated != NULL && strcmp (isolated, "yes") == 0)
        {
          g_string_append_printf (m, "<it pos=\"%s\">", begin ? "begin" : "end");
          const char *data = ref != NULL ? g_hash_table_lookup (x->data, ref) : NULL;
          g_string_append_printf (m, "%s</it>", data != NULL ? data : "");
        }
      else
        append_code (x, m, begin ? "bpt" : "ept", "i", begin ? id : start_ref, ref);
    }
  else if (strcmp (name, "pc") == 0)
    {
      g_autofree char *ref_start = get_attr (x, "dataRefStart");
      g_autofree char *ref_end = get_attr (x, "dataRefEnd");
      append_code (x, m, "bpt", "i", id, ref_start);
      g_autoptr(GString) end = g_string_new (NULL);
      append_code (x, end, "ept", "i", id, ref_end);
      g_string_assign (close, end->str);
    }
  return TRUE;
}

/*
** The content of the current <source> or <target> as TMX markup in @m:
** text escaped, inline elements mapped (map_start), others (mrk, sub, …)
** dropped with their text kept.
*/
static gboolean
read_content (Xliff *x, GString *m, GError **error)
{
  g_string_truncate (m, 0);
  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  int depth = xmlTextReaderDepth (x->reader);
  g_autoptr(GPtrArray) closes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) close = g_string_new (NULL);
  for (;;)
    {
      if (xmlTextReaderRead (x->reader) != 1)
        return read_failed (x, error);
      int type = xmlTextReaderNodeType (x->reader);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (x->reader) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
          || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        {
          const char *t = (const char *) xmlTextReaderConstValue (x->reader);
          bitext_tmx__escape_text (m, t, strlen (t));
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        {
          g_string_truncate (close, 0);
          if (!map_start (x, m, name_of (x), close, error))
            return FALSE;
          if (!xmlTextReaderIsEmptyElement (x->reader))
            g_ptr_array_add (closes, g_strdup (close->str));
          else if (close->len > 0)
            g_string_append (m, close->str);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && closes->len > 0)
        {
          g_string_append (m, g_ptr_array_index (closes, closes->len - 1));
          g_ptr_array_remove_index (closes, closes->len - 1);
        }
      else if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        return fail (x, error, "entity reference in XLIFF text: refused");
    }
}

/* The text of the current element (a note or a 2.0 data), markup escaped; <cp> as the character. */
static gboolean
read_text (Xliff *x, GString *out, gboolean escaped, GError **error)
{
  g_autoptr(GString) m = g_string_new (NULL);
  if (!read_content (x, m, error))
    return FALSE;
  if (escaped)
    {
      g_string_append (out, m->str);
      return TRUE;
    }
  return bitext_tmx__markup_to_text (m->str, out, NULL, NULL, error);
}

static void
unit_reset (Xliff *x)
{
  g_clear_pointer (&x->unit_id, g_free);
  g_clear_pointer (&x->segment_id, g_free);
  g_clear_pointer (&x->state, g_free);
  g_ptr_array_set_size (x->notes, 0);
  g_hash_table_remove_all (x->data);
  x->n_segments = 0;
  x->unapproved = FALSE;
}

static BilingualState
segment_state (Xliff *x)
{
  gboolean empty = !x->has_target || x->target->len == 0;
  if (empty)
    return ENTRY_UNTRANSLATED;
  const char *s = x->state;
  if (x->v2)
    return s == NULL || strcmp (s, "initial") != 0 ? ENTRY_TRANSLATED : ENTRY_FUZZY;
  if (x->unapproved || (s != NULL && (g_str_has_prefix (s, "needs-") || strcmp (s, "new") == 0)))
    return ENTRY_FUZZY;
  return ENTRY_TRANSLATED;
}

/* A finished 1.2 trans-unit or 2.0 segment as a memory unit. */
static gboolean
emit (Xliff *x, GError **error)
{
  BilingualSink *sink = x->sink;
  if (sink->src_lang == NULL)
    sink->src_lang = g_strdup ("und");
  if (sink->tgt_lang == NULL)
    sink->tgt_lang = g_strdup ("und");
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  unit->line = x->unit_line;
  if (x->unit_id != NULL)
    {
      g_autofree char *tuid = x->v2 && x->n_segments > 1 && x->segment_id != NULL
                                ? g_strdup_printf ("%s:%s", x->unit_id, x->segment_id)
                                : g_strdup (x->unit_id);
      bitext_tm_unit_set_attr (unit, "tuid", tuid);
    }
  for (guint i = 0; i < x->notes->len; i++)
    bitext_tm_unit_add_note (unit, g_ptr_array_index (x->notes, i));
  g_autoptr(GError) local = NULL;
  if (bitext_tm_unit_add_variant_markup (unit, sink->src_lang, x->source->str, &local) == NULL
      || bitext_tm_unit_add_variant_markup (unit, sink->tgt_lang,
                                            x->has_target ? x->target->str : "", &local) == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", sink->name, x->unit_line,
                   local->message);
      return FALSE;
    }
  return bitext_bilingual__deliver (sink, unit, segment_state (x), error);
}

static void
set_lang (char **lang, char *value)
{
  if (*lang == NULL && value != NULL && *value != '\0')
    *lang = value;
  else
    g_free (value);
}

/* Refuse a DOCTYPE that declares entities: nothing is expanded or fetched. */
static gboolean
check_doctype (Xliff *x, GError **error)
{
  xmlDoc *doc = xmlTextReaderCurrentDoc (x->reader);
  xmlDtd *dtd = doc != NULL ? doc->intSubset : NULL;
  if (dtd != NULL && (dtd->entities != NULL || dtd->pentities != NULL))
    return fail (x, error, "the DOCTYPE declares an entity: refused (XLIFF needs none; this is "
                           "how billion-laughs and external-entity attacks start)");
  return TRUE;
}

static gboolean
on_element (Xliff *x, const char *name, GError **error)
{
  int depth = xmlTextReaderDepth (x->reader);
  if (depth == 0)
    {
      if (strcmp (name, "xliff") != 0)
        return fail (x, error, "root element <%s>: not an XLIFF document", name);
      g_autofree char *version = get_attr (x, "version");
      x->v2 = version != NULL && version[0] == '2';
      set_lang (&x->sink->src_lang, get_attr (x, "srcLang"));
      set_lang (&x->sink->tgt_lang, get_attr (x, "trgLang"));
      return TRUE;
    }
  if (strcmp (name, "file") == 0 && !x->v2)
    {
      set_lang (&x->sink->src_lang, get_attr (x, "source-language"));
      set_lang (&x->sink->tgt_lang, get_attr (x, "target-language"));
      return TRUE;
    }
  if (strcmp (name, "alt-trans") == 0 || strcmp (name, "seg-source") == 0
      || strcmp (name, "ignorable") == 0)
    return skip_subtree (x);
  if (strcmp (name, x->v2 ? "unit" : "trans-unit") == 0)
    {
      unit_reset (x);
      x->unit_id = get_attr (x, "id");
      x->unit_line = (guint) xmlTextReaderGetParserLineNumber (x->reader);
      g_autofree char *approved = get_attr (x, "approved");
      x->unapproved = approved != NULL && strcmp (approved, "no") == 0;
      g_string_truncate (x->source, 0);
      x->has_target = FALSE;
      return TRUE;
    }
  if (x->v2 && strcmp (name, "segment") == 0)
    {
      g_clear_pointer (&x->segment_id, g_free);
      g_clear_pointer (&x->state, g_free);
      x->segment_id = get_attr (x, "id");
      x->state = get_attr (x, "state");
      x->n_segments++;
      g_string_truncate (x->source, 0);
      x->has_target = FALSE;
      return TRUE;
    }
  if (x->v2 && strcmp (name, "data") == 0)
    {
      g_autofree char *id = get_attr (x, "id");
      g_autoptr(GString) native = g_string_new (NULL);
      if (!read_text (x, native, TRUE, error))
        return FALSE;
      if (id != NULL)
        g_hash_table_replace (x->data, g_steal_pointer (&id), g_string_free (g_steal_pointer (&native), FALSE));
      return TRUE;
    }
  if (strcmp (name, "source") == 0)
    return read_content (x, x->source, error);
  if (strcmp (name, "target") == 0)
    {
      if (!x->v2)
        {
          g_clear_pointer (&x->state, g_free);
          x->state = get_attr (x, "state");
        }
      x->has_target = TRUE;
      return read_content (x, x->target, error);
    }
  if (strcmp (name, "note") == 0)
    {
      g_autoptr(GString) note = g_string_new (NULL);
      if (!read_text (x, note, FALSE, error))
        return FALSE;
      g_ptr_array_add (x->notes, g_string_free (g_steal_pointer (&note), FALSE));
    }
  return TRUE;
}

static gboolean
read_document (Xliff *x, GError **error)
{
  int r;
  while ((r = xmlTextReaderRead (x->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (x->reader);
      const char *name = name_of (x);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE && !check_doctype (x, error))
        return FALSE;
      if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        return fail (x, error, "entity reference &%s;: refused", name);
      if (type == XML_READER_TYPE_ELEMENT && !on_element (x, name, error))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT
          && strcmp (name, x->v2 ? "segment" : "trans-unit") == 0 && !emit (x, error))
        return FALSE;
      if (x->xml_error != NULL)
        break;
    }
  if (x->xml_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&x->xml_error));
      return FALSE;
    }
  if (r < 0)
    return fail (x, error, "not well-formed XML");
  return TRUE;
}

gboolean
bitext_xliff__read (BilingualSink *sink, const char *data, gsize length, GError **error)
{
  if (length > G_MAXINT)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: too large for an XLIFF file",
                   sink->name);
      return FALSE;
    }
  /* Entity declarations are refused before libxml2 parses them (and reports a loop). */
  const char *root = g_strstr_len (data, (gssize) length, "<xliff");
  const char *decl = g_strstr_len (data, root != NULL ? root - data : (gssize) length, "<!ENTITY");
  if (decl != NULL)
    {
      guint line = 1;
      for (const char *p = data; p < decl; p++)
        line += *p == '\n';
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s:%u: the DOCTYPE declares an entity: refused (XLIFF needs none; this is "
                   "how billion-laughs and external-entity attacks start)", sink->name, line);
      return FALSE;
    }
  g_autoptr(xmlTextReader) reader = xmlReaderForMemory (data, (int) length, sink->name, NULL,
                                                        XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (reader == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: cannot start the XML reader",
                   sink->name);
      return FALSE;
    }
  Xliff x = { .sink = sink, .reader = reader, .notes = g_ptr_array_new_with_free_func (g_free),
              .data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
              .source = g_string_new (NULL), .target = g_string_new (NULL) };
  xmlTextReaderSetStructuredErrorHandler (reader, (xmlStructuredErrorFunc) on_error, &x);
  GError *local = NULL;
  BitextXmlGuard guard;
  bitext_error__xml_guard_begin (&guard);
  gboolean ok = read_document (&x, &local);
  if (!ok && local == NULL)
    local = x.xml_error != NULL ? g_steal_pointer (&x.xml_error)
                                : g_error_new (BITEXT_ERROR, BITEXT_ERROR_PARSE,
                                               "%s: not well-formed XML", sink->name);
  bitext_error__xml_guard_end (&guard, &local, sink->name,
                               xmlTextReaderGetParserLineNumber (reader));
  if (local != NULL)
    g_propagate_error (error, local);
  unit_reset (&x);
  g_clear_error (&x.xml_error);
  g_ptr_array_unref (x.notes);
  g_hash_table_unref (x.data);
  g_string_free (x.source, TRUE);
  g_string_free (x.target, TRUE);
  return ok;
}

/* Writer: XLIFF 2.0 ----------------------------------------------------------------------- */

/* The value of attribute @name in the tag text [tag, end), or NULL. */
static char *
tag_attr (const char *tag, const char *end, const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *at = g_strstr_len (tag, end - tag, key);
  if (at == NULL)
    return NULL;
  at += strlen (key);
  const char *close = memchr (at, '"', end - at);
  return close != NULL ? g_strndup (at, close - at) : NULL;
}

typedef struct
{
  GPtrArray *data;            /* char *: native codes (escaped), data id = index + 1 */
  guint n_ph;
} CodeTable;

static guint
data_id (CodeTable *t, const char *native)
{
  for (guint i = 0; i < t->data->len; i++)
    if (strcmp (g_ptr_array_index (t->data, i), native) == 0)
      return i + 1;
  g_ptr_array_add (t->data, g_strdup (native));
  return t->data->len;
}

/* The content of the element at @p (after its start tag) up to "</NAME>", tags inside dropped. */
static const char *
code_content (const char *p, const char *name, GString *native)
{
  g_autofree char *end_tag = g_strdup_printf ("</%s>", name);
  const char *end = strstr (p, end_tag);
  if (end == NULL)
    end = p + strlen (p);
  for (const char *q = p; q < end; q++)
    {
      if (*q == '<')
        {
          const char *gt = strchr (q, '>');
          q = gt != NULL && gt < end ? gt : end - 1;
          continue;
        }
      g_string_append_c (native, *q);
    }
  return *end != '\0' ? end + strlen (end_tag) : end;
}

/* TMX markup as XLIFF 2.0 content: codes as sc/ec/ph with their native text in @t, controls as cp. */
static void
markup_to_xliff (GString *out, const char *markup, CodeTable *t, guint *n_ph)
{
  const char *p = markup;
  g_autoptr(GString) native = g_string_new (NULL);
  *n_ph = 0;
  while (*p != '\0')
    {
      if (*p != '<')
        {
          const char *lt = strchr (p, '<');
          gsize n = lt != NULL ? (gsize) (lt - p) : strlen (p);
          g_string_append_len (out, p, n);
          p += n;
          continue;
        }
      gboolean closing = p[1] == '/';
      const char *name = p + (closing ? 2 : 1);
      gsize name_len = 0;
      while (g_ascii_isalpha (name[name_len]))
        name_len++;
      const char *gt = strchr (p, '>');
      if (gt == NULL)
        break;
      g_autofree char *tag = g_strndup (name, name_len);
      gboolean empty = gt[-1] == '/';
      const char *after = gt + 1;
      if (closing || !bitext_tmx__is_code_element (tag))
        {
          p = after;                  /* hi, sub: the tags go, their text stays */
          continue;
        }
      g_string_truncate (native, 0);
      if (!empty)
        after = code_content (after, tag, native);
      g_autofree char *i = tag_attr (p, gt, "i");
      g_autofree char *type = tag_attr (p, gt, "type");
      g_autofree char *pos = tag_attr (p, gt, "pos");
      if (strcmp (tag, "ph") == 0 && type != NULL && strcmp (type, BITEXT_TMX_CONTROL_TYPE) == 0)
        {
          g_autoptr(GString) control = g_string_new (NULL);
          bitext_tmx__append_control_text (control, native->str, native->len);
          for (const char *c = control->str; *c != '\0'; c = g_utf8_next_char (c))
            g_string_append_printf (out, "<cp hex=\"%04X\"/>", g_utf8_get_char (c));
        }
      else if (strcmp (tag, "bpt") == 0)
        g_string_append_printf (out, "<sc id=\"%s\" dataRef=\"d%u\"/>", i != NULL ? i : "0",
                                data_id (t, native->str));
      else if (strcmp (tag, "ept") == 0)
        g_string_append_printf (out, "<ec startRef=\"%s\" dataRef=\"d%u\"/>", i != NULL ? i : "0",
                                data_id (t, native->str));
      else if (strcmp (tag, "it") == 0)
        g_string_append_printf (out, "<%s id=\"it%u\" isolated=\"yes\" dataRef=\"d%u\"/>",
                                pos != NULL && strcmp (pos, "end") == 0 ? "ec" : "sc", ++*n_ph,
                                data_id (t, native->str));
      else
        {
          g_autofree char *x = tag_attr (p, gt, "x");
          guint n = ++*n_ph;
          g_autofree char *id = x != NULL ? g_steal_pointer (&x) : g_strdup_printf ("ph%u", n);
          g_string_append (out, "<ph");
          append_attr (out, "id", id);
          g_string_append_printf (out, " dataRef=\"d%u\"/>", data_id (t, native->str));
        }
      p = after;
    }
}

void
bitext_xliff__write_header (BitextBilingualWriter *w, GString *out)
{
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\"");
  append_attr (out, "srcLang", w->src_lang != NULL ? w->src_lang : "und");
  append_attr (out, "trgLang", w->tgt_lang != NULL ? w->tgt_lang : "und");
  g_string_append (out, ">\n  <file id=\"f1\">\n");
}

/* A unit id: the tuid when it is an XML name token, else the unit's number. */
static void
append_unit_id (GString *out, const BitextTmUnit *unit, guint64 n)
{
  const char *tuid = bitext_tm_unit_get_tuid (unit);
  gboolean ok = tuid != NULL && *tuid != '\0';
  for (const char *p = tuid; ok && *p != '\0'; p++)
    ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':';
  if (ok)
    append_attr (out, "id", tuid);
  else
    g_string_append_printf (out, " id=\"u%" G_GUINT64_FORMAT "\"", n);
}

void
bitext_xliff__write_unit (BitextBilingualWriter *w, const BitextTmUnit *unit,
                          const BitextTmVariant *source, const BitextTmVariant *target,
                          GString *out)
{
  CodeTable t = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GString) src = g_string_new (NULL);
  g_autoptr(GString) tgt = g_string_new (NULL);
  guint n_ph;
  markup_to_xliff (src, bitext_tm_variant_get_markup (source), &t, &n_ph);
  markup_to_xliff (tgt, bitext_tm_variant_get_markup (target), &t, &n_ph);
  g_string_append (out, "    <unit");
  append_unit_id (out, unit, w->n_units);
  g_string_append (out, ">\n");
  const GPtrArray *annotations = bitext_tm_unit_get_annotations (unit);
  gboolean notes = FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      if (a->type != NULL || a->text == NULL)
        continue;
      g_string_append (out, notes ? "" : "      <notes>\n");
      notes = TRUE;
      g_string_append (out, "        <note>");
      bitext_tmx__escape_segment_text (out, a->text, strlen (a->text));
      g_string_append (out, "</note>\n");
    }
  if (notes)
    g_string_append (out, "      </notes>\n");
  if (t.data->len > 0)
    {
      g_string_append (out, "      <originalData>\n");
      for (guint i = 0; i < t.data->len; i++)
        g_string_append_printf (out, "        <data id=\"d%u\">%s</data>\n", i + 1,
                                (const char *) g_ptr_array_index (t.data, i));
      g_string_append (out, "      </originalData>\n");
    }
  const char *state = bitext_tm_unit_lookup_prop (unit, BITEXT_BILINGUAL_PROP_STATE);
  g_string_append_printf (out, "      <segment state=\"%s\">\n        <source xml:space=\"preserve\">%s</source>\n"
                          "        <target xml:space=\"preserve\">%s</target>\n      </segment>\n    </unit>\n",
                          state != NULL ? "initial" : "translated", src->str, tgt->str);
  g_ptr_array_unref (t.data);
}

void
bitext_xliff__write_footer (BitextBilingualWriter *w, GString *out)
{
  (void) w;
  g_string_append (out, "  </file>\n</xliff>\n");
}

/* bitext — gettext PO files: a reader (entries as memory units) and a writer (gettext's layout).
 *
 * The reader follows the GNU gettext manual, "The Format of PO Files": an
 * entry is comments, msgctxt, msgid, msgid_plural and msgstr or msgstr[N],
 * each string one or more C string literals on consecutive lines. Strings
 * use C escapes (\n \t \" \\ \a \b \f \r \v, octal and \x hex); anything
 * else is an error "FILE:LINE:COLUMN: ...", as msgfmt reports it. A file in
 * another charset than UTF-8 (the header's Content-Type) is converted first.
 *
 * The writer lays strings out as msgcat does: a string that holds a line
 * break before its end, or that does not fit in 79 columns, starts with ""
 * and goes on one line per "\n", wrapped after spaces at 79 columns.
 */
#include "bilingual-private.h"

#include <string.h>

#include "bitext/error.h"

#define PO_PAGE_WIDTH 79      /* gettext's default --width */

typedef struct
{
  BilingualSink *sink;
  guint line;
  const char *line_start;
  GPtrArray *comments;        /* char *: the entry's comment lines, as in the file */
  GString *ctxt, *id, *id_plural;
  gboolean has_ctxt, has_id, has_plural, seen_str;
  GPtrArray *strs;            /* GString *: msgstr[0..] */
  GString *current;           /* the string continuation lines go to */
  guint entry_line;
  gboolean first_entry_done;
} Po;

static gboolean G_GNUC_PRINTF (4, 5)
po_error (Po *po, GError **error, const char *at, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  glong column = g_utf8_strlen (po->line_start, at - po->line_start) + 1;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u:%ld: %s", po->sink->name, po->line,
               column, message);
  return FALSE;
}

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* Parse the C string literal at @p (spaces before it skipped) up to @end, appending to @out. */
static gboolean
parse_string (Po *po, const char *p, const char *end, GString *out, GError **error)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end || *p != '"')
    return po_error (po, error, p, "a string in double quotes expected");
  const char *open = p++;
  for (;;)
    {
      if (p == end)
        return po_error (po, error, open, "string not closed before the end of the line");
      char c = *p;
      if (c == '"')
        break;
      if (c != '\\')
        {
          g_string_append_c (out, c);
          p++;
          continue;
        }
      const char *esc = p++;
      if (p == end)
        return po_error (po, error, esc, "backslash at the end of the line");
      static const char from[] = "ntr\\\"abfv?'", to[] = "\n\t\r\\\"\a\b\f\v?'";
      const char *k = strchr (from, *p);
      if (k != NULL && *p != '\0')
        {
          g_string_append_c (out, to[k - from]);
          p++;
          continue;
        }
      guint value = 0, n = 0;
      if (*p >= '0' && *p <= '7')
        for (; n < 3 && p < end && *p >= '0' && *p <= '7'; n++, p++)
          value = value * 8 + (guint) (*p - '0');
      else if (*p == 'x')
        for (p++; p < end && hex_value (*p) >= 0 && value <= 0xFF; n++, p++)
          value = value * 16 + (guint) hex_value (*p);
      else
        return po_error (po, error, esc, "unknown escape sequence '\\%.*s'",
                         (int) (g_utf8_next_char (p) - p), p);
      if (n == 0 || value == 0 || value > 0xFF)
        return po_error (po, error, esc, "%s", value == 0 && n > 0 ? "NUL character in a string"
                                                                    : "bad numeric escape");
      g_string_append_c (out, (char) value);
    }
  for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
    ;
  if (p != end)
    return po_error (po, error, p, "text after the closing quote");
  return TRUE;
}

static void
entry_reset (Po *po)
{
  g_ptr_array_set_size (po->comments, 0);
  g_ptr_array_set_size (po->strs, 0);
  g_string_truncate (po->ctxt, 0);
  g_string_truncate (po->id, 0);
  g_string_truncate (po->id_plural, 0);
  po->has_ctxt = po->has_id = po->has_plural = po->seen_str = FALSE;
  po->current = NULL;
}

/* The comment types a PO entry keeps as props: "#." and so on, the rest a note. */
static const struct { char mark; const char *prop; } comment_props[] = {
  { '.', "x-po-extracted" }, { ':', "x-po-reference" }, { ',', "x-po-flags" },
  { '|', "x-po-previous" },
};

/* A comment line as a prop or note of @unit: its text after the mark and one space. */
static void
add_comment (GPtrArray **annotations, const char *line)
{
  const char *prop = NULL;
  const char *text = line + 1;
  for (guint i = 0; i < G_N_ELEMENTS (comment_props); i++)
    if (line[1] == comment_props[i].mark)
      {
        prop = comment_props[i].prop;
        text = line + 2;
      }
  if (*text == ' ')
    text++;
  BitextTmAnnotation *a = bitext_tm__annotation_add (annotations, prop);
  a->text = g_strdup (text);
}

static gboolean
is_fuzzy (Po *po)
{
  for (guint i = 0; i < po->comments->len; i++)
    {
      const char *c = g_ptr_array_index (po->comments, i);
      if (c[1] != ',')
        continue;
      g_auto(GStrv) flags = g_strsplit (c + 2, ",", -1);
      for (guint k = 0; flags[k] != NULL; k++)
        if (strcmp (g_strstrip (flags[k]), "fuzzy") == 0)
          return TRUE;
    }
  return FALSE;
}

/* The value of header field @field ("Language"), or NULL. */
static char *
header_field (const char *header, const char *field)
{
  gsize n = strlen (field);
  for (const char *l = header; l != NULL && *l != '\0'; l = strchr (l, '\n'), l = l ? l + 1 : NULL)
    if (strncmp (l, field, n) == 0 && l[n] == ':')
      {
        const char *v = l + n + 1, *e = strchr (v, '\n');
        g_autofree char *value = g_strndup (v, e != NULL ? (gsize) (e - v) : strlen (v));
        return g_strdup (g_strstrip (value));
      }
  return NULL;
}

/* The header entry (msgid "" first in the file): the languages and the memory header. */
static void
take_header (Po *po)
{
  BilingualSink *sink = po->sink;
  const char *msgstr = po->strs->len > 0 ? ((GString *) g_ptr_array_index (po->strs, 0))->str : "";
  if (sink->tgt_lang == NULL)
    {
      char *lang = header_field (msgstr, "Language");
      if (lang != NULL && *lang != '\0')
        sink->tgt_lang = lang;
      else
        g_free (lang);
    }
  if (sink->src_lang == NULL)
    sink->src_lang = header_field (msgstr, "X-Source-Language");
  if (sink->src_lang == NULL)
    sink->src_lang = g_strdup ("en");
  sink->header = bitext_tm_new (sink->src_lang, sink->tgt_lang);
  BitextTmUnit *h = bitext_tm_get_header (sink->header);
  for (guint i = 0; i < po->comments->len; i++)
    add_comment (&h->annotations, g_ptr_array_index (po->comments, i));
  bitext_tm_unit_add_prop (h, "x-po-header", msgstr);
}

static gboolean
add_unit_variant (Po *po, BitextTmUnit *unit, const char *lang, const char *text, GError **error)
{
  g_autoptr(GError) local = NULL;
  if (bitext_tm_unit_add_variant (unit, lang, text, &local) != NULL)
    return TRUE;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", po->sink->name,
               po->entry_line, local->message);
  return FALSE;
}

/* The entry read so far as units (one per msgstr), delivered; then a fresh entry. */
static gboolean
flush_entry (Po *po, GError **error)
{
  if (!po->has_id)
    {
      entry_reset (po);
      return TRUE;
    }
  if (!po->seen_str)
    {
      po->line = po->entry_line;
      return po_error (po, error, po->line_start, "msgid without msgstr");
    }
  gboolean header = !po->first_entry_done && po->id->len == 0 && !po->has_ctxt;
  po->first_entry_done = TRUE;
  if (header)
    {
      take_header (po);
      entry_reset (po);
      return TRUE;
    }
  BilingualState state = ENTRY_UNTRANSLATED;
  for (guint k = 0; k < po->strs->len; k++)
    if (((GString *) g_ptr_array_index (po->strs, k))->len > 0)
      state = ENTRY_TRANSLATED;
  if (state == ENTRY_TRANSLATED && is_fuzzy (po))
    state = ENTRY_FUZZY;
  BilingualSink *sink = po->sink;
  if (sink->src_lang == NULL)
    sink->src_lang = g_strdup ("en");
  if (sink->tgt_lang == NULL)
    sink->tgt_lang = g_strdup ("und");
  for (guint k = 0; k < po->strs->len; k++)
    {
      g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
      unit->line = po->entry_line;
      for (guint i = 0; i < po->comments->len; i++)
        add_comment (&unit->annotations, g_ptr_array_index (po->comments, i));
      if (po->has_ctxt)
        bitext_tm_unit_add_prop (unit, "x-po-msgctxt", po->ctxt->str);
      if (po->has_plural)
        {
          char index[16];
          g_snprintf (index, sizeof index, "%u", k);
          bitext_tm_unit_add_prop (unit, "x-po-plural", index);
          if (k == 0)
            bitext_tm_unit_add_prop (unit, "x-po-msgid-plural", po->id_plural->str);
        }
      const char *source = k == 0 ? po->id->str : po->id_plural->str;
      const char *target = ((GString *) g_ptr_array_index (po->strs, k))->str;
      if (!add_unit_variant (po, unit, sink->src_lang, source, error)
          || !add_unit_variant (po, unit, sink->tgt_lang, target, error)
          || !bitext_bilingual__deliver (sink, unit, state, error))
        return FALSE;
    }
  entry_reset (po);
  return TRUE;
}

/* "KEYWORD" at @p followed by a space or tab: the position after it, else NULL. */
static const char *
keyword (const char *p, const char *end, const char *word)
{
  gsize n = strlen (word);
  if ((gsize) (end - p) > n && strncmp (p, word, n) == 0 && (p[n] == ' ' || p[n] == '\t'))
    return p + n;
  return NULL;
}

static gboolean
parse_line (Po *po, const char *p, const char *end, GError **error)
{
  const char *rest;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end)
    return !po->seen_str || flush_entry (po, error);
  if (*p == '#' && p + 1 < end && p[1] == '~')
    {
      /* Obsolete: counted at its msgid, never read. */
      const char *q = p + 2;
      while (q < end && *q == ' ')
        q++;
      if (keyword (q, end, "msgid") != NULL && po->sink->counts != NULL)
        po->sink->counts->n_obsolete++;
      return TRUE;
    }
  if (*p == '#' || keyword (p, end, "msgctxt") != NULL
      || (keyword (p, end, "msgid") != NULL && po->has_id))
    if (po->seen_str && !flush_entry (po, error))
      return FALSE;
  if (*p == '#')
    {
      g_ptr_array_add (po->comments, g_strndup (p, end - p));
      return TRUE;
    }
  if ((rest = keyword (p, end, "msgctxt")) != NULL)
    {
      po->has_ctxt = TRUE;
      po->current = po->ctxt;
      po->entry_line = po->line;
      return parse_string (po, rest, end, po->ctxt, error);
    }
  if ((rest = keyword (p, end, "msgid_plural")) != NULL)
    {
      if (!po->has_id || po->has_plural || po->seen_str)
        return po_error (po, error, p, "msgid_plural without a msgid before it");
      po->has_plural = TRUE;
      po->current = po->id_plural;
      return parse_string (po, rest, end, po->id_plural, error);
    }
  if ((rest = keyword (p, end, "msgid")) != NULL)
    {
      if (po->has_id)
        return po_error (po, error, p, "msgid without msgstr before it");
      po->has_id = TRUE;
      if (!po->has_ctxt)
        po->entry_line = po->line;
      po->current = po->id;
      return parse_string (po, rest, end, po->id, error);
    }
  if (end - p >= 6 && strncmp (p, "msgstr", 6) == 0)
    {
      if (!po->has_id)
        return po_error (po, error, p, "msgstr without a msgid before it");
      rest = p + 6;
      guint index = 0;
      if (rest < end && *rest == '[')
        {
          char *close = NULL;
          guint64 value = g_ascii_strtoull (rest + 1, &close, 10);
          if (close == rest + 1 || close >= end || *close != ']' || !po->has_plural)
            return po_error (po, error, rest, po->has_plural ? "msgstr[N] expected"
                                                             : "msgstr[N] without msgid_plural");
          index = (guint) MIN (value, G_MAXUINT);
          rest = close + 1;
        }
      else if (po->has_plural)
        return po_error (po, error, rest, "msgstr[N] expected after msgid_plural");
      if (index != po->strs->len)
        return po_error (po, error, p, "msgstr[%u] expected here", po->strs->len);
      GString *s = g_string_new (NULL);
      g_ptr_array_add (po->strs, s);
      po->seen_str = TRUE;
      po->current = s;
      return parse_string (po, rest, end, s, error);
    }
  if (*p == '"')
    {
      if (po->current == NULL)
        return po_error (po, error, p, "a string without a keyword before it");
      return parse_string (po, p, end, po->current, error);
    }
  return po_error (po, error, p, "msgid, msgstr, msgctxt, a comment or a string expected");
}

/* The header's charset, when the file says it is not UTF-8 (nor ASCII, nor the template's CHARSET). */
static char *
declared_charset (const char *data, gsize length)
{
  const char *at = g_strstr_len (data, (gssize) MIN (length, (gsize) 8192), "charset=");
  if (at == NULL)
    return NULL;
  at += strlen ("charset=");
  gsize n = 0;
  while (at + n < data + length && (g_ascii_isalnum (at[n]) || at[n] == '-' || at[n] == '_'))
    n++;
  g_autofree char *charset = g_strndup (at, n);
  if (n == 0 || g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0
      || g_ascii_strcasecmp (charset, "ASCII") == 0 || g_ascii_strcasecmp (charset, "US-ASCII") == 0
      || strcmp (charset, "CHARSET") == 0)
    return NULL;
  return g_steal_pointer (&charset);
}

gboolean
bitext_po__read (BilingualSink *sink, const char *data, gsize length, GError **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *charset = declared_charset (data, length);
  if (charset != NULL)
    {
      gsize out_length = 0;
      g_autoptr(GError) local = NULL;
      converted = g_convert (data, (gssize) length, "UTF-8", charset, NULL, &out_length, &local);
      if (converted == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s: charset %s: %s", sink->name,
                       charset, local->message);
          return FALSE;
        }
      data = converted;
      length = out_length;
    }
  Po po = { .sink = sink, .comments = g_ptr_array_new_with_free_func (g_free),
            .ctxt = g_string_new (NULL), .id = g_string_new (NULL),
            .id_plural = g_string_new (NULL),
            .strs = g_ptr_array_new_with_free_func (string_free) };
  const char *p = data, *end = data + length;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  gboolean ok = TRUE;
  while (ok && p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      po.line++;
      po.line_start = p;
      const char *e = line_end > p && line_end[-1] == '\r' ? line_end - 1 : line_end;
      const char *bad = NULL;
      if (!g_utf8_validate_len (p, e - p, &bad) || memchr (p, '\0', e - p) != NULL)
        ok = po_error (&po, error, bad != NULL && *bad != '\0' ? bad : p,
                       "invalid UTF-8 or a NUL byte");
      else
        ok = parse_line (&po, p, e, error);
      p = nl != NULL ? nl + 1 : end;
    }
  if (ok)
    {
      po.line_start = p;
      ok = !po.has_id || flush_entry (&po, error);
    }
  g_ptr_array_unref (po.comments);
  g_ptr_array_unref (po.strs);
  g_string_free (po.ctxt, TRUE);
  g_string_free (po.id, TRUE);
  g_string_free (po.id_plural, TRUE);
  return ok;
}

/* Writer ------------------------------------------------------------------------------------- */

/* @text as the inside of a PO string literal: gettext's escapes, other bytes as they are. */
static void
escape_po (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\a': g_string_append (out, "\\a"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      case '\v': g_string_append (out, "\\v"); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '"': g_string_append (out, "\\\""); break;
      default: g_string_append_c (out, *p);
      }
}

/* One "..." line per piece of @esc (escaped), each piece wrapped after spaces to fit the page. */
static void
append_wrapped (GString *out, const char *esc, gsize length)
{
  const gsize max = PO_PAGE_WIDTH - 2;    /* the two quotes */
  const char *p = esc, *end = esc + length;
  while (p < end)
    {
      /* The line: up to and including the next "\n" escape, or the end. */
      const char *line_end = p;
      while (line_end < end && !(line_end[0] == '\\' && line_end[1] == 'n'))
        line_end += line_end[0] == '\\' ? 2 : 1;
      if (line_end < end)
        line_end += 2;
      while (p < line_end)
        {
          const char *q = p, *brk = NULL;
          gsize width = 0;
          while (q < line_end && (width < max || brk == NULL))
            {
              gsize step = *q == '\\' ? 2 : (gsize) (g_utf8_next_char (q) - q);
              if (width + (*q == '\\' ? 2 : 1) > max && brk != NULL)
                break;
              width += *q == '\\' ? 2 : 1;
              q += step;
              if (q[-1] == ' ')
                brk = q;
            }
          const char *stop = q >= line_end ? line_end : brk != NULL ? brk : q;
          g_string_append_c (out, '"');
          g_string_append_len (out, p, stop - p);
          g_string_append (out, "\"\n");
          p = stop;
        }
    }
}

/* "KEYWORD "TEXT"\n", on one line when it fits and holds no inner line break. */
static void
append_po_string (GString *out, const char *keyword, const char *text)
{
  g_autoptr(GString) esc = g_string_new (NULL);
  escape_po (esc, text);
  const char *nl = strstr (esc->str, "\\n");
  gboolean inner_break = nl != NULL && (gsize) (nl - esc->str) + 2 < esc->len;
  glong width = g_utf8_strlen (keyword, -1) + 3 + g_utf8_strlen (esc->str, -1);
  g_string_append (out, keyword);
  if (esc->len == 0 || (!inner_break && width <= PO_PAGE_WIDTH))
    {
      g_string_append (out, " \"");
      g_string_append_len (out, esc->str, esc->len);
      g_string_append (out, "\"\n");
      return;
    }
  g_string_append (out, " \"\"\n");
  append_wrapped (out, esc->str, esc->len);
}

/* The comment lines of a unit's (or the header's) annotations, as the reader took them. */
static void
append_comments (GString *out, const GPtrArray *annotations)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      char mark = '\0';
      if (a->type != NULL)
        for (guint k = 0; k < G_N_ELEMENTS (comment_props); k++)
          if (strcmp (a->type, comment_props[k].prop) == 0)
            mark = comment_props[k].mark;
      if (a->type != NULL && mark == '\0')
        continue;
      g_string_append_c (out, '#');
      if (mark != '\0')
        g_string_append_c (out, mark);
      if (a->text != NULL && *a->text != '\0')
        {
          g_string_append_c (out, ' ');
          g_string_append (out, a->text);
        }
      g_string_append_c (out, '\n');
    }
}

void
bitext_po__write_header (BitextBilingualWriter *w, GString *out)
{
  BitextTmUnit *h = w->header != NULL ? bitext_tm_get_header (w->header) : NULL;
  const char *kept = h != NULL ? bitext_tm_unit_lookup_prop (h, "x-po-header") : NULL;
  if (kept != NULL)
    {
      append_comments (out, bitext_tm_unit_get_annotations (h));
      append_po_string (out, "msgid", "");
      append_po_string (out, "msgstr", kept);
      return;
    }
  g_autoptr(GString) fields = g_string_new (NULL);
  g_string_append_printf (fields, "Project-Id-Version: bitext\nLanguage: %s\n"
                          "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                          "Content-Transfer-Encoding: 8bit\nX-Source-Language: %s\n",
                          w->tgt_lang != NULL ? w->tgt_lang : "",
                          w->src_lang != NULL ? w->src_lang : "");
  append_po_string (out, "msgid", "");
  append_po_string (out, "msgstr", fields->str);
}

static void
append_entry (BitextBilingualWriter *w, GString *out, const BitextTmUnit *unit,
              const char *source, const char *source_plural, GPtrArray *targets, const char *target)
{
  (void) w;
  g_string_append_c (out, '\n');
  append_comments (out, bitext_tm_unit_get_annotations (unit));
  const char *ctxt = bitext_tm_unit_lookup_prop (unit, "x-po-msgctxt");
  if (ctxt != NULL)
    append_po_string (out, "msgctxt", ctxt);
  append_po_string (out, "msgid", source);
  if (source_plural == NULL)
    {
      append_po_string (out, "msgstr", target);
      return;
    }
  append_po_string (out, "msgid_plural", source_plural);
  for (guint k = 0; k < targets->len; k++)
    {
      char name[32];
      g_snprintf (name, sizeof name, "msgstr[%u]", k);
      append_po_string (out, name, g_ptr_array_index (targets, k));
    }
}

/* Write the plural entry gathered so far, if any. */
void
bitext_po__flush (BitextBilingualWriter *w, GString *out)
{
  if (w->plural->len == 0)
    return;
  const BitextTmUnit *first = g_ptr_array_index (w->plural, 0);
  BitextTmVariant *src = bitext_tm_unit_choose_source (first, NULL, w->src_lang);
  const char *plural = bitext_tm_unit_lookup_prop (first, "x-po-msgid-plural");
  if (plural == NULL && w->plural->len > 1)
    {
      const BitextTmUnit *second = g_ptr_array_index (w->plural, 1);
      BitextTmVariant *v = bitext_tm_unit_choose_source (second, NULL, w->src_lang);
      plural = v != NULL ? bitext_tm_variant_get_text (v) : "";
    }
  append_entry (w, out, first, src != NULL ? bitext_tm_variant_get_text (src) : "",
                plural != NULL ? plural : "", w->plural_targets, NULL);
  g_ptr_array_set_size (w->plural, 0);
  g_ptr_array_set_size (w->plural_targets, 0);
}

void
bitext_po__write_unit (BitextBilingualWriter *w, const BitextTmUnit *unit, const char *source,
                       const char *target, GString *out)
{
  const char *form = bitext_tm_unit_lookup_prop (unit, "x-po-plural");
  guint64 index = 0;
  gboolean plural = form != NULL && g_ascii_string_to_unsigned (form, 10, 0, 1000, &index, NULL);
  if (!plural || index == 0 || index != w->plural->len)
    bitext_po__flush (w, out);
  if (!plural)
    {
      append_entry (w, out, unit, source, NULL, NULL, target);
      return;
    }
  g_ptr_array_add (w->plural, bitext_tm_unit_copy (unit));
  g_ptr_array_add (w->plural_targets, g_strdup (target));
}

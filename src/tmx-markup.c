/* bitext — TMX inline markup: escaping, Markdown emphasis as bpt/ept, and the views of a <seg>.
 *
 * A segment's markup is the content of <seg> as the writer writes it: text
 * escaped (&amp; &lt; &gt;, CR as &#13; so that XML's end-of-line handling
 * cannot turn it into LF), inline elements as start and end tags with their
 * attributes in double quotes. Markdown emphasis in a plain text becomes a
 * bpt/ept pair whose content is the asterisks themselves, so that the text
 * view of the markup (codes put back) is the original text, byte for byte.
 */
#include <string.h>

#include "bitext/error.h"
#include "text-private.h"
#include "tmx-private.h"

/* XML 1.0 section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/*
** Check that @text (@length bytes, or NUL-terminated if -1) is UTF-8 and
** holds only characters an XML 1.0 document can carry, even as references;
** with @controls, C0 control characters pass too (a segment's text writes
** them as <ph type="x-ctrl"> codes). Valid UTF-8 excludes surrogates, so
** past g_utf8_validate() only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF)
** remain to find: a byte loop.
*/
static gboolean
check_text (const char *text, gssize length, gboolean controls, GError **error)
{
  const char *end = NULL;
  if (!g_utf8_validate (text, length, &end))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                   "invalid UTF-8 in segment (byte offset %" G_GSIZE_FORMAT ")",
                   (gsize) (end - text));
      return FALSE;
    }
  for (const guchar *p = (const guchar *) text; p < (const guchar *) end; p++)
    {
      if (*p >= 0x20 && *p != 0xEF)
        continue;
      if (*p == '\t' || *p == '\n' || *p == '\r' || (*p == 0xEF && (p[1] != 0xBF || p[2] < 0xBE))
          || (controls && *p < 0x20))
        continue;
      gunichar c = g_utf8_get_char ((const char *) p);
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                   "character U+%04X cannot appear in XML (byte offset %" G_GSIZE_FORMAT ")", c,
                   (gsize) ((const char *) p - text));
      return FALSE;
    }
  return TRUE;
}

gboolean
bitext_tmx__check_text (const char *text, gssize length, GError **error)
{
  return check_text (text, length, FALSE, error);
}

/* As bitext_tmx__check_text(), but C0 controls pass: they become codes in a segment's markup. */
gboolean
bitext_tmx__check_segment_text (const char *text, gssize length, GError **error)
{
  return check_text (text, length, TRUE, error);
}

/* A C0 control XML 1.0 cannot carry (all but TAB, LF, CR). */
static gboolean
is_xml_control (guchar c)
{
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/*
** Append @length bytes of a control code's content to the text view: the
** Control Pictures U+2400..U+241F the writer put in <ph type="x-ctrl"> go
** back to the controls they stand for; anything else is copied.
*/
void
bitext_tmx__append_control_text (GString *out, const char *text, gsize length)
{
  const char *p = text, *end = text + length;
  while (p < end)
    {
      /* U+2400..U+241F is E2 90 80..9F in UTF-8. */
      if (end - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x90
          && (guchar) p[2] >= 0x80 && (guchar) p[2] <= 0x9F)
        {
          g_string_append_c (out, (char) ((guchar) p[2] - 0x80));
          p += 3;
          continue;
        }
      g_string_append_c (out, *p++);
    }
}

/* The bytes escape_text() replaces. */
static const guint8 text_special[256] = { ['&'] = 1, ['<'] = 1, ['>'] = 1, ['\r'] = 1 };

void
bitext_tmx__escape_text (GString *out, const char *text, gsize length)
{
  const char *p = text, *end = text + length;
  while (p < end)
    {
      const char *run = p;
      while (p < end && !text_special[(guchar) *p])
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;
      switch (*p++)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append (out, "&#13;"); break;
        }
    }
}

/*
** Segment text: escaped as escape_text() does, and each C0 control XML 1.0
** cannot carry (a form feed, a BEL) as a <ph type="x-ctrl"> code holding its
** Control Picture (U+240C for U+000C): the text view reads it back as the
** control, the plain view drops it, and the file stays well-formed.
*/
void
bitext_tmx__escape_segment_text (GString *out, const char *text, gsize length)
{
  const char *p = text, *end = text + length;
  while (p < end)
    {
      const char *run = p;
      while (p < end && !is_xml_control ((guchar) *p))
        p++;
      bitext_tmx__escape_text (out, run, p - run);
      if (p == end)
        break;
      g_string_append (out, "<ph type=\"" BITEXT_TMX_CONTROL_TYPE "\">");
      g_string_append_unichar (out, 0x2400 + (guchar) *p++);
      g_string_append (out, "</ph>");
    }
}

/* Attribute values: XML normalises literal TAB, LF and CR to spaces, so they go as references. */
void
bitext_tmx__escape_attr (GString *out, const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    switch (text[i])
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\t': g_string_append (out, "&#9;"); break;
      case '\n': g_string_append (out, "&#10;"); break;
      case '\r': g_string_append (out, "&#13;"); break;
      default: g_string_append_c (out, text[i]);
      }
}

gboolean
bitext_tmx__is_code_element (const char *name)
{
  return strcmp (name, "bpt") == 0 || strcmp (name, "ept") == 0 || strcmp (name, "ph") == 0
         || strcmp (name, "it") == 0 || strcmp (name, "ut") == 0;
}

gboolean
bitext_tmx__is_inline_element (const char *name)
{
  return bitext_tmx__is_code_element (name) || strcmp (name, "hi") == 0
         || strcmp (name, "sub") == 0;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
** Where the emphasis opened by @d asterisks ends: the first run of @d
** asterisks after a non-space character, within [from, end). A single '*'
** skips "**" pairs, so that "*a **b** c*" nests. Returns -1 if none.
*/
static gssize
find_closer (const char *s, gsize from, gsize end, gsize d)
{
  for (gsize q = from + 1; q + d <= end; q++)
    {
      if (s[q] != '*')
        continue;
      if (d == 1 && q + 1 < end && s[q + 1] == '*')
        {
          q++;
          continue;
        }
      if ((d == 1 || s[q + 1] == '*') && !is_space (s[q - 1]))
        return q;
    }
  return -1;
}

/*
** Markup for s[start, end): emphasis that opens (asterisks followed by a
** non-space) and closes (asterisks after a non-space) in the range becomes
** <bpt>/<ept>; other asterisks stay text. This is CommonMark's flanking rule
** without its punctuation refinements: whatever is recognised, the asterisks
** are kept inside the codes, so the text reads back unchanged.
*/
static void
markdown_range (GString *out, const char *s, gsize start, gsize end, guint *next_i)
{
  gsize p = start;
  while (p < end)
    {
      gsize run = p;
      while (p < end && s[p] != '*')
        p++;
      bitext_tmx__escape_segment_text (out, s + run, p - run);
      if (p == end)
        break;
      gsize d = (p + 1 < end && s[p + 1] == '*') ? 2 : 1;
      gssize q = (p + d < end && !is_space (s[p + d])) ? find_closer (s, p + d, end, d) : -1;
      if (q < 0)
        {
          g_string_append_len (out, s + p, d);
          p += d;
          continue;
        }
      guint i = ++*next_i;
      const char *type = d == 2 ? "bold" : "italic";
      g_string_append_printf (out, "<bpt i=\"%u\" x=\"%u\" type=\"%s\">%.*s</bpt>", i, i, type,
                              (int) d, s + p);
      markdown_range (out, s, p + d, (gsize) q, next_i);
      g_string_append_printf (out, "<ept i=\"%u\">%.*s</ept>", i, (int) d, s + q);
      p = (gsize) q + d;
    }
}

/* Append the markup for the plain @text (Markdown emphasis as codes) to @markup. */
void
bitext_tmx__markdown_to_markup (GString *markup, const char *text)
{
  guint next_i = 0;
  g_string_truncate (markup, 0);
  markdown_range (markup, text, 0, strlen (text), &next_i);
}

static gboolean
markup_error (GError **error, const char *markup, const char *p, const char *what)
{
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "segment markup, byte %" G_GSIZE_FORMAT
               ": %s", (gsize) (p - markup), what);
  return FALSE;
}

/* Decode the reference at @p ('&'): append the character to @out; returns the byte after ';'. */
static const char *
decode_reference (const char *p, GString *out)
{
  static const struct { const char *name; char c; } predefined[] = {
    { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
  };
  p++;
  for (guint i = 0; i < G_N_ELEMENTS (predefined); i++)
    if (g_str_has_prefix (p, predefined[i].name))
      {
        if (out != NULL)
          g_string_append_c (out, predefined[i].c);
        return p + strlen (predefined[i].name);
      }
  if (*p != '#')
    return NULL;
  gboolean hex = p[1] == 'x';
  char *end = NULL;
  guint64 c = g_ascii_strtoull (p + (hex ? 2 : 1), &end, hex ? 16 : 10);
  if (end == p + (hex ? 2 : 1) || *end != ';' || !is_xml_char ((gunichar) c) || c > 0x10FFFF)
    return NULL;
  if (out != NULL)
    g_string_append_unichar (out, (gunichar) c);
  return end + 1;
}

/*
** The end of the XML name at @p, or NULL when none starts there: a letter,
** '_' or ':' first (any non-ASCII character, which the XML parser the
** markup came through has checked, counts as a letter).
*/
static const char *
skip_xml_name (const char *p)
{
  if (!g_ascii_isalpha (*p) && *p != '_' && *p != ':' && (guchar) *p < 0x80)
    return NULL;
  while (g_ascii_isalnum (*p) || *p == '-' || *p == ':' || *p == '_' || *p == '.'
         || (guchar) *p >= 0x80)
    p++;
  return p;
}

/* Skip the attributes of a tag, checking their syntax; returns '>' or "/>" position, or NULL. */
static const char *
skip_attributes (const char *p)
{
  for (;;)
    {
      while (is_space (*p))
        p++;
      if (*p == '>' || (*p == '/' && p[1] == '>'))
        return p;
      const char *name_end = skip_xml_name (p);
      if (name_end == NULL)
        return NULL;
      p = name_end;
      while (is_space (*p))
        p++;
      if (*p++ != '=')
        return NULL;
      while (is_space (*p))
        p++;
      char quote = *p++;
      if (quote != '"' && quote != '\'')
        return NULL;
      const char *close = strchr (p, quote);
      if (close == NULL || memchr (p, '<', close - p) != NULL)
        return NULL;
      p = close + 1;
    }
}

/*
** Parse the TMX inline markup @markup: append its text view (all character
** data, codes' content included) to @text and its plain view (character
** data outside bpt/ept/it/ph/ut) to @plain; either may be NULL. Only the
** inline elements of TMX 1.4b are allowed, properly nested.
*/
gboolean
bitext_tmx__markup_to_text (const char *markup, GString *text, GString *plain,
                            gboolean *has_inline, GError **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint code_depth = 0;
  gboolean in_control = FALSE;    /* inside <ph type="x-ctrl"> */
  const char *p = markup;
  if (has_inline != NULL)
    *has_inline = FALSE;
  while (*p != '\0')
    {
      if (*p == '&')
        {
          const char *after = decode_reference (p, text);
          if (after == NULL)
            return markup_error (error, markup, p, "bad character or entity reference");
          if (code_depth == 0)
            decode_reference (p, plain);
          p = after;
          continue;
        }
      if (*p != '<')
        {
          const char *run = p;
          while (*p != '\0' && *p != '&' && *p != '<')
            p++;
          if (text != NULL && in_control)
            bitext_tmx__append_control_text (text, run, p - run);
          else if (text != NULL)
            g_string_append_len (text, run, p - run);
          if (plain != NULL && code_depth == 0)
            g_string_append_len (plain, run, p - run);
          continue;
        }
      gboolean closing = p[1] == '/';
      const char *name = p + (closing ? 2 : 1);
      const char *name_end = name;
      while (g_ascii_isalpha (*name_end))
        name_end++;
      g_autofree char *tag = g_strndup (name, name_end - name);
      if (!bitext_tmx__is_inline_element (tag))
        return markup_error (error, markup, p, "not a TMX inline element");
      if (has_inline != NULL)
        *has_inline = TRUE;
      gboolean code = bitext_tmx__is_code_element (tag);
      if (closing)
        {
          if (stack->len == 0 || strcmp (g_ptr_array_index (stack, stack->len - 1), tag) != 0
              || *name_end != '>')
            return markup_error (error, markup, p, "end tag does not match");
          g_ptr_array_remove_index (stack, stack->len - 1);
          code_depth -= code ? 1 : 0;
          in_control = in_control && strcmp (tag, "ph") != 0;
          p = name_end + 1;
          continue;
        }
      const char *tag_end = skip_attributes (name_end);
      if (tag_end == NULL || (tag_end == name_end && *name_end != '>' && *name_end != '/'))
        return markup_error (error, markup, p, "malformed tag");
      if (*tag_end == '/')
        {
          p = tag_end + 2;
          continue;
        }
      if (strcmp (tag, "ph") == 0)
        in_control = g_strstr_len (name_end, tag_end - name_end,
                                   "type=\"" BITEXT_TMX_CONTROL_TYPE "\"") != NULL;
      g_ptr_array_add (stack, g_steal_pointer (&tag));
      code_depth += code ? 1 : 0;
      p = tag_end + 1;
    }
  if (stack->len > 0)
    return markup_error (error, markup, p, "unclosed inline element");
  return TRUE;
}

/*
** The native code @code as a translator's tool shows it: each XML or HTML
** tag by its name alone ("<span class=\"quote\">" is "<span>", "</a>",
** "<img/>"), attributes left out; appended to @out. Returns FALSE, with
** nothing appended, when @code is not tags and white space alone (a
** Markdown "**", a roff font escape): such a code is shown as it is.
*/
static gboolean
append_bare_tags (GString *out, const char *code)
{
  g_autoptr(GString) bare = g_string_new (NULL);
  const char *p = code;
  while (*p != '\0')
    {
      if (is_space (*p))
        {
          g_string_append_c (bare, *p++);
          continue;
        }
      if (*p != '<')
        return FALSE;
      gboolean closing = p[1] == '/';
      const char *name = p + (closing ? 2 : 1), *end = skip_xml_name (name);
      if (end == NULL)
        return FALSE;
      const char *tag_end = closing ? end : skip_attributes (end);
      if (tag_end == NULL || (closing && *tag_end != '>'))
        return FALSE;
      gboolean self_closing = *tag_end == '/';
      g_string_append_c (bare, '<');
      if (closing)
        g_string_append_c (bare, '/');
      g_string_append_len (bare, name, end - name);
      if (!closing && (self_closing || bitext__html_void_element (name, (gsize) (end - name))))
        g_string_append_c (bare, '/');
      g_string_append_c (bare, '>');
      p = tag_end + (self_closing ? 2 : 1);
    }
  if (bare->len == 0)
    return FALSE;
  g_string_append_len (out, bare->str, (gssize) bare->len);
  return TRUE;
}

/* A code element with text content, as read at its '<' by code_at(). */
typedef struct
{
  char *tag;                /* its name, owned */
  const char *tag_end;      /* the '>' of its start tag */
  const char *content, *content_end;  /* its escaped content: text, no element */
  const char *end;          /* after its closing tag */
  GString *view;            /* the content's text view, owned */
} CodeAt;

static void
code_at_clear (CodeAt *c)
{
  g_clear_pointer (&c->tag, g_free);
  if (c->view != NULL)
    g_string_free (g_steal_pointer (&c->view), TRUE);
}

/*
** Whether @lt (a '<' of TMX markup) opens a code element (bpt, ept, ph,
** it, ut) whose content is text alone (no <sub>), closed by its end tag:
** then *@c describes it (code_at_clear() frees it).
*/
static gboolean
code_at (const char *lt, CodeAt *c)
{
  memset (c, 0, sizeof *c);
  const char *name = lt + 1, *name_end = name;
  while (g_ascii_isalpha (*name_end))
    name_end++;
  c->tag = g_strndup (name, name_end - name);
  c->tag_end = bitext_tmx__is_code_element (c->tag) ? skip_attributes (name_end) : NULL;
  if (c->tag_end == NULL || *c->tag_end != '>')
    return (code_at_clear (c), FALSE);
  g_autofree char *close = g_strdup_printf ("</%s>", c->tag);
  c->content = c->tag_end + 1;
  c->content_end = strstr (c->content, close);
  if (c->content_end == NULL || memchr (c->content, '<', c->content_end - c->content) != NULL)
    return (code_at_clear (c), FALSE);
  g_autofree char *escaped = g_strndup (c->content, c->content_end - c->content);
  c->view = g_string_new (NULL);
  if (!bitext_tmx__markup_to_text (escaped, c->view, NULL, NULL, NULL))
    return (code_at_clear (c), FALSE);
  c->end = c->content_end + strlen (close);
  return TRUE;
}

/*
** The text view of @markup (bitext_tmx__markup_to_text) with each code
** that holds XML or HTML tags shown by the tags' names alone, as CAT tools
** show codes: what QA reads, so that attribute values (class="quote",
** href) are neither words nor quotation marks of the text. Appended to @out.
*/
gboolean
bitext_tmx__markup_to_tag_text (const char *markup, GString *out, GError **error)
{
  g_autoptr(GString) rewritten = g_string_new (NULL);
  const char *p = markup;
  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');
      if (lt == NULL)
        {
          g_string_append (rewritten, p);
          break;
        }
      g_string_append_len (rewritten, p, lt - p);
      CodeAt c;
      if (!code_at (lt, &c))
        {
          /* Not a code with content: copied as it is, the parse below judges it. */
          g_string_append_c (rewritten, '<');
          p = lt + 1;
          continue;
        }
      g_string_append_len (rewritten, lt, c.content - lt);
      g_autoptr(GString) bare = g_string_new (NULL);
      if (append_bare_tags (bare, c.view->str))
        bitext_tmx__escape_text (rewritten, bare->str, bare->len);
      else
        g_string_append_len (rewritten, c.content, c.content_end - c.content);
      g_string_append_len (rewritten, c.content_end, c.end - c.content_end);
      p = c.end;
      code_at_clear (&c);
    }
  return bitext_tmx__markup_to_text (rewritten->str, out, NULL, NULL, error);
}

/*
** The digits of the `i` attribute of the start tag [@tag, @tag_end) when
** it is a bpt or an ept's, else NULL.
*/
static const char *
pair_number (const char *tag, const char *tag_end)
{
  if (strncmp (tag, "<bpt ", 5) != 0 && strncmp (tag, "<ept ", 5) != 0)
    return NULL;
  const char *a = g_strstr_len (tag, tag_end - tag, " i=\"");
  return a != NULL && g_ascii_isdigit (a[4]) ? a + 4 : NULL;
}

/*
** The lowest and highest `i` of the bpt and ept elements of the TMX markup
** @markup in *@lo and *@hi (G_MAXUINT and 0 without any); with @out, append
** @markup to it with @offset added to each `i`. Text between elements has
** its `<` escaped, so a `<` opens an element.
*/
void
bitext_tmx__markup_pairs (const char *markup, guint offset, GString *out, guint *lo, guint *hi)
{
  *lo = G_MAXUINT;
  *hi = 0;
  const char *p = markup;
  for (const char *tag; (tag = strchr (p, '<')) != NULL;)
    {
      const char *end = strchr (tag, '>');
      if (end == NULL)
        break;
      const char *digits = pair_number (tag, end);
      if (digits != NULL)
        {
          char *digits_end;
          guint64 v = g_ascii_strtoull (digits, &digits_end, 10);
          *lo = (guint) MIN (*lo, v);
          *hi = (guint) MAX (*hi, v);
          if (out != NULL)
            {
              g_string_append_len (out, p, digits - p);
              g_string_append_printf (out, "%" G_GUINT64_FORMAT, v + offset);
            }
          p = digits_end;
          continue;
        }
      if (out != NULL)
        g_string_append_len (out, p, end + 1 - p);
      p = end + 1;
    }
  if (out != NULL)
    g_string_append (out, p);
}

/* One code element of a segment's markup: its bytes, its text view, its pair number. */
typedef struct
{
  const char *start, *end;  /* the element, from '<' to after its closing tag */
  char *view;               /* its content's text view, what the user sees and edits */
  gint64 pair;              /* `i` of a bpt (as is) or an ept (negated), 0 for another code */
  gboolean kept;
} MarkupCode;

static void
markup_code_clear (gpointer data)
{
  g_free (((MarkupCode *) data)->view);
}

/* The `i` of the start tag [tag, tag_end) of a bpt (as is) or an ept (negated), 0 for another. */
static gint64
code_pair (const char *tag, const char *tag_end)
{
  const char *digits = pair_number (tag, tag_end);
  if (digits == NULL)
    return 0;
  gint64 i = (gint64) g_ascii_strtoull (digits, NULL, 10);
  return tag[1] == 'b' ? i : -i;
}

/*
** The code elements of @markup in order, or FALSE when it holds anything
** else that is markup (a <hi> around text, a code holding a <sub>, an
** empty code, which has no text to find again).
*/
static gboolean
markup_codes (const char *markup, GArray *codes)
{
  for (const char *p = markup; (p = strchr (p, '<')) != NULL;)
    {
      CodeAt c;
      if (!code_at (p, &c))
        return FALSE;
      gboolean empty = c.view->len == 0;
      MarkupCode m = { p, c.end, g_string_free (g_steal_pointer (&c.view), FALSE),
                       code_pair (p, c.tag_end), FALSE };
      code_at_clear (&c);
      g_array_append_val (codes, m);
      if (empty)
        return FALSE;
      p = m.end;
    }
  return TRUE;
}

/*
** Append to @out the markup of @text, an edit of the text view of
** @markup (a segment's, with codes): each code of @markup whose text view
** (`<span class="keycap">` for <bpt i="1">&lt;span class="keycap"&gt;</bpt>)
** @text still holds, found in the order of @markup, is that code again,
** and the rest is text, escaped. So a translator who edits the words of a
** segment keeps its codes, as a CAT tool's tag-protected editor does, and
** one who deletes a code deletes it. FALSE, with nothing appended, when
** @markup holds markup other than codes with content (see markup_codes())
** or when the edit keeps one of a bpt/ept pair without the other, which
** TMX cannot write: the caller writes @text as text then.
*/
gboolean
bitext_tmx__markup_reapply (const char *markup, const char *text, GString *out)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (MarkupCode));
  g_array_set_clear_func (codes, markup_code_clear);
  if (!markup_codes (markup, codes))
    return FALSE;
  g_autoptr(GString) built = g_string_new (NULL);
  const char *p = text;
  for (guint k = 0; k < codes->len; k++)
    {
      MarkupCode *c = &g_array_index (codes, MarkupCode, k);
      const char *at = strstr (p, c->view);
      if (at == NULL)
        continue;
      bitext_tmx__escape_segment_text (built, p, at - p);
      g_string_append_len (built, c->start, c->end - c->start);
      c->kept = TRUE;
      p = at + strlen (c->view);
    }
  bitext_tmx__escape_segment_text (built, p, strlen (p));
  for (guint k = 0; k < codes->len; k++)
    {
      const MarkupCode *c = &g_array_index (codes, MarkupCode, k);
      if (c->pair == 0)
        continue;
      gboolean partner = FALSE;
      for (guint x = 0; x < codes->len; x++)
        {
          const MarkupCode *d = &g_array_index (codes, MarkupCode, x);
          partner |= d->pair == -c->pair && d->kept == c->kept;
        }
      if (!partner)
        return FALSE;
    }
  g_string_append_len (out, built->str, (gssize) built->len);
  return TRUE;
}

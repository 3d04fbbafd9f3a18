/* bitext — man pages: roff with the man(7) macros, read line by line.
 *
 * Paragraphs: a section or subsection heading (.SH, .SS) is one; .PP, .P,
 * .LP, .sp, .RS, .RE and a blank line end one; the tag of .TP (its next
 * line) and of .IP is one of its own. .br is a line break, .nf/.fi (and
 * .EX/.EE) keep and stop keeping the lines as they are. Fonts become inline
 * codes: \fB, \fI, \f(BI... up to the next \fR or \fP (or a font change),
 * .B and .I around their line, .BR, .IR, .BI... around each argument set in
 * bold or italic, .UR/.UE and .MT/.ME around a link. Escapes for characters
 * are decoded (\-, \(em, \[rq], \*(lq...); the rest (sizes, motions,
 * registers) are dropped, as are comments, .TH, macro definitions (.de,
 * .ig to ..) and requests the reader does not know. man(7) only: an mdoc
 * page (.Dd, .Nm...) gives its plain text lines and nothing of its macros.
 *
 * Offsets: every piece of text and every code is given at the offset of
 * the escape or text it comes from.
 */
#include "docformat-private.h"

#include <string.h>

#include "bitext/error.h"

typedef struct
{
  BitextDocBuilder *b;
  const char *src;
  gsize len;
  char font;                /* 'R', 'B' or 'I' (BI counts as B) */
  guint font_id;            /* the open code of the font, 0 if none */
  gboolean nofill;
  const BitextDocInput *input;
} Man;

/* groff_char(7): the special characters man pages use most; others are dropped. */
static const struct { const char *name; const char *text; } specials[] = {
  { "em", "\u2014" }, { "en", "\u2013" }, { "hy", "-" }, { "bu", "\u2022" }, { "lq", "\u201C" },
  { "rq", "\u201D" }, { "oq", "\u2018" }, { "cq", "\u2019" }, { "aq", "'" }, { "dq", "\"" },
  { "co", "\u00A9" }, { "rg", "\u00AE" }, { "tm", "\u2122" }, { "mu", "\u00D7" },
  { "de", "\u00B0" }, { "<=", "\u2264" }, { ">=", "\u2265" }, { "!=", "\u2260" },
  { "->", "\u2192" }, { "<-", "\u2190" }, { "ti", "~" }, { "ha", "^" }, { "ga", "`" },
  { "rs", "\\" }, { "sl", "/" }, { "ba", "|" }, { "or", "|" }, { "pl", "+" }, { "mi", "\u2212" },
  { "eq", "=" }, { "Fo", "\u00AB" }, { "Fc", "\u00BB" }, { "fo", "\u2039" }, { "fc", "\u203A" },
  { "R", "\u00AE" }, { "Tm", "\u2122" }, { "ss", "\u00DF" }, { "dg", "\u2020" }, { "pc", "\u00B7" },
};

static const char *
special (const char *name, gsize n)
{
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    if (strlen (specials[i].name) == n && strncmp (specials[i].name, name, n) == 0)
      return specials[i].text;
  return NULL;
}

/* The name after an escape at p (e.g. "(em", "[em]", "x"): its bytes and the end. */
static gsize
escape_name (const char *p, const char *end, const char **name, gsize *n)
{
  if (p >= end)
    {
      *name = p, *n = 0;
      return 0;
    }
  if (*p == '(' && end - p >= 3)
    {
      *name = p + 1, *n = 2;
      return 3;
    }
  if (*p == '[')
    {
      const char *close = memchr (p, ']', end - p);
      if (close != NULL)
        {
          *name = p + 1, *n = (gsize) (close - p - 1);
          return (gsize) (close - p + 1);
        }
    }
  *name = p, *n = 1;
  return 1;
}

static const char *
font_type (char font)
{
  return font == 'B' ? "bold" : font == 'I' ? "italic" : NULL;
}

/* Switch to @font at @source: close the open font code, open one for B or I. */
static void
set_font (Man *m, char font, const char *native, gsize source)
{
  if (font == m->font)
    return;
  if (m->font_id != 0)
    bitext_doc__builder_close_code (m->b, m->font_id, native, source);
  m->font_id = 0;
  m->font = font;
  if (font != 'R')
    m->font_id = bitext_doc__builder_open_code (m->b, native, font_type (font), source);
}

/* The font a \f name selects: R, B, I; 0 for "previous" (P) and fonts we read as roman. */
static char
font_of (const char *name, gsize n)
{
  if (n == 0)
    return 'R';
  if (name[0] == 'B' || (n == 1 && name[0] == '3'))
    return 'B';
  if (name[0] == 'I' || (n == 1 && name[0] == '2'))
    return 'I';
  if (n >= 2 && name[n - 1] == 'B')
    return 'B';
  if (n >= 2 && name[n - 1] == 'I')
    return 'I';
  return 'R';
}

/* An escape that takes a delimited argument (\h'1i', \w'x'...): its length from p (after '\'). */
static gsize
skip_delimited (const char *p, const char *end)
{
  if (p + 1 >= end)
    return (gsize) (end - p);
  char delim = p[1];
  const char *close = memchr (p + 2, delim, end - p - 2);
  return close != NULL ? (gsize) (close + 1 - p) : (gsize) (end - p);
}

/*
** Give text line src[from, to) to the builder: escapes decoded, font
** changes as codes, a comment (\") and what follows dropped. Returns
** FALSE if the line ends with \c (joined to the next: no space after it).
*/
static gboolean
add_text (Man *m, gsize from, gsize to)
{
  const char *s = m->src, *p = s + from, *end = s + to;
  while (p < end)
    {
      const char *run = p;
      while (p < end && *p != '\\')
        p++;
      bitext_doc__builder_text (m->b, run, p - run, (gsize) (run - s));
      if (p >= end)
        break;
      gsize at = (gsize) (p - s);
      const char *e = p + 1;
      if (e >= end)
        break;
      const char *name;
      gsize n, len;
      char c = *e;
      switch (c)
        {
        case '"':
          return TRUE;
        case 'c':
          return FALSE;
        case 'f':
          len = escape_name (e + 1, end, &name, &n);
          {
            g_autofree char *native = g_strndup (p, 2 + len);
            set_font (m, font_of (name, n), native, at);
          }
          p = e + 1 + len;
          continue;
        case '(':
        case '[':
          len = escape_name (e, end, &name, &n);
          {
            const char *t = special (name, n);
            if (t != NULL)
              bitext_doc__builder_text (m->b, t, strlen (t), at);
          }
          p = e + len;
          continue;
        case '*':
          len = escape_name (e + 1, end, &name, &n);
          {
            const char *t = special (name, n);
            if (t != NULL)
              bitext_doc__builder_text (m->b, t, strlen (t), at);
          }
          p = e + 1 + len;
          continue;
        case 's':
          p = e + 1;
          if (p < end && (*p == '+' || *p == '-'))
            p++;
          if (p < end && (*p == '(' || *p == '['))
            p += escape_name (p, end, &name, &n);
          else
            while (p < end && g_ascii_isdigit (*p))
              p++;
          continue;
        case 'n':
        case 'm':
        case 'g':
        case 'k':
        case 'V':
        case 'Y':
          p = e + 1 + escape_name (e + 1, end, &name, &n);
          continue;
        case 'h':
        case 'v':
        case 'w':
        case 'o':
        case 'X':
        case 'l':
        case 'L':
        case 'b':
        case 'x':
        case 'D':
        case 'Z':
        case 'A':
        case 'B':
        case 'C':
        case 'N':
        case 'R':
          p = e + skip_delimited (e, end);
          continue;
        case '-':
          bitext_doc__builder_text (m->b, "-", 1, at);
          break;
        case 'e':
        case '\\':
          bitext_doc__builder_text (m->b, "\\", 1, at);
          break;
        case ' ':
        case '~':
        case '0':
          bitext_doc__builder_text (m->b, "\u00A0", strlen ("\u00A0"), at);
          break;
        case '.':
        case '\'':
        case '`':
          bitext_doc__builder_text (m->b, e, 1, at);
          break;
        default:
          /* \& \| \^ \/ \, \% \: \z ... : nothing to read */
          break;
        }
      p = e + 1;
    }
  return TRUE;
}

/* The arguments of a request line src[from, to): words, "quoted words" kept whole. */
static GArray *
split_args (const Man *m, gsize from, gsize to)
{
  GArray *args = g_array_new (FALSE, FALSE, 2 * sizeof (gsize));
  gsize i = from;
  while (i < to)
    {
      while (i < to && (m->src[i] == ' ' || m->src[i] == '\t'))
        i++;
      if (i >= to)
        break;
      gsize a = i, b;
      if (m->src[i] == '"')
        {
          a = ++i;
          while (i < to && m->src[i] != '"')
            i++;
          b = i++;
        }
      else
        {
          while (i < to && m->src[i] != ' ' && m->src[i] != '\t')
            i++;
          b = i;
        }
      if (m->src[a] == '\\' && a + 1 < b && m->src[a + 1] == '"')
        break;  /* a comment */
      gsize span[2] = { a, b };
      g_array_append_vals (args, span, 1);
    }
  return args;
}

/* .B text, .BR a b c ...: the arguments in turn in fonts @fonts[0] and @fonts[1], unspaced. */
static void
font_request (Man *m, const char *req, const char *fonts, gsize from, gsize to)
{
  g_autoptr(GArray) args = split_args (m, from, to);
  for (guint k = 0; k < args->len; k++)
    {
      const gsize *span = &g_array_index (args, gsize, 2 * k);
      char font = fonts[fonts[1] == '\0' ? 0 : k % 2];
      set_font (m, font, req, span[0]);
      add_text (m, span[0], span[1]);
      set_font (m, 'R', "", span[1]);
      if (fonts[1] == '\0' && k + 1 < args->len)
        bitext_doc__builder_text (m->b, " ", 1, span[1]);
    }
  bitext_doc__builder_text (m->b, "\n", 1, to);
}

/* A paragraph of its own: a heading, or the tag of .TP or .IP. */
static void
own_paragraph (Man *m, gsize from, gsize to)
{
  bitext_doc__builder_end_paragraph (m->b);
  g_autoptr(GArray) args = split_args (m, from, to);
  for (guint k = 0; k < args->len; k++)
    {
      const gsize *span = &g_array_index (args, gsize, 2 * k);
      if (k > 0)
        bitext_doc__builder_text (m->b, " ", 1, span[0]);
      add_text (m, span[0], span[1]);
    }
  set_font (m, 'R', "", to);
  bitext_doc__builder_end_paragraph (m->b);
}

static gboolean
is_request (const char *req, gsize n, const char *name)
{
  return strlen (name) == n && strncmp (req, name, n) == 0;
}

/* The index of the line after the ".." that ends a .de or .ig block starting at @i. */
static gsize
skip_block (const Man *m, gsize i)
{
  while (i < m->len)
    {
      const char *nl = memchr (m->src + i, '\n', m->len - i);
      gsize next = nl != NULL ? (gsize) (nl - m->src) + 1 : m->len;
      if (next - i >= 2 && m->src[i] == '.' && m->src[i + 1] == '.')
        return next;
      i = next;
    }
  return m->len;
}

/*
** One request line src[at, eol): the paragraph structure it makes. Returns
** the offset to go on from (after a .de block), and sets *tag when the next
** text line is a .TP tag.
*/
static gsize
request (Man *m, gsize at, gsize eol, gsize next, gboolean *tag, GError **error)
{
  gsize i = at + 1;
  while (i < eol && (m->src[i] == ' ' || m->src[i] == '\t'))
    i++;
  const char *req = m->src + i;
  gsize n = 0;
  while (i + n < eol && m->src[i + n] != ' ' && m->src[i + n] != '\t')
    n++;
  gsize args = i + n;
  static const struct { const char *name; const char *fonts; } font_requests[] = {
    { "B", "B" }, { "I", "I" }, { "SB", "B" }, { "SM", "R" }, { "BR", "BR" }, { "RB", "RB" },
    { "IR", "IR" }, { "RI", "RI" }, { "BI", "BI" }, { "IB", "IB" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (font_requests); k++)
    if (is_request (req, n, font_requests[k].name))
      {
        g_autofree char *native = g_strndup (m->src + at, args - at);
        font_request (m, native, font_requests[k].fonts, args, eol);
        return next;
      }
  if (is_request (req, n, "SH") || is_request (req, n, "SS"))
    {
      g_autoptr(GArray) a = split_args (m, args, eol);
      if (a->len > 0)
        own_paragraph (m, args, eol);
      else
        {
          bitext_doc__builder_end_paragraph (m->b);
          *tag = TRUE;  /* the heading is on the next line */
        }
    }
  else if (is_request (req, n, "TP") || is_request (req, n, "TQ"))
    {
      bitext_doc__builder_end_paragraph (m->b);
      *tag = TRUE;
    }
  else if (is_request (req, n, "IP"))
    {
      g_autoptr(GArray) a = split_args (m, args, eol);
      if (a->len > 0)
        {
          const gsize *span = &g_array_index (a, gsize, 0);
          own_paragraph (m, span[0], span[1]);
        }
      else
        bitext_doc__builder_end_paragraph (m->b);
    }
  else if (is_request (req, n, "PP") || is_request (req, n, "P") || is_request (req, n, "LP")
           || is_request (req, n, "sp") || is_request (req, n, "RS") || is_request (req, n, "RE")
           || is_request (req, n, "HP") || is_request (req, n, "TH"))
    bitext_doc__builder_end_paragraph (m->b);
  else if (is_request (req, n, "br"))
    bitext_doc__builder_line_break (m->b, at);
  else if (is_request (req, n, "nf") || is_request (req, n, "EX"))
    {
      bitext_doc__builder_end_paragraph (m->b);
      m->nofill = TRUE;
      bitext_doc__builder_set_preserve (m->b, TRUE);
    }
  else if (is_request (req, n, "fi") || is_request (req, n, "EE"))
    {
      bitext_doc__builder_end_paragraph (m->b);
      m->nofill = FALSE;
      bitext_doc__builder_set_preserve (m->b, FALSE);
    }
  else if (is_request (req, n, "UR") || is_request (req, n, "MT"))
    {
      g_autofree char *native = g_strndup (m->src + at, eol - at);
      set_font (m, 'R', "", at);
      m->font_id = bitext_doc__builder_open_code (m->b, native, "link", at);
      m->font = 'L';
    }
  else if (is_request (req, n, "UE") || is_request (req, n, "ME"))
    {
      g_autofree char *native = g_strndup (m->src + at, eol - at);
      if (m->font == 'L')
        {
          bitext_doc__builder_close_code (m->b, m->font_id, native, at);
          m->font_id = 0;
          m->font = 'R';
        }
      add_text (m, args, eol);  /* trailing punctuation */
    }
  else if (is_request (req, n, "de") || is_request (req, n, "ig") || is_request (req, n, "am"))
    return skip_block (m, next);
  else if (is_request (req, n, "so"))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: this man page only points to "
                   "another (.so %.*s): give that file", m->input->name, (int) (eol - args),
                   m->src + args);
      return G_MAXSIZE;
    }
  return next;
}

gboolean
bitext_doc__convert_man (BitextDocBuilder *builder, const char *data, gsize length,
                         const BitextDocInput *input, GError **error)
{
  Man m = { builder, data, length, 'R', 0, FALSE, input };
  gboolean tag = FALSE;
  gsize i = 0;
  while (i < length)
    {
      const char *nl = memchr (data + i, '\n', length - i);
      gsize eol = nl != NULL ? (gsize) (nl - data) : length;
      gsize next = nl != NULL ? eol + 1 : length;
      if (eol > i && data[eol - 1] == '\r')
        eol--;
      if (data[i] == '.' || data[i] == '\'')
        {
          i = request (&m, i, eol, next, &tag, error);
          if (i == G_MAXSIZE)
            return FALSE;
          continue;
        }
      gsize blank = i;
      while (blank < eol && (data[blank] == ' ' || data[blank] == '\t'))
        blank++;
      if (blank == eol && !m.nofill)
        bitext_doc__builder_end_paragraph (builder);
      else if (tag)
        {
          bitext_doc__builder_end_paragraph (builder);
          add_text (&m, i, eol);
          set_font (&m, 'R', "", eol);
          bitext_doc__builder_end_paragraph (builder);
          tag = FALSE;
        }
      else if (add_text (&m, i, eol))
        bitext_doc__builder_text (builder, "\n", 1, eol);
      i = next;
    }
  set_font (&m, 'R', "", length);
  bitext_doc__builder_end_paragraph (builder);
  return TRUE;
}

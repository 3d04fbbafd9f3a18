/* bitext — the placeholder check and the code tokens of a text (what no other check reads as words). */
#include <string.h>

#include "qa-private.h"

/*
** The placeholders of software strings. A printf conversion follows C99
** 7.19.6.1 and glibc's printf(3): %[n$][flags][width][.precision][length]
** conversion, with gettext's %<PRIu64> (the <inttypes.h> macros that
** xgettext keeps by name). Python's are %(name)s and str.format's {0},
** {name}, {name!r:>10}; ICU MessageFormat's {0} and {0,number} share that
** form and Qt's are %1 .. %99. Shell and template variables are $VAR and
** ${var}; escapes are a backslash and a letter written in the text (\n,
** \t). A keyboard accelerator is _ or & before a letter (GTK, Qt).
*/

/* The printf flag characters: C99's "-+ #0", the SUS thousands' grouping "'" and glibc's "I". */
#define PRINTF_FLAGS "-+ #0'I"
/* The conversion letters of C99 and glibc (%m: strerror (errno)), and the wide %C and %S. */
#define PRINTF_CONVERSIONS "diouxXeEfFgGaAcspnmCS"
/* The conversions that print an integer: the number a plural form may leave implied. */
#define PRINTF_INTEGERS "diouxXc"

static void
placeholder_clear (gpointer p)
{
  g_free (((QaPlaceholder *) p)->key);
}

/* The length of the printf length modifier at @p: hh h ll l L q j z Z t. */
static gsize
length_modifier (const char *p)
{
  if ((p[0] == 'h' && p[1] == 'h') || (p[0] == 'l' && p[1] == 'l'))
    return 2;
  return *p != '\0' && strchr ("hlLqjzZt", *p) != NULL;
}

/*
** A printf conversion at @p (a '%'): its length, or 0. *arg is its
** explicit argument number (n$), else 0; @key gets the conversion without
** it, %i read as %d (the two are the same conversion in printf).
*/
static gsize
printf_length (const char *text, const char *p, guint *arg, gboolean *integer, GString *key)
{
  const char *q = p + 1;
  *arg = 0;
  *integer = FALSE;
  if (*q == '<')
    {
      /* %<PRIu64>: gettext's name for a conversion whose letters depend on the platform. */
      const char *e = q + 1;
      while (g_ascii_isalnum (*e))
        e++;
      if (*e != '>' || e - q < 4 || strncmp (q + 1, "PRI", 3) != 0)
        return 0;
      g_string_append_len (key, p, e + 1 - p);
      *integer = TRUE;
      return (gsize) (e + 1 - p);
    }
  const char *d = q;
  while (g_ascii_isdigit (*d))
    d++;
  if (d > q && *d == '$')
    {
      *arg = (guint) g_ascii_strtoull (q, NULL, 10);
      q = d + 1;
    }
  g_string_append_c (key, '%');
  gsize flags = strspn (q, PRINTF_FLAGS);
  /* "100% of", "50 %": a per cent sign after a number. The digits of a name or an identifier
  ** (C6000 %s, radix64 %02X, PCRE2 %d, base-64 %s) are no number: a conversion follows them. */
  const char *n = p > text && p[-1] == ' ' ? p - 1 : p;
  const char *digits = n;
  while (digits > text && g_ascii_isdigit (digits[-1]))
    digits--;
  gboolean after_number = digits < n
                          && (digits == text || !(g_ascii_isalnum (digits[-1]) || digits[-1] == '-'
                                                  || digits[-1] == '_'));
  if (after_number && *arg == 0)
    return 0;
  g_string_append_len (key, q, (gssize) flags);
  q += flags;
  if (*q == '*')
    g_string_append_c (key, *q++);
  while (g_ascii_isdigit (*q))
    g_string_append_c (key, *q++);
  if (*q == '.')
    {
      g_string_append_c (key, *q++);
      if (*q == '*')
        g_string_append_c (key, *q++);
      while (g_ascii_isdigit (*q))
        g_string_append_c (key, *q++);
    }
  gsize lm = length_modifier (q);
  g_string_append_len (key, q, (gssize) lm);
  q += lm;
  if (*q == '\0' || strchr (PRINTF_CONVERSIONS, *q) == NULL)
    return 0;
  /* "% of", "50 % so": a space flag is only a flag when no letter follows the conversion. */
  if (memchr (p, ' ', (gsize) (q - p)) != NULL && g_ascii_isalpha (q[1]))
    return 0;
  g_string_append_c (key, *q == 'i' ? 'd' : *q);
  *integer = strchr (PRINTF_INTEGERS, *q) != NULL;
  return (gsize) (q + 1 - p);
}

/* Python's %(name)s at @p: its length, or 0. */
static gsize
python_length (const char *p)
{
  if (p[1] != '(')
    return 0;
  const char *q = strchr (p + 2, ')');
  if (q == NULL || q == p + 2 || memchr (p + 2, ' ', (gsize) (q - p - 2)) != NULL)
    return 0;
  q++;
  gsize flags = strspn (q, "-+ #0");
  gboolean space = memchr (q, ' ', flags) != NULL;
  q += flags;
  while (g_ascii_isdigit (*q) || *q == '.')
    q++;
  q += length_modifier (q);
  if (*q == '\0' || strchr ("diouxXeEfFgGcrsa", *q) == NULL)
    return 0;
  /* As for printf: a space flag is no flag when a letter follows ("%(A=B?T:E)  if A"). */
  if (space && g_ascii_isalpha (q[1]))
    return 0;
  return (gsize) (q + 1 - p);
}

/* Qt's %1 .. %99 (and %L1) at @p: its length, or 0. Followed by a letter it is not one. */
static gsize
qt_length (const char *p)
{
  const char *q = p + 1 + (p[1] == 'L');
  gsize n = strspn (q, "0123456789");
  if (n == 0 || n > 2 || *q == '0')
    return 0;
  q += n;
  if (g_ascii_isalnum (*q) || *q == '$' || *q == '.' || (guchar) *q >= 0x80)
    return 0;
  return (gsize) (q - p);
}

/* Whether @p, after spaces, starts with an ICU MessageFormat argument type and its end. */
static gboolean
message_format_type (const char *p)
{
  static const char *const types[] = { "number", "date", "time", "spellout", "ordinal",
                                       "duration", "choice", "plural", "select",
                                       "selectordinal", NULL };
  while (*p == ' ')
    p++;
  for (guint k = 0; types[k] != NULL; k++)
    {
      gsize n = strlen (types[k]);
      if (strncmp (p, types[k], n) == 0 && !g_ascii_isalnum (p[n]))
        return TRUE;
    }
  return FALSE;
}

/*
** A brace placeholder at @p: {}, {0}, {name}, {name.attr[0]!r:>10} (Python's
** str.format), {0,number,integer} (ICU MessageFormat). Its length, or 0.
** Nested braces (an ICU plural's cases) are text to translate, not one.
*/
static gsize
brace_length (const char *p)
{
  const char *q = p + 1;
  if (*q == '{')
    return 0;                           /* {{ is a literal brace */
  /* Names in any script, so that {count} → {число} is one finding: a name changed. */
  while (g_ascii_isalnum (*q) || (guchar) *q >= 0x80 || *q == '_' || *q == '.' || *q == '['
         || *q == ']')
    q++;
  /* A name holds a letter or a digit: {...} and {…} are notation (an elided part), not one. */
  gboolean named = q == p + 1;
  for (const char *r = p + 1; r < q && !named; r = g_utf8_next_char (r))
    named = g_unichar_isalnum (g_utf8_get_char (r));
  if (!named)
    return 0;
  /* After a comma comes ICU's argument type; a list of words ({pre,post}{inst,rm}) is
  ** the shell's brace expansion, notation for several names, which a text may write
  ** otherwise. */
  if (*q == ',' && q > p + 1 && !message_format_type (q + 1))
    return 0;
  if (*q == '!' || *q == ':' || (*q == ',' && q > p + 1))
    while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
      q++;
  if (*q != '}')
    return 0;
  /* Braces glued to the letters of a word around them ({dis}able, -{no-}sifilter) give a
  ** word's optional part, as usage texts write it: notation, which a translation renders
  ** («{выкл}включить»); a placeholder is replaced by a value, not joined to a word. */
  gunichar after = g_utf8_get_char_validated (q + 1, -1);
  if (after != (gunichar) -1 && after != (gunichar) -2 && g_unichar_isalpha (after))
    return 0;
  return (gsize) (q + 1 - p);
}

/* $VAR or ${var} at @p: its length, or 0. "$5" is money, not a variable. */
static gsize
shell_length (const char *p)
{
  const char *q = p + 1;
  if (*q == '{')
    {
      const char *e = q + 1;
      while (g_ascii_isalnum (*e) || *e == '_' || (guchar) *e >= 0x80)
        e++;
      return *e == '}' && e > q + 1 ? (gsize) (e + 1 - p) : 0;
    }
  if (!g_ascii_isalpha (*q) && *q != '_')
    return 0;
  while (g_ascii_isalnum (*q) || *q == '_')
    q++;
  return (gsize) (q - p);
}

/* An accelerator mark at @text[pos]: _ or & before a letter, not inside a word (foo_bar, R&D). */
static gboolean
is_accelerator (const char *text, gsize pos)
{
  const char *p = text + pos;
  if (pos > 0 && (g_ascii_isalnum (p[-1]) || p[-1] == '_' || p[-1] == '&'
                  || (guchar) p[-1] >= 0x80))
    return FALSE;
  gunichar next = g_utf8_get_char (p + 1);
  if (!g_unichar_isalpha (next))
    return FALSE;
  /* An accelerator marks one letter of a label's word. After a dot (ИСПОЛ._ФАЙЛ, a
  ** metavariable) or before a second '_' of the same token (_POSIX2_LOCALEDEF, a constant)
  ** it is part of a name. */
  if (*p == '_')
    {
      if (pos > 0 && p[-1] == '.')
        return FALSE;
      const char *q = p + 1;
      while (g_ascii_isalnum (*q) || (guchar) *q >= 0x80)
        q++;
      if (*q == '_')
        return FALSE;
    }
  if (*p == '&')
    {
      /* An entity: &amp; &lt; &name; */
      const char *q = p + 1;
      while (g_ascii_isalnum (*q))
        q++;
      if (*q == ';')
        return FALSE;
    }
  return TRUE;
}

static void
add (GArray *out, QaPlaceholderKind kind, gsize start, gsize end, guint arg, gboolean integer,
     char *key)
{
  QaPlaceholder ph = { kind, start, end, arg, integer, key };
  g_array_append_val (out, ph);
}

/*
** The placeholders of text[begin, end), in text order. Printf conversions
** without an argument number get their ordinal (1, 2, ...) as arg, so that
** "%s %d" and "%2$d %1$s" give the same (arg, key) pairs. Accelerators are
** collected only when @accelerators is set (the software profile).
*/
GArray *
bitext_qa__scan_placeholders (const char *text, gsize begin, gsize end, gboolean accelerators)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (QaPlaceholder));
  g_array_set_clear_func (out, placeholder_clear);
  g_autoptr(GString) key = g_string_new (NULL);
  guint ordinal = 0;
  for (gsize p = begin; p < end;)
    {
      const char *s = text + p;
      gsize n = 0;
      guint arg = 0;
      gboolean integer = FALSE;
      QaPlaceholderKind kind = QA_PLACEHOLDER_PRINTF;
      g_string_truncate (key, 0);
      switch (*s)
        {
        case '%':
          if (s[1] == '%')
            {
              p += 2;
              continue;
            }
          if ((n = python_length (s)) > 0)
            kind = QA_PLACEHOLDER_PYTHON;
          else if ((n = printf_length (text, s, &arg, &integer, key)) > 0)
            kind = QA_PLACEHOLDER_PRINTF;
          else if ((n = qt_length (s)) > 0)
            kind = QA_PLACEHOLDER_QT;
          break;
        case '{':
          kind = QA_PLACEHOLDER_BRACE;
          n = brace_length (s);
          if (n == 0 && s[1] == '{')
            {
              p += 2;
              continue;
            }
          break;
        case '$':
          kind = QA_PLACEHOLDER_SHELL;
          n = shell_length (s);
          break;
        case '\\':
          kind = QA_PLACEHOLDER_ESCAPE;
          n = s[1] != '\0' && strchr ("ntrabfv\\\"'0e", s[1]) != NULL ? 2 : 0;
          /* A backslash quoted alone ('\', `\', "\") is the character mentioned, not an
          ** escape of the closing quote. */
          if ((s[1] == '\'' || s[1] == '"') && p > 0 && strchr ("'`\"", s[-1]) != NULL)
            n = 0;
          break;
        case '_':
        case '&':
          kind = QA_PLACEHOLDER_ACCELERATOR;
          n = accelerators && is_accelerator (text, p) ? 1 : 0;
          break;
        default:
          break;
        }
      if (n == 0 || p + n > end)
        {
          p++;
          continue;
        }
      if (kind == QA_PLACEHOLDER_PRINTF)
        arg = arg > 0 ? arg : ++ordinal;
      char *k = kind == QA_PLACEHOLDER_PRINTF ? g_strdup_printf ("%u:%s", arg, key->str)
                                              : g_strndup (s, n);
      add (out, kind, p, p + n, arg, integer, k);
      p += n;
    }
  return out;
}

/* Code tokens ---------------------------------------------------------------------------------- */

/* Characters that enclose a token without being part of it: quotes, brackets, final punctuation. */
static gboolean
is_wrapper (const char *p, gboolean at_end)
{
  gunichar c = g_utf8_get_char (p);
  if (c < 0x80)
    return strchr (at_end ? "\"'()[]<>,;:!?." : "\"'([<", (int) c) != NULL;
  return c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D || c == 0x2018
         || c == 0x2019 || c == 0x201E;
}

/* Whether @text[a, b) has a dot between a letter or digit and another, a letter among them, and
** parts not all of one letter: config.h, Node.js, libc.so.6 but not e.g., U.S. nor 1,000.5. */
static gboolean
has_inner_dot (const char *text, gsize a, gsize b)
{
  gboolean dot = FALSE, long_part = FALSE, letter = FALSE;
  gsize part = 0;
  for (gsize k = a; k < b; k++)
    {
      if (text[k] == '.' && k > a && k + 1 < b && g_ascii_isalnum (text[k - 1])
          && g_ascii_isalnum (text[k + 1]))
        dot = TRUE;
      letter |= g_ascii_isalpha (text[k]);
      if (g_ascii_isalnum (text[k]) || (guchar) text[k] >= 0x80)
        part++;
      else
        {
          long_part |= part > 1;
          part = 0;
        }
    }
  return dot && letter && (long_part || part > 1);
}

/* Whether @text[a, b) holds a word of ASCII letters then digits (utf8, x86, ipv6, sha256): an
** identifier. A word that starts with digits is a number with a suffix (21st, 10km, 3D). */
static gboolean
mixes_letters_and_digits (const char *text, gsize a, gsize b)
{
  gboolean letter_first = FALSE, digit = FALSE;
  for (gsize k = a; k <= b; k++)
    {
      gboolean alnum = k < b && g_ascii_isalnum (text[k]);
      if (alnum && (k == a || !g_ascii_isalnum (text[k - 1])))
        letter_first = g_ascii_isalpha (text[k]), digit = FALSE;
      else if (alnum)
        digit |= g_ascii_isdigit (text[k]);
      else if (letter_first && digit)
        return TRUE;
    }
  return FALSE;
}

/*
** Whether the token text[a, b) (a run without spaces, its quotes and final
** punctuation trimmed) is code: an option (-R, --lines=N), an identifier
** (dh_make, std::string, config.h, utf8), a URL, an e-mail address or a
** path, or a token with a character of code (= $ % \ { } | #).
*/
static gboolean
is_code_token (const char *text, gsize a, gsize b)
{
  if (b <= a)
    return FALSE;
  if (text[a] == '-' && a + 1 < b && (g_ascii_isalnum (text[a + 1]) || text[a + 1] == '-'))
    return TRUE;
  for (gsize k = a; k < b; k++)
    {
      if (strchr ("_=%$\\{}|#@/", text[k]) != NULL)
        return TRUE;
      if (text[k] == ':' && k + 1 < b && text[k + 1] == ':')
        return TRUE;
    }
  return has_inner_dot (text, a, b) || mixes_letters_and_digits (text, a, b)
         || (b - a >= 4 && g_ascii_strncasecmp (text + a, "www.", 4) == 0);
}

/* Whether @pos is between two backquotes of @text: `apt-get install`. */
static gboolean
in_backquotes (const char *text, gsize pos)
{
  guint n = 0;
  for (const char *q = text; (q = memchr (q, '`', (gsize) (text + pos - q))) != NULL; q++)
    n++;
  return n % 2 == 1 && strchr (text + pos, '`') != NULL;
}

/* Elements whose content is code in DocBook and HTML. */
static const char *const code_elements[] = {
  "code", "tt", "kbd", "samp", "pre", "var", "command", "filename", "literal", "option",
  "userinput", "computeroutput", "envar", "function", "parameter", "varname", "systemitem",
  "programlisting", "screen", "literallayout", NULL
};

/* Whether @pos is inside a tag, or inside one of code_elements: <code>dh_make</code>. */
static gboolean
in_code_element (const char *text, gsize pos)
{
  if (bitext_qa__in_tag (text, pos))
    return TRUE;
  /* The last tag before @pos: an opening code element means code. */
  for (gsize i = pos; i-- > 0;)
    {
      if (text[i] != '<')
        continue;
      if (text[i + 1] == '/')
        return FALSE;
      for (const char *const *e = code_elements; *e != NULL; e++)
        {
          gsize n = strlen (*e);
          if (g_ascii_strncasecmp (text + i + 1, *e, n) == 0
              && (text[i + 1 + n] == '>' || text[i + 1 + n] == ' '))
            return TRUE;
        }
      return FALSE;
    }
  return FALSE;
}

/**
 * bitext_qa__in_code:
 * @text: a text
 * @start: a word's first byte
 * @end: the byte after it
 *
 * Whether the word text[start, end) is part of code rather than of the
 * language: a placeholder, or a token that is an option, an identifier, a
 * path, a URL or an e-mail address (is_code_token ()), or text between
 * backquotes, inside a tag or inside a code element (<code>, <filename>).
 * Such words are never untranslated terms, misspellings nor numbers.
 */
gboolean
bitext_qa__in_code (const char *text, gsize start, gsize end)
{
  gsize a, b;
  bitext_qa__space_run (text, start, end, &a, &b);
  gboolean marks = FALSE;
  for (gsize k = a; k < b && !marks; k++)
    marks = strchr ("%{$\\", text[k]) != NULL;
  if (marks)
    {
      g_autoptr(GArray) ph = bitext_qa__scan_placeholders (text, a, b, FALSE);
      for (guint k = 0; k < ph->len; k++)
        {
          const QaPlaceholder *p = &g_array_index (ph, QaPlaceholder, k);
          if (p->start <= start && end <= p->end)
            return TRUE;
        }
    }
  while (a < start && is_wrapper (text + a, FALSE))
    a = (gsize) (g_utf8_next_char (text + a) - text);
  while (b > end && is_wrapper (g_utf8_prev_char (text + b), TRUE))
    b = (gsize) (g_utf8_prev_char (text + b) - text);
  return is_code_token (text, a, b) || in_backquotes (text, start)
         || (memchr (text, '<', start) != NULL && in_code_element (text, start));
}

/* The profile -------------------------------------------------------------------------------- */

/* Whether the text ends a sentence: its last character that is not space nor a closing quote
** or bracket is . ! ? … or : */
static gboolean
ends_sentence (const char *text)
{
  const char *end = text + strlen (text);
  while (end > text)
    {
      const char *p = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && !is_wrapper (p, FALSE) && c != ')' && c != ']'
          && c != 0x00BB)
        return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':';
      end = p;
    }
  return FALSE;
}

/*
** Whether units are software strings rather than a document: a document is
** made of sentences, so most of its sources end as a sentence does; most
** strings of a program are labels, names and fragments that do not (Save
** As, Cannot open %s). A majority decides.
*/
gboolean
bitext_qa__is_software (const BitextQaUnit *units, guint n_units)
{
  guint n = 0, sentences = 0;
  for (guint i = 0; i < n_units; i++)
    {
      const char *s = units[i].source;
      if (s == NULL || *s == '\0')
        continue;
      n++;
      sentences += ends_sentence (s);
    }
  return n > 0 && sentences * 2 < n;
}

/* The check ---------------------------------------------------------------------------------- */

static const char *const kind_names[] = {
  "printf conversion", "Python placeholder", "placeholder", "Qt placeholder", "variable",
  "escape sequence", "keyboard accelerator",
};

/* Whether @list has an unmatched integer conversion. */
static gboolean
has_integer (const GArray *list)
{
  for (guint k = 0; k < list->len; k++)
    if (g_array_index (list, QaPlaceholder, k).integer)
      return TRUE;
  return FALSE;
}

/* Mark the placeholders of @a and @b with the same key, as a multiset: a_hit, b_hit. */
static void
match (const GArray *a, const GArray *b, gboolean *a_hit, gboolean *b_hit)
{
  for (guint x = 0; x < a->len; x++)
    for (guint y = 0; y < b->len && !a_hit[x]; y++)
      {
        const QaPlaceholder *p = &g_array_index (a, QaPlaceholder, x);
        const QaPlaceholder *q = &g_array_index (b, QaPlaceholder, y);
        if (!b_hit[y] && p->kind == q->kind && strcmp (p->key, q->key) == 0)
          a_hit[x] = b_hit[y] = TRUE;
      }
}

/* A printf key without its argument number: "%s" of "2:%s". */
static const char *
conversion (const QaPlaceholder *p)
{
  return strchr (p->key, ':') + 1;
}

/*
** The printf conversions left unmatched, matched again by conversion alone
** in text order (a longest common subsequence): when one is lost or a
** plural form adds one, the ordinals of those after it shift ("%s: %m" →
** "%m"), but their order stays. Swapped conversions ("%s %d" → "%d %s")
** keep one of the two unmatched.
*/
static void
match_in_order (const GArray *a, const GArray *b, gboolean *a_hit, gboolean *b_hit)
{
  g_autoptr(GArray) x = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < a->len; k++)
    if (!a_hit[k] && g_array_index (a, QaPlaceholder, k).kind == QA_PLACEHOLDER_PRINTF)
      g_array_append_val (x, k);
  for (guint k = 0; k < b->len; k++)
    if (!b_hit[k] && g_array_index (b, QaPlaceholder, k).kind == QA_PLACEHOLDER_PRINTF)
      g_array_append_val (y, k);
  guint n = x->len, m = y->len;
  if (n == 0 || m == 0)
    return;
  g_autofree guint *len = g_new0 (guint, (n + 1) * (m + 1));
#define LEN(i, j) len[(i) * (m + 1) + (j)]
  for (guint i = n; i-- > 0;)
    for (guint j = m; j-- > 0;)
      {
        const QaPlaceholder *p = &g_array_index (a, QaPlaceholder, g_array_index (x, guint, i));
        const QaPlaceholder *q = &g_array_index (b, QaPlaceholder, g_array_index (y, guint, j));
        LEN (i, j) = strcmp (conversion (p), conversion (q)) == 0
                       ? LEN (i + 1, j + 1) + 1 : MAX (LEN (i + 1, j), LEN (i, j + 1));
      }
  for (guint i = 0, j = 0; i < n && j < m;)
    {
      guint pa = g_array_index (x, guint, i), qb = g_array_index (y, guint, j);
      if (strcmp (conversion (&g_array_index (a, QaPlaceholder, pa)),
                  conversion (&g_array_index (b, QaPlaceholder, qb))) == 0)
        {
          a_hit[pa] = b_hit[qb] = TRUE;
          i++, j++;
        }
      else if (LEN (i + 1, j) >= LEN (i, j + 1))
        i++;
      else
        j++;
    }
#undef LEN
}

/*
** A shell variable of the target ($TIMEFORMAT) that the source names as a
** word ("the TIMEFORMAT variable") is the same variable, written with its
** sigil: matched.
*/
static void
match_named_in_prose (const char *s, const char *t, const GArray *b, gboolean *b_hit)
{
  for (guint y = 0; y < b->len; y++)
    {
      const QaPlaceholder *q = &g_array_index (b, QaPlaceholder, y);
      if (b_hit[y] || q->kind != QA_PLACEHOLDER_SHELL)
        continue;
      gsize a = q->start + 1, z = q->end;
      if (t[a] == '{' && z > a + 1 && t[z - 1] == '}')
        a++, z--;
      gsize n = z - a;
      if (n < 2)
        continue;
      g_autofree char *name = g_strndup (t + a, n);
      for (const char *hit = s; (hit = strstr (hit, name)) != NULL; hit++)
        {
          gboolean alone = (hit == s || (!g_ascii_isalnum (hit[-1]) && hit[-1] != '_' && hit[-1] != '$'
                                          && hit[-1] != '{'))
                           && !g_ascii_isalnum (hit[n]) && hit[n] != '_';
          if (alone)
            {
              b_hit[y] = TRUE;
              break;
            }
        }
    }
}

/* Keep the unmatched placeholders of @all. */
static GPtrArray *
left_over (const GArray *all, const gboolean *hit)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint k = 0; k < all->len; k++)
    if (!hit[k])
      g_ptr_array_add (out, &g_array_index (all, QaPlaceholder, k));
  return out;
}

static void
report (QaContext *ctx, guint i, GPtrArray *s_left, GPtrArray *t_left, gboolean plural_ok)
{
  const BitextQaUnit *u = &ctx->units[i];
  if (s_left->len == 1 && t_left->len == 1)
    {
      const QaPlaceholder *a = s_left->pdata[0], *b = t_left->pdata[0];
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PLACEHOLDER, BITEXT_SEVERITY_ERROR, i,
                              (gssize) a->start, (gssize) a->end, (gssize) b->start,
                              (gssize) b->end, "the %s '%.*s' in the source became '%.*s' in "
                              "the target", kind_names[a->kind], (int) (a->end - a->start),
                              u->source + a->start, (int) (b->end - b->start),
                              u->target + b->start);
      return;
    }
  for (guint k = 0; k < s_left->len; k++)
    {
      const QaPlaceholder *a = s_left->pdata[k];
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PLACEHOLDER, BITEXT_SEVERITY_ERROR, i,
                              (gssize) a->start, (gssize) a->end, -1, -1,
                              "the %s '%.*s' is missing from the target", kind_names[a->kind],
                              (int) (a->end - a->start), u->source + a->start);
    }
  for (guint k = 0; k < t_left->len; k++)
    {
      const QaPlaceholder *b = t_left->pdata[k];
      gboolean plural = plural_ok && b->integer;
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PLACEHOLDER,
                              plural ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_ERROR, i, -1, -1,
                              (gssize) b->start, (gssize) b->end,
                              plural ? "the target adds the %s '%.*s': right only in a plural "
                                       "form whose source leaves the number implied"
                                     : "the %s '%.*s' in the target is not in the source",
                              kind_names[b->kind], (int) (b->end - b->start),
                              u->target + b->start);
    }
}

/*
** The placeholders of the source and of the target must be the same
** multiset: the same printf conversions for the same arguments (%1$s may
** move; %i is %d), the same named and numbered placeholders, variables,
** escapes and, for software, accelerators. What gettext's msgfmt --check
** allows a plural form is allowed: a target may add the integer
** conversion of a source that has none ("One file" → "%d файл", info).
** One placeholder left on each side is one finding ("%d became %s").
*/
void
bitext_qa__check_placeholders (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  const char *s = u->source, *t = u->target;
  if (strpbrk (s, "%{$\\_&") == NULL && strpbrk (t, "%{$\\_&") == NULL)
    return;
  g_autoptr(GArray) sp = bitext_qa__scan_placeholders (s, 0, strlen (s), ctx->software);
  g_autoptr(GArray) tp = bitext_qa__scan_placeholders (t, 0, strlen (t), ctx->software);
  if (sp->len == 0 && tp->len == 0)
    return;
  g_autofree gboolean *s_hit = g_new0 (gboolean, sp->len + 1);
  g_autofree gboolean *t_hit = g_new0 (gboolean, tp->len + 1);
  match (sp, tp, s_hit, t_hit);
  match_in_order (sp, tp, s_hit, t_hit);
  match_named_in_prose (s, t, tp, t_hit);
  g_autoptr(GPtrArray) s_left = left_over (sp, s_hit);
  g_autoptr(GPtrArray) t_left = left_over (tp, t_hit);
  if (s_left->len == 0 && t_left->len == 0)
    return;
  /* A plural form may add the number its source leaves implied ("One file" → "%d файл"). */
  gboolean plural_ok = !has_integer (sp);
  report (ctx, i, s_left, t_left, plural_ok);
}

/* bitext — layout rules of segmentation, the same in every language.
 *
 * ICU and the SRX rules see a paragraph as running text. Some boundaries
 * come from the layout instead:
 *  - a heading or a list item on a line of its own ends without punctuation;
 *  - an enumeration written inline ("1) ... 2) ...", "a. ... b. ...",
 *    "• ... • ...") has a boundary before each marker and none inside one;
 *  - a paragraph cut by a page break (a blank line in mid-sentence) is one.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "segment-private.h"

/* A hard-wrapped paragraph has lines of about the same length; a heading is
 * clearly shorter than the lines of running text around it. */
#define SHORT_LINE_RATIO 0.75
/* Lines shorter than this are a line block (title, address, verse) rather than
 * wrapped prose, whatever their ratio. */
#define LINE_BLOCK_WIDTH 40

typedef enum { MARK_NONE, MARK_BULLET, MARK_NUMBER, MARK_LETTER, MARK_HEADING } MarkKind;

typedef struct
{
  MarkKind kind;
  UChar style;              /* the bullet, or the delimiter after the number/letter */
  int value;                /* number, or the letter's code point */
  int32_t length;           /* including the white space after it */
} Marker;

static gboolean
is_bullet (UChar c)
{
  return c >= u'•' && u_strchr (u"•‣◦⁃▪●○■□", c) != NULL;  /* U+2022 is the lowest */
}

static gboolean
is_blank (UChar c)
{
  /* Above ASCII, White_Space is U+0085, U+00A0 and characters from U+1680 on:
     Cyrillic, Greek... letters are not looked up. */
  return c == ' ' || c == '\t' || c == '\n'
         || ((c == 0x85 || c == 0xA0 || c >= 0x1680) && u_isUWhiteSpace (c));
}

/* A number or letter with its delimiter: "12." "3)" "4.)" "b)" "c." */
static int32_t
parse_enumerator (const UChar *t, int32_t len, int32_t i, Marker *m)
{
  int32_t j = i;
  int value = 0;
  while (j < len && j - i < 3 && t[j] >= '0' && t[j] <= '9')
    value = value * 10 + (t[j++] - '0');
  if (j > i)
    m->kind = MARK_NUMBER;
  else if (j < len && (u_islower (t[j]) && (u_hasBinaryProperty (t[j], UCHAR_ALPHABETIC))))
    {
      value = t[j++];
      m->kind = MARK_LETTER;
    }
  else
    return 0;
  if (j < len && t[j] == '.' && j + 1 < len && t[j + 1] == ')')
    j += 2, m->style = '(';
  else if (j < len && (t[j] == '.' || t[j] == ')'))
    m->style = t[j++];
  else
    return 0;
  m->value = value;
  return j - i;
}

/*
** Parse a list marker at t[i]: a bullet (with an optional enumerator after
** it), an enumerator, or a Markdown heading's hashes; white space must
** follow. Returns FALSE if there is none.
*/
static gboolean
parse_marker (const UChar *t, int32_t len, int32_t i, Marker *m)
{
  memset (m, 0, sizeof *m);
  int32_t j = i;
  if (j < len && is_bullet (t[j]))
    {
      m->kind = MARK_BULLET;
      m->style = t[j++];
      while (j < len && is_blank (t[j]))
        j++;
      Marker inner;
      int32_t k = parse_enumerator (t, len, j, &inner);
      if (k > 0 && (j + k >= len || is_blank (t[j + k])))
        j += k;
      while (j < len && is_blank (t[j]))
        j++;
      m->length = j - i;
      return TRUE;
    }
  else if (j + 1 < len && (t[j] == '-' || t[j] == '*' || t[j] == '+' || t[j] == u'–' || t[j] == u'—')
           && t[j + 1] == ' ')
    {
      m->kind = MARK_BULLET;
      m->style = t[j++];
    }
  else if (j < len && t[j] == '#')
    {
      while (j < len && t[j] == '#' && j - i < 6)
        j++;
      m->kind = MARK_HEADING;
    }
  else
    {
      int32_t k = parse_enumerator (t, len, j, m);
      if (k == 0)
        return FALSE;
      j += k;
    }
  if (j < len && !is_blank (t[j]))
    return FALSE;
  while (j < len && is_blank (t[j]))
    j++;
  m->length = j - i;
  return TRUE;
}

gboolean
bitext_segment__starts_list_item (const UChar *text, int32_t length)
{
  int32_t i = 0;
  while (i < length && is_blank (text[i]))
    i++;
  Marker m;
  return parse_marker (text, length, i, &m) && (m.kind != MARK_NUMBER || m.value < 100);
}

static void
add (GArray *candidates, int32_t pos, guint32 flags)
{
  BitextCandidate c = { pos, flags };
  g_array_append_val (candidates, c);
}

static int32_t
trim_back (const UChar *t, int32_t pos)
{
  while (pos > 0 && is_blank (t[pos - 1]))
    pos--;
  return pos;
}

/* No boundary may fall inside the marker at t[start], nor right after it. */
static void
keep_marker (GArray *candidates, int32_t start, const Marker *m)
{
  for (int32_t p = start + 1; p <= start + m->length; p++)
    add (candidates, p, CAND_FORCE_KEEP);
}

/* Does the line end "open": on a letter or digit, perhaps inside closing markup? */
static gboolean
ends_open (const UChar *t, int32_t start, int32_t end)
{
  end = trim_back (t, end);
  while (end > start && u_strchr (u"*_»\"”’)]", t[end - 1]) != NULL)
    end--;
  if (end <= start)
    return FALSE;
  UChar32 c;
  U16_PREV (t, start, end, c);
  return u_isalnum (c);
}

/* Does the line start like a sentence: capital letter or digit, perhaps after opening markup? */
static gboolean
starts_capital (const UChar *t, int32_t start, int32_t end)
{
  while (start < end && (is_blank (t[start]) || u_strchr (u"*_«\"“„(['", t[start]) != NULL))
    start++;
  if (start >= end)
    return FALSE;
  UChar32 c;
  U16_NEXT (t, start, end, c);
  return u_isupper (c) || u_istitle (c) || u_isdigit (c);
}

static int32_t
newline_at (const GArray *newlines, guint i)
{
  return g_array_index (newlines, int32_t, i);
}

/* Is the line t[start, end) a row of a table, "| a | b |"? */
static gboolean
is_table_row (const UChar *t, int32_t start, int32_t end)
{
  while (start < end && is_blank (t[start]))
    start++;
  return start < end && t[start] == '|';
}

/*
** A table row ends with its closing bar: no boundary between the last
** cell's text and the bar ("| a | b. c. |"), which would make a segment of
** the bar alone.
*/
static void
keep_row_ends (const UChar *t, int32_t len, const GArray *newlines, GArray *candidates)
{
  for (guint i = 0; i <= newlines->len; i++)
    {
      int32_t start = i == 0 ? 0 : newline_at (newlines, i - 1) + 1;
      int32_t end = trim_back (t, i < newlines->len ? newline_at (newlines, i) : len);
      if (is_table_row (t, start, end) && end - start >= 2 && t[end - 1] == '|')
        add (candidates, trim_back (t, end - 1), CAND_FORCE_KEEP);
    }
}

/*
** Line breaks inside a paragraph: a list item or heading line starts a segment;
** a short line that ends without punctuation, followed by a line that starts
** with a capital, is a heading or a line of a line block and ends one. A run
** of several line breaks is a page break joined by the caller: not a boundary.
*/
static void
line_candidates (const UChar *t, int32_t len, const GArray *newlines, GArray *candidates)
{
  int32_t longest = 0;
  for (guint i = 0; i <= newlines->len; i++)
    {
      int32_t s = i == 0 ? 0 : newline_at (newlines, i - 1) + 1;
      int32_t e = i < newlines->len ? newline_at (newlines, i) : len;
      longest = MAX (longest, e - s);
    }
  for (guint i = 0; i < newlines->len; i++)
    {
      int32_t k = newline_at (newlines, i);
      gboolean run = (i > 0 && newline_at (newlines, i - 1) == k - 1)
                     || (i + 1 < newlines->len && newline_at (newlines, i + 1) == k + 1);
      if (run)
        continue;
      int32_t line_start = i == 0 ? 0 : newline_at (newlines, i - 1) + 1;
      int32_t next_end = i + 1 < newlines->len ? newline_at (newlines, i + 1) : len;
      Marker m;
      int32_t ns = k + 1;
      while (ns < next_end && is_blank (t[ns]))
        ns++;
      gboolean item = parse_marker (t, next_end, ns, &m) && (m.kind != MARK_NUMBER || m.value < 100);
      /* A row of a Markdown or plain-text table ("| a | b |") is a unit of its own. */
      gboolean table = is_table_row (t, line_start, k) || is_table_row (t, k + 1, next_end);
      gboolean short_line = longest < LINE_BLOCK_WIDTH
                            || (double) (k - line_start) < SHORT_LINE_RATIO * (double) longest;
      if (item)
        keep_marker (candidates, ns, &m);
      if (item || table
          || (ends_open (t, line_start, k) && starts_capital (t, k + 1, next_end) && short_line))
        add (candidates, trim_back (t, k), CAND_FORCE_BREAK);
    }
}

/*
** An enumeration written inline, starting the paragraph: "1) a 2) b",
** "a. x b. y", "• p • q". Its markers are consecutive numbers or letters
** (or the same bullet), each after white space.
*/
static void
inline_list_candidates (const UChar *t, int32_t len, GArray *candidates)
{
  int32_t first = 0;
  while (first < len && is_blank (t[first]))
    first++;
  Marker head;
  if (!parse_marker (t, len, first, &head) || head.kind == MARK_HEADING)
    return;
  /* A dash, hyphen, asterisk or plus opens a list item only at the start of a
     line; further on in the line it is punctuation: the dashes of dialogue
     («— Нет, — ответил он. — Не сегодня.») are not an inline list. */
  if (head.kind == MARK_BULLET && !is_bullet (head.style))
    return;
  if (head.kind != MARK_NUMBER || head.value < 100)
    keep_marker (candidates, first, &head);
  int expected = head.value + 1;
  for (int32_t i = first + head.length; i < len; i++)
    {
      Marker m;
      if (!is_blank (t[i - 1]) || !parse_marker (t, len, i, &m) || m.kind != head.kind
          || m.style != head.style)
        continue;
      if (m.kind != MARK_BULLET && m.value != expected)
        continue;
      expected++;
      add (candidates, trim_back (t, i), CAND_FORCE_BREAK);
      keep_marker (candidates, i, &m);
      i += m.length - 1;
    }
}

void
bitext_segment__layout_candidates (const UChar *text, int32_t length, const GArray *newlines,
                                   GArray *candidates)
{
  if (newlines->len > 0)
    {
      line_candidates (text, length, newlines, candidates);
      keep_row_ends (text, length, newlines, candidates);
    }
  inline_list_candidates (text, length, candidates);
}

/* ------------------------------------------------------------------------ */

static gboolean
ends_sentence (const char *text, gsize len)
{
  gsize i = len;
  while (i > 0 && g_ascii_isspace (text[i - 1]))
    i--;
  /* closing quotes, brackets and emphasis after the final stop */
  for (;;)
    {
      const char *prev = g_utf8_find_prev_char (text, text + i);
      if (prev == NULL)
        return FALSE;
      gunichar c = g_utf8_get_char (prev);
      if (strchr ("*_\"')]", (int) c) != NULL && c < 0x80)
        i = (gsize) (prev - text);
      else if (c == 0x00BB || c == 0x201D || c == 0x2019)
        i = (gsize) (prev - text);
      else
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
    }
}

/*
** Whether @text opens as an item of a definition list: one word, then a dash
** set apart by spaces ("perl - Perl is one of the most used…", «perl —
** один из…»). A sentence that a page break cut does not go on so.
*/
static gboolean
starts_definition (const char *text, gsize len)
{
  gsize k = 0;
  while (k < len && text[k] != ' ' && text[k] != '\t')
    k++;
  if (k == 0 || k + 2 >= len)
    return FALSE;
  const char *dash = text + k + 1;
  gunichar c = g_utf8_get_char (dash);
  const char *after = g_utf8_next_char (dash);
  return (c == '-' || c == 0x2013 || c == 0x2014) && (gsize) (after - text) < len && *after == ' ';
}

/*
** Whether @text holds a full stop, a question or exclamation mark or an
** ellipsis followed by white space or the end of the text (closing quotes
** and brackets in between).
*/
static gboolean
holds_stop (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i = (gsize) (g_utf8_next_char (text + i) - text))
    {
      gunichar c = g_utf8_get_char (text + i);
      if (c != '.' && c != '!' && c != '?' && c != 0x2026)
        continue;
      const char *q = g_utf8_next_char (text + i), *end = text + len;
      for (; q < end; q = g_utf8_next_char (q))
        {
          gunichar d = g_utf8_get_char (q);
          if (d != '"' && d != '\'' && d != ')' && d != ']' && d != 0x00BB && d != 0x201D
              && d != 0x2019)
            break;
        }
      if (q >= end || g_unichar_isspace (g_utf8_get_char (q)))
        return TRUE;
    }
  return FALSE;
}

/*
** A page break left a blank line in mid-sentence: the paragraph before ends
** without a sentence-final mark, the next begins with a lower-case letter
** (and is not a list item such as "a) ...") and holds one (holds_stop()),
** since the sentence the break cut goes on and ends there (or the
** paragraph is cut again by the next page break, after sentences of its
** own). Items of a list written without final stops («установите пакет»,
** «удалите его», each a paragraph of its own) hold none and stay apart:
** before this last condition, the eight steps of a list in the Russian
** maintainers' guide were one segment.
*/
gboolean
bitext_segment__should_join (const char *prev, gsize prev_len, const char *next, gsize next_len)
{
  if (ends_sentence (prev, prev_len) || !holds_stop (next, next_len))
    return FALSE;
  gsize i = 0;
  while (i < next_len && g_ascii_isspace (next[i]))
    i++;
  if (i >= next_len)
    return FALSE;
  gunichar c = g_utf8_get_char (next + i);
  if (!g_unichar_islower (c))
    return FALSE;
  UChar head[8];
  int32_t n = 0;
  for (gsize k = i; k < next_len && n < 6; k = (gsize) (g_utf8_next_char (next + k) - next))
    {
      gunichar ch = g_utf8_get_char (next + k);
      if (ch > 0xFFFF)
        break;
      head[n++] = (UChar) ch;
    }
  return !bitext_segment__starts_list_item (head, n) && !starts_definition (next + i, next_len - i);
}

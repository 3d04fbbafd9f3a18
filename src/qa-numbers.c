/* bitext — numbers, dates and numerals of a segment, normalised so that both languages compare. */
#include <string.h>

#include <unicode/unum.h>

#include "qa-private.h"

/*
** What a text holds that must survive translation: numbers in digits with
** their language's separators (1,000.5 in English and 1 000,5 in Russian
** are both "1000.5"), cardinal numerals in words (two, «двух», «двумя»,
** twenty-one, «двух тысяч»), month names next to a day or a year (3 May 2012, в ноябре 2010
** г.) and Roman numerals before a word for century (XXI век).
*/

/*
** Cardinal numerals in words come from ICU's spellout rules (CLDR's
** rule-based number formats, unum_open (UNUM_SPELLOUT)) for English and
** Russian: every public cardinal rule set (in Russian one per gender and
** case: «одного», «двумя», «трёх») formats 0-20, the tens, the hundreds
** and the powers of a thousand, and each one-word result is a numeral of
** that value. The last word of "one thousand" or «две тысячи» names the
** power (thousand, «тысячи»). ICU has no rule set for the Russian
** collective numerals (двое, трое, четверо), which are listed here.
** Adjacent numeral words combine into one number (twenty-one,
** «двадцати одного», «две тысячи»).
*/
static const char *const spellout_langs[] = { "en", "ru" };

static const struct
{
  const char *word;         /* lower case, ё as е */
  gint64 value;
} collectives[] = {
  { "двое", 2 }, { "двоих", 2 }, { "двоим", 2 }, { "двоими", 2 },
  { "трое", 3 }, { "троих", 3 }, { "троим", 3 }, { "троими", 3 },
  { "четверо", 4 }, { "четверых", 4 }, { "четверым", 4 }, { "четверыми", 4 },
};

static const char *const months_en[] = { "january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november",
                                         "december" };

/* Russian month names: a stem and its endings (ноябрь, ноября, ноябре, ноябрём; март, марта). */
static const struct
{
  const char *stem;
  gboolean hard;            /* март, август: stem + "", а, е, ом, у */
} months_ru[] = {
  { "январ", FALSE }, { "феврал", FALSE }, { "март", TRUE }, { "апрел", FALSE },
  { "ма", FALSE }, { "июн", FALSE }, { "июл", FALSE }, { "август", TRUE },
  { "сентябр", FALSE }, { "октябр", FALSE }, { "ноябр", FALSE }, { "декабр", FALSE },
};

/* What a lower-cased word (ё as е) can stand for: a numeral's value, a month's number. */
typedef struct
{
  gint64 numeral;           /* 2, or 0 for zero, «ноль», «нулевой» */
  gboolean is_numeral;
  int month_en;             /* 1-12, if capitalised in the text; 0: not an English month */
  int month_ru;             /* 1-12 for a case form of a Russian month name; 0: not one */
  gint64 ordinal;           /* first, «первой»: 1 */
  gboolean is_ordinal;
} WordKind;

static WordKind *
word_kind_intern (GHashTable *t, const char *word)
{
  WordKind *k = g_hash_table_lookup (t, word);
  if (k == NULL)
    {
      k = g_new0 (WordKind, 1);
      g_hash_table_insert (t, g_strdup (word), k);
    }
  return k;
}

/*
** Write @s[0..n) to @out (4n + 1 bytes) lower-cased with ё as е, as
** bitext_qa__lower () does, but without a GString: this runs on every word.
*/
static void
lower_word (const char *s, gsize n, char *out)
{
  char *o = out;
  for (const char *p = s, *end = s + n; p < end; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      if (b < 0x80)
        {
          *o++ = g_ascii_tolower ((char) b);
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x0410 && c <= 0x044F)
        c = c < 0x0430 ? c + 0x20 : c;      /* А to я, most Russian letters: no table lookup */
      else
        c = g_unichar_tolower (c);
      o += g_unichar_to_utf8 (c == 0x0451 ? 0x0435 : c, o);
    }
  *o = '\0';
}

/* Whether an ICU rule set's name is one of the cardinal numbers' ("%spellout-cardinal-feminine-genitive"). */
static gboolean
cardinal_rule_set (const char *name)
{
  return strstr (name, "ordinal") == NULL && strstr (name, "year") == NULL
         && strstr (name, "verbose") == NULL;
}

/* Whether an ICU rule set's name is one of the ordinal numbers' ("%spellout-ordinal-feminine"). */
static gboolean
ordinal_rule_set (const char *name)
{
  return strstr (name, "ordinal") != NULL && strstr (name, "verbose") == NULL;
}

/* Enter each word of @text (UTF-16, as ICU formats) as the numeral @value (an ordinal if
** @ordinal): the only word, or the last. */
static void
add_spelled (GHashTable *t, const UChar *text, int32_t length, gint64 value, gboolean last_only,
             gboolean ordinal)
{
  g_autofree char *utf8 = g_utf16_to_utf8 ((const gunichar2 *) text, length, NULL, NULL, NULL);
  if (utf8 == NULL)
    return;
  g_auto(GStrv) words = g_strsplit_set (utf8, " -", -1);
  guint n = g_strv_length (words);
  if (n == 0 || (n > 1 && !last_only))
    return;
  const char *w = words[n - 1];
  char folded[4 * 32 + 1];
  if (strlen (w) > 32 || *w == '\0')
    return;
  lower_word (w, strlen (w), folded);
  WordKind *k = word_kind_intern (t, folded);
  if (ordinal && !k->is_ordinal)
    k->ordinal = value, k->is_ordinal = TRUE;
  else if (!ordinal && !k->is_numeral)
    k->numeral = value, k->is_numeral = TRUE;
}

/* The numerals of @lang's spellout rules, into @t. */
static void
add_spellout (GHashTable *t, const char *lang)
{
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *f = unum_open (UNUM_SPELLOUT, NULL, 0, lang, NULL, &status);
  if (U_FAILURE (status))
    return;
  UChar sets[4096], text[256];
  int32_t n = unum_getTextAttribute (f, UNUM_PUBLIC_RULESETS, sets, G_N_ELEMENTS (sets) - 1, &status);
  g_autofree char *names = U_SUCCESS (status) ? g_utf16_to_utf8 ((const gunichar2 *) sets, n, NULL, NULL, NULL) : NULL;
  g_auto(GStrv) list = g_strsplit (names != NULL ? names : "", ";", -1);
  for (char **name = list; *name != NULL; name++)
    {
      gboolean ordinal = ordinal_rule_set (*name);
      if (**name == '\0' || !(ordinal || cardinal_rule_set (*name)))
        continue;
      g_autofree gunichar2 *uname = g_utf8_to_utf16 (*name, -1, NULL, NULL, NULL);
      status = U_ZERO_ERROR;
      unum_setTextAttribute (f, UNUM_DEFAULT_RULESET, (const UChar *) uname, -1, &status);
      if (U_FAILURE (status))
        continue;
      for (gint64 v = 0; v <= 1000; v += v < 20 ? 1 : v < 100 ? 10 : v < 1000 ? 100 : 1)
        {
          status = U_ZERO_ERROR;
          int32_t m = unum_formatInt64 (f, v, text, G_N_ELEMENTS (text), NULL, &status);
          if (U_SUCCESS (status))
            add_spelled (t, text, m, v, FALSE, ordinal);
          if (U_SUCCESS (status) && v == 100 && !ordinal)
            add_spelled (t, text, m, v, TRUE, FALSE);   /* "one hundred": hundred */
        }
      if (ordinal)
        continue;   /* "thousandth" names no power a cardinal follows */
      /* The powers of a thousand, by the last word of 1, 2 and 5 of them (тысяча, тысячи, тысяч). */
      for (gint64 p = 1000; p <= G_GINT64_CONSTANT (1000000000); p *= 1000)
        for (gint64 c = 1; c <= 5; c += c == 1 ? 1 : 3)
          {
            status = U_ZERO_ERROR;
            int32_t m = unum_formatInt64 (f, c * p, text, G_N_ELEMENTS (text), NULL, &status);
            if (U_SUCCESS (status))
              add_spelled (t, text, m, p, TRUE, FALSE);
          }
    }
  unum_close (f);
}

/*
** One table of every numeral and month-name form, built once and kept for
** the life of the process: one lookup a word, instead of one for the
** numerals and then a scan of the twelve months.
*/
static GHashTable *
word_table (void)
{
  static GHashTable *table;
  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < G_N_ELEMENTS (spellout_langs); i++)
        add_spellout (t, spellout_langs[i]);
      for (gsize i = 0; i < G_N_ELEMENTS (collectives); i++)
        {
          WordKind *k = word_kind_intern (t, collectives[i].word);
          k->numeral = collectives[i].value, k->is_numeral = TRUE;
        }
      /* Russian says a value of zero with the adjective «нулевой» as often as with «ноль»
         («при нулевом значении», "a value of 0"): its case forms (any grammar's table of the
         hard adjective declension). */
      static const char *const adjective[] = { "ой", "ого", "ому", "ым", "ом", "ая", "ую",
                                                "ое", "ые", "ых", "ыми", NULL };
      for (const char *const *e = adjective; *e != NULL; e++)
        {
          g_autofree char *form = g_strconcat ("нулев", *e, NULL);
          word_kind_intern (t, form)->is_numeral = TRUE;
        }
      /* «нуль» beside «ноль» (both standard; ICU spells only «ноль»): «больше нуля». */
      static const char *const nul[] = { "нуль", "нуля", "нулю", "нулем", "нуле", NULL };
      for (const char *const *f = nul; *f != NULL; f++)
        word_kind_intern (t, *f)->is_numeral = TRUE;
      /* The numeral nouns (двойка, тройка ... десятка): "a power of 2", «степень двойки». */
      static const struct { const char *stem; gint64 value; } nouns[] = {
        { "двойк", 2 }, { "тройк", 3 }, { "четверк", 4 }, { "пятерк", 5 }, { "шестерк", 6 },
        { "семерк", 7 }, { "восьмерк", 8 }, { "девятк", 9 }, { "десятк", 10 },
      };
      static const char *const noun_endings[] = { "а", "и", "е", "у", "ой", "ами", "ам", "ах", NULL };
      for (gsize i = 0; i < G_N_ELEMENTS (nouns); i++)
        for (const char *const *e = noun_endings; *e != NULL; e++)
          {
            g_autofree char *form = g_strconcat (nouns[i].stem, *e, NULL);
            WordKind *k = word_kind_intern (t, form);
            if (!k->is_numeral)
              k->numeral = nouns[i].value, k->is_numeral = TRUE;
          }
      static const char *const soft[] = { "ь", "я", "е", "ем", "ю", NULL };
      static const char *const soft_may[] = { "й", "я", "е", "ем", "ю", NULL };
      static const char *const hard[] = { "", "а", "е", "ом", "у", NULL };
      for (int m = 0; m < 12; m++)
        {
          word_kind_intern (t, months_en[m])->month_en = m + 1;
          const char *const *endings = months_ru[m].hard ? hard : m == 4 ? soft_may : soft;
          for (const char *const *e = endings; *e != NULL; e++)
            {
              g_autofree char *form = g_strconcat (months_ru[m].stem, *e, NULL);
              word_kind_intern (t, form)->month_ru = m + 1;
            }
        }
      g_once_init_leave (&table, t);
    }
  return table;
}

/* The month (1-12) a word of @kind names, or 0. English names must be capitalised in the text. */
static int
month_of (const WordKind *kind, gboolean capitalised)
{
  if (kind == NULL)
    return 0;
  if (capitalised && kind->month_en > 0)
    return kind->month_en;
  return kind->month_ru;
}

static int
roman_digit (char c)
{
  switch (c)
    {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
    }
}

/* The value of a canonical Roman numeral (XXI, IV, MCM), or 0 if @s is not one. */
static int
roman_value (const char *s, gsize n)
{
  int total = 0;
  for (gsize i = 0; i < n; i++)
    {
      int v = roman_digit (s[i]);
      if (v == 0)
        return 0;
      int next = i + 1 < n ? roman_digit (s[i + 1]) : 0;
      total += next > v ? -v : v;
    }
  /* Canonical only: writing the value back must give the same letters. */
  static const struct { int v; const char *s; } table[] = {
    { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
    { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" } };
  char back[32];
  gsize k = 0;
  int rest = total;
  for (gsize i = 0; i < G_N_ELEMENTS (table) && k + 2 < sizeof back; i++)
    while (rest >= table[i].v && k + 2 < sizeof back)
      {
        for (const char *p = table[i].s; *p != '\0'; p++)
          back[k++] = *p;
        rest -= table[i].v;
      }
  return total > 0 && k == n && strncmp (back, s, n) == 0 ? total : 0;
}

static gboolean
is_century_word (const char *folded, const char *after)
{
  if (g_str_has_prefix (folded, "centur"))
    return TRUE;
  static const char *const forms[] = { "век", "века", "веке", "веку", "веком", "веков", "векам",
                                       "веками", "веках", "вв", NULL };
  for (const char *const *f = forms; *f != NULL; f++)
    if (strcmp (folded, *f) == 0)
      return TRUE;
  return strcmp (folded, "в") == 0 && *after == '.';
}

/* Separators of digit groups: a space (U+0020, U+00A0, U+2009, U+202F), or a comma in English. */
static gsize
group_separator (const char *p, gboolean english)
{
  if (*p == ' ' || (english && *p == ','))
    return 1;
  gunichar c = g_utf8_get_char (p);
  if (c == 0x00A0 || c == 0x2009 || c == 0x202F)
    return (gsize) (g_utf8_next_char (p) - p);
  return 0;
}

static gboolean
three_digits_follow (const char *p)
{
  return g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
         && !g_ascii_isdigit (p[3]);
}

/*
** Parse the number at @p: digits, groups of three after a separator
** (only after a first group of at most three digits), then a decimal part
** after '.' (or ',' outside English). Stores the normalised value and
** returns the bytes read.
*/
static gsize
parse_number (const char *p, gboolean english, GString *value)
{
  const char *s = p;
  g_string_truncate (value, 0);
  /* Three groups or more joined by dots, not all of three digits after the first, are one
  ** label as written: a section (6.3.5), a version (1.2.53), an address (192.168.1.1). */
  guint groups = 0;
  gboolean thousands = TRUE;
  const char *q = p;
  for (;;)
    {
      const char *g = q;
      while (g_ascii_isdigit (*q))
        q++;
      if (groups > 0 && q - g != 3)
        thousands = FALSE;
      groups++;
      if (*q != '.' || !g_ascii_isdigit (q[1]))
        break;
      q++;
    }
  if (groups >= 3 && !thousands)
    {
      g_string_append_len (value, p, q - p);
      return (gsize) (q - p);
    }
  while (g_ascii_isdigit (*p))
    g_string_append_c (value, *p++);
  gsize sep;
  if (p - s <= 3)
    while ((sep = group_separator (p, english)) > 0 && three_digits_follow (p + sep))
      {
        g_string_append_len (value, p + sep, 3);
        p += sep + 3;
      }
  if ((*p == '.' || (!english && *p == ',')) && g_ascii_isdigit (p[1]))
    {
      gsize mark = value->len;
      g_string_append_c (value, '.');
      for (p++; g_ascii_isdigit (*p); p++)
        g_string_append_c (value, *p);
      while (value->len > mark + 1 && value->str[value->len - 1] == '0')
        g_string_truncate (value, value->len - 1);
      if (value->len == mark + 1)
        g_string_truncate (value, mark);
    }
  gsize lead = 0;
  while (lead + 1 < value->len && value->str[lead] == '0' && value->str[lead + 1] != '.')
    lead++;
  g_string_erase (value, 0, (gssize) lead);
  return (gsize) (p - s);
}

static void
add_number (GArray *out, const char *value, gsize start, gsize end, gboolean in_words)
{
  QaNumber n = { g_strdup (value), start, end, in_words, FALSE, FALSE, FALSE };
  g_array_append_val (out, n);
}

/*
** Only spaces and hyphens between @a and @b, or " and " after a hundred or
** a thousand: the words of one numeral (twenty-one, five hundred and two,
** «две тысячи»).
*/
static gboolean
numeral_gap (const char *text, gsize a, gsize b, const char *before)
{
  if (b >= a && strspn (text + a, " -") >= b - a)
    return TRUE;
  return b == a + 5 && strncmp (text + a, " and ", 5) == 0 && strlen (before) >= 3
         && g_str_has_suffix (before, "00");
}

/*
** Combine runs of numeral words into one number: a word below a hundred
** adds (twenty-one), a hundred multiplies what precedes it (two hundred),
** a power of a thousand closes a group (two thousand five hundred).
*/
static void
combine_numerals (const char *text, GArray *out)
{
  guint w = 0;
  for (guint r = 0; r < out->len;)
    {
      QaNumber *first = &g_array_index (out, QaNumber, r);
      guint end = r + 1;
      while (first->in_words && !first->compound && end < out->len
             && g_array_index (out, QaNumber, end).in_words
             && !g_array_index (out, QaNumber, end).compound
             && numeral_gap (text, g_array_index (out, QaNumber, end - 1).end,
                             g_array_index (out, QaNumber, end).start,
                             g_array_index (out, QaNumber, end - 1).value))
        end++;
      if (end > r + 1)
        {
          gint64 total = 0, group = 0;
          for (guint k = r; k < end; k++)
            {
              gint64 v = g_ascii_strtoll (g_array_index (out, QaNumber, k).value, NULL, 10);
              if (v >= 1000)
                total += MAX (group, 1) * v, group = 0;
              else if (v == 100)
                group = MAX (group, 1) * v;
              else
                group += v;
              if (k > r)
                g_free (g_array_index (out, QaNumber, k).value);
            }
          g_free (first->value);
          first->value = g_strdup_printf ("%" G_GINT64_FORMAT, total + group);
          first->end = g_array_index (out, QaNumber, end - 1).end;
        }
      g_array_index (out, QaNumber, w++) = *first;
      r = end;
    }
  g_array_set_size (out, w);
}

/*
** A count of one may go unsaid: "1 year" is «год», "one of them" «один из
** них» or «из них». The numeral one, and the digit 1 before a word, are
** optional: never reported alone.
*/
static void
mark_optional (const char *text, GArray *out)
{
  for (guint k = 0; k < out->len; k++)
    {
      QaNumber *n = &g_array_index (out, QaNumber, k);
      if (strcmp (n->value, "1") != 0)
        continue;
      const char *after = text + n->end;
      n->optional = n->in_words || (*after == ' ' && g_unichar_isalpha (g_utf8_get_char (after + 1)));
    }
}

/*
** Whether @p, right after a number's digits, is an ordinal suffix: English
** st, nd, rd, th (1st, 22nd), or a hyphen and a Russian case ending of one
** to three letters (1-й, 2-го, 3-ему: «Правила русской орфографии», 2006,
** § 112).
*/
static gboolean
ordinal_suffix (const char *p)
{
  static const char *const english[] = { "st", "nd", "rd", "th", NULL };
  for (const char *const *e = english; *e != NULL; e++)
    if (g_ascii_strncasecmp (p, *e, 2) == 0 && !g_ascii_isalnum (p[2]))
      return TRUE;
  if (*p != '-')
    return FALSE;
  guint n = 0;
  for (p++; g_unichar_isalpha (g_utf8_get_char (p)) && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x0430 || c > 0x044F)
        return FALSE;
      n++;
    }
  return n >= 1 && n <= 3;
}

/*
** Whether @word (folded) ends as a Russian adjective does, in any gender,
** number or case, after a stem of four letters or more (битн-ого, ходов-ое;
** not тск-ие of семитские).
*/
static gboolean
adjective_ending (const char *word)
{
  static const char *const endings[] = { "ыми", "ими", "ого", "его", "ому", "ему", "ый", "ий",
                                         "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ым", "им",
                                         "ом", "ем", "ую", "юю", "ых", "их", NULL };
  for (const char *const *e = endings; *e != NULL; e++)
    if (g_str_has_suffix (word, *e))
      return g_utf8_strlen (word, -1) - g_utf8_strlen (*e, -1) >= 4;
  return FALSE;
}

/*
** Whether @folded (a word of @text at @w) is a compound adjective whose
** first part is a numeral in the genitive (двухбайтовый, восьмибитного,
** трехходовое: the compounds of any Russian grammar, «Русская грамматика»
** 1980, § 555): then its number is added to @out. The first part ends as
** a genitive does, in х, ти or ми (двух, трех, пяти, семи; not три of
** тривиальный), and leaves an adjective (семинар, пятиться are no
** compounds) that does not begin with the suffix -чн- of a derived one
** (десятичный, "decimal"). @folded has
** 4 * 96 + 1 bytes at most (scan_word).
*/
static gboolean
compound_numeral (const char *folded, const QaWord *w, GArray *out)
{
  if (w->script != QA_SCRIPT_CYRILLIC || w->n_letters < 7 || !adjective_ending (folded))
    return FALSE;   /* the word must end as an adjective: one test before the parts */
  GHashTable *table = word_table ();
  char prefix[4 * 96 + 1];
  gsize n = strlen (folded);
  /* Longest first: «шестидесяти» before «шести». */
  for (gsize cut = n; cut-- > 2;)
    {
      const char *at = folded + cut;
      if ((guchar) *at >= 0x80 && ((guchar) *at & 0xC0) == 0x80)
        continue;   /* inside a character */
      if (g_utf8_strlen (at, -1) < 3)
        continue;
      const char *last = g_utf8_prev_char (at);
      const char *before = last > folded ? g_utf8_prev_char (last) : last;
      gboolean genitive = strncmp (last, "х", 2) == 0
                          || (strncmp (last, "и", 2) == 0 && before < last
                              && (strncmp (before, "т", 2) == 0 || strncmp (before, "м", 2) == 0));
      if (!genitive || g_str_has_prefix (at, "чн") || !adjective_ending (at))
        continue;
      memcpy (prefix, folded, cut);
      prefix[cut] = '\0';
      const WordKind *k = g_hash_table_lookup (table, prefix);
      if (k != NULL && k->is_numeral && k->numeral >= 2)
        {
          char buf[24];
          g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, k->numeral);
          add_number (out, buf, w->start, w->end, TRUE);
          g_array_index (out, QaNumber, out->len - 1).compound = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

/*
** Whether the number text[start, end) labels what the word before it names
** ("operand 1", "page 3", "level 2."): one space after a word, and no word
** after it that it would count. A translation may render a label by a rank
** («первого операнда»).
*/
static gboolean
label_number (const char *text, gsize start, gsize end)
{
  if (start < 2 || text[start - 1] != ' ' || !g_unichar_isalpha (g_utf8_get_char (
                                                  g_utf8_prev_char (text + start - 1))))
    return FALSE;
  const char *p = text + end;
  return *p == '\0' || *p == '\n' || ((*p == '.' || *p == ',' || *p == ';' || *p == ':' || *p == ')')
                                     && (p[1] == '\0' || g_ascii_isspace (p[1])));
}

/*
** A footnote's or a citation's mark: one to three digits in square brackets,
** the bracket not glued to a word ("packages. [65] This", "era.[12]"), or
** glued to the last word of a sentence or clause ("invoking make[11].",
** "like this[74]:"; not the index of a[1] + 2). It refers to the apparatus,
** not to a quantity, and a translation moves it where its own sentence needs
** it, into the sentence before or after.
*/
static gboolean
reference_mark (const char *text, gsize start, gsize end)
{
  if (start == 0 || text[start - 1] != '[' || text[end] != ']' || end - start > 3)
    return FALSE;
  if (start >= 2)
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (text + start - 1));
      char after = text[end + 1];
      if ((g_unichar_isalnum (before) || before == '_')
          && !(after == '\0' || strchr (".,;:!?)", after) != NULL))
        return FALSE;
    }
  return TRUE;
}

/* A word: a numeral, a Roman numeral before "century", or a month name (kept for later). */
static void
scan_word (const char *text, const QaWord *w, GArray *out, GArray *months)
{
  gsize len = w->end - w->start;
  const char *s = text + w->start;
  if (w->n_digits > 0)
    {
      /* Digits after letters (base64, utf8, x86): code, whose number a translation may write
      ** apart ("base-64"); optional, so never reported alone. */
      gsize d = len;
      while (d > 0 && g_ascii_isdigit (s[d - 1]))
        d--;
      if (d > 0 && d < len && g_ascii_isalpha (s[d - 1]) && len - d <= 9)
        {
          g_autofree char *digits = g_strndup (s + d, len - d);
          add_number (out, digits, w->start + d, w->end, FALSE);
          g_array_index (out, QaNumber, out->len - 1).optional = TRUE;
        }
      return;
    }
  if (len > 96)
    return;
  char folded[4 * 96 + 1];
  lower_word (s, len, folded);
  const WordKind *kind = g_hash_table_lookup (word_table (), folded);
  if (kind == NULL && compound_numeral (folded, w, out))
    return;
  if (kind != NULL && kind->is_numeral)
    {
      char buf[24];
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, kind->numeral);
      add_number (out, buf, w->start, w->end, TRUE);
      return;
    }
  if (kind != NULL && kind->is_ordinal)
    {
      /* An ordinal in words is as often a manner of speaking (first of all, «во-первых», a
      ** second) as a rank: it only ever matches a rank of the other side (1st, «первой»). */
      char buf[24];
      g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, kind->ordinal);
      add_number (out, buf, w->start, w->end, TRUE);
      QaNumber *n = &g_array_index (out, QaNumber, out->len - 1);
      n->optional = n->ordinal = TRUE;
      return;
    }
  if (w->n_upper == w->n_letters && w->script == QA_SCRIPT_LATIN && w->n_digits == 0)
    {
      int v = roman_value (s, len);
      gsize pos = w->end;
      QaWord next;
      if (v > 0 && bitext_qa__next_word (text, strlen (text), &pos, &next))
        {
          g_autoptr(GString) nf = g_string_new (NULL);
          bitext_qa__lower (text + next.start, next.end - next.start, nf);
          if (is_century_word (nf->str, text + next.end))
            {
              char buf[16];
              g_snprintf (buf, sizeof buf, "%d", v);
              add_number (out, buf, w->start, w->end, FALSE);
            }
        }
      return;
    }
  int m = kind != NULL ? month_of (kind, g_unichar_isupper (g_utf8_get_char (s))) : 0;
  if (m > 0)
    {
      QaNumber n = { g_strdup_printf ("month:%d", m), w->start, w->end, TRUE, FALSE, FALSE, FALSE };
      g_array_append_val (months, n);
    }
}

/* Only spaces (any) and commas, at most four bytes, between @a and @b. */
static gboolean
adjacent (const char *text, gsize a, gsize b)
{
  if (b < a || b - a > 4)
    return FALSE;
  for (gsize i = a; i < b; i++)
    if (text[i] != ' ' && text[i] != ',' && (guchar) text[i] < 0x80)
      return FALSE;
  return TRUE;
}

/* Keep a month name only next to a digit number (a day before or after it, a year after it). */
static void
add_dated_months (const char *text, GArray *out, GArray *months)
{
  for (guint k = 0; k < months->len; k++)
    {
      QaNumber *m = &g_array_index (months, QaNumber, k);
      gboolean dated = FALSE;
      for (guint i = 0; i < out->len && !dated; i++)
        {
          const QaNumber *n = &g_array_index (out, QaNumber, i);
          dated = !n->in_words && (adjacent (text, n->end, m->start)
                                   || adjacent (text, m->end, n->start));
        }
      if (dated)
        {
          g_array_append_val (out, *m);
          m->value = NULL;
        }
      g_free (m->value);
    }
}

/**
 * bitext_qa__extract_numbers:
 * @text: a segment
 * @lang: (nullable): its language; "en" reads ',' as a thousands separator
 *
 * Returns: (transfer full): the numbers of @text (QaNumber), in text order
 *   except that dated month names come last
 */
GArray *
bitext_qa__extract_numbers (const char *text, const char *lang)
{
  gboolean english = lang != NULL && g_ascii_strncasecmp (lang, "en", 2) == 0
                     && !g_ascii_isalpha (lang[2]);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (QaNumber));
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (QaNumber));
  g_autoptr(GString) value = g_string_new (NULL);
  gsize length = strlen (text), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      if (!g_ascii_isdigit (text[w.start]))
        {
          scan_word (text, &w, out, months);
          continue;
        }
      gsize n = parse_number (text + w.start, english, value);
      if (reference_mark (text, w.start, w.start + n))
        {
          pos = w.start + n;
          continue;
        }
      add_number (out, value->str, w.start, w.start + n, FALSE);
      g_array_index (out, QaNumber, out->len - 1).ordinal
          = ordinal_suffix (text + w.start + n) || label_number (text, w.start, w.start + n);
      /* Skip an ordinal suffix (21st, 3rd) or a unit glued on (10km): they are not numbers. */
      pos = w.start + n;
      while (pos < length && g_ascii_isalpha (text[pos]))
        pos++;
    }
  combine_numerals (text, out);
  mark_optional (text, out);
  add_dated_months (text, out, months);
  return out;
}

void
bitext_qa__numbers_free (GArray *numbers)
{
  if (numbers == NULL)
    return;
  for (guint i = 0; i < numbers->len; i++)
    g_free (g_array_index (numbers, QaNumber, i).value);
  g_array_unref (numbers);
}

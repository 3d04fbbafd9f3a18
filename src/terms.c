/* bitext — term extraction: words, n-grams and their C-value ranking in one language. */
#include <math.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include <bitext/error.h>

#include "bitext-resources.h"
#include "qa-private.h"
#include "terms-private.h"
#include "text-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UBreakIterator, ubrk_close)

#define STOP_BIT 0x80000000u
#define LINK_BIT 0x40000000u
#define COORD_BIT 0x20000000u
#define ID_MASK 0x1fffffffu

/* Stop words */

/*
** The lines of rules/NAME-CODE.txt in our resource, each stripped; NULL when
** there is no such list (a language without one). Our own resource, not the
** global table: a static link may drop its constructor.
*/
static GStrv
rule_lines (const char *name, const char *code)
{
  g_autofree char *path = g_strdup_printf ("/org/bitext/rules/%s-%s.txt", name, code);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (bitext_rules_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;
  gsize n;
  const char *data = g_bytes_get_data (bytes, &n);
  g_autofree char *copy = g_strndup (data, n);
  GStrv lines = g_strsplit (copy, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    g_strstrip (*l);
  return lines;
}

/* Read rules/stopwords-LL.txt into @stop; a language without a list has none. */
static void
load_stop_words (GHashTable *stop, const char *code)
{
  g_auto(GStrv) lines = rule_lines ("stopwords", code);
  for (char **l = lines; l != NULL && *l != NULL; l++)
    {
      /* "+of": a stop word that may link the words of a term (rules of engagement);
         "&and": a coordinator, linking them in a fixed coordination only */
      if (**l == '+')
        g_hash_table_insert (stop, g_strdup (*l + 1), GINT_TO_POINTER (2));
      else if (**l == '&')
        g_hash_table_insert (stop, g_strdup (*l + 1), GINT_TO_POINTER (3));
      else if (**l != '\0' && **l != '#')
        g_hash_table_insert (stop, g_strdup (*l), GINT_TO_POINTER (1));
    }
}

static guint32 word_id (TermSide *side, const char *w, gsize len);

/*
** Read rules/general-LL.txt, general-language vocabulary, into the set of
** its words' ids (stem keys) in @side->general.
*/
static void
load_general_words (TermSide *side, const char *code)
{
  g_auto(GStrv) lines = rule_lines ("general", code);
  for (char **l = lines; l != NULL && *l != NULL; l++)
    if (**l != '\0' && **l != '#')
      g_hash_table_add (side->general, GUINT_TO_POINTER (word_id (side, *l, strlen (*l)) & ID_MASK));
}

gboolean
bitext_terms__is_general (const TermSide *side, guint32 id)
{
  return g_hash_table_contains (side->general, GUINT_TO_POINTER (id));
}

/* Sides */

/*
** A language's word lists as a side starts with them: the stop words, and the
** general-language words interned (stemmed) as ids 1..n. Built once per
** language and process, then read only, so sides on any thread share it: a
** term extraction (every QA run does one) used to re-read and re-stem the
** lists for each side, more work than extracting from a short text. Freed at
** exit, so that leak checkers see nothing left.
*/
struct _TermBase
{
  GHashTable *stop;         /* as TermSide */
  GHashTable *general;
  GHashTable *ids;
  GPtrArray *keys;
  GStringChunk *strings;
  GHashTable *cache;
  GHashTable *coords;
};

/* The base's @table of @side, NULL while the base itself is built. */
#define BASE_TABLE(side, table) ((side)->base != NULL ? (side)->base->table : NULL)

G_LOCK_DEFINE_STATIC (bases);
static GHashTable *bases;       /* language code ("en") -> TermBase (owned) */

static void
side_tables_new (TermSide *side)
{
  side->ids = g_hash_table_new (g_str_hash, g_str_equal);
  side->keys = g_ptr_array_new ();
  side->strings = g_string_chunk_new (256);
  side->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  side->coords = g_hash_table_new (NULL, NULL);
  side->u16 = g_array_new (FALSE, FALSE, sizeof (UChar));
  side->capitals = g_array_new (FALSE, TRUE, 2 * sizeof (guint32));
  side->buf = g_string_new (NULL);
}

static void
term_base_free (TermBase *base)
{
  g_hash_table_unref (base->stop);
  g_hash_table_unref (base->general);
  g_hash_table_unref (base->ids);
  g_ptr_array_unref (base->keys);
  g_string_chunk_free (base->strings);
  g_hash_table_unref (base->cache);
  g_hash_table_unref (base->coords);
  g_free (base);
}

static void
bases_free (void)
{
  G_LOCK (bases);
  g_clear_pointer (&bases, g_hash_table_unref);
  G_UNLOCK (bases);
}

/* The word lists of language @code (two lower-case letters), built on first use. (transfer none) */
static const TermBase *
term_base_get (const char *code)
{
  G_LOCK (bases);
  if (bases == NULL)
    {
      bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) term_base_free);
      atexit (bases_free);
    }
  TermBase *base = g_hash_table_lookup (bases, code);
  if (base == NULL)
    {
      /* A side without a base, its tables then taken over by the base. */
      TermSide side = { .english = strcmp (code, "en") == 0, .stemmer = sb_stemmer_new (code, "UTF_8") };
      side_tables_new (&side);
      side.stop = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      load_stop_words (side.stop, code);
      side.general = g_hash_table_new (NULL, NULL);
      load_general_words (&side, code);
      base = g_new0 (TermBase, 1);
      base->stop = g_steal_pointer (&side.stop);
      base->general = g_steal_pointer (&side.general);
      base->ids = g_steal_pointer (&side.ids);
      base->keys = g_steal_pointer (&side.keys);
      base->strings = g_steal_pointer (&side.strings);
      base->cache = g_steal_pointer (&side.cache);
      base->coords = g_steal_pointer (&side.coords);
      bitext_terms__side_clear (&side);
      g_hash_table_insert (bases, g_strdup (code), base);
    }
  G_UNLOCK (bases);
  return base;
}

/* The two-letter code of @lang, lower-cased, into @code; FALSE when @lang has none. */
static gboolean
lang_code (const char *lang, char code[3])
{
  if (lang == NULL || !g_ascii_isalpha (lang[0]) || !g_ascii_isalpha (lang[1]))
    return FALSE;
  code[0] = g_ascii_tolower (lang[0]);
  code[1] = g_ascii_tolower (lang[1]);
  code[2] = '\0';
  return TRUE;
}

/* A Snowball stemmer for @lang's two-letter code (libstemmer knows them as aliases), or NULL. */
struct sb_stemmer *
bitext_terms__stemmer_new (const char *lang)
{
  char code[3];
  return lang_code (lang, code) ? sb_stemmer_new (code, "UTF_8") : NULL;
}

/*
** The stop words of @lang (rules/stopwords-LL.txt, folded words) as a set,
** read only (folded word -> 1, 2 link, 3 coordinator); empty for a language
** without a list. Transfer full: a reference, shared with every other caller.
*/
GHashTable *
bitext_terms__ref_stop_words (const char *lang)
{
  char code[3];
  if (!lang_code (lang, code))
    return g_hash_table_new (g_str_hash, g_str_equal);
  return g_hash_table_ref (term_base_get (code)->stop);
}

gboolean
bitext_terms__side_init (TermSide *side, const char *lang, GError **error)
{
  memset (side, 0, sizeof *side);
  char code[3];
  if (lang == NULL || strlen (lang) < 2 || !lang_code (lang, code))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE, "no language given for term extraction");
      return FALSE;
    }
  const TermBase *base = term_base_get (code);
  side->lang = g_strdup (lang);
  side->english = strcmp (code, "en") == 0;
  side->stemmer = sb_stemmer_new (code, "UTF_8");
  side->base = base;
  side->stop = g_hash_table_ref (base->stop);
  side->general = g_hash_table_ref (base->general);
  side_tables_new (side);
  g_ptr_array_extend (side->keys, base->keys, NULL, NULL);   /* ids 1..n are the base's */
  UErrorCode status = U_ZERO_ERROR;
  side->iter = ubrk_open (UBRK_WORD, code, NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SEGMENTATION,
                   "ICU word break iterator for %s: %s", lang, u_errorName (status));
      bitext_terms__side_clear (side);
      return FALSE;
    }
  return TRUE;
}

void
bitext_terms__side_clear (TermSide *side)
{
  g_clear_pointer (&side->lang, g_free);
  if (side->stemmer != NULL)
    sb_stemmer_delete (side->stemmer);
  side->stemmer = NULL;
  side->base = NULL;
  g_clear_pointer (&side->stop, g_hash_table_unref);
  g_clear_pointer (&side->ids, g_hash_table_unref);
  g_clear_pointer (&side->keys, g_ptr_array_unref);
  g_clear_pointer (&side->strings, g_string_chunk_free);
  g_clear_pointer (&side->cache, g_hash_table_unref);
  g_clear_pointer (&side->coords, g_hash_table_unref);
  g_clear_pointer (&side->general, g_hash_table_unref);
  g_clear_pointer ((UBreakIterator **) &side->iter, ubrk_close);
  g_clear_pointer (&side->u16, g_array_unref);
  g_clear_pointer (&side->capitals, g_array_unref);
  if (side->buf != NULL)
    g_string_free (side->buf, TRUE);
  side->buf = NULL;
}

/* Whether word @id is a coordinator (and, и). */
static gboolean
is_coord (const TermSide *side, guint32 id)
{
  GHashTable *base = BASE_TABLE (side, coords);
  return g_hash_table_contains (side->coords, GUINT_TO_POINTER (id))
         || (base != NULL && g_hash_table_contains (base, GUINT_TO_POINTER (id)));
}

/*
** Whether word @id is an acronym or a name: written in capitals, or
** capitalised in most of its occurrences that do not start a text.
*/
gboolean
bitext_terms__is_name (const TermSide *side, guint32 id)
{
  const char *key = side->keys->pdata[id - 1];
  if (key[0] == '=')
    return TRUE;
  if (id >= side->capitals->len)
    return FALSE;
  const guint32 *c = &g_array_index (side->capitals, guint32, 2 * id);
  return c[0] > 0 && c[1] * 2 > c[0];
}

static void
count_capitals (TermSide *side, const GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const TermToken *t = &g_array_index (tokens, TermToken, i);
      if (t->flags & TOK_FIRST)
        continue;
      if (side->capitals->len <= t->id)
        g_array_set_size (side->capitals, MAX (t->id + 1, side->capitals->len * 2));
      guint32 *c = &((guint32 *) side->capitals->data)[2 * t->id];
      c[0]++;
      c[1] += (t->flags & TOK_CAPITAL) != 0;
    }
}

gboolean
bitext_terms__is_stop_key (const TermSide *side, guint32 id)
{
  (void) side;
  return (id & STOP_BIT) != 0;
}

/* Whether a word (as written) is an acronym: two or more capitals, at most a trailing plural s. */
static gboolean
is_acronym (const char *w, gsize len)
{
  guint upper = 0, lower = 0;
  gunichar last = 0;
  for (const char *p = w; p < w + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      upper += g_unichar_isupper (c);
      lower += g_unichar_islower (c);
      last = c;
    }
  return upper >= 2 && (lower == 0 || (lower == 1 && last == 's'));
}

static gboolean
is_joiner (gunichar c)
{
  /* hyphen-minus, hyphen, non-breaking hyphen, en dash: "NATO-Russia", «Россия–НАТО» */
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013;
}

/* A lookup in a side's table @mine, then in its base's (@base, NULL: none). */
static gpointer
layered_lookup (GHashTable *mine, GHashTable *base, const char *key)
{
  gpointer hit = g_hash_table_lookup (mine, key);
  return hit == NULL && base != NULL ? g_hash_table_lookup (base, key) : hit;
}

static guint32
intern_key (TermSide *side, const char *key)
{
  guint32 id = GPOINTER_TO_UINT (layered_lookup (side->ids, BASE_TABLE (side, ids), key));
  if (id == 0)
    {
      char *k = g_string_chunk_insert (side->strings, key);
      g_ptr_array_add (side->keys, k);
      id = side->keys->len;
      g_hash_table_insert (side->ids, k, GUINT_TO_POINTER (id));
    }
  return id;
}

/*
** The id of words joined by hyphens or en dashes: the part keys joined by
** '+', so «ракет-перехватчиков» and «ракеты-перехватчики» agree. 0 when
** @w holds no joiner between letters.
*/
static guint32
joined_id (TermSide *side, const char *w, gsize len)
{
  g_autoptr(GString) key = NULL;
  const char *part = w;
  for (const char *p = w; p <= w + len; p = p < w + len ? g_utf8_next_char (p) : p + 1)
    {
      if (p < w + len && !is_joiner (g_utf8_get_char (p)))
        continue;
      if (p == w + len && key == NULL)
        return 0;
      if (p > part)
        {
          guint32 id = word_id (side, part, (gsize) (p - part)) & ID_MASK;
          if (key == NULL)
            key = g_string_new (NULL);
          else
            g_string_append_c (key, '+');
          g_string_append (key, side->keys->pdata[id - 1]);
        }
      if (p < w + len)
        part = g_utf8_next_char (p);
    }
  return key != NULL ? intern_key (side, key->str) : 0;
}

/*
** The id of a word as written: intern its stem key. A possessive 's is not
** part of the stem. The stop bit is set on ids of stop words.
*/
static guint32
word_id (TermSide *side, const char *w, gsize len)
{
  /* Most words are seen before: look them up without an allocation. */
  char stack[64];
  if (len < sizeof stack)
    {
      memcpy (stack, w, len);
      stack[len] = '\0';
      gpointer hit = layered_lookup (side->cache, BASE_TABLE (side, cache), stack);
      if (hit != NULL)
        return GPOINTER_TO_UINT (hit);
    }
  g_autofree char *surface = g_strndup (w, len);
  gpointer hit = len < sizeof stack ? NULL
                                     : layered_lookup (side->cache, BASE_TABLE (side, cache), surface);
  if (hit != NULL)
    return GPOINTER_TO_UINT (hit);
  /* A hyphenated function word («из-за», «по-прежнему») is a stop word as a whole. */
  g_autofree char *whole = bitext_qa__fold (w, (gssize) len);
  guint32 joined = g_hash_table_contains (side->stop, whole) ? 0 : joined_id (side, w, len);
  if (joined != 0)
    {
      g_hash_table_insert (side->cache, g_steal_pointer (&surface), GUINT_TO_POINTER (joined));
      return joined;
    }
  GString *key = side->buf;
  gsize base = len;
  if (len > 2 && (w[len - 1] == 's' || w[len - 1] == 'S')
      && (w[len - 2] == '\'' || (len > 4 && memcmp (w + len - 4, "\xe2\x80\x99", 3) == 0)))
    base = w[len - 2] == '\'' ? len - 2 : len - 4;
  gboolean stop = FALSE, link = FALSE, coord = FALSE;
  if (is_acronym (w, base))
    {
      g_string_assign (key, "=");
      g_string_append_len (key, w, (gssize) (w[base - 1] == 's' ? base - 1 : base));
    }
  else
    {
      g_autofree char *folded = bitext_qa__fold (w, (gssize) base);
      int kind = GPOINTER_TO_INT (g_hash_table_lookup (side->stop, folded));
      stop = kind != 0;
      link = kind >= 2;
      coord = kind == 3;
      g_string_assign (key, folded);
      if (side->english)
        bitext_qa__fold_spelling_en (key);
      const sb_symbol *stem = side->stemmer == NULL ? NULL
                                : sb_stemmer_stem (side->stemmer, (const sb_symbol *) key->str,
                                                   (int) key->len);
      if (stem != NULL)
        {
          g_autofree char *s = g_strndup ((const char *) stem, (gsize) sb_stemmer_length (side->stemmer));
          g_string_assign (key, s);
        }
      g_string_prepend (key, "s:");
    }
  guint32 id = intern_key (side, key->str);
  if (coord)
    g_hash_table_add (side->coords, GUINT_TO_POINTER (id));
  guint32 value = id | (stop ? STOP_BIT : 0) | (link ? LINK_BIT : 0) | (coord ? COORD_BIT : 0);
  g_hash_table_insert (side->cache, g_steal_pointer (&surface), GUINT_TO_POINTER (value));
  return value;
}


/* Whether @w is a C hexadecimal literal, 0x1F or a bare 0x before a placeholder: a number. */
static gboolean
is_hex_literal (const char *w, gsize len)
{
  if (len < 2 || w[0] != '0' || (w[1] != 'x' && w[1] != 'X'))
    return FALSE;
  for (gsize i = 2; i < len; i++)
    if (!g_ascii_isxdigit (w[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The end of a run of at most 64 bytes of @ok characters closed by @close at @p; NULL if none. */
static const char *
closed_run (const char *p, gboolean (*ok) (char), char close)
{
  const char *q = p;
  while (q - p < 64 && ok (*q))
    q++;
  return *q == close ? q + 1 : NULL;
}

static gboolean
is_format_name_char (char c)
{
  return is_ident_char (c) || c == '.' || c == ':' || c == '-';
}

/*
** The length of a format placeholder starting at @p, 0 when there is none:
** a printf or strftime conversion, "%s", "%1$d", "%-250s", "%08lx", "%-e"
** (POSIX printf and strftime; the conversion letter is not checked, so
** GNU's extensions pass); gettext's system-dependent "%<PRIx64>"; Python's
** "%(name)s" and "{0}", "{name}"; a shell variable "$HOME", "${var}". Such
** a placeholder is code, not text: software messages hold them by the
** thousand, and their letters ("%d", "%lu") are no words. A "%" followed by
** a space is text ("50% of"), and so is a "{" or "${" run holding one.
*/
static gsize
placeholder_len (const char *p)
{
  const char *q = p + 1, *end;
  switch (*p)
    {
    case '%':
      if (*q == '(')
        {
          if ((end = closed_run (q + 1, is_ident_char, ')')) == NULL)
            return 0;
          q = end;
        }
      else
        {
          const char *d = q;
          while (g_ascii_isdigit (*d))
            d++;
          if (d > q && *d == '$')
            q = d + 1;
        }
      while (*q != '\0' && strchr ("-+#0'", *q) != NULL)
        q++;
      while (g_ascii_isdigit (*q) || *q == '*' || *q == '.')
        q++;
      if (*q == '<')
        return (end = closed_run (q + 1, is_ident_char, '>')) != NULL && end > q + 2 ? (gsize) (end - p) : 0;
      if (*q != '\0' && strchr ("hlLqjzZt", *q) != NULL && g_ascii_isalpha (q[1]))
        q += q[1] == q[0] && g_ascii_isalpha (q[2]) ? 2 : 1;
      return g_ascii_isalpha (*q) ? (gsize) (q + 1 - p) : 0;
    case '{':
      return (end = closed_run (q, is_format_name_char, '}')) != NULL ? (gsize) (end - p) : 0;
    case '$':
      if (*q == '{')
        return (end = closed_run (q + 1, is_format_name_char, '}')) != NULL ? (gsize) (end - p) : 0;
      if (!g_ascii_isalpha (*q) && *q != '_')
        return 0;
      while (is_ident_char (*q))
        q++;
      return (gsize) (q - p);
    default:
      return 0;
    }
}

/*
** The length of a command-line option at @p, "-d", "--allow-downgrades",
** when @p starts one: one or two hyphens and a letter, after the start of
** the text, white space or an opening bracket or quote (not a word: "non-TLS"
** and "e-mail" are words). 0 otherwise. Options are code, kept as they are
** in a translation ("-y", «параметр -y»).
*/
static gsize
option_len (const char *text, gsize p)
{
  if (p > 0 && !g_ascii_isspace (text[p - 1]) && strchr ("([{\"'`|,=/", text[p - 1]) == NULL)
    return 0;
  const char *q = text + p + (text[p + 1] == '-' ? 2 : 1);
  if (!g_ascii_isalpha (*q))
    return 0;
  while (is_ident_char (*q) || *q == '-')
    q++;
  return (gsize) (q - (text + p));
}

/*
** Whether the word at byte @start of @text is (part of) a placeholder (see
** placeholder_len) or a command-line option (option_len). Neither holds
** white space, so the search goes back from the word to the nearest space,
** at most 64 bytes.
*/
static gboolean
in_placeholder (const char *text, gsize start)
{
  for (gsize p = start; p-- > 0 && start - p <= 64;)
    {
      char c = text[p];
      if (g_ascii_isspace (c))
        return FALSE;
      if ((c == '%' || c == '{' || c == '$') && p + placeholder_len (text + p) > start)
        return TRUE;
      if (c == '-' && p + option_len (text, p) > start)
        return TRUE;
    }
  return FALSE;
}

/*
** Append the tokens of @text to @tokens. Words come from ICU's word break
** iterator (rule status letter, number, kana or ideo); words joined by a
** hyphen or an en dash with no space ("NATO-Russia", «ракет-перехватчиков»)
** make one token, whose id is that of the joined stems. Anything else than
** white space between two words (punctuation), and any word without letters,
** a hexadecimal literal or a format placeholder ("%s", "{0}": see
** placeholder_len) sets TOK_BREAK on the next word and makes no token.
*/
void
bitext_terms__tokenize (TermSide *side, const char *text, GArray *tokens)
{
  gsize len = strlen (text);
  g_array_set_size (tokens, 0);
  UErrorCode status = U_ZERO_ERROR;
  int32_t n16 = 0;
  u_strFromUTF8 (NULL, 0, &n16, text, (int32_t) len, &status);
  status = U_ZERO_ERROR;
  g_array_set_size (side->u16, (guint) n16 + 1);
  UChar *u = (UChar *) side->u16->data;
  u_strFromUTF8 (u, n16 + 1, NULL, text, (int32_t) len, &status);
  if (U_FAILURE (status))
    return;
  UBreakIterator *bi = side->iter;
  ubrk_setText (bi, u, n16, &status);
  /* UTF-16 offsets to bytes: walk both in step. */
  int32_t i16 = 0;
  gsize i8 = 0;
  gboolean pending_break = TRUE, first = TRUE, joiner = FALSE, pending_space = FALSE;
  gsize last_end = 0;
  int32_t prev = ubrk_first (bi);
  for (int32_t b = ubrk_next (bi); b != UBRK_DONE; prev = b, b = ubrk_next (bi))
    {
      while (i16 < prev)
        {
          gunichar c = g_utf8_get_char (text + i8);
          i16 += c > 0xFFFF ? 2 : 1;
          i8 = (gsize) (g_utf8_next_char (text + i8) - text);
        }
      gsize start = i8;
      int32_t j16 = i16;
      gsize end = i8;
      while (j16 < b)
        {
          gunichar c = g_utf8_get_char (text + end);
          j16 += c > 0xFFFF ? 2 : 1;
          end = (gsize) (g_utf8_next_char (text + end) - text);
        }
      int rule = ubrk_getRuleStatus (bi);
      if (rule < UBRK_WORD_NONE_LIMIT)
        {
          gboolean space = TRUE;
          for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
            if (!g_unichar_isspace (g_utf8_get_char (p)))
              space = FALSE;
          joiner = !pending_break && tokens->len > 0 && start == last_end
                   && is_joiner (g_utf8_get_char (text + start))
                   && g_utf8_next_char (text + start) == text + end;
          if (!space && !joiner)
            pending_break = TRUE;
          if (space)
            joiner = FALSE, pending_space = TRUE;
          continue;
        }
      if (!bitext__has_letter (text + start, end - start) || is_hex_literal (text + start, end - start)
          || in_placeholder (text, start))
        {
          pending_break = TRUE;
          joiner = FALSE;
          first = FALSE;
          continue;
        }
      if (joiner && !pending_space && !pending_break)
        {
          TermToken *last = &g_array_index (tokens, TermToken, tokens->len - 1);
          last->end = (guint32) end;
          guint32 v = word_id (side, text + last->start, last->end - last->start);
          last->id = v & ID_MASK;
          last->flags &= ~(guint32) (TOK_STOP | TOK_LINK | TOK_COORD | TOK_ACRONYM);
          if (v & STOP_BIT)
            last->flags |= TOK_STOP;
          last_end = end;
          joiner = FALSE;
          continue;
        }
      joiner = FALSE;
      pending_space = FALSE;
      TermToken t = { 0 };
      t.start = (guint32) start;
      t.end = (guint32) end;
      t.id = word_id (side, text + start, end - start);
      if (t.id & STOP_BIT)
        t.flags |= TOK_STOP;
      if (t.id & LINK_BIT)
        t.flags |= TOK_LINK;
      if (t.id & COORD_BIT)
        t.flags |= TOK_COORD;
      t.id &= ID_MASK;
      if (pending_break)
        t.flags |= TOK_BREAK;
      if (first)
        t.flags |= TOK_FIRST;
      if (is_acronym (text + start, end - start))
        t.flags |= TOK_ACRONYM;
      if (g_unichar_isupper (g_utf8_get_char (text + start)))
        t.flags |= TOK_CAPITAL;
      if (side->english && end - start > 2 && (text[end - 1] == 's' || text[end - 1] == 'S')
          && (text[end - 2] == '\'' || (end - start > 4 && memcmp (text + end - 4, "\xe2\x80\x99", 3) == 0)))
        t.flags |= TOK_POSS;
      g_array_append_val (tokens, t);
      pending_break = FALSE;
      first = FALSE;
      last_end = end;
    }
  count_capitals (side, tokens);
}

/* The n-gram table */

void
bitext_terms__table_init (TermTable *t, gsize expected)
{
  memset (t, 0, sizeof *t);
  t->cap_slots = 1024;
  while (t->cap_slots < expected * 2)
    t->cap_slots *= 2;
  t->slots = g_new0 (guint32, t->cap_slots);
  t->cap_dense = t->cap_slots / 2;
  t->keys = g_new (TermKey, t->cap_dense);
  t->counts = g_new0 (guint32, t->cap_dense);
}

void
bitext_terms__table_clear (TermTable *t)
{
  g_free (t->slots);
  g_free (t->keys);
  g_free (t->counts);
  memset (t, 0, sizeof *t);
}

static guint32
key_hash_seeded (const TermKey *k, guint32 seed)
{
  /* FNV-1a over the four ids, then a murmur finaliser for the low bits. */
  guint32 h = seed;
  for (int i = 0; i < TERM_MAX_WORDS; i++)
    h = (h ^ k->id[i]) * 16777619u;
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  return h;
}

static guint32
key_hash (const TermKey *k)
{
  return key_hash_seeded (k, 2166136261u);
}

static gsize
find_slot (const TermTable *t, const TermKey *key)
{
  gsize mask = t->cap_slots - 1;
  for (gsize s = key_hash (key) & mask;; s = (s + 1) & mask)
    {
      guint32 v = t->slots[s];
      if (v == 0 || memcmp (&t->keys[v - 1], key, sizeof *key) == 0)
        return s;
    }
}

static void
table_grow (TermTable *t)
{
  g_free (t->slots);
  t->cap_slots *= 2;
  t->slots = g_new0 (guint32, t->cap_slots);
  for (gsize i = 0; i < t->n; i++)
    t->slots[find_slot (t, &t->keys[i])] = (guint32) i + 1;
  t->cap_dense = t->cap_slots / 2;
  t->keys = g_renew (TermKey, t->keys, t->cap_dense);
  t->counts = g_renew (guint32, t->counts, t->cap_dense);
  memset (t->counts + t->n, 0, (t->cap_dense - t->n) * sizeof (guint32));
}

gsize
bitext_terms__table_intern (TermTable *t, const TermKey *key)
{
  gsize s = find_slot (t, key);
  if (t->slots[s] != 0)
    return t->slots[s] - 1;
  if (t->n + 1 >= t->cap_dense)
    {
      table_grow (t);
      s = find_slot (t, key);
    }
  t->keys[t->n] = *key;
  t->slots[s] = (guint32) ++t->n;
  return t->n - 1;
}

gssize
bitext_terms__table_lookup (const TermTable *t, const TermKey *key)
{
  if (t->n == 0)
    return -1;
  guint32 v = t->slots[find_slot (t, key)];
  return v == 0 ? -1 : (gssize) v - 1;
}

gboolean
bitext_terms__ngram_ok (const TermToken *tokens, guint n_tokens, guint i, guint n)
{
  if (i + n > n_tokens)
    return FALSE;
  guint inner_stops = 0;
  for (guint k = 1; k < n; k++)
    {
      /* "Russia's ICBM": a possessive ends a determiner, the term follows it. */
      if (tokens[i + k - 1].flags & TOK_POSS)
        return FALSE;
      if (tokens[i + k].flags & TOK_BREAK)
        return FALSE;
      if (k + 1 < n && (tokens[i + k].flags & TOK_STOP))
        {
          if (!(tokens[i + k].flags & TOK_LINK) || ++inner_stops > 1)
            return FALSE;
          /* "NATO and Russia": two names coordinated are two terms, not one. */
          if ((tokens[i + k].flags & TOK_COORD)
              && ((tokens[i + k - 1].flags | tokens[i + k + 1].flags) & TOK_ACRONYM))
            return FALSE;
        }
    }
  /* A single Latin letter is no term on its own: a variable, an option, an answer ("[Y/n]"). */
  if (n == 1 && tokens[i].end - tokens[i].start == 1)
    return FALSE;
  return !(tokens[i].flags & TOK_STOP) && !(tokens[i + n - 1].flags & TOK_STOP);
}

static void
make_key (const TermToken *tokens, guint i, guint n, TermKey *key)
{
  memset (key, 0, sizeof *key);
  for (guint k = 0; k < n; k++)
    key->id[k] = tokens[i + k].id;
}

/* C-value */

/*
** The length weight of C-value. Frantzi, Ananiadou & Mima (2000) weight a
** candidate of |a| words by log2 |a|, which is 0 for single words; we use
** log2 (|a| + 1), the modification of Barrón-Cedeño, Sierra, Drouin &
** Ananiadou (2009, "An improved automatic term recognition method for
** Spanish", CICLing) that lets single-word terms (NATO, interceptor) rank.
*/
double
bitext_terms__cvalue_weight (guint n_words)
{
  return log2 ((double) n_words + 1.0);
}

typedef struct
{
  guint index;              /* in the table */
  guint n;
} Nested;

/*
** C-value of every n-gram of @t with a count of at least @min_freq, into
** @cvalue (by table index). Frantzi et al.'s algorithm: going from the
** longest candidates down, each candidate b passes to every shorter
** candidate a inside it the occurrences not already explained by longer
** ones, t(a) += f(b) - t(b), and counts it, c(a) += 1; then
**   C(a) = w(|a|) f(a)                    if c(a) = 0
**   C(a) = w(|a|) (f(a) - t(a) / c(a))    otherwise.
** A single acronym or name is a unit of its own wherever it stands (ICBM in
** "Russia's ICBMs", Chicago in "Summit in Chicago"): it is never nested.
*/
static guint
unigram_count (const TermTable *t, guint32 id)
{
  TermKey k = { { id } };
  gssize i = bitext_terms__table_lookup (t, &k);
  return i < 0 ? 0 : t->counts[i];
}

static guint
part_count (const TermTable *t, const TermKey *b, guint off, guint n)
{
  TermKey k = { { 0 } };
  memcpy (k.id, b->id + off, n * sizeof (guint32));
  gssize i = bitext_terms__table_lookup (t, &k);
  return i < 0 ? 0 : t->counts[i];
}

/*
** How n-gram @b of @f occurrences splits into a term and a word that is a
** term of its own: 1 when its first len-1 words occur only inside @b and
** its last word outside @b at least as often as inside (f(w) >= 2 f(b)):
** "command and control system" is "command and control" + "system", an
** independent head noun. C-value gives a part that only occurs inside one
** longer candidate 0 (it is not independent); here the part is the term
** and the head its free complement, so the part keeps its occurrences.
** Only the last word: English noun phrases are head-final, and a first
** word that recurs alone is a modifier ("missile" in "missile defence
** system"), which leaves the rest no term.
*/
static guint
split_of (const TermTable *t, const TermKey *b, guint len, guint f)
{
  if (len < 3)
    return 0;
  guint split = 0;
  if (part_count (t, b, 0, len - 1) == f && unigram_count (t, b->id[len - 1]) >= 2 * f)
    split |= 1;
  return split;
}

/*
** Whether a coordination inside @k is fixed ("command and control",
** «планирования и операций»): the n-gram accounts for at least half the
** occurrences of the rarer of the two coordinated words. Otherwise "X and Y"
** is two terms that happen to be listed together (Justeson & Katz 1995 admit
** no conjunction in a term pattern; fixed binomials are the exception).
*/
static gboolean
coord_ok (const TermSide *side, const TermTable *t, const TermKey *k, guint len, guint f)
{
  for (guint w = 1; w + 1 < len; w++)
    if (is_coord (side, k->id[w]))
      {
        guint rarer = MIN (unigram_count (t, k->id[w - 1]), unigram_count (t, k->id[w + 1]));
        if (2 * f < rarer)
          return FALSE;
      }
  return TRUE;
}

/*
** Unithood (Kageura & Umino 1996) of n-gram @b of @f occurrences: over its
** splits into two parts that both occur as n-grams, the least of f(b) /
** min(f(x), f(y)), the larger of the conditional probabilities of the whole
** given a part. "ballistic missile" gets 1 (ballistic never occurs
** without missile); "NATO system", 3 of the 12 occurrences of "system",
** gets 1/4: two terms that meet, not a term. 1 for single words.
*/
static double
cohesion_of (const TermTable *t, const TermKey *b, guint len, guint f)
{
  double least = 1.0;
  for (guint cut = 1; cut < len; cut++)
    {
      guint fx = part_count (t, b, 0, cut), fy = part_count (t, b, cut, len - cut);
      if (fx == 0 || fy == 0)
        continue;
      least = MIN (least, (double) f / MIN (fx, fy));
    }
  return least;
}

static void
compute_cvalue (const TermSide *side, const TermTable *t, guint min_freq, double *cvalue)
{
  double *nested_t = g_new0 (double, t->n);
  guint *nested_c = g_new0 (guint, t->n);
  for (guint len = TERM_MAX_WORDS; len >= 1; len--)
    for (gsize i = 0; i < t->n; i++)
      {
        const TermKey *b = &t->keys[i];
        if (t->counts[i] < min_freq || term_key_len (b) != len)
          continue;
        double f = t->counts[i];
        if (!coord_ok (side, t, b, len, t->counts[i]))
          continue;
        cvalue[i] = bitext_terms__cvalue_weight (len)
                    * (nested_c[i] == 0 ? f : f - nested_t[i] / nested_c[i]);
        guint split = split_of (t, b, len, t->counts[i]);
        /* Pass to each distinct proper sub-n-gram. */
        TermKey seen[TERM_MAX_WORDS * TERM_MAX_WORDS];
        guint n_seen = 0;
        for (guint sub = 1; sub < len; sub++)
          for (guint off = 0; off + sub <= len; off++)
            {
              TermKey a = { { 0 } };
              memcpy (a.id, b->id + off, sub * sizeof (guint32));
              gboolean dup = FALSE;
              for (guint k = 0; k < n_seen && !dup; k++)
                dup = memcmp (&seen[k], &a, sizeof a) == 0;
              gssize ai = dup ? -1 : bitext_terms__table_lookup (t, &a);
              if (ai < 0 || t->counts[ai] < min_freq || (sub == 1 && bitext_terms__is_name (side, a.id[0])))
                continue;
              if (sub == len - 1 && (split & 1) && off == 0)
                continue;
              seen[n_seen++] = a;
              nested_t[ai] += f - nested_t[i];
              nested_c[ai]++;
            }
      }
  g_free (nested_t);
  g_free (nested_c);
}

/* Candidates */

void
bitext_terms__cand_free (gpointer data)
{
  TermCand *c = data;
  g_clear_pointer (&c->units, g_array_unref);
  g_clear_pointer (&c->free_units, g_array_unref);
  g_clear_pointer (&c->forms, g_hash_table_unref);
  g_free (c->text);
  g_free (c);
}

/* The n-gram tokens[i..i+n) as written, white space collapsed to single spaces. */
static char *
form_of (const char *text, const TermToken *tokens, guint i, guint n)
{
  GString *s = g_string_sized_new (tokens[i + n - 1].end - tokens[i].start);
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append_c (s, ' ');
      g_string_append_len (s, text + tokens[i + k].start, tokens[i + k].end - tokens[i + k].start);
    }
  return g_string_free (s, FALSE);
}

static int
compare_cand (gconstpointer pa, gconstpointer pb)
{
  const TermCand *a = *(const TermCand *const *) pa, *b = *(const TermCand *const *) pb;
  if (a->cvalue != b->cvalue)
    return a->cvalue > b->cvalue ? -1 : 1;
  if (a->freq != b->freq)
    return a->freq > b->freq ? -1 : 1;
  return memcmp (&a->key, &b->key, sizeof a->key);
}

/* The most frequent form; ties go to the form that sorts first, for stable output. */
static char *
most_frequent_form (GHashTable *forms)
{
  GHashTableIter it;
  gpointer k, v;
  const char *best = NULL;
  guint best_n = 0;
  g_hash_table_iter_init (&it, forms);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (GPOINTER_TO_UINT (v) > best_n
        || (GPOINTER_TO_UINT (v) == best_n && strcmp (k, best) < 0))
      {
        best = k;
        best_n = GPOINTER_TO_UINT (v);
      }
  return g_strdup (best);
}

/*
** Count @form in @forms; a form at the start of its text whose first
** letter is a capital (and not an acronym) is counted under "\1" + form,
** to be settled by bitext_terms__settle_initial_forms().
*/
void
bitext_terms__count_form (GHashTable *forms, char *form, guint32 first_flags)
{
  if ((first_flags & (TOK_FIRST | TOK_CAPITAL | TOK_ACRONYM)) == (TOK_FIRST | TOK_CAPITAL))
    {
      char *marked = g_strconcat ("\1", form, NULL);
      g_free (form);
      form = marked;
    }
  gpointer old = g_hash_table_lookup (forms, form);
  g_hash_table_insert (forms, form, GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
}

/*
** A capital at the start of a text says nothing of how a term is written:
** such a form is counted with a lower-case first letter when some form
** not at the start of a text begins with a lower-case letter, else as
** written ("Medvedev", a name, stays capitalised).
*/
void
bitext_terms__settle_initial_forms (GHashTable *forms)
{
  g_autoptr(GPtrArray) marked = g_ptr_array_new_with_free_func (g_free);
  gboolean lower_seen = FALSE;
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, forms);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (((char *) k)[0] == '\1')
      {
        g_ptr_array_add (marked, g_strdup (k));
        g_ptr_array_add (marked, v);
      }
    else
      lower_seen |= g_unichar_islower (g_utf8_get_char (k));
  for (guint i = 0; i < marked->len; i += 2)
    {
      const char *form = (char *) marked->pdata[i] + 1;
      guint n = GPOINTER_TO_UINT (marked->pdata[i + 1]);
      marked->pdata[i + 1] = NULL;
      g_hash_table_remove (forms, marked->pdata[i]);
      GString *lower = g_string_new (NULL);
      g_string_append_unichar (lower, g_unichar_tolower (g_utf8_get_char (form)));
      g_string_append (lower, g_utf8_next_char (form));
      char *key = lower_seen ? g_string_free (lower, FALSE)
                             : (g_string_free (lower, TRUE), g_strdup (form));
      gpointer old = g_hash_table_lookup (forms, key);
      g_hash_table_insert (forms, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + n));
    }
}

/*
** A count-min sketch (Cormode & Muthukrishnan 2005, "An improved data
** stream summary: the count-min sketch and its applications", Journal of
** Algorithms 55(1)) of n-gram occurrences: two rows of 8-bit saturating
** counters, one hash each. Its estimate of a count, the lesser of the two
** counters, is never below the true count: an n-gram it puts below
** min_freq is below min_freq, and need not be counted exactly.
*/
void
bitext_terms__sketch_init (TermSketch *s, gsize occurrences)
{
  gsize size = 1u << 16;
  while (size < occurrences && size < (1u << 27))
    size *= 2;
  s->mask = size - 1;
  s->rows = g_new0 (guint8, 2 * size);
}

void
bitext_terms__sketch_clear (TermSketch *s)
{
  g_clear_pointer (&s->rows, g_free);
}

void
bitext_terms__sketch_add (TermSketch *s, const TermKey *key)
{
  guint8 *a = &s->rows[key_hash_seeded (key, 0x9747b28cu) & s->mask];
  guint8 *b = &s->rows[s->mask + 1 + (key_hash_seeded (key, 0x5bd1e995u) & s->mask)];
  *a += *a < 255;
  *b += *b < 255;
}

guint
bitext_terms__sketch_estimate (const TermSketch *s, const TermKey *key)
{
  return MIN (s->rows[key_hash_seeded (key, 0x9747b28cu) & s->mask],
              s->rows[s->mask + 1 + (key_hash_seeded (key, 0x5bd1e995u) & s->mask)]);
}

/*
** Call @fn on every valid n-gram of every text: at most @max_words words,
** no break inside, the ends no stop words (bitext_terms__ngram_ok).
*/
static void
foreach_ngram (GArray *const *tokens, guint n_texts, guint max_words,
               void (*fn) (const TermKey *key, gpointer data), gpointer data)
{
  for (guint u = 0; u < n_texts; u++)
    {
      const TermToken *tok = (const TermToken *) tokens[u]->data;
      guint n_tok = tokens[u]->len;
      for (guint i = 0; i < n_tok; i++)
        for (guint n = 1; n <= max_words && i + n <= n_tok; n++)
          {
            if (n > 1 && (tok[i + n - 1].flags & TOK_BREAK))
              break;
            if (!bitext_terms__ngram_ok (tok, n_tok, i, n))
              continue;
            TermKey key;
            make_key (tok, i, n, &key);
            fn (&key, data);
          }
    }
}

typedef struct
{
  TermTable *t;
  TermSketch sketch;        /* rows NULL: count every n-gram */
  guint min_freq;
} Counting;

static void
sketch_one (const TermKey *key, gpointer data)
{
  bitext_terms__sketch_add (&((Counting *) data)->sketch, key);
}

static void
count_one (const TermKey *key, gpointer data)
{
  Counting *c = data;
  if (c->sketch.rows == NULL || bitext_terms__sketch_estimate (&c->sketch, key) >= c->min_freq)
    {
      /* Interning may grow the table, counts with it: index it only after the call (in one
      ** expression the array could be read before it moves; clang did, a fuzzer found it). */
      gsize k = bitext_terms__table_intern (c->t, key);
      c->t->counts[k]++;
    }
}

/*
** Count the valid n-grams of every text into @t (occurrences). Those that
** cannot reach @min_freq may be left out: in a large memory most n-grams
** occur once, and a first pass over a count-min sketch keeps them out of
** the table, whose size (and the C-value pass over it) then follows the
** n-grams that can become candidates. The sketch has a counter per
** n-gram occurrence in each of its two rows (at most 2^27, 128 MiB a row),
** so that few rare n-grams share counters with frequent ones.
*/
static void
count_ngrams (TermTable *t, GArray *const *tokens, guint n_texts, guint max_words, guint min_freq)
{
  gsize occurrences = 0;
  for (guint u = 0; u < n_texts; u++)
    occurrences += (gsize) tokens[u]->len * max_words;
  Counting c = { t, { NULL, 0 }, min_freq };
  if (min_freq > 1 && min_freq <= 255 && occurrences >= (1u << 20))
    {
      bitext_terms__sketch_init (&c.sketch, occurrences);
      foreach_ngram (tokens, n_texts, max_words, sketch_one, &c);
    }
  foreach_ngram (tokens, n_texts, max_words, count_one, &c);
  bitext_terms__sketch_clear (&c.sketch);
}

typedef struct
{
  guint cand;               /* rank */
  guint i, n;               /* tokens */
} Occurrence;

static void
append_unit (GArray *units, guint u)
{
  if (units->len == 0 || g_array_index (units, guint, units->len - 1) != u)
    g_array_append_val (units, u);
}

/*
** Mark unit @u free for each candidate occurring there outside every
** occurrence of a longer candidate of better C-value rank: in "missile
** defence system", "defence" is not free, being part of "missile defence".
** The pairing of a candidate uses its free units only, as C-value
** discounts nested occurrences: they are evidence for the longer term.
** Acronyms are always free; a capitalised word keeps its C-value inside a
** longer name ("Interim" in "Interim Capability") but its occurrences
** there are evidence for the name, not for the word.
** @occ is in the order of the first token: an occurrence that holds
** occurrence o starts at most TERM_MAX_WORDS - 1 tokens before o and not
** after it, so only that window of @occ is searched.
*/
static void
mark_free (GPtrArray *cands, GArray *occ, guint u)
{
  guint lo = 0;
  for (guint a = 0; a < occ->len; a++)
    {
      const Occurrence *o = &g_array_index (occ, Occurrence, a);
      const TermCand *c = cands->pdata[o->cand];
      gboolean name = c->n_words == 1 && c->acronym;
      gboolean nested = FALSE;
      while (g_array_index (occ, Occurrence, lo).i + TERM_MAX_WORDS <= o->i)
        lo++;
      for (guint b = lo; b < occ->len && g_array_index (occ, Occurrence, b).i <= o->i && !nested && !name; b++)
        {
          const Occurrence *p = &g_array_index (occ, Occurrence, b);
          const TermCand *pc = cands->pdata[p->cand];
          gboolean split = p->n == o->n + 1
                           && (pc->split & 1) && p->i == o->i;
          nested = p->cand < o->cand && p->n > o->n && p->i <= o->i && p->i + p->n >= o->i + o->n
                   && !split;
        }
      if (!nested)
        append_unit (((TermCand *) cands->pdata[o->cand])->free_units, u);
    }
}

/*
** Whether occurrence @j (from 0) of @freq is one of the FORM_SAMPLE, evenly
** spaced, whose form is counted: the forms of a frequent candidate are
** estimated, not tallied one by one (1 / (2 sqrt 256) = 0.031, the standard
** error of a form's share at most).
*/
#define FORM_SAMPLE 256

static gboolean
form_sampled (guint j, guint freq)
{
  if (freq <= FORM_SAMPLE)
    return TRUE;
  return j == 0 || (guint64) j * FORM_SAMPLE / freq != (guint64) (j - 1) * FORM_SAMPLE / freq;
}

/* Record where each selected candidate occurs and how it is written (a sample of the forms). */
static void
collect_occurrences (GPtrArray *cands, GArray *const *tokens, const char *const *texts,
                     guint n_texts, guint max_words)
{
  TermTable sel;
  bitext_terms__table_init (&sel, cands->len);
  for (guint c = 0; c < cands->len; c++)
    bitext_terms__table_intern (&sel, &((TermCand *) cands->pdata[c])->key);
  /* The words that start a candidate, by id: no n-gram starting elsewhere is looked up. */
  guint32 n_first = 1;
  for (guint c = 0; c < cands->len; c++)
    n_first = MAX (n_first, ((TermCand *) cands->pdata[c])->key.id[0] + 1);
  g_autofree guint8 *first = g_new0 (guint8, n_first);
  for (guint c = 0; c < cands->len; c++)
    first[((TermCand *) cands->pdata[c])->key.id[0]] = 1;
  g_autoptr(GArray) occ = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autofree guint *n_seen = g_new0 (guint, MAX (cands->len, 1));
  for (guint u = 0; u < n_texts; u++)
    {
      g_array_set_size (occ, 0);
      const TermToken *tok = (const TermToken *) tokens[u]->data;
      guint n_tok = tokens[u]->len;
      for (guint i = 0; i < n_tok; i++)
        for (guint n = 1; n <= max_words && i + n <= n_tok && tok[i].id < n_first && first[tok[i].id]; n++)
          {
            if (n > 1 && (tok[i + n - 1].flags & TOK_BREAK))
              break;
            if (!bitext_terms__ngram_ok (tok, n_tok, i, n))
              continue;
            TermKey key;
            make_key (tok, i, n, &key);
            gssize ci = bitext_terms__table_lookup (&sel, &key);
            if (ci < 0)
              continue;
            TermCand *c = cands->pdata[ci];
            append_unit (c->units, u);
            Occurrence o = { (guint) ci, i, n };
            g_array_append_val (occ, o);
            if (form_sampled (n_seen[ci]++, c->freq))
              bitext_terms__count_form (c->forms, form_of (texts[u], tok, i, n), tok[i].flags);
            if (!(tok[i].flags & TOK_FIRST))
              {
                c->n_inner++;
                c->n_capital += (tok[i].flags & TOK_CAPITAL) != 0;
              }
            c->acronym = n == 1 && (tok[i].flags & TOK_ACRONYM);
          }
      mark_free (cands, occ, u);
    }
  bitext_terms__table_clear (&sel);
}

static GArray *
exact_copy (GArray *units)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (guint), units->len);
  g_array_append_vals (copy, units->data, units->len);
  g_array_unref (units);
  return copy;
}

/*
** Keep @cand's unit lists at their exact size, and one list when all its
** units are free (the free units are a subset): in a memory of a million
** units the lists of 20,000 candidates hold hundreds of megabytes.
*/
static void
shrink_units (TermCand *cand)
{
  cand->units = exact_copy (cand->units);
  if (cand->free_units->len == cand->units->len)
    {
      g_array_unref (cand->free_units);
      cand->free_units = g_array_ref (cand->units);
    }
  else
    cand->free_units = exact_copy (cand->free_units);
}

/*
** Candidates over tokenised texts (@tokens[u] are the tokens of @texts[u]):
** n-grams of 1..@max_words words occurring in at least @min_freq texts, by
** C-value, best first, at most @max_candidates (0: all). (transfer full):
** a GPtrArray of TermCand.
*/
GPtrArray *
bitext_terms__candidates (TermSide *side, GArray *const *tokens, const char *const *texts,
                          guint n_texts, guint min_freq, guint max_words, guint max_candidates)
{
  max_words = CLAMP (max_words, 1, TERM_MAX_WORDS);
  min_freq = MAX (min_freq, 1);
  TermTable t;
  bitext_terms__table_init (&t, (gsize) n_texts * 8);
  count_ngrams (&t, tokens, n_texts, max_words, min_freq);
  double *cvalue = g_new0 (double, MAX (t.n, 1));
  compute_cvalue (side, &t, min_freq, cvalue);
  GPtrArray *cands = g_ptr_array_new_with_free_func (bitext_terms__cand_free);
  for (gsize i = 0; i < t.n; i++)
    {
      if (t.counts[i] < min_freq || cvalue[i] <= 0)
        continue;
      TermCand *c = g_new0 (TermCand, 1);
      c->key = t.keys[i];
      c->n_words = term_key_len (&c->key);
      c->freq = t.counts[i];
      c->cvalue = cvalue[i];
      c->split = split_of (&t, &c->key, c->n_words, c->freq);
      c->cohesion = cohesion_of (&t, &c->key, c->n_words, c->freq);
      g_ptr_array_add (cands, c);
    }
  g_free (cvalue);
  bitext_terms__table_clear (&t);
  g_ptr_array_sort (cands, compare_cand);
  if (max_candidates > 0 && cands->len > max_candidates)
    g_ptr_array_set_size (cands, max_candidates);
  for (guint c = 0; c < cands->len; c++)
    {
      TermCand *cand = cands->pdata[c];
      cand->units = g_array_new (FALSE, FALSE, sizeof (guint));
      cand->free_units = g_array_new (FALSE, FALSE, sizeof (guint));
      cand->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  collect_occurrences (cands, tokens, texts, n_texts, max_words);
  for (guint c = cands->len; c-- > 0;)
    {
      TermCand *cand = cands->pdata[c];
      if (cand->units->len < min_freq)
        g_ptr_array_remove_index (cands, c);
      else
        {
          bitext_terms__settle_initial_forms (cand->forms);
          cand->text = most_frequent_form (cand->forms);
          shrink_units (cand);
        }
    }
  return cands;
}

/* Public API */

struct _BitextTermCandidates
{
  GPtrArray *cands;         /* TermCand */
  BitextTermCandidate *pub;
};

/**
 * bitext_terms_find_candidates:
 * @lang: the texts' language (BCP 47; "en", "ru")
 * @texts: (array length=n_texts): UTF-8 texts, one a unit
 * @n_texts: their number
 * @options: (nullable): min_freq, max_words and max_candidates are used
 * @error: return location for a #GError
 *
 * Finds the term candidates of texts in one language: word n-grams that
 * neither start nor end with a stop word nor cross punctuation, ranked by
 * C-value.
 *
 * Returns: (transfer full) (nullable): the candidates, best first, or %NULL
 *   with @error set (BITEXT_ERROR_LANGUAGE without a language)
 */
BitextTermCandidates *
bitext_terms_find_candidates (const char *lang, const char *const *texts, guint n_texts,
                              const BitextTermOptions *options, GError **error)
{
  g_return_val_if_fail (texts != NULL || n_texts == 0, NULL);
  BitextTermOptions defaults = BITEXT_TERM_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  TermSide side;
  if (!bitext_terms__side_init (&side, lang, error))
    return NULL;
  GArray **tokens = g_new (GArray *, MAX (n_texts, 1));
  for (guint u = 0; u < n_texts; u++)
    {
      tokens[u] = g_array_new (FALSE, FALSE, sizeof (TermToken));
      bitext_terms__tokenize (&side, texts[u], tokens[u]);
    }
  BitextTermCandidates *out = g_new0 (BitextTermCandidates, 1);
  out->cands = bitext_terms__candidates (&side, tokens, texts, n_texts, options->min_freq,
                                         options->max_words, options->max_candidates);
  for (guint u = 0; u < n_texts; u++)
    g_array_unref (tokens[u]);
  g_free (tokens);
  bitext_terms__side_clear (&side);
  out->pub = g_new0 (BitextTermCandidate, MAX (out->cands->len, 1));
  for (guint i = 0; i < out->cands->len; i++)
    {
      const TermCand *c = out->cands->pdata[i];
      out->pub[i] = (BitextTermCandidate) {
        .text = c->text, .n_words = c->n_words, .freq = c->freq, .cvalue = c->cvalue,
        .units = (const guint *) c->units->data, .n_units = c->units->len,
        .acronym = c->acronym, .name = !c->acronym && c->n_inner > 0 && c->n_capital * 2 > c->n_inner,
      };
    }
  return out;
}

void
bitext_term_candidates_free (BitextTermCandidates *candidates)
{
  if (candidates == NULL)
    return;
  g_ptr_array_unref (candidates->cands);
  g_free (candidates->pub);
  g_free (candidates);
}

guint
bitext_term_candidates_get_n (const BitextTermCandidates *candidates)
{
  g_return_val_if_fail (candidates != NULL, 0);
  return candidates->cands->len;
}

/**
 * bitext_term_candidates_get:
 *
 * Returns: (transfer none): candidate @index, best first
 */
const BitextTermCandidate *
bitext_term_candidates_get (const BitextTermCandidates *candidates, guint index)
{
  g_return_val_if_fail (candidates != NULL && index < candidates->cands->len, NULL);
  return &candidates->pub[index];
}

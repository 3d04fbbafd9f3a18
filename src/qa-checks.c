/* bitext — the QA checks: one static function per check, over one unit or over the whole text. */
#include <math.h>
#include <string.h>

#include <bitext/align.h>

#include "qa-private.h"
#include "terms-private.h"
#include "text-private.h"

#define ENABLED(ctx, check) (((ctx)->options->checks & (1u << (check))) != 0)

/* Glossary renderings seen, for the term-consistency part of the inconsistency check. */
typedef struct
{
  guint entry;
  int variant;
  guint unit;
  gsize start, end;
} TermUse;

static const char *
text_or_empty (const char *s)
{
  return s != NULL ? s : "";
}

/* The span of @s without leading and trailing white space: [*start, *end). */
static void
trimmed (const char *s, gsize *start, gsize *end)
{
  gsize a = 0, b = strlen (s);
  while (a < b && g_ascii_isspace (s[a]))
    a++;
  while (b > a && g_ascii_isspace (s[b - 1]))
    b--;
  *start = a;
  *end = b;
}

/* Whether @s is only white space: trimmed () would leave nothing. */
static gboolean
is_blank (const char *s)
{
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

/* The basic Russian alphabet, А to я: letters, Cyrillic, never space; lower case is +0x20. */
#define IS_BASIC_CYRILLIC(c) ((c) >= 0x0410 && (c) <= 0x044F)

/*
** FNV-1a (64 bits) of bitext_qa__normalise_key (@text), computed as the key
** is, character by character, without building it: lower-cased (ё as е),
** white space trimmed and collapsed to one space. | 1, so never 0.
*/
static guint64
key_hash (const char *text)
{
  guint64 h = 14695981039346656037u;
  gboolean space = FALSE, any = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      char buf[8];
      gsize n = 1;
      if (b < 0x80)
        {
          if (g_ascii_isspace (b))
            {
              space = any;
              continue;
            }
          buf[0] = g_ascii_tolower ((char) b);
        }
      else
        {
          gunichar c = g_utf8_get_char (p);
          if (IS_BASIC_CYRILLIC (c))
            {
              /* Most of a Russian text: no table lookups. */
              c = c < 0x0430 ? c + 0x20 : c;
              buf[0] = (char) (0xC0 | (c >> 6));
              buf[1] = (char) (0x80 | (c & 0x3F));
              n = 2;
            }
          else if (g_unichar_isspace (c))
            {
              space = any;
              continue;
            }
          else
            {
              c = g_unichar_tolower (c);
              n = (gsize) g_unichar_to_utf8 (c == 0x0451 ? 0x0435 : c, buf);
            }
        }
      if (space)
        h = (h ^ ' ') * 1099511628211u;
      space = FALSE;
      any = TRUE;
      for (gsize k = 0; k < n; k++)
        h = (h ^ (guchar) buf[k]) * 1099511628211u;
    }
  return h | 1;
}

/* The key hash of one side of unit @unit, computed once per run. */
guint64
bitext_qa__unit_key_hash (QaContext *ctx, guint unit, gboolean target)
{
  if (ctx->key_hash[target] == NULL)
    ctx->key_hash[target] = g_new0 (guint64, ctx->n_units + 1);
  guint64 *h = &ctx->key_hash[target][unit];
  if (*h == 0)
    *h = key_hash (text_or_empty (target ? ctx->units[unit].target : ctx->units[unit].source));
  return *h;
}

/* untranslated-segment ---------------------------------------------------------------------- */

/* Whether @text has a word of letters that no do-not-translate entry covers. */
static gboolean
has_translatable_word (const QaContext *ctx, const char *text)
{
  gsize length = strlen (text), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      if (w.n_letters == 0 || bitext_qa__in_code (text, w.start, w.end))
        continue;
      if (ctx->options->glossary == NULL)
        return TRUE;
      g_autofree char *f = bitext_qa__fold (text + w.start, (gssize) (w.end - w.start));
      if (!bitext_glossary__keeps_word (ctx->options->glossary, f))
        return TRUE;
    }
  return FALSE;
}

/* The share of the letters of @text written in @script. */
static double
script_share (const char *text, QaScript script, guint *n_letters)
{
  guint in = 0, all = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
      if (c < 0x80 || IS_BASIC_CYRILLIC (c))
        {
          /* ASCII and the Russian alphabet, most letters: no table lookups. */
          gboolean latin = c < 0x80;
          if (latin && !g_ascii_isalpha ((char) c))
            continue;
          all++;
          in += latin ? script == QA_SCRIPT_LATIN : script == QA_SCRIPT_CYRILLIC;
          continue;
        }
      if (!g_unichar_isalpha (c))
        continue;
      all++;
      GUnicodeScript s = g_unichar_get_script (c);
      in += (script == QA_SCRIPT_LATIN && s == G_UNICODE_SCRIPT_LATIN)
            || (script == QA_SCRIPT_CYRILLIC && s == G_UNICODE_SCRIPT_CYRILLIC);
    }
  *n_letters = all;
  return all > 0 ? (double) in / all : 0.0;
}

/*
** The share of the letters of @text's words in @script, leaving out the
** words of code (options, placeholders, identifiers: bitext_qa__in_code),
** and the capitalised words of @script (names): a translation keeps them.
** Slower than script_share (): a second look.
*/
static double
prose_script_share (const char *text, QaScript script)
{
  gsize length = strlen (text), pos = 0;
  guint in = 0, all = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      if (w.n_letters == 0 || bitext_qa__in_code (text, w.start, w.end))
        continue;
      /* A capitalised word in the source's script is a name (Dolby Digital, GNU General
      ** Public License) that a translation keeps: it is not prose left in that language. */
      if (w.script == script && g_unichar_isupper (g_utf8_get_char (text + w.start)))
        continue;
      all += w.n_letters;
      in += w.script == script ? w.n_letters : 0;
    }
  return all > 0 ? (double) in / all : 0.0;
}

/* Whether the target's normalised text is the source's: hashes first, the texts when they agree. */
static gboolean
is_copy (QaContext *ctx, guint i)
{
  if (bitext_qa__unit_key_hash (ctx, i, FALSE) != bitext_qa__unit_key_hash (ctx, i, TRUE))
    return FALSE;
  g_autofree char *sk = bitext_qa__normalise_key (text_or_empty (ctx->units[i].source));
  g_autofree char *tk = bitext_qa__normalise_key (text_or_empty (ctx->units[i].target));
  return strcmp (sk, tk) == 0;
}

/* Whether @c opens or closes a quotation: straight, typographic or guillemets. */
static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == '\'' || c == '`' || c == 0x00AB || c == 0x00BB || c == 0x201C
         || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x201E;
}

/* Whether the word @w of @t can be prose (code_around_translation). */
static gboolean
prose_word (const char *t, const QaWord *w)
{
  if (bitext_qa__in_code (t, w->start, w->end) || w->n_upper == w->n_letters)
    return FALSE;
  gboolean hyphen_before = w->start > 0 && t[w->start - 1] == '-';
  gboolean hyphen_after = t[w->end] == '-';
  if (hyphen_before || hyphen_after)
    return FALSE;
  gboolean quoted = w->start > 0 && is_quote (g_utf8_get_char (g_utf8_prev_char (t + w->start)))
                    && t[w->end] != '\0' && is_quote (g_utf8_get_char (t + w->end));
  return !quoted;
}

/*
** Whether @t has a phrase of the source's language: two of its
** source-script words in a row, one of them a function word of that
** language (the, of, to), what any sentence left in that language has ("is
** out of bounds"), and what commands, options, type and key names lack
** («git am [<опции>] (--continue)», «раздел message»). Only words of prose
** count: not a word of code, nor one in capitals (an SQL keyword: WITH),
** nor one joined by a hyphen into an identifier (for-each-ref,
** --no-contains, trap-on-NULL-dereference), nor a quoted value ("all"), all
** of which a translation keeps as they are. *@translated is set when a word
** of the target's script comes before the phrase, or anywhere without one.
*/
static gboolean
source_phrase (const QaContext *ctx, const char *t, gboolean *translated)
{
  gsize length = strlen (t), pos = 0, run_end = 0;
  QaWord w;
  gboolean run_stop = FALSE;
  guint run = 0;
  g_autoptr(GString) lower = g_string_new (NULL);
  while (bitext_qa__next_word (t, length, &pos, &w))
    {
      if (w.script == ctx->tgt_script && w.n_letters > 0)
        *translated = TRUE;
      if (w.script != ctx->src_script || !prose_word (t, &w))
        {
          run = 0;
          continue;
        }
      /* The run of prose words that this one continues (only spaces between). */
      if (run > 0 && strspn (t + run_end, " ") >= w.start - run_end)
        run++;
      else
        run = 1, run_stop = FALSE;
      run_end = w.end;
      g_string_truncate (lower, 0);
      bitext_qa__lower (t + w.start, w.end - w.start, lower);
      run_stop |= g_hash_table_contains (ctx->src_stop, lower->str);
      if (run_stop && run >= 2)
        return TRUE;
    }
  return FALSE;
}

/*
** Whether @t translates its prose and keeps only code and names in the
** source's script: it has a word of the target's script and no phrase of
** the source's language (source_phrase). A function word alone between the
** target's words is a keyword the message names («endw без while», «until
** без repeat»). Unknown without the language's list of function words.
*/
static gboolean
code_around_translation (const QaContext *ctx, const char *t)
{
  if (ctx->src_stop == NULL || g_hash_table_size (ctx->src_stop) == 0)
    return FALSE;
  gboolean translated = FALSE;
  return !source_phrase (ctx, t, &translated) && translated;
}

/*
** Documents: whether @t, with no word of the target's script, has no phrase
** of the source's language either (source_phrase): a line of names, model
** numbers and code, such as a device as lspci prints it ("RTL8111/8168B PCI
** Express Gigabit Ethernet controller [10ec:8168] (rev 06)"), which a
** translation quotes as it is. A sentence left untranslated has its
** function words. Software strings are short, and an English message left
** as it is often has none ("Invalid argument"): there this tells nothing.
*/
static gboolean
names_only (const QaContext *ctx, const char *t)
{
  if (ctx->software || ctx->src_stop == NULL || g_hash_table_size (ctx->src_stop) == 0)
    return FALSE;
  gboolean translated = FALSE;
  return !source_phrase (ctx, t, &translated) && !translated;
}

/*
** The target is empty, the same as the source (a copy that holds words to
** translate), or more than half of its letters are in the source's script
** when the two languages use different scripts. Returns TRUE if flagged:
** the other checks would only repeat it.
*/
static gboolean
check_untranslated_segment (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  const char *s = u->source, *t = text_or_empty (u->target);
  gsize sa, sb, ta, tb;
  trimmed (s, &sa, &sb);
  trimmed (t, &ta, &tb);
  if (ta == tb)
    {
      bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_SEGMENT, BITEXT_SEVERITY_ERROR, i,
                              (gssize) sa, (gssize) sb, -1, -1, "the target is empty");
      return TRUE;
    }
  if (is_copy (ctx, i) && has_translatable_word (ctx, s))
    {
      /* In a document, a copy without a phrase of the source's language (two words in a
      ** row: bitext__has_phrase()) is a program, command, key or label name that the
      ** translation quotes as it is ("aptitude", "safe-upgrade", "q", "Search"), as the
      ** memory filters judge it (tm-clean.c): a note. Software strings are short, and a
      ** message left as it is often is one word ("Cancel"): an error there. */
      gboolean quoted = !ctx->software && !bitext__has_phrase (s + sa, sb - sa);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_SEGMENT,
                              quoted ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_ERROR, i,
                              (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                              quoted ? "the target is a copy of the source: a name, key or command "
                                       "kept as it is?"
                                     : "the target is a copy of the source");
      return TRUE;
    }
  if (ctx->src_script == QA_SCRIPT_NONE || ctx->tgt_script == QA_SCRIPT_NONE
      || ctx->src_script == ctx->tgt_script)
    return FALSE;
  guint n_letters;
  double share = script_share (t, ctx->src_script, &n_letters);
  if (share > 0.5)
    share = prose_script_share (t, ctx->src_script);
  if (share > 0.5 && has_translatable_word (ctx, t) && !code_around_translation (ctx, t)
      && !names_only (ctx, t))
    {
      bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_SEGMENT, BITEXT_SEVERITY_ERROR, i,
                              (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                              "%.0f%% of the target's letters are in the source's script",
                              share * 100);
      return TRUE;
    }
  return FALSE;
}

/* untranslated-term ------------------------------------------------------------------------- */

/* Whether the run of non-space characters around [start, end) is a URL, an e-mail or a path. */
gboolean
bitext_qa__in_url (const char *text, gsize start, gsize end)
{
  gsize a, b;
  bitext_qa__space_run (text, start, end, &a, &b);
  const char *run = text + a;
  gsize n = b - a;
  return memchr (run, '@', n) != NULL || memchr (run, '/', n) != NULL  /* '/' covers "://" */
         || (n >= 4 && memcmp (run, "www.", 4) == 0);
}

/* The run of non-space characters around @text[start, end): [*a, *b). */
void
bitext_qa__space_run (const char *text, gsize start, gsize end, gsize *a, gsize *b)
{
  *a = start;
  *b = end;
  while (*a > 0 && !g_ascii_isspace (text[*a - 1]))
    (*a)--;
  while (text[*b] != '\0' && !g_ascii_isspace (text[*b]))
    (*b)++;
}

/* Whether @pos is inside an inline tag <...>. */
gboolean
bitext_qa__in_tag (const char *text, gsize pos)
{
  for (gsize i = pos; i-- > 0;)
    {
      if (text[i] == '>')
        return FALSE;
      if (text[i] == '<')
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_roman (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strchr ("IVXLCDM", s[i]) == NULL)
      return FALSE;
  return n > 0;
}

/* Whether the word [start, end) is written in capitals only (NATO, SELECT, EOF). */
gboolean
bitext_qa__all_capitals (const char *t, gsize start, gsize end)
{
  for (const char *p = t + start; p < t + end; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/*
** Whether the word [start, end) stands alone between quotation marks
** ('true', «commit», "none"): a word quoted by itself is mentioned, not used
** (a value, a key, a command), and a translation keeps what it mentions.
*/
static gboolean
quoted_alone (const char *t, gsize start, gsize end)
{
  if (start == 0 || t[end] == '\0')
    return FALSE;
  gunichar open = g_utf8_get_char (g_utf8_prev_char (t + start));
  gunichar close = g_utf8_get_char (t + end);
  return g_utf8_strchr ("'\"`«„“‘", -1, open) != NULL
         && g_utf8_strchr ("'\"`»“”’", -1, close) != NULL;
}

/* Whether target word @w may stay in the source's script. */
static gboolean
excused (const QaContext *ctx, const char *t, const QaWord *w)
{
  /* One letter is a symbol, a variable or a unit (block N, `s' command), not a word. */
  if (w->n_digits > 0 || w->n_letters < 2 || is_roman (t + w->start, w->end - w->start))
    return TRUE;
  /* In software strings a word in capitals is an acronym, a constant or a keyword (USB, EOF,
  ** SELECT), which technical Russian keeps in Latin (not so in prose: NATO is НАТО). A word
  ** quoted alone is a mention. */
  if ((ctx->software && bitext_qa__all_capitals (t, w->start, w->end))
      || quoted_alone (t, w->start, w->end))
    return TRUE;
  if (bitext_qa__in_url (t, w->start, w->end) || bitext_qa__in_code (t, w->start, w->end))
    return TRUE;
  if (ctx->options->glossary == NULL)
    return FALSE;
  g_autofree char *f = bitext_qa__fold (t + w->start, (gssize) (w->end - w->start));
  return bitext_glossary__keeps_word (ctx->options->glossary, f);
}

/*
** Words in the source's script inside a target in another script (Latin in
** Russian), except numbers, Roman numerals, URLs, tags and the words of
** do-not-translate entries and of approved renderings, are recorded in
** @words; qa-names.c decides over the whole text which are names the
** translation keeps and flags the rest.
*/
static void
check_untranslated_term (QaContext *ctx, guint i, GArray *words)
{
  if (ctx->src_script == QA_SCRIPT_NONE || ctx->tgt_script == QA_SCRIPT_NONE
      || ctx->src_script == ctx->tgt_script)
    return;
  const char *t = ctx->units[i].target;
  gsize length = strlen (t), pos = 0;
  QaWord w;
  ctx->term_checked[i] = TRUE;
  while (bitext_qa__next_word (t, length, &pos, &w))
    if (w.script == ctx->src_script && !excused (ctx, t, &w))
      {
        SpellingWord kw = { i, w.start, w.end };
        g_array_append_val (words, kw);
      }
}

/* glossary ---------------------------------------------------------------------------------- */

static char *
join_alternatives (const BitextGlossaryEntry *e)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; e->targets[k] != NULL; k++)
    g_string_append_printf (s, "%s'%s'", k == 0 ? "" : " or ", e->targets[k]);
  return g_string_free (s, FALSE);
}

static const BitextTermMatch *
find_match (const GArray *matches, guint entry, gboolean forbidden)
{
  for (guint k = 0; k < matches->len; k++)
    {
      const BitextTermMatch *m = &g_array_index (matches, BitextTermMatch, k);
      if (m->entry == entry && m->forbidden == forbidden)
        return m;
    }
  return NULL;
}

/* The approved rendering of @entry that @tm holds, the longest when they nest. */
static void
record_use (GArray *uses, const GArray *tm, guint entry, guint unit)
{
  const BitextTermMatch *best = NULL;
  for (guint k = 0; k < tm->len; k++)
    {
      const BitextTermMatch *m = &g_array_index (tm, BitextTermMatch, k);
      if (m->entry == entry && !m->forbidden
          && (best == NULL || m->end - m->start > best->end - best->start))
        best = m;
    }
  for (guint k = 0; k < tm->len; k++)
    {
      const BitextTermMatch *m = &g_array_index (tm, BitextTermMatch, k);
      gboolean nested = m != best && m->start >= best->start && m->end <= best->end;
      if (m->entry == entry && !m->forbidden && !nested)
        {
          TermUse use = { entry, m->variant, unit, m->start, m->end };
          g_array_append_val (uses, use);
          return;
        }
    }
}

/*
** Each glossary term of the source needs one of its approved renderings
** somewhere in the target (any inflection); a forbidden rendering of it is
** an error. One finding per term and unit. Records the renderings used.
*/
static void
check_glossary (QaContext *ctx, guint i, GArray *uses)
{
  gboolean report = ENABLED (ctx, BITEXT_CHECK_GLOSSARY);
  BitextGlossary *g = ctx->options->glossary;
  const BitextQaUnit *u = &ctx->units[i];
  g_autoptr(GArray) sm = bitext_glossary_match (g, BITEXT_GLOSSARY_SOURCE, u->source);
  if (sm->len == 0)
    return;
  g_autoptr(GArray) tm = bitext_glossary_match (g, BITEXT_GLOSSARY_TARGET, u->target);
  for (guint k = 0; k < sm->len; k++)
    {
      const BitextTermMatch *m = &g_array_index (sm, BitextTermMatch, k);
      if (find_match (sm, m->entry, FALSE) != m)
        continue;                       /* the entry's first occurrence only */
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, m->entry);
      const BitextTermMatch *bad = find_match (tm, m->entry, TRUE);
      if (bad != NULL && report)
        bitext_qa__add_finding (ctx, BITEXT_CHECK_GLOSSARY, BITEXT_SEVERITY_ERROR, i,
                                (gssize) m->start, (gssize) m->end, (gssize) bad->start,
                                (gssize) bad->end, "'%s' is a forbidden rendering of '%s' (use '%s')",
                                e->forbidden[bad->variant], e->source, e->targets[0]);
      if (find_match (tm, m->entry, FALSE) != NULL)
        {
          record_use (uses, tm, m->entry, i);
          continue;
        }
      if (bad != NULL || !report)
        continue;
      g_autofree char *alts = join_alternatives (e);
      if (e->dnt)
        bitext_qa__add_finding (ctx, BITEXT_CHECK_GLOSSARY, BITEXT_SEVERITY_WARNING, i,
                                (gssize) m->start, (gssize) m->end, -1, -1,
                                "'%s' is not to be translated, but the target lacks it", e->source);
      else
        bitext_qa__add_finding (ctx, BITEXT_CHECK_GLOSSARY, BITEXT_SEVERITY_WARNING, i,
                                (gssize) m->start, (gssize) m->end, -1, -1,
                                "'%s' is not rendered as %s", e->source, alts);
    }
}

/* number ------------------------------------------------------------------------------------ */

/* An ordinal in words (first, «второй») stands only for a rank: the other must be one too (1st, «2-го»). */
static gboolean
ranks_agree (const QaNumber *m, const QaNumber *n)
{
  gboolean word_rank = (m->ordinal && m->in_words) || (n->ordinal && n->in_words);
  return !word_rank || (m->ordinal && n->ordinal);
}

/*
** Mark as matched the numbers of @b that equal one of @a (a multiset
** difference): digits with digits, words with words and code with code
** first, then what is left across. A numeral in words is as often a
** pronoun or an idiom («одно из», «нулевой байт») as a count, so it must
** not take the place of a digit that the other side writes as a digit
** too: else the digit left over is reported, not the word.
*/
static void
match_numbers (GArray *a, GArray *b, gboolean *a_hit, gboolean *b_hit)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint x = 0; x < a->len; x++)
      for (guint y = 0; y < b->len && !a_hit[x]; y++)
        {
          const QaNumber *m = &g_array_index (a, QaNumber, x), *n = &g_array_index (b, QaNumber, y);
          if (!b_hit[y] && (pass == 1 || (m->in_words == n->in_words && m->optional == n->optional))
              && strcmp (m->value, n->value) == 0 && ranks_agree (m, n))
            a_hit[x] = b_hit[y] = TRUE;
        }
}

/*
** A run of digits and separators copied verbatim: the number spans of @b
** that lie inside one occurrence in @b_text of the raw text of a number of
** @a ("0,31" in "[0,31]", "1,048,576") and cover it exactly. The two sides
** may parse the same characters differently (a comma is a decimal mark in
** Russian, a group or list separator in English), but the same string is
** the same data.
*/
static void
match_verbatim (const char *a_text, GArray *a, gboolean *a_hit, const char *b_text, GArray *b,
                gboolean *b_hit)
{
  for (guint x = 0; x < a->len; x++)
    {
      const QaNumber *n = &g_array_index (a, QaNumber, x);
      gsize len = n->end - n->start;
      if (a_hit[x] || n->in_words || len == 0)
        continue;
      g_autofree char *raw = g_strndup (a_text + n->start, len);
      for (const char *p = strstr (b_text, raw); p != NULL && !a_hit[x]; p = strstr (p + 1, raw))
        {
          gsize from = (gsize) (p - b_text), to = from + len;
          if ((from > 0 && g_ascii_isalnum (b_text[from - 1])) || g_ascii_isalnum (b_text[to]))
            continue;
          guint first = G_MAXUINT, last = 0, count = 0;
          for (guint y = 0; y < b->len; y++)
            {
              const QaNumber *m = &g_array_index (b, QaNumber, y);
              if (m->start < from || m->end > to || b_hit[y] || m->in_words)
                continue;
              first = MIN (first, y);
              last = y;
              count++;
            }
          if (count == 0 || g_array_index (b, QaNumber, first).start != from
              || g_array_index (b, QaNumber, last).end != to || last - first + 1 != count)
            continue;
          a_hit[x] = TRUE;
          for (guint y = first; y <= last; y++)
            b_hit[y] = TRUE;
        }
    }
}

/*
** The marker of a 12-hour time after @p, after optional spaces: "AM", "pm",
** "a.m.", "P.M." (the abbreviations of English's two day periods, CLDR
** dayPeriods; with periods as in the Chicago Manual of Style). Returns 1 for
** before noon, 2 for after, 0 for none.
*/
static int
day_period_after (const char *p)
{
  while (*p == ' ')
    p++;
  char c = g_ascii_tolower (p[0]);
  if (c != 'a' && c != 'p')
    return 0;
  const char *q = p + 1;
  if (*q == '.')
    q++;
  if (g_ascii_tolower (*q) != 'm')
    return 0;
  q++;
  if (q[-2] == '.' && *q == '.')
    q++;
  if (g_ascii_isalnum (*q))
    return 0;
  return c == 'a' ? 1 : 2;
}

/* The bytes of the time separator at @p: ':' or U+2236 RATIO '∶' (coreutils writes "15∶30"), or 0. */
static gsize
time_colon (const char *p)
{
  if (p[0] == ':')
    return 1;
  return (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x88 && (guchar) p[2] == 0xB6 ? 3 : 0;
}

/*
** A 12-hour time of @a ("5 PM", "12:30 a.m.") rendered on the 24-hour clock
** in @b ("17:00", «00:30»): the hour of @a matches its 24-hour value in @b
** (5 PM is 17, 12 AM is 0), and when @a gives no minutes, the "00" written
** after that hour in @b matches nothing of @a but is no number of its own.
*/
static void
match_clock (const char *a_text, GArray *a, gboolean *a_hit, const char *b_text, GArray *b,
             gboolean *b_hit)
{
  for (guint x = 0; x < a->len; x++)
    {
      const QaNumber *h = &g_array_index (a, QaNumber, x);
      if (a_hit[x] || h->in_words)
        continue;
      gint64 hour = g_ascii_strtoll (h->value, NULL, 10);
      const char *after = a_text + h->end;
      gboolean minutes = FALSE;
      gsize colon = time_colon (after);
      if (colon > 0 && x + 1 < a->len && g_array_index (a, QaNumber, x + 1).start == h->end + colon
          && g_array_index (a, QaNumber, x + 1).end == h->end + colon + 2)
        {
          minutes = TRUE;
          after = a_text + g_array_index (a, QaNumber, x + 1).end;
        }
      int period = day_period_after (after);
      if (period == 0 || hour < 1 || hour > 12 || strchr (h->value, '.') != NULL)
        continue;
      char h24[8];
      g_snprintf (h24, sizeof h24, "%d", (int) (hour % 12 + (period == 2 ? 12 : 0)));
      for (guint y = 0; y < b->len; y++)
        {
          const QaNumber *m = &g_array_index (b, QaNumber, y);
          if (b_hit[y] || m->in_words || strcmp (m->value, h24) != 0)
            continue;
          const QaNumber *next = y + 1 < b->len ? &g_array_index (b, QaNumber, y + 1) : NULL;
          /* "2:35 pm" is 14:35, not the 14 of another time ("14:15:20"). */
          if (minutes && (next == NULL || next->start != m->end + time_colon (b_text + m->end)
                          || time_colon (b_text + m->end) == 0
                          || strcmp (next->value, g_array_index (a, QaNumber, x + 1).value) != 0))
            continue;
          a_hit[x] = b_hit[y] = TRUE;
          if (!minutes && next != NULL && !b_hit[y + 1] && strcmp (next->value, "0") == 0
              && next->start == m->end + 1 && (b_text[m->end] == ':' || b_text[m->end] == '.'))
            b_hit[y + 1] = TRUE;
          break;
        }
    }
}

/*
** A date in digits may name its month in words in the other language:
** "2/29" is «29 февраля», 03.05. "3 May". A month name of @b left over
** matches a number of @a left over with the same value that is one part of
** a date in digits: a number of 1 to 12 joined by '/', '.' or '-' to
** another number, without spaces.
*/
static void
match_month_digits (const char *a_text, GArray *a, gboolean *a_hit, GArray *b, gboolean *b_hit)
{
  for (guint y = 0; y < b->len; y++)
    {
      const QaNumber *m = &g_array_index (b, QaNumber, y);
      if (b_hit[y] || !g_str_has_prefix (m->value, "month:"))
        continue;
      const char *month = m->value + strlen ("month:");
      for (guint x = 0; x < a->len && !b_hit[y]; x++)
        {
          const QaNumber *n = &g_array_index (a, QaNumber, x);
          if (a_hit[x] || n->in_words || strcmp (n->value, month) != 0)
            continue;
          gboolean before = n->start >= 2 && strchr ("/.-", a_text[n->start - 1]) != NULL
                            && g_ascii_isdigit (a_text[n->start - 2]);
          gboolean after = strchr ("/.-", a_text[n->end]) != NULL && a_text[n->end] != '\0'
                           && g_ascii_isdigit (a_text[n->end + 1]);
          if (before || after)
            a_hit[x] = b_hit[y] = TRUE;
        }
    }
}

/*
** The run of numbers around @numbers[@x] joined by time colons ("11:46:30",
** "15∶30") as [*first, *last], and the byte after it in @text.
*/
static const char *
clock_run (const char *text, GArray *numbers, guint x, guint *first, guint *last)
{
  guint f = x, l = x;
  while (f > 0)
    {
      const QaNumber *p = &g_array_index (numbers, QaNumber, f - 1), *n = &g_array_index (numbers, QaNumber, f);
      gsize c = time_colon (text + p->end);
      if (p->in_words || c == 0 || p->end + c != n->start)
        break;
      f--;
    }
  while (l + 1 < numbers->len)
    {
      const QaNumber *n = &g_array_index (numbers, QaNumber, l), *q = &g_array_index (numbers, QaNumber, l + 1);
      gsize c = time_colon (text + n->end);
      if (q->in_words || c == 0 || n->end + c != q->start)
        break;
      l++;
    }
  *first = f;
  *last = l;
  return text + g_array_index (numbers, QaNumber, l).end;
}

/*
** Times given as examples: the source has 12-hour times ("2:35 pm", "4 pm")
** that the target gives on no clock, and the target clock times of its own
** ("7:20"), fewer than those: the translation gave its own examples in its
** own convention (Russian, like most of Europe, writes the 24-hour clock and
** has no AM/PM), an adaptation to show, not numbers changed. One note per
** time, and neither side's numbers in them are reported again. One time for
** one ("5 PM" → «18:00») is a time changed, and a 12-hour time with no time
** in the target is one lost: both stay errors, as every number not in a time.
*/
/*
** Whether the numbers @x.. of @a start a time left over whole (none of its
** numbers matched): on the source side (@side 0) a 12-hour time, on the
** target side a clock time of two or three parts. Its numbers are
** [*first, *last], *@period its day period (0 for none), *@after the byte
** after its last number.
*/
static gboolean
time_left (const char *text, GArray *a, const gboolean *hit, guint x, guint side, guint *first,
           guint *last, int *period, const char **after)
{
  if (hit[x] || g_array_index (a, QaNumber, x).in_words)
    return FALSE;
  *after = clock_run (text, a, x, first, last);
  *period = day_period_after (*after);
  if (*first != x || (side == 0 ? *period == 0 : (*last == *first || *last - *first > 2)))
    return FALSE;
  for (guint k = *first; k <= *last; k++)
    if (hit[k])
      return FALSE;
  return TRUE;
}

static void
note_clock_examples (QaContext *ctx, guint i, GArray *sn, gboolean *s_hit, GArray *tn,
                     gboolean *t_hit)
{
  const BitextQaUnit *u = &ctx->units[i];
  GArray *nums[2] = { sn, tn };
  gboolean *hits[2] = { s_hit, t_hit };
  const char *texts[2] = { u->source, u->target };
  guint runs[2] = { 0, 0 }, f, l;
  int period;
  const char *after;
  for (guint side = 0; side < 2; side++)
    for (guint x = 0; x < nums[side]->len; x++)
      runs[side] += time_left (texts[side], nums[side], hits[side], x, side, &f, &l, &period, &after);
  if (runs[1] == 0 || runs[1] >= runs[0])
    return;
  for (guint side = 0; side < 2; side++)
    for (guint x = 0; x < nums[side]->len; x++)
      {
        const char *text = texts[side];
        if (!time_left (text, nums[side], hits[side], x, side, &f, &l, &period, &after))
          continue;
        for (guint k = f; k <= l; k++)
          hits[side][k] = TRUE;
        gsize a0 = g_array_index (nums[side], QaNumber, f).start, a1 = (gsize) (after - text);
        if (period != 0)
          {
            /* Take the day period in: "2:35 pm". */
            const char *q = after;
            while (*q == ' ')
              q++;
            while (*q != '\0' && (g_ascii_isalpha (*q) || *q == '.') && q - after < 8)
              q++;
            a1 = (gsize) (q - text);
          }
        if (ENABLED (ctx, BITEXT_CHECK_NUMBER))
          bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_INFO, i,
                                  side == 0 ? (gssize) a0 : -1, side == 0 ? (gssize) a1 : -1,
                                  side == 1 ? (gssize) a0 : -1, side == 1 ? (gssize) a1 : -1,
                                  side == 0 ? "'%.*s' is a 12-hour time with no counterpart in the "
                                              "target (examples given on the 24-hour clock?)"
                                            : "'%.*s' is a time with no counterpart in the source "
                                              "(an example adapted from its 12-hour times?)",
                                  (int) (a1 - a0), text + a0);
      }
}

/* A count of one may go unsaid (one another, «одна из», 1 year: «года»): not reported alone. */
static gboolean
reportable (const QaNumber *n)
{
  return !n->optional;
}

static GPtrArray *
unmatched (GArray *numbers, const gboolean *hit)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint k = 0; k < numbers->len; k++)
    if (!hit[k] && reportable (&g_array_index (numbers, QaNumber, k)))
      g_ptr_array_add (out, &g_array_index (numbers, QaNumber, k));
  return out;
}

/*
** The numbers of @text that are part of code (%1$s, utf8, --lines=10, a
** version in a path, "2.x-style") are never reported alone: code is copied
** or not as the message needs. They still match a number of the other side,
** where the translation writes the same number as prose («PGP 2.x»).
*/
static void
mark_code_numbers (GArray *numbers, const char *text)
{
  for (guint k = 0; k < numbers->len; k++)
    {
      QaNumber *n = &g_array_index (numbers, QaNumber, k);
      if (!n->in_words && bitext_qa__in_code (text, n->start, n->end))
        n->optional = TRUE;
    }
}

/* A cardinal in words (two, «двух»), not a digit, a century or a month. */
static gboolean
spelled (const QaNumber *n)
{
  return n->in_words && g_ascii_isdigit (n->value[0]);
}

/* How many times the word @word (@n bytes) stands whole in @text outside [@skip_a, @skip_b). */
static guint
count_word (const char *text, const char *word, gsize n, gsize skip_a, gsize skip_b)
{
  guint c = 0;
  gsize pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, strlen (text), &pos, &w))
    c += (w.start >= skip_b || w.end <= skip_a) && w.end - w.start == n
         && memcmp (text + w.start, word, n) == 0;
  return c;
}

/*
** The unit next to unit @i in direction @d (-1 or 1), when both are beads of
** one alignment, in order (their sentence counts known; a memory's units are
** not neighbours); -1 otherwise.
*/
static gint64
aligned_neighbour (const QaContext *ctx, guint i, gint d)
{
  gint64 k = (gint64) i + d;
  if (ctx->units[i].src_count == BITEXT_QA_COUNT_UNKNOWN || k < 0 || k >= ctx->n_units
      || ctx->units[k].src_count == BITEXT_QA_COUNT_UNKNOWN)
    return -1;
  return k;
}

/*
** The unit next to unit @i (the one before, else the one after: see
** aligned_neighbour()) whose @target side holds the word @word (@n bytes)
** more often than its other side, or -1. A sentence that the alignment put
** one pair off leaves its number or name unmatched in both pairs, the one it
** left and the one it joined («смотрите stat(2)» in the pair before "See
** stat(2).)").
*/
static gint
neighbour_with (const QaContext *ctx, guint i, const char *word, gsize n, gboolean target)
{
  for (gint d = -1; d <= 1; d += 2)
    {
      gint64 k = aligned_neighbour (ctx, i, d);
      if (k < 0)
        continue;
      const BitextQaUnit *v = &ctx->units[k];
      const char *same = text_or_empty (target ? v->target : v->source);
      const char *other = text_or_empty (target ? v->source : v->target);
      if (count_word (same, word, n, 0, 0) > count_word (other, word, n, 0, 0))
        return (gint) k;
    }
  return -1;
}

/* One number of one side with no counterpart: an error, or info for a numeral in words alone. */
static void
flag_lone_number (QaContext *ctx, guint i, const QaNumber *n, gboolean target, guint other_left)
{
  const char *text = target ? ctx->units[i].target : ctx->units[i].source;
  gssize a = (gssize) n->start, b = (gssize) n->end;
  int len = (int) (n->end - n->start);
  gint next_pair = n->in_words ? -1 : neighbour_with (ctx, i, text + n->start, (gsize) len, !target);
  if (spelled (n) && other_left == 0)
    bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_INFO, i, target ? -1 : a,
                            target ? -1 : b, target ? a : -1, target ? b : -1,
                            "'%.*s' is a number in words with no number in the %s (an idiom, "
                            "or implied?)", len, text + n->start, target ? "source" : "target");
  else if (next_pair >= 0)
    bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_INFO, i, target ? -1 : a,
                            target ? -1 : b, target ? a : -1, target ? b : -1,
                            "'%.*s' has no counterpart in this pair's %s but one in the %s pair's "
                            "(a sentence the alignment put in the other pair?)", len,
                            text + n->start, target ? "source" : "target",
                            next_pair < (gint) i ? "previous" : "next");
  else if (!target)
    bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, i, a, b, -1, -1,
                            "'%.*s' is missing from the target", len, text + n->start);
  else
    bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, i, -1, -1, a, b,
                            "'%.*s' in the target is not in the source", len, text + n->start);
}

/*
** The numbers, numerals, Roman centuries and dated months of the source and
** the target must agree as multisets. One source and one target number left
** over make one finding ("30 became 40"); otherwise one finding each. A
** numeral in words with no number left on the other side is info: "two
** opposing ends" is «разных концах», and numbers that people write in words
** are as often idioms as counts; a number in digits is data.
*/
static void
check_numbers (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  GArray *sn = bitext_qa__extract_numbers (u->source, ctx->options->src_lang);
  GArray *tn = bitext_qa__extract_numbers (u->target, ctx->options->tgt_lang);
  mark_code_numbers (sn, u->source);
  mark_code_numbers (tn, u->target);
  g_autofree gboolean *s_hit = g_new0 (gboolean, sn->len + 1);
  g_autofree gboolean *t_hit = g_new0 (gboolean, tn->len + 1);
  /* A time with its day period first: "12 AM" is 0 even where the target has a 12 elsewhere. */
  match_clock (u->source, sn, s_hit, u->target, tn, t_hit);
  match_clock (u->target, tn, t_hit, u->source, sn, s_hit);
  match_numbers (sn, tn, s_hit, t_hit);
  match_verbatim (u->source, sn, s_hit, u->target, tn, t_hit);
  match_verbatim (u->target, tn, t_hit, u->source, sn, s_hit);
  match_month_digits (u->source, sn, s_hit, tn, t_hit);
  match_month_digits (u->target, tn, t_hit, sn, s_hit);
  note_clock_examples (ctx, i, sn, s_hit, tn, t_hit);
  g_autoptr(GPtrArray) s_left = unmatched (sn, s_hit);
  g_autoptr(GPtrArray) t_left = unmatched (tn, t_hit);
  if (s_left->len == 1 && t_left->len == 1)
    {
      const QaNumber *a = s_left->pdata[0], *b = t_left->pdata[0];
      bitext_qa__add_finding (ctx, BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, i,
                              (gssize) a->start, (gssize) a->end, (gssize) b->start,
                              (gssize) b->end, "'%.*s' in the source became '%.*s' in the target",
                              (int) (a->end - a->start), u->source + a->start,
                              (int) (b->end - b->start), u->target + b->start);
    }
  else
    {
      for (guint k = 0; k < s_left->len; k++)
        flag_lone_number (ctx, i, s_left->pdata[k], FALSE, t_left->len);
      for (guint k = 0; k < t_left->len; k++)
        flag_lone_number (ctx, i, t_left->pdata[k], TRUE, s_left->len);
    }
  bitext_qa__numbers_free (sn);
  bitext_qa__numbers_free (tn);
}

/* markup ------------------------------------------------------------------------------------ */

/* One piece of markup: a **strong** or *emphasis* span, or one inline tag. */
typedef struct
{
  char *kind;               /* "**", "*", "<b>", "</b>", "<br/>" */
  gsize start, end;
} Markup;

static void
markup_clear (gpointer p)
{
  g_free (((Markup *) p)->kind);
}

/*
** Length of the autolink at @p (CommonMark 0.31, 6.5: "<" scheme ":" then no
** space, "<" nor ">" up to ">"; the scheme two to 32 letters, digits, "+",
** "." or "-"; here only a URL with "//" and a mailto:), or 0. Its kind is "<scheme://host>": the link and its site,
** not the page, which a translation may localise (team/ → team/ru.html).
*/
static gsize
autolink_length (const char *p, GString *kind)
{
  const char *q = p + 1;
  if (!g_ascii_isalpha (*q))
    return 0;
  while (g_ascii_isalnum (*q) || *q == '+' || *q == '.' || *q == '-')
    q++;
  gsize scheme = (gsize) (q - p - 1);
  if (*q != ':' || scheme < 2 || scheme > 32
      || !(g_str_has_prefix (q, "://") || g_ascii_strncasecmp (p + 1, "mailto:", 7) == 0))
    return 0;   /* <unknown:_%d> in a format string is no link */
  const char *r = q + 1;
  while (*r != '\0' && *r != '>' && *r != '<' && !g_ascii_isspace (*r))
    r++;
  if (*r != '>')
    return 0;
  const char *host = q + 1, *host_end = host;
  if (g_str_has_prefix (host, "//"))
    {
      host += 2;
      host_end = host;
      while (host_end < r && *host_end != '/' && *host_end != '?' && *host_end != '#')
        host_end++;
    }
  g_autofree char *site = g_ascii_strdown (p + 1, (gssize) (host_end - p - 1));
  g_string_printf (kind, "<%s>", site);
  return (gsize) (r + 1 - p);
}

/* Length of the tag at @p ("<b>", "</a>", "<x id='1'/>"), or 0. */
static gsize
tag_length (const char *p, GString *kind)
{
  gsize link = autolink_length (p, kind);
  if (link > 0)
    return link;
  const char *q = p + 1;
  gboolean closing = *q == '/';
  q += closing;
  if (!g_ascii_isalpha (*q))
    return 0;
  const char *name = q;
  while (g_ascii_isalnum (*q) || *q == '-' || *q == ':' || *q == '_')
    q++;
  gsize name_len = (gsize) (q - name);
  while (*q != '\0' && *q != '>' && *q != '<')
    q++;
  if (*q != '>')
    return 0;
  gboolean empty = q[-1] == '/';
  g_autofree char *lower = g_ascii_strdown (name, (gssize) name_len);
  g_string_printf (kind, "<%s%s%s>", closing ? "/" : "", lower, empty ? "/" : "");
  return (gsize) (q + 1 - p);
}

static guint
count_kind (const GArray *marks, const char *kind)
{
  guint n = 0;
  for (guint k = 0; k < marks->len; k++)
    n += strcmp (g_array_index (marks, Markup, k).kind, kind) == 0;
  return n;
}

/* A markup kind ("<br>") that names one of HTML's void elements: never closed, still a tag. */
static gboolean
is_void_element (const char *kind)
{
  gsize n = strlen (kind);
  return n > 2 && kind[0] == '<' && kind[n - 1] == '>'
         && bitext__html_void_element (kind + 1, n - 2);
}

static const char *
markup_name (const char *kind)
{
  if (strstr (kind, "://") != NULL || g_str_has_prefix (kind, "<mailto:"))
    return "link";
  return strcmp (kind, "**") == 0 ? "strong emphasis" : strcmp (kind, "*") == 0 ? "emphasis"
                                                                                   : "tag";
}

/*
** Leave out the opening "tags" of @marks that the text never closes and
** that are no void element: metavariables of a usage text (<file>, <path>),
** which a translation renders (<файл>), not markup.
*/
static void
drop_metavariables (GArray *marks)
{
  for (guint k = marks->len; k-- > 0;)
    {
      const Markup *m = &g_array_index (marks, Markup, k);
      /* Of the void elements only <br>, <hr>, <wbr> and <col> mean something without an
      ** attribute (an <img> needs its src, a <base> its href, a <source> its src): a bare
      ** <base> or <source> is a metavariable (git's "<base>", «<база>»). */
      gboolean bare = m->end - m->start == strlen (m->kind);
      gboolean tag = is_void_element (m->kind)
                     && (!bare || strcmp (m->kind, "<br>") == 0 || strcmp (m->kind, "<hr>") == 0
                         || strcmp (m->kind, "<wbr>") == 0 || strcmp (m->kind, "<col>") == 0);
      if (m->kind[0] != '<' || m->kind[1] == '/' || g_str_has_suffix (m->kind, "/>") || tag
          || strcmp (markup_name (m->kind), "link") == 0)
        continue;
      g_autofree char *closing = g_strdup_printf ("</%s", m->kind + 1);
      if (count_kind (marks, closing) == 0)
        g_array_remove_index (marks, k);
    }
}

/* Collect markup: tags, then asterisk runs of one or two paired in order of appearance. */
static GArray *
scan_markup (const char *text)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Markup));
  g_array_set_clear_func (out, markup_clear);
  g_autoptr(GString) kind = g_string_new (NULL);
  gssize open[3] = { -1, -1, -1 };
  for (gsize p = 0; text[p] != '\0';)
    {
      gsize n = text[p] == '<' ? tag_length (text + p, kind) : 0;
      if (n > 0)
        {
          Markup m = { g_strdup (kind->str), p, p + n };
          g_array_append_val (out, m);
          p += n;
          continue;
        }
      if (text[p] != '*')
        {
          p++;
          continue;
        }
      gsize run = strspn (text + p, "*");
      /* CommonMark's flanking rule: a run opens emphasis only before a character that is not
      ** white space, and closes it only after one; "An * marks" is a literal asterisk. */
      gboolean opens = text[p + run] != '\0' && !g_ascii_isspace (text[p + run]);
      gboolean closes = p > 0 && !g_ascii_isspace (text[p - 1]);
      if (run <= 2 && open[run] >= 0 && closes)
        {
          Markup m = { g_strdup (run == 2 ? "**" : "*"), (gsize) open[run], p + run };
          g_array_append_val (out, m);
          open[run] = -1;
        }
      else if (run <= 2 && opens)
        open[run] = (gssize) p;
      p += run;
    }
  return out;
}

/* The (skip+1)-th markup of @kind in @marks. */
static const Markup *
nth_kind (const GArray *marks, const char *kind, guint skip)
{
  for (guint k = 0; k < marks->len; k++)
    if (strcmp (g_array_index (marks, Markup, k).kind, kind) == 0 && skip-- == 0)
      return &g_array_index (marks, Markup, k);
  return NULL;
}


/*
** The kind that closes an opening tag @kind ("</b>" for "<b>"), or NULL
** for anything else (a closing or self-closing tag, a link, emphasis).
*/
static char *
closing_kind (const char *kind)
{
  if (kind[0] != '<' || kind[1] == '/' || g_str_has_suffix (kind, "/>")
      || strcmp (markup_name (kind), "tag") != 0)
    return NULL;
  return g_strdup_printf ("</%s", kind + 1);
}

/*
** How many of the extra tags of @kind (an opening tag) on @mine's side
** pair with extra closing tags of its element there: the last of each,
** in order, each opener before its closer. An element missing from the
** other side is one defect, reported once with its two tags.
*/
static guint
paired_extras (const GArray *mine, const GArray *theirs, const char *kind, const char *closing)
{
  guint a = count_kind (mine, kind), b = count_kind (theirs, kind);
  guint ca = count_kind (mine, closing), cb = count_kind (theirs, closing);
  if (a <= b || ca <= cb)
    return 0;
  guint n = MIN (a - b, ca - cb), paired = 0;
  for (guint j = 0; j < n; j++)
    {
      const Markup *open = nth_kind (mine, kind, b + j);
      const Markup *close = nth_kind (mine, closing, cb + j);
      if (close->start < open->end)
        break;
      paired++;
    }
  return paired;
}

/* Report the markup of kinds that one side has more of than the other. */
static void
compare_markup (QaContext *ctx, guint i, const GArray *mine, const GArray *theirs,
                gboolean source_side, gboolean capitals)
{
  for (guint k = 0; k < mine->len; k++)
    {
      const Markup *m = &g_array_index (mine, Markup, k);
      if (nth_kind (mine, m->kind, 0) != m || (capitals && strcmp (m->kind, "*") == 0))
        continue;
      guint a = count_kind (mine, m->kind), b = count_kind (theirs, m->kind);
      g_autofree char *closing = closing_kind (m->kind);
      guint paired = closing != NULL ? paired_extras (mine, theirs, m->kind, closing) : 0;
      /* A closing tag paired with its opener is reported with it. */
      guint skip = 0;
      if (m->kind[0] == '<' && m->kind[1] == '/')
        {
          g_autofree char *opening = g_strdup_printf ("<%s", m->kind + 2);
          skip = paired_extras (mine, theirs, opening, m->kind);
        }
      for (guint extra = b + skip; extra < a; extra++)
        {
          const Markup *x = nth_kind (mine, m->kind, extra);
          gsize end = x->end;
          if (extra - b < paired)
            end = nth_kind (mine, closing, count_kind (theirs, closing) + (extra - b))->end;
          gssize s0 = source_side ? (gssize) x->start : -1, s1 = source_side ? (gssize) end : -1;
          gssize t0 = source_side ? -1 : (gssize) x->start, t1 = source_side ? -1 : (gssize) end;
          bitext_qa__add_finding (ctx, BITEXT_CHECK_MARKUP,
                                  m->kind[0] == '<' ? BITEXT_SEVERITY_ERROR
                                                    : BITEXT_SEVERITY_WARNING,
                                  i, s0, s1, t0, t1, "%s%s%s%s%s in the %s is missing from the %s",
                                  markup_name (m->kind), m->kind[0] == '<' ? " " : "",
                                  m->kind[0] == '<' ? m->kind : "",
                                  extra - b < paired ? "…" : "", extra - b < paired ? closing : "",
                                  source_side ? "source" : "target",
                                  source_side ? "target" : "source");
        }
    }
}

/*
** Whether @t has a common word of the target's language written in
** capitals, four letters or more («ТОЧНО»; not an acronym such as НАТО,
** which the dictionary does not hold in lower case, nor a short acronym
** that spells a common word, ПРО, so «НЕ» is not seen either): plain-text
** messages stress a word so where the source used *emphasis*, one
** asterisk (**strong** marks a phrase), which is then rendered, not lost.
** Without a dictionary, FALSE.
*/
static gboolean
shouts (QaContext *ctx, const char *t)
{
  gsize pos = 0, n = strlen (t);
  QaWord w;
  while (bitext_qa__next_word (t, n, &pos, &w))
    if (w.script == ctx->tgt_script && w.n_letters >= 4 && w.n_upper == w.n_letters)
      {
        g_autofree char *word = g_strndup (t + w.start, w.end - w.start);
        if (bitext_qa__spell_is_common_word (ctx, BITEXT_GLOSSARY_TARGET, word))
          return TRUE;
      }
  return FALSE;
}

/* Emphasis (**strong**, *emphasis*) and inline tags on one side only. */
static void
check_markup (QaContext *ctx, guint i)
{
  g_autoptr(GArray) sm = scan_markup (ctx->units[i].source);
  g_autoptr(GArray) tm = scan_markup (ctx->units[i].target);
  drop_metavariables (sm);
  drop_metavariables (tm);
  /* Only where the source has *emphasis* that the target lacks: a dictionary lookup a word. */
  gboolean capitals = count_kind (sm, "*") > count_kind (tm, "*")
                      && shouts (ctx, ctx->units[i].target);
  compare_markup (ctx, i, sm, tm, TRUE, capitals);
  compare_markup (ctx, i, tm, sm, FALSE, FALSE);
}

/* punctuation ------------------------------------------------------------------------------- */

/* The last character that is not space, a closing quote or bracket, markup; its offset. */
static gunichar
final_char (const char *text, gsize *offset)
{
  const char *end = text + strlen (text);
  while (end > text)
    {
      const char *p = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (p);
      if (c == '>' && strrchr (text, '<') != NULL && strrchr (text, '<') < p)
        {
          end = strrchr (text, '<');
          continue;
        }
      if (!g_unichar_isspace (c) && strchr ("*\"')]", (int) (c < 0x80 ? c : 1)) == NULL
          && c != 0x00BB && c != 0x201D && c != 0x2019 && c != 0x201C)
        {
          *offset = (gsize) (p - text);
          return c;
        }
      end = p;
    }
  *offset = 0;
  return 0;
}

/* Whether @text[0, end) has a sentence end inside: '.', '!' or '?' then white space. */
static gboolean
has_inner_sentence_end (const char *text, gsize end)
{
  for (gsize k = 0; k + 1 < end; k++)
    if (strchr (".!?", text[k]) != NULL && g_ascii_isspace (text[k + 1]))
      return TRUE;
  return FALSE;
}

/* Whether the first letter of @text, after brackets, quotes and dashes, is in lower case. */
static gboolean
opens_lower (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c))
        return g_unichar_islower (c);
      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        return FALSE;
    }
  return FALSE;
}

/* The lines of @text whose last character that is not white space is a period. */
static guint
lines_ending_with_period (const char *text)
{
  guint n = 0;
  char last = 0;
  for (const char *p = text;; p++)
    {
      if (*p == '\n' || *p == '\0')
        {
          n += last == '.';
          last = 0;
          if (*p == '\0')
            return n;
        }
      else if (!g_ascii_isspace (*p))
        last = *p;
    }
}

/*
** Whether the question that ends @t at @end follows a colon in its sentence
** («Вы, вероятно, задумаетесь: для какого тома нужно вводить ключевую
** фразу?» for "You are now probably wondering for which volume you are
** entering the passphrase."): an indirect question that the translation
** gives as a direct one, its usual form in Russian after a verb of asking
** or wondering; a note, since nothing is lost.
*/
static gboolean
question_after_colon (const char *t, gsize end)
{
  for (gsize k = end; k-- > 0;)
    {
      if (t[k] == ':')
        return k + 1 < end && t[k + 1] == ' ';
      if (strchr (".!?", t[k]) != NULL && g_ascii_isspace (t[k + 1]))
        return FALSE;
    }
  return FALSE;
}

/*
** How a side whose final character is @c (@utf8) ends, for a message: "with '.'", or, when
** that character (after closing quotes and brackets) is a letter or a digit, "has no final
** punctuation" rather than that character quoted. @buf holds at least 16 bytes.
*/
static const char *
how_it_ends (gunichar c, const char *utf8, char *buf)
{
  if (g_unichar_isalnum (c))
    return "has no final punctuation";
  g_snprintf (buf, 16, "with '%s'", utf8);
  return buf;
}

/*
** Whether the unit next to unit @i in direction @d (-1, 1), a bead of the
** same alignment (aligned_neighbour()), has a source that ends with a period
** and a target that ends with a letter or a digit.
*/
static gboolean
drops_period (const QaContext *ctx, guint i, gint d)
{
  gint64 k = aligned_neighbour (ctx, i, d);
  if (k < 0)
    return FALSE;
  gsize so, to;
  gunichar s = final_char (text_or_empty (ctx->units[k].source), &so);
  gunichar t = final_char (text_or_empty (ctx->units[k].target), &to);
  return s == '.' && t != 0 && g_unichar_isalnum (t);
}

static void
check_final_punctuation (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  gsize so, to;
  gunichar s = final_char (u->source, &so), t = final_char (u->target, &to);
  if (s == 0 || t == 0 || s == t)
    return;
  char sb[8] = { 0 }, tb[8] = { 0 };
  g_unichar_to_utf8 (s, sb);
  g_unichar_to_utf8 (t, tb);
  /* A '!' or '?' glued to a symbol ("#!", "$?") belongs to that token: no sentence ends. */
  if ((t == '?' || t == '!') && to > 0 && strchr ("#$%&*+-/=@\\^_|~<", u->target[to - 1]) != NULL)
    return;
  g_autofree char *message = NULL;
  BitextSeverity severity = BITEXT_SEVERITY_WARNING;
  char other[16];
  if (s == '?' || s == '!')
    {
      message = g_strdup_printf ("the source ends with '%s', the target %s", sb,
                                 how_it_ends (t, tb, other));
      /* A question in a closing parenthesis is an aside ("(missing newline?)", "(try
      ** dpkg-split?)"), which Russian recasts as a hedge («(возможно, …)»): a note. */
      if (u->source[so + 1] == ')' && u->target[to + strlen (tb)] == ')')
        severity = BITEXT_SEVERITY_INFO;
    }
  else if (t == '?' || t == '!')
    {
      message = g_strdup_printf ("the target ends with '%s', the source %s", tb,
                                 how_it_ends (s, sb, other));
      if (t == '?' && s == '.' && question_after_colon (u->target, to))
        severity = BITEXT_SEVERITY_INFO;
    }
  else if ((s == '.' || s == 0x2026) && g_unichar_isalnum (t))
    {
      message = g_strdup_printf ("the source ends with '%s', the target has no final "
                                 "punctuation", sb);
      /* A program's one-sentence label or option description is often written without its
      ** period, in Russian catalogues as in English ones: nothing is lost, a note. */
      if (ctx->software && !has_inner_sentence_end (u->source, so))
        severity = BITEXT_SEVERITY_INFO;
      /* A target that opens in lower case is no sentence but a list item or an aside
      ** («установите новый пакет», «(номера строк добавлены)»): its final mark is the
      ** list's style, which Russian sets with ';', ',' or none as often as with '.': a note. */
      if (opens_lower (u->target) && !has_inner_sentence_end (u->target, to))
        severity = BITEXT_SEVERITY_INFO;
      /* So is a target of several beads in a row that all leave out the source's final
      ** period: the items of a list whose style the translation set without stops
      ** ("install the new package." → «Installieren Sie das neue Paket», German opening
      ** its imperatives with a capital), not a slip repeated. */
      if (!has_inner_sentence_end (u->target, to)
          && (drops_period (ctx, i, -1) || drops_period (ctx, i, 1)))
        severity = BITEXT_SEVERITY_INFO;
      /* The lines of a --help text end with a period in the source and none do in the target,
      ** or, in a long text, at most a quarter as many (a heading's or a note's sentence may
      ** keep its period): the translation's style for option descriptions, not a slip. */
      guint src_lines = lines_ending_with_period (u->source);
      guint tgt_lines = lines_ending_with_period (u->target);
      if (ctx->software && src_lines >= 2
          && (tgt_lines == 0 || (src_lines >= 8 && 4 * tgt_lines <= src_lines)))
        severity = BITEXT_SEVERITY_INFO;
    }
  if (message == NULL)
    return;
  bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, severity, i,
                          (gssize) so, (gssize) (so + strlen (sb)), (gssize) to,
                          (gssize) (to + strlen (tb)), "%s", message);
}

/*
** Whether the quoted text @q[0, n), quotes and all, is the source's: a
** literal the program prints or reads as it is ("%s", "PB", a file name),
** not a quotation of the translator's.
*/
static gboolean
quotes_copied (const char *source, const char *q, gsize n)
{
  g_autofree char *needle = g_strndup (q, n);
  return strstr (source, needle) != NULL;
}

/*
** Russian typography: quotes are «ёлочки» (and „лапки“ inside them), never
** straight " nor English “ ”. A pair of wrong quotes makes one finding.
** A straight quote glued to an equals sign opens a value of code, not a
** quotation (DEBFULLNAME="Имя Фамилия", an attribute's value): prose puts
** a space, a bracket or a dash before its opening quote.
*/
static void
check_quotes (QaContext *ctx, guint i)
{
  const char *t = ctx->units[i].target;
  /* Message catalogues often use straight quotes by their own convention: a note there. */
  BitextSeverity quote_severity = ctx->software ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING;
  gssize open = -1;
  gboolean low_open = FALSE;
  for (const char *p = t; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x201E)
        low_open = TRUE;
      if (c != '"' && c != 0x201C && c != 0x201D)
        continue;
      if (c == 0x201C && low_open)
        {
          low_open = FALSE;
          continue;
        }
      if (open < 0)
        {
          open = p - t;
          continue;
        }
      gsize end = (gsize) (g_utf8_next_char (p) - t);
      gboolean value = t[open] == '"' && open > 0 && t[open - 1] == '=';
      if (!value && !quotes_copied (ctx->units[i].source, t + open, end - (gsize) open))
        bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, quote_severity, i, -1, -1,
                                open, (gssize) end, "use «» quotes in Russian text");
      open = -1;
    }
  if (open >= 0)
    bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, quote_severity, i, -1, -1,
                           open, (gssize) (g_utf8_next_char (t + open) - t),
                           "use «» quotes in Russian text");
}

/*
** The runs of blanks that lay out columns in @text: two spaces or more, or a
** tab, after text on the same line (at a line's start they are indentation).
*/
static guint
count_space_runs (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p != '\0';)
    {
      gsize run = strspn (p, " \t");
      if ((run >= 2 || (run == 1 && *p == '\t')) && p > text && p[-1] != '\n')
        n++;
      p += run > 0 ? run : 1;
    }
  return n;
}

/* Whether the punctuation at @p starts a token (.fixup, :name, !=): code, not punctuation. */
static gboolean
starts_token (const char *p)
{
  return g_ascii_isalnum (p[1]) || p[1] == '_' || p[1] == '=' || p[1] == p[0];
}

/*
** Whether @source has a space before @c too ("Name : %s"), or begins with @c
** standing alone ("? section flag ignored": the name of a flag): the target
** mirrors a layout or names the same symbol.
*/
static gboolean
space_mirrored (const char *source, char c)
{
  char needle[3] = { ' ', c, '\0' };
  return strstr (source, needle) != NULL || (source[0] == c && (source[1] == ' ' || source[1] == '\0'));
}

/*
** Whether the text before the space at @p ends with a path, a URL or code
** (/usr/share/doc/x/copyright, rescue/enable=true): technical writing sets
** the final period apart from it, so that the period is not read, or copied,
** as part of the name.
*/
static gboolean
after_code (const char *t, gsize p)
{
  gsize a = p;
  while (a > 0 && !g_ascii_isspace (t[a - 1]))
    a--;
  return a < p && (bitext_qa__in_url (t, a, p) || bitext_qa__in_code (t, a, p));
}

/*
** Whether the two spaces at @p follow a sentence's end and precede the next
** sentence: the spacing the GNU Coding Standards ask for ("use two spaces
** at the end of a sentence", section 5.2), which translators of GNU
** software keep on purpose; a typing slip, not a layout, is two spaces
** inside a sentence.
*/
static gboolean
sentence_spacing (const char *t, gsize p)
{
  gsize q = p;
  for (;;)
    {
      if (q > 0 && (t[q - 1] == '"' || t[q - 1] == ')' || t[q - 1] == ']' || t[q - 1] == '\''))
        q--;
      else if (q >= 2 && (guchar) t[q - 2] == 0xC2 && (guchar) t[q - 1] == 0xBB)
        q -= 2;   /* » */
      else if (q >= 3 && (guchar) t[q - 3] == 0xE2 && (guchar) t[q - 2] == 0x80
               && ((guchar) t[q - 1] == 0x9D || (guchar) t[q - 1] == 0x99))
        q -= 3;   /* ” ’ */
      else
        break;
    }
  if (q == 0 || strchr (".!?", t[q - 1]) == NULL)
    return FALSE;
  return g_unichar_isupper (g_utf8_get_char (t + p + 2));
}

/* The column of @p in its line of @t: characters since the line's start, tabs to multiples of 8. */
static gsize
column_of (const char *t, gsize p)
{
  gsize a = p;
  while (a > 0 && t[a - 1] != '\n')
    a--;
  gsize col = 0;
  for (const char *q = t + a; q < t + p; q = g_utf8_next_char (q))
    col = *q == '\t' ? (col / 8 + 1) * 8 : col + 1;
  return col;
}

/*
** Whether the text at @p of a multi-line @t starts at the column where
** another of its lines starts after its indentation: a description column
** and its hanging indent ("-Z,--context РЕГВЫР  завершать" above a line
** indented to «завершать»), which a translation lays out anew to fit its
** own words.
*/
static gboolean
hanging_column (const char *t, gsize p)
{
  if (strchr (t, '\n') == NULL)
    return FALSE;
  gsize col = column_of (t, p);
  for (const char *line = t; line != NULL && *line != '\0';)
    {
      gsize k = strspn (line, " \t");
      if (k > 0 && line[k] != '\n' && line[k] != '\0' && column_of (t, (gsize) (line - t) + k) == col
          && line + k != t + p)
        return TRUE;
      line = strchr (line, '\n');
      if (line != NULL)
        line++;
    }
  return FALSE;
}

/*
** Whether the run of @n spaces at @p pads a label's colon out to its value,
** a placeholder ("длина:  %08x", "oldestCommitTsXid последней к. т.:    %u"):
** a program's "label: value" lines align their values so, and a translation
** pads its own labels to the column.
*/
static gboolean
value_column (const char *t, gsize p, gsize n)
{
  return p > 0 && t[p - 1] == ':' && (t[p + n] == '%' || t[p + n] == '{' || t[p + n] == '$');
}

/* Whether only tabs come between the start of @t's line and @p: the spaces at @p indent it. */
static gboolean
at_line_start (const char *t, gsize p)
{
  while (p > 0 && t[p - 1] == '\t')
    p--;
  return p == 0 || t[p - 1] == '\n';
}

/*
** Two or more spaces in a row, beyond the runs the source has (the columns
** of a --help text, a list's indentation: the target mirrors them), and a
** space before , . ; : ? ! (not in French) in the target, unless after code.
*/
static void
check_spacing (QaContext *ctx, guint i)
{
  const char *t = ctx->units[i].target;
  const char *lang = ctx->options->tgt_lang;
  gboolean french = lang != NULL && g_ascii_strncasecmp (lang, "fr", 2) == 0;
  guint mirrored = strstr (t, "  ") != NULL ? count_space_runs (ctx->units[i].source) : 0;
  guint runs = 0;
  for (gsize p = 0; t[p] != '\0'; p++)
    {
      if (t[p] != ' ')
        continue;
      gsize n = strspn (t + p, " ");
      if (n >= 2 && p > 0 && t[p + n] != '\0')
        {
          /* Source columns (mirrored > 0) are re-flowed by a translation, which may need more
          ** runs; a run after a line break is indentation. */
          if (++runs > mirrored && mirrored == 0 && !at_line_start (t, p)
              && !(n == 2 && sentence_spacing (t, p)) && !hanging_column (t, p + n)
              && !value_column (t, p, n))
            bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_WARNING, i, -1,
                                    -1, (gssize) p, (gssize) (p + n), "%zu spaces in a row", n);
        }
      else if (p > 0 && t[p + n] != '\0' && strchr (french ? ",." : ",.;:?!", t[p + n]) != NULL
               && t[p + n + 1] != '.' && !starts_token (t + p + n)
               && !space_mirrored (ctx->units[i].source, t[p + n]) && !after_code (t, p))
        bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_WARNING, i, -1, -1,
                                (gssize) p, (gssize) (p + n + 1), "a space before '%c'",
                                t[p + n]);
      p += n - 1;
    }
}

/* The white space at the start (@at_end FALSE) or the end of @text: [*a, *b). */
static void
edge_space (const char *text, gboolean at_end, gsize *a, gsize *b)
{
  gsize n = strlen (text), k;
  if (!at_end)
    {
      for (k = 0; k < n && g_ascii_isspace (text[k]); k++)
        ;
      *a = 0, *b = k;
    }
  else
    {
      for (k = n; k > 0 && g_ascii_isspace (text[k - 1]); k--)
        ;
      *a = k, *b = n;
    }
}

/*
** The white space text[@a, @b) as it prints: blanks before a line break
** print nothing, and with @expand (the start of a message, which starts a
** line) a tab is the spaces up to the next multiple of 8 columns, as a
** terminal prints it: "\t\t\t" and 24 spaces indent a --help column alike.
*/
static char *
visible_space (const char *text, gsize a, gsize b, gboolean expand)
{
  GString *out = g_string_sized_new (b - a);
  gsize column = 0;
  for (gsize k = a; k < b; k++)
    {
      gsize n = strspn (text + k, " \t");
      if (n > 0 && k + n < b && text[k + n] == '\n')
        k += n;
      if (expand && text[k] == '\t')
        {
          do
            g_string_append_c (out, ' ');
          while (++column % 8 != 0);
          continue;
        }
      column = text[k] == '\n' ? 0 : column + 1;
      g_string_append_c (out, text[k]);
    }
  return g_string_free (out, FALSE);
}

/* The paragraph breaks (a line break, blanks, a line break) of @text between its first and its
** last character that is not space. */
static guint
count_paragraph_breaks (const char *text)
{
  gsize a, b;
  trimmed (text, &a, &b);
  guint n = 0;
  for (const char *p = text + a; (p = memchr (p, '\n', (gsize) (text + b - p))) != NULL;)
    {
      const char *q = p + 1;
      while (*q == ' ' || *q == '\t')
        q++;
      n += *q == '\n';
      p = *q == '\n' ? q + 1 : q;
    }
  return n;
}

/*
** White space a program prints: what the source has at its start and its
** end (a line break, an indentation) the target must have too; software
** strings must also keep the source's paragraphs (blank lines). Lines in
** between may be wrapped anew: a longer translation needs more of them.
*/
static void
check_edges (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  for (guint at_end = 0; at_end < 2; at_end++)
    {
      gsize sa, sb, ta, tb;
      edge_space (u->source, at_end, &sa, &sb);
      edge_space (u->target, at_end, &ta, &tb);
      /* Blanks before a line break print nothing: "text \n" and "текст\n" end alike. */
      g_autofree char *sw = visible_space (u->source, sa, sb, !at_end);
      g_autofree char *tw = visible_space (u->target, ta, tb, !at_end);
      if (strcmp (sw, tw) == 0)
        continue;
      g_autofree char *se = g_strescape (sw, NULL);
      g_autofree char *te = g_strescape (tw, NULL);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_WARNING, i,
                              (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                              "the source %s with \"%s\", the target with \"%s\"",
                              at_end ? "ends" : "starts", se, te);
    }
  if (!ctx->software)
    return;
  guint ns = count_paragraph_breaks (u->source), nt = count_paragraph_breaks (u->target);
  if (ns != nt)
    {
      gsize ta, tb;
      trimmed (u->target, &ta, &tb);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_WARNING, i, -1, -1,
                              (gssize) ta, (gssize) tb,
                              "the source has %u paragraph break%s, the target %u", ns,
                              ns == 1 ? "" : "s", nt);
    }
}

/* omission and addition --------------------------------------------------------------------- */

/*
** The length of @text in characters as the length model counts it: a run of
** white space is one character and the ends' white space none. Padding is
** layout, not content: the columns of a `--help` text are re-flowed and
** re-padded to fit the translation's wording, which moved 180 units of
** Debian's Russian catalogues past the outlier bound with nothing added.
*/
static guint
layout_length (const char *text)
{
  guint n = 0;
  gboolean space = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          space = n > 0;
          continue;
        }
      n += space ? 2 : 1;
      space = FALSE;
    }
  return n;
}

/*
** The sentences of @text: one, plus one for each final mark (. ! ? …),
** closing quotes or brackets, white space, then an upper-case letter. The
** same reading of a sentence end as the lost-break rule's (qa-breaks.c),
** but for the period of an initial (a capital letter alone before it).
*/
static guint
count_sentences (const char *text)
{
  guint n = 1;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != '.' && c != '!' && c != '?' && c != 0x2026)
        continue;
      /* An initial ("Dmitry V. Levin", «Дмитрий В. Левин»): one capital letter alone. */
      if (c == '.' && p > text)
        {
          const char *l = g_utf8_prev_char (p);
          gunichar x = g_utf8_get_char (l);
          gunichar before = l > text ? g_utf8_get_char (g_utf8_prev_char (l)) : ' ';
          if (g_unichar_isupper (x) && !g_unichar_isalnum (before))
            continue;
        }
      const char *q = g_utf8_next_char (p);
      for (gunichar x = g_utf8_get_char (q); x == '"' || x == '\'' || x == ')' || x == ']'
                                             || x == 0x00BB || x == 0x201D || x == 0x2019;
           x = g_utf8_get_char (q))
        q = g_utf8_next_char (q);
      if (!g_unichar_isspace (g_utf8_get_char (q)))
        continue;
      while (*q != '\0' && g_unichar_isspace (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      if (g_unichar_isupper (g_utf8_get_char (q)))
        n++;
    }
  return n;
}

/* A 1-0 or 0-1 bead. Returns TRUE if the unit is one. */
static gboolean
check_missing_side (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  const char *s = text_or_empty (u->source), *t = text_or_empty (u->target);
  gsize a, b;
  if (u->tgt_count == 0 && !is_blank (s))
    {
      trimmed (s, &a, &b);
      if (ENABLED (ctx, BITEXT_CHECK_OMISSION))
        bitext_qa__add_finding (ctx, BITEXT_CHECK_OMISSION, BITEXT_SEVERITY_ERROR, i, (gssize) a,
                                (gssize) b, -1, -1, "the source has no translation (1-0)");
      return TRUE;
    }
  gboolean no_source = u->src_count == 0 || (u->src_count == BITEXT_QA_COUNT_UNKNOWN && is_blank (s));
  if (no_source && !is_blank (t))
    {
      trimmed (t, &a, &b);
      if (ENABLED (ctx, BITEXT_CHECK_ADDITION))
        bitext_qa__add_finding (ctx, BITEXT_CHECK_ADDITION, BITEXT_SEVERITY_ERROR, i, -1, -1,
                                (gssize) a, (gssize) b, "the target has no source (0-1)");
      return TRUE;
    }
  return is_blank (s) && is_blank (t);
}

/*
** A word of the lone sentence @text[@a, @b) that the other side @other has
** more often than the rest of @text: a number, or a word in the source's
** script when the target has another one (a name, a command: let). The
** other side then says it too, so the sentence has its counterpart there,
** in a sentence of other bounds («let возвращает 1. В противном случае let
** возвращает 0.» for "let returns 1; let returns 0 otherwise."). NULL when
** there is none. (transfer full)
*/
static char *
counterpart_token (const QaContext *ctx, const char *text, gsize a, gsize b, const char *other)
{
  gsize pos = a;
  QaWord w;
  while (bitext_qa__next_word (text, b, &pos, &w))
    {
      gboolean name = ctx->src_script != ctx->tgt_script && w.script == ctx->src_script
                      && w.n_letters > 0;
      if (w.n_digits == 0 && !name)
        continue;
      gsize n = w.end - w.start;
      if (count_word (other, text + w.start, n, 0, 0) > count_word (text, text + w.start, n, a, b))
        return g_strndup (text + w.start, n);
    }
  return NULL;
}

/*
** A number of the lone sentence @text[@a, @b) of unit @i (on the source side
** when @src) that a neighbouring pair's other side holds unmatched
** (neighbour_with()), in *@token, and that pair; -1 when there is none.
*/
static gint
neighbour_token (const QaContext *ctx, guint i, gboolean src, const char *text, gsize a, gsize b,
                 char **token)
{
  gsize pos = a;
  QaWord w;
  while (bitext_qa__next_word (text, b, &pos, &w))
    {
      if (w.n_digits == 0)
        continue;
      gint k = neighbour_with (ctx, i, text + w.start, w.end - w.start, src);
      if (k >= 0)
        {
          *token = g_strndup (text + w.start, w.end - w.start);
          return k;
        }
    }
  return -1;
}

/* The last character of @text[0, @end) that is not white space, or 0. */
static gunichar
last_mark (const char *text, gsize end)
{
  while (end > 0 && g_ascii_isspace (text[end - 1]))
    end--;
  return end > 0 ? g_utf8_get_char (g_utf8_find_prev_char (text, text + end)) : 0;
}

/*
** Why the lone sentence of unit @u (on the source side when @src) may have
** its counterpart on the other side after all, as the end of the finding's
** message, or NULL: one of its numbers or names is there more often than
** in the rest of its own side (counterpart_token), or it is the unit's last
** sentence, it ends with a colon, the rest of its side does not, and the
** other side does: a list's lead-in ("They are as follows:") that the
** translation joins to the sentence before («Есть три области, которые
** требуют обсуждения:»); or one of its numbers is unmatched in the other
** side of the pair before or after (neighbour_token()). (transfer full)
*/
static char *
lone_counterpart (const QaContext *ctx, const BitextQaUnit *u, gboolean src)
{
  const char *text = text_or_empty (src ? u->source : u->target);
  const char *other = text_or_empty (src ? u->target : u->source);
  g_autofree char *token = counterpart_token (ctx, text, u->lone_start, u->lone_end, other);
  if (token != NULL)
    return g_strdup_printf ("; the %s has its '%s' more often than the rest of the %s (a "
                            "sentence split otherwise?)",
                            src ? "target" : "source", token, src ? "source" : "target");
  g_autofree char *moved = NULL;
  gint k = neighbour_token (ctx, (guint) (u - ctx->units), src, text, u->lone_start, u->lone_end,
                            &moved);
  if (k >= 0)
    return g_strdup_printf ("; the %s pair's %s has its '%s', unmatched there (a sentence the "
                            "alignment put one pair off?)", k < u - ctx->units ? "previous" : "next",
                            src ? "target" : "source", moved);
  if (last_mark (text, strlen (text)) == ':' && last_mark (text, u->lone_end) == ':'
      && last_mark (text, u->lone_start) != ':' && last_mark (other, strlen (other)) == ':')
    return g_strdup_printf ("; the %s ends with its colon (a lead-in joined to the sentence "
                            "before?)", src ? "target" : "source");
  return NULL;
}

/*
** A sentence that the aligner merged into the unit against the unit's own
** evidence (BitextQaUnit.lone_side): the rest of the unit pairs up better
** without it, and the bead is one of the doubtful ones, so the sentence may
** be an omission (source) or an addition (target) that the merge hid.
*/
static void
check_lone (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  if (u->lone_side != BITEXT_LONE_SOURCE && u->lone_side != BITEXT_LONE_TARGET)
    return;
  gboolean src = u->lone_side == BITEXT_LONE_SOURCE;
  const char *text = text_or_empty (src ? u->source : u->target);
  gsize n = strlen (text);
  if (u->lone_start >= u->lone_end || u->lone_end > n
      || !g_utf8_validate (text + u->lone_start, (gssize) (u->lone_end - u->lone_start), NULL))
    return;
  BitextCheck check = src ? BITEXT_CHECK_OMISSION : BITEXT_CHECK_ADDITION;
  if (!ENABLED (ctx, check))
    return;
  gssize a = (gssize) u->lone_start, b = (gssize) u->lone_end;
  g_autofree char *but = lone_counterpart (ctx, u, src);
  BitextSeverity severity = but == NULL ? BITEXT_SEVERITY_WARNING : BITEXT_SEVERITY_INFO;
  if (but == NULL)
    but = g_strdup ("");
  if (src)
    bitext_qa__add_finding (ctx, check, severity, i, a, b, -1, -1,
                            "this sentence may have no translation: the rest of the source "
                            "pairs up better with the target without it (a doubtful merge)%s",
                            but);
  else
    bitext_qa__add_finding (ctx, check, severity, i, -1, -1, a, b,
                            "this sentence may have no source: the rest of the target pairs up "
                            "better with the source without it (a doubtful merge)%s", but);
}

/* source-consistency, the per-unit part ---------------------------------------------------- */

/*
** Whether the last two letters of @w[0..n) (ASCII, any case) end one of the
** British or American suffixes of spelling_key (): -ence, -ense, -our, -or,
** -ise, -ize, -yse, -yze, -tre, -ter and their inflections. Most words do
** not; sparing them the folding took 9% off a 100,000-unit run.
*/
static gboolean
may_have_spelling_suffix (const char *w, gsize n)
{
  static const char ends[][2] = { { 'c', 'e' }, { 'e', 's' }, { 'u', 'r' }, { 'r', 's' },
                                  { 'e', 'd' }, { 'n', 'g' }, { 'l', 'e' }, { 't', 'e' },
                                  { 'o', 'n' }, { 'n', 's' }, { 's', 'e' }, { 'r', 'e' },
                                  { 'o', 'r' }, { 'z', 'e' }, { 'e', 'r' } };
  char a = g_ascii_tolower (w[n - 2]), b = g_ascii_tolower (w[n - 1]);
  for (gsize k = 0; k < G_N_ELEMENTS (ends); k++)
    if (ends[k][0] == a && ends[k][1] == b)
      return TRUE;
  return FALSE;
}

/* Whether word @w of @text may have a spelling key: Latin letters, 5 to 40 bytes, a suffix. */
static gboolean
spelling_candidate (const char *text, const QaWord *w)
{
  gsize n = w->end - w->start;
  return w->script == QA_SCRIPT_LATIN && w->n_digits == 0 && n >= 5 && n <= 40
         && may_have_spelling_suffix (text + w->start, n);
}

/* Whether the source-consistency check runs: it is enabled and the source is English. */
static gboolean
checks_source_spelling (const QaContext *ctx)
{
  const char *lang = ctx->options->src_lang;
  return ENABLED (ctx, BITEXT_CHECK_SOURCE_CONSISTENCY) && lang != NULL
         && g_ascii_strncasecmp (lang, "en", 2) == 0 && !g_ascii_isalpha (lang[2]);
}

/* Per unit ---------------------------------------------------------------------------------- */

/*
** What the whole-text checks need of each unit, computed here so that it
** runs on the threads: the lengths in characters and the source's words
** with a British or American suffix.
*/
static void
note_unit (QaContext *ctx, guint i, gboolean spelling, GArray *words)
{
  const BitextQaUnit *u = &ctx->units[i];
  if (ctx->n_chars[0] != NULL)
    {
      ctx->n_chars[0][i] = layout_length (text_or_empty (u->source));
      ctx->n_chars[1][i] = layout_length (text_or_empty (u->target));
    }
  if (!spelling)
    return;
  const char *s = text_or_empty (u->source);
  gsize length = strlen (s), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (s, length, &pos, &w))
    if (spelling_candidate (s, &w))
      {
        SpellingWord sw = { i, w.start, w.end };
        g_array_append_val (words, sw);
      }
}

/*
** The per-unit checks of units [ctx->unit_begin, ctx->unit_end), with a
** spelling cache (bitext_qa__spell_cache_new(); NULL: spelling is not
** checked) that a thread keeps over the ranges it checks.
*/
void
bitext_qa__check_range (QaContext *ctx, QaSpellCache *spell)
{
  g_autoptr(GArray) uses = g_array_new (FALSE, FALSE, sizeof (TermUse));
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (SpellingWord));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (SpellingWord));
  gboolean spelling = checks_source_spelling (ctx);
  for (guint i = ctx->unit_begin; i < ctx->unit_end; i++)
    {
      note_unit (ctx, i, spelling, words);
      if (check_missing_side (ctx, i))
        continue;
      check_lone (ctx, i);
      if (is_blank (ctx->units[i].source))
        continue;
      if (ENABLED (ctx, BITEXT_CHECK_UNTRANSLATED_SEGMENT) && check_untranslated_segment (ctx, i))
        continue;
      if (is_blank (text_or_empty (ctx->units[i].target)))
        continue;
      if (ENABLED (ctx, BITEXT_CHECK_UNTRANSLATED_TERM) && ctx->term_checked != NULL)
        check_untranslated_term (ctx, i, kept);
      if ((ENABLED (ctx, BITEXT_CHECK_GLOSSARY) || ENABLED (ctx, BITEXT_CHECK_INCONSISTENCY))
          && ctx->options->glossary != NULL)
        check_glossary (ctx, i, uses);
      if (ENABLED (ctx, BITEXT_CHECK_NUMBER))
        check_numbers (ctx, i);
      if (ENABLED (ctx, BITEXT_CHECK_MARKUP))
        check_markup (ctx, i);
      if (ENABLED (ctx, BITEXT_CHECK_PLACEHOLDER))
        bitext_qa__check_placeholders (ctx, i);
      if (ENABLED (ctx, BITEXT_CHECK_PUNCTUATION))
        {
          check_final_punctuation (ctx, i);
          if (ctx->tgt_script == QA_SCRIPT_CYRILLIC)
            check_quotes (ctx, i);
          check_spacing (ctx, i);
          check_edges (ctx, i);
          bitext_qa__check_lost_break (ctx, i);
        }
      if (spell != NULL)
        bitext_qa__check_spelling (ctx, i, spell);
    }
  ctx->term_uses = g_steal_pointer (&uses);
  ctx->spelling_words = g_steal_pointer (&words);
  ctx->kept_words = g_steal_pointer (&kept);
}

void
bitext_qa__check_units (QaContext *ctx)
{
  g_autoptr(QaSpellCache) spell = bitext_qa__spell_cache_new (ctx);
  bitext_qa__check_range (ctx, spell);
}

/*
** Append what a context that checked later units found (its term uses or
** words: plain structs, no clear function) to *@into; takes @more.
*/
void
bitext_qa__merge_found (GArray **into, GArray *more)
{
  if (*into == NULL)
    *into = more;
  else
    {
      g_array_append_vals (*into, more->data, more->len);
      g_array_unref (more);
    }
}

/* Whole text: length outliers ---------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  guint n = values->len;
  const double *v = (const double *) (void *) values->data;
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
** Whether @text is one identifier with a dot or an underscore in it
** (pinentry.qualitybar.tooltip, KP_Page_Up): a message id that a catalogue
** translates by the text it stands for, whose length it does not have.
*/
static gboolean
is_message_id (const char *text)
{
  gboolean joint = FALSE;
  const char *p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  for (; *p != '\0' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '.' || *p == '_')
        joint = joint || g_ascii_isalnum (p[1]);
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  return joint && *p == '\0';
}

/* Whether @text holds a letter of any script. */
static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/*
** Whether unit @i is a translation whose lengths say something about its
** content. A source without a letter (a section number "3.3.", a date, a
** version, a line of digits) is carried over, not translated: its length is
** no evidence of content left out or added, and fitted with the translations,
** a memory's exact copies of such labels would narrow their spread.
*/
static gboolean
length_candidate (const QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  return u->src_count != 0 && u->tgt_count != 0 && !is_blank (text_or_empty (u->source))
         && !is_blank (text_or_empty (u->target)) && !is_message_id (u->source)
         && has_letter (u->source);
}

/* A length model: target ≈ c × source, and the spread of the unit's deviation d around centre. */
typedef struct
{
  double c, centre, scale;
} LengthModel;

/* Gale & Church's published model (1993, p. 81): c = 1, s² = 6.8. */
#define LENGTH_MODEL_PUBLISHED { 1.0, 0.0, 2.6076809620810595 /* sqrt (6.8) */ }

/*
** The deviation of a unit from @m's expected target length, in units of the
** model's standard deviation: Gale & Church's δ with the variance s² times
** the mean of the two lengths, (ls + lt/c) / 2, as in the program of their
** appendix, so that the test does not depend on which side is the source (with
** the source's length alone, a short label rendered by a phrase reads as a far
** bigger outlier than the same phrase's label left out).
*/
static double
length_delta (const LengthModel *m, double ls, double lt)
{
  return (lt - m->c * ls) / sqrt ((ls + lt / m->c) / 2);
}

/*
** Estimate @m from the units @members[0..n) with lengths @ls and @lt: c is
** the ratio of the totals, centre and scale the median and the MAD / 0.6745
** of the deviations, so that the outliers do not widen the model. Returns
** FALSE (and leaves @m) when the deviations have no spread.
*/
static gboolean
fit_length_model (const double *ls, const double *lt, const guint *members, guint n,
                  LengthModel *m)
{
  double sum_s = 0, sum_t = 0;
  for (guint k = 0; k < n; k++)
    sum_s += ls[members[k]], sum_t += lt[members[k]];
  if (sum_s <= 0 || sum_t <= 0)
    return FALSE;
  LengthModel fit = { sum_t / sum_s, 0, 0 };
  g_autoptr(GArray) d = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  for (guint k = 0; k < n; k++)
    {
      double x = length_delta (&fit, ls[members[k]], lt[members[k]]);
      g_array_append_val (d, x);
    }
  fit.centre = median (d);
  for (guint k = 0; k < d->len; k++)
    g_array_index (d, double, k) = fabs (g_array_index (d, double, k) - fit.centre);
  fit.scale = median (d) / 0.6745;
  if (fit.scale <= 0)
    return FALSE;
  *m = fit;
  return TRUE;
}

/* The class of a source length: floor (log2 (ls)), lengths that differ at most twofold. */
static guint
length_class (double ls)
{
  return (guint) floor (log2 (ls));
}

/*
** Whether @m can tell anything from a source of @ls characters: whether a
** target with all of the source's content left out (lt = 0) and one with as
** much again added (lt = 2·c·ls) both lie beyond @z. By length_delta, they do
** from ls ≥ 1.5 (z·scale/c)², the addition's bound being the larger. Below it
** (short labels, the bound is about 18 characters on Debian's catalogues), a
** label rendered by a phrase is as far out as any real addition, and a length
** is no evidence of content added or lost.
*/
static gboolean
length_tells (const LengthModel *m, double ls, double z)
{
  double r = z * m->scale / m->c;
  return ls >= 1.5 * r * r;
}

/* Whether the bytes t[a, b) are Latin words of @s (ASCII letters, spaces, hyphens), case aside. */
static gboolean
latin_words_of (const char *s, const char *t, gsize a, gsize b)
{
  gboolean letter = FALSE;
  for (gsize k = a; k < b; k++)
    {
      if (!g_ascii_isalpha (t[k]) && t[k] != ' ' && t[k] != '-')
        return FALSE;
      letter |= g_ascii_isalpha (t[k]);
    }
  for (gsize k = 0, n = b - a; letter && s[k] != '\0'; k++)
    if (g_ascii_strncasecmp (s + k, t + a, n) == 0)
      return TRUE;
  return FALSE;
}

/*
** The characters of the glosses in @t: a word of the target's script, then
** in parentheses words of the Latin source that the source has too
** («конец для чтения (read end)», «межсетевого экрана (firewall)»), counted
** with the space before the parenthesis. Russian technical prose gives a
** term's English original so, once; it repeats the source, adds nothing,
** and the length model would count it as added text.
*/
static guint
gloss_length (const QaContext *ctx, const char *s, const char *t)
{
  if (ctx->src_script != QA_SCRIPT_LATIN || ctx->tgt_script == QA_SCRIPT_LATIN || s == NULL
      || t == NULL)
    return 0;
  guint n = 0;
  for (const char *open = strchr (t, '('); open != NULL; open = strchr (open + 1, '('))
    {
      const char *close = strchr (open, ')');
      if (close == NULL || open == t || open[-1] != ' ')
        continue;
      gsize pos = 0;
      QaWord w, last = { 0 };
      while (bitext_qa__next_word (t, (gsize) (open - t), &pos, &w))
        last = w;
      if (last.end + 1 != (gsize) (open - t) || last.script != ctx->tgt_script
          || !latin_words_of (s, t, (gsize) (open + 1 - t), (gsize) (close - t)))
        continue;
      n += (guint) (close - open) + 2;   /* ASCII: bytes are characters; the space and ')' */
    }
  return n;
}

/* The units to check for length: ls[i] > 0 for them, and their lengths in *@ls, *@lt. */
static GArray *
length_units (QaContext *ctx, const gboolean *skip, double *ls, double *lt)
{
  GArray *in = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ctx->n_units; i++)
    if (!skip[i] && length_candidate (ctx, i))
      {
        gboolean noted = ctx->n_chars[0] != NULL;
        ls[i] = noted ? ctx->n_chars[0][i] : layout_length (ctx->units[i].source);
        lt[i] = noted ? ctx->n_chars[1][i] : layout_length (ctx->units[i].target);
        lt[i] -= gloss_length (ctx, ctx->units[i].source, ctx->units[i].target);
        if (ls[i] > 0 && lt[i] > 0)
          g_array_append_val (in, i);
        else
          ls[i] = 0;
      }
  return in;
}

/*
** One model per class of source length (length_class ()), each estimated
** from its own units when it has options->length_min_units of them, else
** the whole text's; with fewer units in the whole text, the published one.
** A class's spread is never narrower than the whole text's: the spread grows
** with the length (below), and a class narrower than the text is a dozen
** units' sampling error, which made one-sentence renderings 1.2 times as
** long as the English outliers in a chapter of the installation guide
** (class 128-255: 0.94 against the chapter's 1.64).
** The ratio and its spread depend on what is translated: Debian's Russian
** catalogues give c = 1.30 for labels of 4 to 7 characters and 1.11 for
** messages of 64 to 127 (English noun compounds become Russian phrases with
** genitives and prepositions: "Stock Id", «Идентификатор встроенного
** значка»), and the spread of d grows with the length (a translator's ratio
** varies by message, not by character). Returns the models, indexed by class.
*/
static LengthModel *
length_models (const QaContext *ctx, const double *ls, const double *lt, GArray *in)
{
  LengthModel *models = g_new (LengthModel, 64);
  LengthModel pooled = LENGTH_MODEL_PUBLISHED;
  guint min_units = ctx->options->length_min_units;
  if (in->len >= min_units)
    fit_length_model (ls, lt, (const guint *) (void *) in->data, in->len, &pooled);
  for (guint k = 0; k < 64; k++)
    models[k] = pooled;
  if (in->len < min_units)
    return models;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < 64; k++)
    {
      g_array_set_size (members, 0);
      for (guint j = 0; j < in->len; j++)
        if (length_class (ls[g_array_index (in, guint, j)]) == k)
          g_array_append_val (members, g_array_index (in, guint, j));
      if (members->len >= min_units)
        fit_length_model (ls, lt, (const guint *) (void *) members->data, members->len,
                          &models[k]);
      /* Wider than the whole text's, not narrower (see above). */
      models[k].scale = MAX (models[k].scale, pooled.scale);
    }
  return models;
}

/*
** Length outliers, after Gale & Church's length model (Computational
** Linguistics 19(1), 1993): the target's length in characters is c times the
** source's, with a variance proportional to the length (length_delta ()),
** estimated from the text by class of length (length_models ()). A unit is
** an outlier when its modified z-score 0.6745 (d − median) / MAD (Iglewicz
** & Hoaglin 1993) is beyond options->length_z. It is a warning when the
** model can tell content added or lost at the unit's length (length_tells ())
** or when the two sides hold different numbers of sentences; otherwise a
** note, since a short label rendered by a phrase looks the same.
**
** In software strings only the second is evidence. A document's units are
** beads an aligner made, and a length outlier there says that a sentence or a
** clause may sit in the wrong bead or be gone; a gettext message is one unit
** that its translator wrote whole, so there is nothing to misalign, and its
** length says only how fully it is phrased: "Try fewer jobs." → «Попробуйте
** уменьшить количество заданий.», "cannot stat %s" → «не удалось выполнить
** stat для %s», an English name followed by its original in parentheses.
** Russian renders the terse English of messages (verbless, article-less,
** noun stacks) by fuller clauses, and a length outlier of one sentence is a
** note (0 real in 53 judged such warnings of Debian's catalogues). A
** sentence added or dropped is still seen: a different number of sentences.
*/
static void
check_lengths (QaContext *ctx, const gboolean *skip)
{
  g_autofree double *ls = g_new0 (double, ctx->n_units + 1);
  g_autofree double *lt = g_new0 (double, ctx->n_units + 1);
  g_autoptr(GArray) in = length_units (ctx, skip, ls, lt);
  if (in->len == 0)
    return;
  g_autofree LengthModel *models = length_models (ctx, ls, lt, in);
  double bound = ctx->options->length_z;
  for (guint j = 0; j < in->len; j++)
    {
      guint i = g_array_index (in, guint, j);
      const LengthModel *m = &models[length_class (ls[i])];
      double z = (length_delta (m, ls[i], lt[i]) - m->centre) / m->scale;
      if (fabs (z) <= bound)
        continue;
      gboolean longer = z > 0;
      BitextCheck check = longer ? BITEXT_CHECK_ADDITION : BITEXT_CHECK_OMISSION;
      if (!ENABLED (ctx, check))
        continue;
      const char *s = ctx->units[i].source, *t = ctx->units[i].target;
      gboolean tells = (!ctx->software && length_tells (m, ls[i], bound))
                       || count_sentences (s) != count_sentences (t);
      gsize sa, sb, ta, tb;
      trimmed (s, &sa, &sb);
      trimmed (t, &ta, &tb);
      bitext_qa__add_finding (ctx, check, tells ? BITEXT_SEVERITY_WARNING : BITEXT_SEVERITY_INFO,
                              i, (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                              "the target is %.1f times as long as the text's length model "
                              "expects (z = %+.1f): %s?%s",
                              lt[i] / (m->c * ls[i]), z,
                              longer ? "something added" : "something left out",
                              tells            ? ""
                              : ctx->software ? " (a message is often phrased more fully or tersely)"
                                              : " (too short for the length model to tell)");
    }
}

/* Whole text: inconsistency ------------------------------------------------------------------ */

/* A unit's key (the grouped side's hash) and other side's hash, for sorting into groups. */
typedef struct
{
  guint64 key;
  guint64 other;
  guint unit;
} SameText;

static int
compare_flagged (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

static int
compare_same_text (gconstpointer a, gconstpointer b)
{
  const SameText *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->other != y->other)
    return x->other < y->other ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/*
** The unit that holds a group's most frequent other side: the group is
** g[0..n), sorted by other side and unit. Ties go to the other side seen
** first in the text; the unit returned is its first occurrence.
*/
static guint
group_best (const SameText *g, guint n)
{
  guint best = 0, best_n = 0;
  for (guint a = 0, b; a < n; a = b)
    {
      for (b = a + 1; b < n && g[b].other == g[a].other; b++)
        ;
      if (b - a > best_n || (b - a == best_n && g[a].unit < g[best].unit))
        best = a, best_n = b - a;
    }
  return best;
}

/* The content words of @text: its words' stems, function words (@stop) left out, in order. */
static char *
content_key (SbStemmer *stemmer, GHashTable *stop, const char *text)
{
  GString *key = g_string_new (NULL);
  g_autoptr(GString) lower = g_string_new (NULL);
  gsize length = strlen (text), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      g_string_truncate (lower, 0);
      bitext_qa__lower (text + w.start, w.end - w.start, lower);
      if (g_hash_table_contains (stop, lower->str))
        continue;
      const sb_symbol *stem = sb_stemmer_stem (stemmer, (const sb_symbol *) lower->str,
                                               (int) lower->len);
      if (stem != NULL)
        g_string_append_len (key, (const char *) stem, sb_stemmer_length (stemmer));
      g_string_append_c (key, ' ');
    }
  return g_string_free (key, FALSE);
}

static int
compare_string_pointers (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The words of @key (content_key ()) not matched by a word of @other, sorted, space-separated. */
static char *
unmatched_words (const char *key, const char *other)
{
  g_auto(GStrv) a = g_strsplit (key, " ", -1);
  g_auto(GStrv) b = g_strsplit (other, " ", -1);
  g_autoptr(GPtrArray) left = g_ptr_array_new ();
  for (char **w = a; *w != NULL; w++)
    {
      if (**w == '\0')
        continue;
      char **m = b;
      while (*m != NULL && strcmp (*m, *w) != 0)
        m++;
      if (*m != NULL)
        **m = '\0';            /* matched once */
      else
        g_ptr_array_add (left, *w);
    }
  g_ptr_array_sort (left, compare_string_pointers);
  g_ptr_array_add (left, NULL);
  return g_strjoinv (" ", (char **) left->pdata);
}

/*
** How the sources of units @a and @b differ: the content words (stems) of
** each that the other lacks, as "x|y" with the sides in byte order
** ("delet|remov" for "Delete file" and "Remove file"); NULL without a
** stemmer and a list of function words. "" when they differ only in case,
** punctuation, quotes, inflection or function words ("4-byte" and "4-bytes",
** "error reading" and "error while reading", "The text" and "Text"): two
** wordings of one message, which one translation fits.
*/
static char *
wording_difference (const QaContext *ctx, SbStemmer *stemmer, GHashTable *stop, guint a, guint b)
{
  if (stemmer == NULL || g_hash_table_size (stop) == 0)
    return NULL;
  g_autofree char *ka = content_key (stemmer, stop, text_or_empty (ctx->units[a].source));
  g_autofree char *kb = content_key (stemmer, stop, text_or_empty (ctx->units[b].source));
  if (strcmp (ka, kb) == 0)
    return g_strdup ("");
  g_autofree char *x = unmatched_words (ka, kb);
  g_autofree char *y = unmatched_words (kb, ka);
  return strcmp (x, y) <= 0 ? g_strconcat (x, "|", y, NULL) : g_strconcat (y, "|", x, NULL);
}

/*
** The wording differences of the @flagged pairs of units (unit, unit of the
** group's usual source) that the text gives one translation in two groups
** or more, i.e. for two different translations at least: "Failed to open
** %s" and "Cannot open %s" → «Не удалось открыть %s», "Failed to read %s"
** and "Cannot read %s" → «Не удалось прочитать %s». A difference of wording
** translated alike again and again is a paraphrase by the translation's own
** evidence (paraphrases by a pivot language: Bannard & Callison-Burch 2005,
** "Paraphrasing with Bilingual Parallel Corpora", ACL), while a one-off ("Bundle"
** and "Package" both «Пакет») may be two messages merged. Only words put
** for words count: a content word that one source has and the other lacks
** ("Group ID" and "Group" both «Группа») is meaning the translation drops. The same two
** sources in two groups (one pair of messages in two catalogues, translated
** twice alike) count once. Returns difference → number of pairs of sources;
** @diffs gets each flagged pair's difference.
*/
static GHashTable *
count_differences (QaContext *ctx, SbStemmer *stemmer, GHashTable *stop, GArray *flagged,
                   GPtrArray *diffs)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < flagged->len; k++)
    {
      const guint *f = &((const guint *) (void *) flagged->data)[2 * k];
      char *d = wording_difference (ctx, stemmer, stop, f[0], f[1]);
      g_ptr_array_add (diffs, d);
      if (d == NULL || *d == '|' || g_str_has_suffix (d, "|"))
        continue;               /* the same content words, or a word one side lacks */
      guint64 ha = bitext_qa__unit_key_hash (ctx, f[0], FALSE);
      guint64 hb = bitext_qa__unit_key_hash (ctx, f[1], FALSE);
      char *one = g_strdup_printf ("%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT, d, MIN (ha, hb),
                                   MAX (ha, hb));
      if (!g_hash_table_add (seen, one))
        continue;
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (groups, d));
      g_hash_table_insert (groups, g_strdup (d), GUINT_TO_POINTER (n + 1));
    }
  return groups;
}

/*
** Units with the same @by_source side (normalised) but different other
** sides: each unit whose other side differs from the group's most frequent
** one is flagged, naming the first unit that has the most frequent one.
** Sides are compared by 64-bit hashes (memory: 24 bytes a unit), and the
** groups found by sorting, so that a million units take a second; a hash
** collision would need ~2^32 distinct texts.
*/
static void
check_same_text (QaContext *ctx, const gboolean *skip, gboolean by_source)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (SameText));
  for (guint i = 0; i < ctx->n_units; i++)
    {
      if (skip[i] || !length_candidate (ctx, i))
        continue;
      SameText t = { bitext_qa__unit_key_hash (ctx, i, !by_source),
                     bitext_qa__unit_key_hash (ctx, i, by_source), i };
      g_array_append_val (all, t);
    }
  g_array_sort (all, compare_same_text);
  const SameText *v = (const SameText *) (void *) all->data;
  g_autoptr(GArray) flagged = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  for (guint a = 0, b; a < all->len; a = b)
    {
      for (b = a + 1; b < all->len && v[b].key == v[a].key; b++)
        ;
      if (b - a < 2 || v[a].other == v[b - 1].other)
        continue;
      const SameText *best = &v[a + group_best (v + a, b - a)];
      for (guint k = a; k < b; k++)
        if (v[k].other != best->other)
          g_array_append_vals (flagged, ((guint[]) { v[k].unit, best->unit }), 1);
    }
  g_array_sort (flagged, compare_flagged);
  g_autoptr(SbStemmer) stemmer = NULL;
  g_autoptr(GHashTable) stop = NULL;
  if (!by_source && flagged->len > 0 && ctx->options->src_lang != NULL)
    {
      g_autofree char *code = g_ascii_strdown (ctx->options->src_lang, 2);
      stemmer = sb_stemmer_new (code, "UTF_8");
      stop = bitext_terms__ref_stop_words (ctx->options->src_lang);
    }
  g_autoptr(GPtrArray) diffs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = by_source ? NULL
                                           : count_differences (ctx, stemmer, stop, flagged, diffs);
  for (guint k = 0; k < flagged->len; k++)
    {
      const guint *f = &((const guint *) (void *) flagged->data)[2 * k];
      const char *diff = by_source ? NULL : diffs->pdata[k];
      if (diff != NULL && *diff == '\0')
        continue;               /* same content words: one message */
      const BitextQaUnit *u = &ctx->units[f[0]];
      gsize sa, sb, ta, tb;
      trimmed (u->source, &sa, &sb);
      trimmed (u->target, &ta, &tb);
      /* Software strings: one source is many messages (gettext's msgctxt tells them apart,
         and a memory loses it), so a second translation is a note, not a warning. And one
         translation for two sources is the norm there: messages come from many programmers
         who word one thing many ways ("Cannot open", "Can't open", "Unable to open";
         "Display"/"Show"; "Miscellaneous"/"Advanced"), and Russian interface style renders
         each family by one standard phrase («Не удалось открыть», «Показать»,
         «Дополнительно»). Without the program's context (which property a label names), a
         merged translation cannot be told from a standard one: a note (2 real in 26 judged
         such warnings of Debian's catalogues). */
      BitextSeverity sev = ctx->software ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING;
      guint alike = diff != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (groups, diff)) : 0;
      if (alike >= 2)
        bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY, BITEXT_SEVERITY_INFO, f[0],
                                (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                                "the same translation is given for a different source in unit "
                                "%u, a difference of wording that the text translates alike "
                                "for %u translations", ctx->units[f[1]].index, alike);
      else
        bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY, sev, f[0],
                                (gssize) sa, (gssize) sb, (gssize) ta, (gssize) tb,
                                by_source ? "the same source is translated differently in unit %u"
                                          : "the same translation is given for a different "
                                            "source in unit %u",
                                ctx->units[f[1]].index);
    }
}

static int
compare_uses (gconstpointer a, gconstpointer b)
{
  const TermUse *x = a, *y = b;
  if (x->entry != y->entry)
    return x->entry < y->entry ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Note the uses[0..n) of one entry that are not its most frequent rendering. */
static void
note_term_uses (QaContext *ctx, const BitextGlossaryEntry *entry, const TermUse *uses, guint n)
{
  guint n_alts = g_strv_length ((char **) entry->targets);
  if (n_alts < 2)
    return;
  g_autofree guint *count = g_new0 (guint, n_alts);
  for (guint k = 0; k < n; k++)
    count[uses[k].variant]++;
  guint best = 0;
  for (guint v = 1; v < n_alts; v++)
    if (count[v] > count[best])
      best = v;
  for (guint k = 0; k < n; k++)
    {
      const TermUse *u = &uses[k];
      if ((guint) u->variant == best)
        continue;
      bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY, BITEXT_SEVERITY_INFO, u->unit,
                              -1, -1, (gssize) u->start, (gssize) u->end,
                              "'%s' is rendered as '%s' here and as '%s' in %u other "
                              "unit%s",
                              entry->source, entry->targets[u->variant],
                              entry->targets[best], count[best], count[best] == 1 ? "" : "s");
    }
}

/*
** Sort @uses as compare_uses () orders them, by entry then unit. The
** per-unit pass records them in unit order, so a stable counting sort by
** entry gives that order in linear time (a million units' uses: a second
** of qsort before). Uses out of unit order fall back to the sort.
*/
static void
sort_uses (GArray *uses, guint n_entries)
{
  if (uses->len == 0)
    return;  /* no glossary, or no term used: uses->data may be NULL */
  const TermUse *v = (const TermUse *) (void *) uses->data;
  for (guint k = 0; k < uses->len; k++)
    if ((k > 0 && v[k].unit < v[k - 1].unit) || v[k].entry >= n_entries)
      {
        g_array_sort (uses, compare_uses);
        return;
      }
  g_autofree guint *next = g_new0 (guint, n_entries + 1);
  for (guint k = 0; k < uses->len; k++)
    next[v[k].entry + 1]++;
  for (guint e = 0; e < n_entries; e++)
    next[e + 1] += next[e];
  g_autofree TermUse *sorted = g_new (TermUse, uses->len + 1);
  for (guint k = 0; k < uses->len; k++)
    sorted[next[v[k].entry]++] = v[k];
  memcpy (uses->data, sorted, sizeof (TermUse) * uses->len);
}

/*
** A glossary term rendered by different approved alternatives in different
** units (противоракетная оборона here, ПРО there): each unit using a less
** frequent alternative is noted, at info level since both are approved.
** The uses are sorted by entry, so the work is one sort, whatever the
** glossary's size.
*/
static void
check_term_consistency (QaContext *ctx)
{
  GArray *uses = ctx->term_uses;
  BitextGlossary *g = ctx->options->glossary;
  if (uses == NULL || g == NULL)
    return;
  sort_uses (uses, bitext_glossary_get_n_entries (g));
  const TermUse *v = (const TermUse *) (void *) uses->data;
  for (guint a = 0, b; a < uses->len; a = b)
    {
      for (b = a + 1; b < uses->len && v[b].entry == v[a].entry; b++)
        ;
      note_term_uses (ctx, bitext_glossary_get_entry (g, v[a].entry), v + a, b - a);
    }
}

/* Whole text: source-consistency ------------------------------------------------------------- */

/* For an English word with a British/American suffix, its folded spelling and the shared key. */
static gboolean
spelling_key (const char *text, const QaWord *w, GString *form, GString *key)
{
  gsize n = w->end - w->start;
  if (!spelling_candidate (text, w))
    return FALSE;
  g_string_truncate (form, 0);
  for (gsize k = 0; k < n; k++)
    g_string_append_c (form, g_ascii_tolower (text[w->start + k]));
  g_string_assign (key, form->str);
  bitext_qa__fold_spelling_en (key);
  if (strcmp (key->str, form->str) != 0)
    return TRUE;
  /* Unchanged: the American side of a pair has the key itself; keep only those suffixes. */
  static const char *const american[] = { "ense", "enses", "or", "ors", "ored", "oring", "ize",
                                          "izes", "ized", "izing", "ization", "izations", "yze",
                                          "ter", "ters", NULL };
  for (const char *const *s = american; *s != NULL; s++)
    if (g_str_has_suffix (form->str, *s))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GHashTable *forms;        /* folded form -> count */
  char *first_form;
} SpellingGroup;

static void
spelling_group_free (gpointer p)
{
  SpellingGroup *g = p;
  g_hash_table_unref (g->forms);
  g_free (g->first_form);
  g_free (g);
}

/* The group's most frequent spelling; ties go to the one seen first. */
static const char *
dominant_form (const SpellingGroup *g)
{
  const char *best = g->first_form;
  guint best_n = GPOINTER_TO_UINT (g_hash_table_lookup (g->forms, best));
  GHashTableIter it;
  gpointer form, n;
  g_hash_table_iter_init (&it, g->forms);
  while (g_hash_table_iter_next (&it, &form, &n))
    if (GPOINTER_TO_UINT (n) > best_n)
      best = form, best_n = GPOINTER_TO_UINT (n);
  return best;
}

/* One word with a British/American suffix: where it is and its group. */
typedef struct
{
  guint unit;
  gsize start, end;
  SpellingGroup *group;
  const char *form;         /* the group's key for this spelling (owned by group->forms) */
} Spelling;

/*
** Every word of the sources that has a spelling key, counted into its group.
** The per-unit pass has picked the candidate words (ctx->spelling_words).
*/
static void
collect_spellings (QaContext *ctx, GHashTable *groups, GArray *found)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  const GArray *words = ctx->spelling_words;
  for (guint k = 0; words != NULL && k < words->len; k++)
    {
      const SpellingWord *sw = &g_array_index (words, SpellingWord, k);
      const char *s = text_or_empty (ctx->units[sw->unit].source);
      gsize pos = sw->start;
      QaWord w;
      if (!bitext_qa__next_word (s, sw->end, &pos, &w) || !spelling_key (s, &w, form, key))
        continue;
      SpellingGroup *g = g_hash_table_lookup (groups, key->str);
      if (g == NULL)
        {
          g = g_new0 (SpellingGroup, 1);
          g->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g->first_form = g_strdup (form->str);
          g_hash_table_insert (groups, g_strdup (key->str), g);
        }
      gpointer stored, n;
      if (g_hash_table_lookup_extended (g->forms, form->str, &stored, &n))
        g_hash_table_steal (g->forms, stored);     /* the key is kept: Spellings point to it */
      else
        stored = g_strdup (form->str), n = NULL;
      g_hash_table_insert (g->forms, stored, GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
      Spelling sp = { sw->unit, w.start, w.end, g, stored };
      g_array_append_val (found, sp);
    }
}

/*
** The source spells one word two ways (Defense and defence, organise and
** organize): each occurrence of a less frequent spelling is noted. English
** sources only; info, since the translation is not at fault. The words with
** a British or American suffix are kept.
*/
static void
check_source_spelling (QaContext *ctx)
{
  if (!checks_source_spelling (ctx))
    return;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        spelling_group_free);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Spelling));
  collect_spellings (ctx, groups, found);
  for (guint k = 0; k < found->len; k++)
    {
      const Spelling *sp = &g_array_index (found, Spelling, k);
      if (g_hash_table_size (sp->group->forms) < 2)
        continue;
      const char *best = dominant_form (sp->group);
      if (strcmp (sp->form, best) == 0)
        continue;
      bitext_qa__add_finding (ctx, BITEXT_CHECK_SOURCE_CONSISTENCY, BITEXT_SEVERITY_INFO, sp->unit,
                              (gssize) sp->start, (gssize) sp->end, -1, -1,
                              "the source spells this word '%s' here and '%s' %u times "
                              "elsewhere",
                              sp->form, best,
                              GPOINTER_TO_UINT (g_hash_table_lookup (sp->group->forms, best)));
    }
}

/* Units that the whole-text checks leave out: findings of the per-unit pass already cover them. */
static gboolean *
units_to_skip (const QaContext *ctx)
{
  gboolean *skip = g_new0 (gboolean, ctx->n_units + 1);
  for (guint k = 0; k < ctx->findings->len; k++)
    {
      const BitextFinding *f = ctx->findings->pdata[k];
      if (f->check == BITEXT_CHECK_UNTRANSLATED_SEGMENT)
        skip[f->unit] = TRUE;
    }
  return skip;
}

void
bitext_qa__check_consistency (QaContext *ctx)
{
  g_autofree gboolean *skip = units_to_skip (ctx);
  /* The findings come in the same order as when the checks ran one after the other. */
  QaRenderings *renderings = NULL;
  if (ENABLED (ctx, BITEXT_CHECK_INCONSISTENCY))
    renderings = bitext_qa__renderings_start (ctx, skip);
  if (ENABLED (ctx, BITEXT_CHECK_OMISSION) || ENABLED (ctx, BITEXT_CHECK_ADDITION))
    check_lengths (ctx, skip);
  if (ENABLED (ctx, BITEXT_CHECK_INCONSISTENCY))
    {
      check_same_text (ctx, skip, TRUE);
      check_same_text (ctx, skip, FALSE);
      check_term_consistency (ctx);
      bitext_qa__renderings_finish (ctx, renderings);
    }
  if (ENABLED (ctx, BITEXT_CHECK_SOURCE_CONSISTENCY))
    check_source_spelling (ctx);
}

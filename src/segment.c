/* bitext — sentence segmentation.
 *
 * Engine: ICU's sentence BreakIterator, run per paragraph on UTF-16 (4–8x
 * faster than UText over UTF-8). On top of it, the language's SRX rules
 * (src/rules/default.srx, or the user's file) decide at every candidate
 * position: ICU's boundaries, and the positions where a break rule may fire.
 * The first matching rule wins; where none matches, ICU's boundary stands.
 * Layout rules that hold in every language (headings and list items on lines
 * of their own, inline enumerations, paragraphs broken by a page break) are
 * code, in segment-lists.c.
 */
#include "bitext/segment.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bitext/error.h"
#include "document-private.h"
#include "segment-private.h"
#include "srx-private.h"
#include "text-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UBreakIterator, ubrk_close)

struct _BitextSegmenter
{
  char *lang;                 /* NULL until known when created with "auto" */
  BitextSrx *srx;
  BitextRuleSet *rules;
  UBreakIterator *breaker;
  UChar *u16;                 /* the current block in UTF-16, line breaks as spaces */
  int32_t u16_capacity;
  GArray *newlines;           /* int32_t: UTF-16 indices of the block's line breaks */
  int32_t u16_length;         /* units of the block in u16 */
  gboolean supplementary;     /* the block has characters beyond the BMP (surrogate pairs) */
  GArray *candidates;         /* BitextCandidate */
  GArray *bounds;             /* int32_t pairs: segment start and end, UTF-16 */
  guint n_threads;            /* worker threads for large inputs; 0: none */
  gsize window_bytes;         /* a long line is converted to UTF-16 this many bytes at a time */
  gsize context_bytes;        /* ... with this much text before and after the part decided */
};

/*
** A paragraph longer than WINDOW_BYTES, on one line, is segmented a window
** at a time, so that its UTF-16 copy (2 bytes a unit) stays a few percent of
** a paragraph of 200 MB (issue 16) instead of twice its size. Each window
** reaches CONTEXT_BYTES before the first position it decides and after the
** last: SRX look-behinds are bounded at 64 characters a quantifier (srx.c,
** LOOKBEHIND_BOUND), ICU's sentence rules look ahead over one run of closing
** punctuation, spaces and other characters that are not letters (UAX #29,
** SB8-SB11), and a window is used only if that run ends inside it (see
** window_settles()). The context is 1/64 of a window, the work done twice.
*/
#define WINDOW_BYTES  (4 * 1024 * 1024)
#define CONTEXT_BYTES (WINDOW_BYTES / 64)

/* Where a block of text comes from, and how its offsets map back to the file. */
typedef struct
{
  gboolean (*next) (gpointer ctx, BitextParagraph *para, GError **error);
  gsize (*source_offset) (gpointer ctx, gsize text_offset);
  BitextPosition (*position) (gpointer ctx, gsize text_offset);
  void (*forget) (gpointer ctx, gsize text_offset);
  /* The text of a paragraph already handed out, still kept by the source until the next
     call of next(); NULL if it is not (see bitext_reader__peek_text()). */
  const char *(*peek) (gpointer ctx, gsize text_offset, gsize length);
  gpointer ctx;
  /* The input's format: a structured one (HTML, man...) has real paragraphs, never
     broken by a page break, so they are not joined (bitext_segment__should_join()). */
  BitextFormat (*format) (gpointer ctx);
  const char *name;           /* the input's name, for messages */
} ParagraphSource;

void
bitext_segmenter_free (BitextSegmenter *seg)
{
  if (seg == NULL)
    return;
  g_free (seg->lang);
  g_clear_pointer (&seg->rules, bitext_rule_set__free);
  g_clear_pointer (&seg->srx, bitext_srx__free);
  g_clear_pointer (&seg->breaker, ubrk_close);
  g_free (seg->u16);
  g_array_unref (seg->newlines);
  g_array_unref (seg->candidates);
  g_array_unref (seg->bounds);
  g_free (seg);
}

static gboolean
lang_is_valid (const char *lang)
{
  static GRegex *tag = NULL;
  if (g_once_init_enter (&tag))
    g_once_init_leave (&tag, g_regex_new ("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
                                          G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (tag, lang, 0, NULL);
}

/* Compile the rules and open ICU's iterator for @lang. */
static gboolean
segmenter_set_lang (BitextSegmenter *seg, const char *lang, GError **error)
{
  if (!lang_is_valid (lang))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE,
                   "'%s' is not a language code (expected e.g. en, ru, de-CH)", lang);
      return FALSE;
    }
  g_autofree char *icu_locale = g_strdelimit (g_strdup (lang), "-", '_');
  UErrorCode status = U_ZERO_ERROR;
  g_autoptr(UBreakIterator) breaker = ubrk_open (UBRK_SENTENCE, icu_locale, NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SEGMENTATION,
                   "ICU cannot segment '%s': %s", lang, u_errorName (status));
      return FALSE;
    }
  BitextRuleSet *rules = bitext_srx__compile (seg->srx, lang, error);
  if (rules == NULL)
    return FALSE;
  g_clear_pointer (&seg->rules, bitext_rule_set__free);
  g_clear_pointer (&seg->breaker, ubrk_close);
  seg->rules = rules;
  seg->breaker = g_steal_pointer (&breaker);
  g_free (seg->lang);
  seg->lang = g_strdup (lang);
  return TRUE;
}

/**
 * bitext_segmenter_new:
 * @lang: a language code ("en", "ru", "de-CH", ...) or "auto" (or %NULL) to
 *   guess it from the script of the first paragraph
 * @srx_path: (nullable): an SRX 2.0 file; %NULL for the rules shipped with bitext
 * @error: return location for a #GError
 *
 * Languages without rules of their own segment with ICU and the generic rules.
 *
 * Returns: (transfer full) (nullable): a segmenter, or %NULL with @error set
 */
BitextSegmenter *
bitext_segmenter_new (const char *lang, const char *srx_path, GError **error)
{
  g_autoptr(BitextSegmenter) seg = g_new0 (BitextSegmenter, 1);
  seg->newlines = g_array_new (FALSE, FALSE, sizeof (int32_t));
  seg->candidates = g_array_new (FALSE, FALSE, sizeof (BitextCandidate));
  seg->bounds = g_array_new (FALSE, FALSE, sizeof (int32_t));
  seg->n_threads = MIN (g_get_num_processors (), 16);
  seg->window_bytes = WINDOW_BYTES;
  seg->context_bytes = CONTEXT_BYTES;
  seg->srx = srx_path != NULL ? bitext_srx__load_file (srx_path, error)
                              : bitext_srx__load_default (error);
  if (seg->srx == NULL)
    return NULL;
  if (lang != NULL && g_ascii_strcasecmp (lang, "auto") != 0
      && !segmenter_set_lang (seg, lang, error))
    return NULL;
  return g_steal_pointer (&seg);
}

/* Worker threads for large inputs (0: segment in the calling thread only). */
void
bitext_segmenter__set_threads (BitextSegmenter *seg, guint n_threads)
{
  seg->n_threads = n_threads;
}

/* For tests: windows of @window_bytes with @context_bytes of context (see WINDOW_BYTES). */
void
bitext_segmenter__set_window (BitextSegmenter *seg, gsize window_bytes, gsize context_bytes)
{
  seg->window_bytes = window_bytes;
  seg->context_bytes = context_bytes;
}

/* Returns: (transfer none) (nullable): the language, %NULL while "auto" has not seen text. */
const char *
bitext_segmenter_get_lang (const BitextSegmenter *seg)
{
  return seg->lang;
}

/*
** Frequent short function words, each distinctive of one language among
** those written in Latin script that have segmentation rules or stemmers:
** counting them is the "short words" method of language identification
** (Grefenstette 1995, "Comparing two language identification schemes").
** Words shared by two of the languages (de, que, la, en, es, con, para…)
** are left out.
*/
static const struct { const char *lang; const char *words; } function_words[] = {
  { "en", "the and of is that with was for this are" },
  { "de", "der die und das ist nicht ein eine mit den von sich auch" },
  { "fr", "le les et des est une du pour dans pas au sur qui" },
  { "es", "el los las del por una y como pero más" },
  { "it", "il della per sono gli è nel che alla dei" },
  { "nl", "het een van niet dat op zijn voor met ook" },
  { "pt", "os uma não com em ao pelo mais dos" },
};

/* The index of the largest of COUNTS[0, N), the first on a tie. */
static gsize
argmax (const guint *counts, gsize n)
{
  gsize best = 0;
  for (gsize i = 1; i < n; i++)
    if (counts[i] > counts[best])
      best = i;
  return best;
}

/* The Latin-script language whose function words occur most often in TEXT, or "en". */
static const char *
guess_latin_language (const char *text, gsize length)
{
  static GHashTable *words;  /* word -> index + 1 in function_words */
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < G_N_ELEMENTS (function_words); i++)
        {
          g_auto(GStrv) list = g_strsplit (function_words[i].words, " ", -1);
          for (char **w = list; *w != NULL; w++)
            g_hash_table_insert (t, (gpointer) g_intern_string (*w), GSIZE_TO_POINTER (i + 1));
        }
      words = t;
      g_once_init_leave (&once, 1);
    }
  guint counts[G_N_ELEMENTS (function_words)] = { 0 };
  char word[4 * 6 + 1];     /* a word of up to six letters, in lower case */
  gsize len = 0, letters = 0;
  const char *end = text + length;
  for (const char *p = text; p <= end; p = p < end ? g_utf8_next_char (p) : p + 1)
    {
      gunichar c = p < end ? g_utf8_get_char (p) : ' ';  /* a word may end the text */
      if (g_unichar_isalpha (c))
        {
          if (++letters <= 6)
            len += (gsize) g_unichar_to_utf8 (g_unichar_tolower (c), word + len);
          continue;
        }
      if (letters > 0 && letters <= 6)
        {
          word[len] = '\0';
          gsize i = GPOINTER_TO_SIZE (g_hash_table_lookup (words, word));
          if (i > 0)
            counts[i - 1]++;
        }
      len = letters = 0;
    }
  return function_words[argmax (counts, G_N_ELEMENTS (function_words))].lang;
}

/**
 * bitext_guess_language:
 *
 * Guesses a language from the script most of the letters of @text are in:
 * Cyrillic gives "ru", Greek "el", and so on. Latin-script text is told
 * apart by its most frequent function words (English, German, French,
 * Spanish, Italian, Dutch, Portuguese; English when none occurs). Text
 * without letters gives "en".
 *
 * Returns: (transfer none): a language code
 */
const char *
bitext_guess_language (const char *text, gsize length)
{
  static const struct { UScriptCode script; const char *lang; } scripts[] = {
    { USCRIPT_LATIN, "en" },    { USCRIPT_CYRILLIC, "ru" }, { USCRIPT_GREEK, "el" },
    { USCRIPT_ARABIC, "ar" },   { USCRIPT_HEBREW, "he" },   { USCRIPT_HAN, "zh" },
    { USCRIPT_HIRAGANA, "ja" }, { USCRIPT_KATAKANA, "ja" }, { USCRIPT_HANGUL, "ko" },
    { USCRIPT_DEVANAGARI, "hi" }, { USCRIPT_THAI, "th" }, { USCRIPT_ARMENIAN, "hy" },
    { USCRIPT_GEORGIAN, "ka" },
  };
  guint counts[G_N_ELEMENTS (scripts)] = { 0 };
  const char *end = text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!u_isalpha ((UChar32) c))
        continue;
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode script = uscript_getScript ((UChar32) c, &status);
      for (gsize i = 0; i < G_N_ELEMENTS (scripts); i++)
        if (scripts[i].script == script)
          counts[i]++;
    }
  gsize best = argmax (counts, G_N_ELEMENTS (scripts));
  if (scripts[best].script == USCRIPT_LATIN)
    return guess_latin_language (text, length);
  return scripts[best].lang;
}

/* ------------------------------------------------------------------------ */
/* One block (a paragraph, or a paragraph joined over a page break)          */

/* TRUE if none of the eight bytes of W has its high bit set or is '\n'. */
static inline gboolean
plain_ascii8 (guint64 w)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 nl = w ^ (ones * '\n');
  return ((w | ((nl - ones) & ~nl)) & highs) == 0;
}

/* Store the eight ASCII bytes of W (in memory order) as eight UTF-16 units at OUT. */
static inline void
widen8 (guint64 w, UChar *out)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Spread each half's four bytes over four 16-bit lanes: two shifts and masks each. */
  const guint64 m16 = G_GUINT64_CONSTANT (0x0000FFFF0000FFFF);
  const guint64 m8 = G_GUINT64_CONSTANT (0x00FF00FF00FF00FF);
  guint64 lo = w & 0xFFFFFFFFu, hi = w >> 32;
  lo = (lo | (lo << 16)) & m16;
  lo = (lo | (lo << 8)) & m8;
  hi = (hi | (hi << 16)) & m16;
  hi = (hi | (hi << 8)) & m8;
  memcpy (out, &lo, sizeof lo);
  memcpy (out + 4, &hi, sizeof hi);
#else
  guint8 b[8];
  memcpy (b, &w, sizeof b);
  for (int k = 0; k < 8; k++)
    out[k] = b[k];
#endif
}

/*
** TRUE if the eight bytes of W (in memory order) are four well-formed
** two-byte characters, U+0080..U+07FF: Cyrillic, Greek, Latin with
** diacritics... (lead 110xxxxx but not C0/C1, then 10xxxxxx).
*/
static inline gboolean
two_byte4 (guint64 w)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  const guint64 shape_mask = G_GUINT64_CONSTANT (0xC0E0C0E0C0E0C0E0);
  const guint64 shape = G_GUINT64_CONSTANT (0x80C080C080C080C0);
  const guint64 lead_bits = G_GUINT64_CONSTANT (0x001E001E001E001E);
  const guint64 lane_top = G_GUINT64_CONSTANT (0x8000800080008000);
  if ((w & shape_mask) != shape)
    return FALSE;
  /* Each lead's bits 1-4 not all zero (C0 and C1 would be overlong): adding
     0x7FFF to a 16-bit lane of at most 0x1E sets its top bit exactly then. */
  return (((w & lead_bits) + G_GUINT64_CONSTANT (0x7FFF7FFF7FFF7FFF)) & lane_top) == lane_top;
#else
  (void) w;
  return FALSE;
#endif
}

/* The four characters that two_byte4() accepted in W, as four UTF-16 units at OUT. */
static inline void
decode_two_byte4 (guint64 w, UChar *out)
{
  /* Little-endian lanes of lead | continuation << 8 become (lead & 0x1F) << 6 | (cont & 0x3F). */
  guint64 u = ((w & G_GUINT64_CONSTANT (0x001F001F001F001F)) << 6)
              | ((w >> 8) & G_GUINT64_CONSTANT (0x003F003F003F003F));
  memcpy (out, &u, sizeof u);
}

/*
** Convert @text to UTF-16 in seg->u16 in one pass, recording each line
** break's index in seg->newlines and putting a space in its place (ICU
** would take a line break for a paragraph separator). Runs of plain ASCII go
** eight bytes at a time: most text is mostly ASCII, and this pass replaces
** a u_strFromUTF8() and a second scan for the line breaks.
*/
static gboolean
load_block (BitextSegmenter *seg, const char *text, gsize length, int32_t *n_out, GError **error)
{
  if (length >= G_MAXINT32 / 2)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "a paragraph of %" G_GSIZE_FORMAT " bytes is too long to segment", length);
      return FALSE;
    }
  int32_t need = (int32_t) length + 1;
  if (need > seg->u16_capacity)
    {
      seg->u16_capacity = MAX (need, seg->u16_capacity * 2);
      seg->u16 = g_renew (UChar, seg->u16, seg->u16_capacity);
    }
  g_array_set_size (seg->newlines, 0);
  seg->supplementary = FALSE;
  const guint8 *s = (const guint8 *) text;
  int32_t i = 0, len = (int32_t) length, n = 0;
  UChar *out = seg->u16;
  while (i < len)
    {
      if (len - i >= 8)
        {
          guint64 w;
          memcpy (&w, s + i, sizeof w);
          if (plain_ascii8 (w))
            {
              widen8 (w, out + n);
              i += 8;
              n += 8;
              continue;
            }
          if (two_byte4 (w))
            {
              decode_two_byte4 (w, out + n);
              i += 8;
              n += 4;
              continue;
            }
        }
      /* Mixed bytes: character by character over the next eight bytes (and the end of
         a character they cut) before the word tests again, or up to a space or other
         ASCII character: the next word of Cyrillic or Greek text starts there, where
         the 2-byte test can take it whole. */
      for (int32_t stop = MIN (len, i + 8); i < stop;)
        {
          if (s[i] < 0x80 && s[i] != '\n' && s[i] != 0)
            {
              out[n++] = s[i++];
              break;
            }
          if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80)
            {
              /* Two bytes: Cyrillic, Greek, Latin with diacritics... */
              out[n++] = (UChar) (((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F));
              i += 2;
              continue;
            }
          UChar32 c;
          U8_NEXT (s, i, len, c);
          if (c < 0)
            {
              g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                           "invalid UTF-8 at byte %d of a paragraph", i);
              return FALSE;
            }
          if (c == '\n')
            {
              g_array_append_val (seg->newlines, n);
              c = ' ';
            }
          seg->supplementary |= c > 0xFFFF;
          U16_APPEND_UNSAFE (out, n, c);
        }
    }
  *n_out = seg->u16_length = n;
  return TRUE;
}

static int
compare_candidates (const void *a, const void *b)
{
  const BitextCandidate *x = a, *y = b;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

static inline gboolean
is_space16 (UChar c)
{
  return c == ' ' || c == '\t' || (c > 0x7f && u_isUWhiteSpace (c));
}

/*
** Collect ICU's boundaries after unit FROM, moved back over trailing white
** space. From FROM > 0 on, ubrk_following() finds them as a walk from the
** start of the text would: ICU backs up to a safe point and walks forward.
*/
static void
add_icu_candidates (BitextSegmenter *seg, int32_t n, int32_t from)
{
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText (seg->breaker, seg->u16, n, &status);
  int32_t first = from > 0 ? ubrk_following (seg->breaker, from) : ubrk_next (seg->breaker);
  for (int32_t b = first; b != UBRK_DONE && b < n; b = ubrk_next (seg->breaker))
    {
      int32_t p = b;
      while (p > 0 && is_space16 (seg->u16[p - 1]))
        p--;
      BitextCandidate c = { p, CAND_ICU };
      g_array_append_val (seg->candidates, c);
    }
}

static void
add_rule_candidates (BitextSegmenter *seg, int32_t n, int32_t from)
{
  for (int32_t p = bitext_rule_set__next_break (seg->rules, seg->u16, n, from + 1); p < n;
       p = bitext_rule_set__next_break (seg->rules, seg->u16, n, p + 1))
    {
      BitextCandidate c = { p, CAND_RULE };
      g_array_append_val (seg->candidates, c);
    }
}

static gboolean
decide (BitextSegmenter *seg, guint32 flags, int32_t pos)
{
  if (flags & CAND_FORCE_KEEP)
    return FALSE;
  if (flags & CAND_FORCE_BREAK)
    return TRUE;
  BitextRuleDecision d = bitext_rule_set__decide (seg->rules, pos);
  if (d != BITEXT_RULE_NONE)
    return d == BITEXT_RULE_BREAK;
  return (flags & CAND_ICU) != 0;
}

/* Append [start, end) to seg->bounds after trimming white space; drop it if empty. */
static void
add_bounds (BitextSegmenter *seg, int32_t start, int32_t end)
{
  while (start < end && is_space16 (seg->u16[start]))
    start++;
  while (end > start && is_space16 (seg->u16[end - 1]))
    end--;
  if (start < end)
    {
      g_array_append_val (seg->bounds, start);
      g_array_append_val (seg->bounds, end);
    }
}

/*
** Split the text in seg->u16[0..n) into segments from unit FROM on (the
** block's start, or a break already decided), deciding only at positions
** below LIMIT: fills seg->bounds with pairs of UTF-16 indices and returns
** where the segment after the last one added starts. With LIMIT == n, the
** rest of the text is the last segment. LAYOUT: look for the layout's
** candidates (lines, inline lists), which need the whole block.
*/
static int32_t
split_range (BitextSegmenter *seg, int32_t n, int32_t from, int32_t limit, gboolean layout)
{
  g_array_set_size (seg->candidates, 0);
  g_array_set_size (seg->bounds, 0);
  add_icu_candidates (seg, n, from);
  add_rule_candidates (seg, n, from);
  if (layout)
    bitext_segment__layout_candidates (seg->u16, n, seg->newlines, seg->candidates);
  g_array_sort (seg->candidates, compare_candidates);
  bitext_rule_set__set_text (seg->rules, seg->u16, n);

  int32_t start = from;
  BitextCandidate *c = (BitextCandidate *) (void *) seg->candidates->data;
  guint len = seg->candidates->len;
  for (guint i = 0; i < len;)
    {
      int32_t pos = c[i].pos;
      guint32 flags = 0;
      for (; i < len && c[i].pos == pos; i++)
        flags |= c[i].flags;
      if (pos >= limit)
        break;
      if (pos <= start || !decide (seg, flags, pos))
        continue;
      add_bounds (seg, start, pos);
      start = pos;
    }
  if (limit == n)
    add_bounds (seg, start, n);
  return start;
}

/* Split the whole block in seg->u16[0..n). */
static void
split_block (BitextSegmenter *seg, int32_t n)
{
  split_range (seg, n, 0, n, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Emitting segments                                                         */

/*
** Maps the UTF-16 indices of segment bounds back to the UTF-8 block and to
** lines and columns, walking the block's UTF-16 form once: a unit's UTF-8
** length follows from its value (four units at a time), the line breaks are
** listed in seg->newlines, and columns count code points, as
** bitext_reader_get_position() does. Blocks of ASCII only need no walk at
** all; blocks with surrogate pairs take the slow, exact path.
*/
typedef struct
{
  const UChar *u16text;
  const int32_t *newlines;
  guint n_newlines;
  guint nl;                   /* newlines before u16 */
  gboolean ascii;             /* one byte a unit: UTF-8 and UTF-16 offsets are equal */
  gboolean supplementary;     /* surrogate pairs: two units, four bytes, one code point */
  gsize u8;
  int32_t u16;
  BitextPosition start;       /* of the block's first character */
} Cursor;

static Cursor
cursor_init (const BitextSegmenter *seg, gsize length, BitextPosition start)
{
  Cursor cur = { seg->u16, (const int32_t *) (void *) seg->newlines->data, seg->newlines->len,
                 0, (gsize) seg->u16_length == length, seg->supplementary, 0, 0, start };
  return cur;
}

/* Per 16-bit lane of X, the lane's top bit if the lane is not zero. */
static inline guint64
nonzero_lanes16 (guint64 x)
{
  const guint64 low15 = G_GUINT64_CONSTANT (0x7FFF7FFF7FFF7FFF);
  return (((x & low15) + low15) | x) & G_GUINT64_CONSTANT (0x8000800080008000);
}

#ifdef __SSE2__
/*
** UTF-8 length of the BMP units T[0, N) (no surrogates), eight units at a
** time: 3 bytes each, less one for each unit below 0x800 and one more for
** each below 0x80, counted as -1 lanes in 16-bit sums flushed before they
** could overflow.
*/
static gsize
utf8_length16 (const UChar *t, gsize n)
{
  const __m128i below80 = _mm_set1_epi16 (0x7F), below800 = _mm_set1_epi16 (0x7FF);
  const __m128i zero = _mm_setzero_si128 (), ones = _mm_set1_epi16 (1);
  gsize total = 3 * n, i = 0;

  while (i + 8 <= n)
    {
      __m128i sum = zero;
      gsize stop = MIN (n, i + 8 * 8192);  /* at most -2 a lane a step: 8192 steps fit */
      for (; i + 8 <= stop; i += 8)
        {
          __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) (t + i));
          sum = _mm_add_epi16 (sum, _mm_cmpeq_epi16 (_mm_subs_epu16 (x, below80), zero));
          sum = _mm_add_epi16 (sum, _mm_cmpeq_epi16 (_mm_subs_epu16 (x, below800), zero));
        }
      gint32 lanes[4];  /* each the sum of two lanes of -1s: at most 0, at least -32768 */
      _mm_storeu_si128 ((__m128i *) (void *) lanes, _mm_madd_epi16 (sum, ones));
      total -= (gsize) -(lanes[0] + lanes[1] + lanes[2] + lanes[3]);
    }
  for (; i < n; i++)
    total -= (t[i] < 0x80) + (t[i] < 0x800);
  return total;
}
#endif

/* Move to unit TARGET (at or after the cursor); returns its UTF-8 offset. */
static gsize
cursor_advance (Cursor *cur, int32_t target)
{
  const UChar *t = cur->u16text;
  gsize u8 = cur->u8;
  int32_t i = cur->u16;

  if (cur->ascii)
    u8 += (gsize) (target - i), i = target;
  else if (cur->supplementary)
    for (; i < target; i++)
      u8 += t[i] < 0x80 ? 1 : t[i] < 0x800 || U16_IS_SURROGATE (t[i]) ? 2 : 3;
#ifdef __SSE2__
  u8 += utf8_length16 (t + i, (gsize) (target - i));
  i = target;
#endif
  for (; i + 4 <= target; i += 4)
    {
      guint64 w;
      memcpy (&w, t + i, sizeof w);  /* four units: 4 bytes, +1 for each >= 0x80, +1 for each >= 0x800 */
      guint64 extra = (nonzero_lanes16 (w & G_GUINT64_CONSTANT (0xFF80FF80FF80FF80)) >> 15)
                      + (nonzero_lanes16 (w & G_GUINT64_CONSTANT (0xF800F800F800F800)) >> 15);
      u8 += 4 + (gsize) ((extra * G_GUINT64_CONSTANT (0x0001000100010001)) >> 48);
    }
  for (; i < target; i++)
    u8 += t[i] < 0x80 ? 1 : t[i] < 0x800 ? 2 : 3;
  while (cur->nl < cur->n_newlines && cur->newlines[cur->nl] < target)
    cur->nl++;
  cur->u8 = u8;
  cur->u16 = target;
  return u8;
}

/* Line and column of the character at unit X, after the cursor's last line break but one. */
static BitextPosition
cursor_position (const Cursor *cur, int32_t x)
{
  guint nl = cur->nl;
  while (nl > 0 && cur->newlines[nl - 1] >= x)
    nl--;
  int32_t line_start = nl == 0 ? 0 : cur->newlines[nl - 1] + 1;
  guint column = (nl == 0 ? cur->start.column : 1) + (guint) (x - line_start);
  if (cur->supplementary)
    for (int32_t i = line_start; i < x; i++)
      column -= U16_IS_TRAIL (cur->u16text[i]);
  BitextPosition pos = { cur->start.line + nl, column };
  return pos;
}

/* Line and column of the last character before unit END. */
static BitextPosition
cursor_last_position (const Cursor *cur, int32_t end)
{
  int32_t x = end - 1;
  if (cur->supplementary && x > 0 && U16_IS_TRAIL (cur->u16text[x]))
    x--;
  return cursor_position (cur, x);
}

/* The segment of units [START, END): its UTF-8 bounds in PAIR, its first and last character's positions in POS. */
static void
cursor_segment (Cursor *cur, int32_t start, int32_t end, gsize pair[2], BitextPosition pos[2])
{
  pair[0] = cursor_advance (cur, start);
  pos[0] = cursor_position (cur, start);
  pair[1] = cursor_advance (cur, end);
  pos[1] = cursor_last_position (cur, end);
}

/**
 * bitext_segment_dup_text:
 * @text: a document's normalised text
 * @span: a segment's span in it
 *
 * Returns: (transfer full): the segment's text, with each run of white space
 *   that holds a line break replaced by one space
 */
char *
bitext_segment_dup_text (const char *text, const BitextSpan *span)
{
  GString *out = g_string_sized_new (span->length + 1);
  bitext__append_collapsed (out, text + span->offset, span->length);
  return g_string_free (out, FALSE);
}

/*
** Segment @block[0..length), whose first character is at @start in the
** source, with @seg: appends to @out a pair of byte offsets into @block
** (start, end) for each segment, and to @positions the line:column of its
** first and of its last character.
*/
static gboolean
segment_block (BitextSegmenter *seg, const char *block, gsize length, BitextPosition start,
               GArray *out, GArray *positions, GError **error)
{
  int32_t n = 0;
  if (!load_block (seg, block, length, &n, error))
    return FALSE;
  split_block (seg, n);
  const int32_t *b = (const int32_t *) (void *) seg->bounds->data;
  Cursor cur = cursor_init (seg, length, start);
  for (guint i = 0; i + 1 < seg->bounds->len; i += 2)
    {
      gsize pair[2];
      BitextPosition pos[2];
      cursor_segment (&cur, b[i], b[i + 1], pair, pos);
      g_array_append_vals (out, pair, 2);
      g_array_append_vals (positions, pos, 2);
    }
  return TRUE;
}

/* Hand the segment @block[start, end), at source positions @pos[0] (first character) to @pos[1] (last), to @func. */
static gboolean
emit_segment (const ParagraphSource *src, const char *block, gsize base, guint paragraph,
              gsize start, gsize end, const BitextPosition *pos, const char *text,
              GString *scratch, BitextSegmentFunc func, gpointer user_data, GError **error)
{
  BitextSegment s = {
    .span = { base + start, end - start },
    .paragraph = paragraph,
    .source_offset = src->source_offset (src->ctx, base + start),
    .source_end = src->source_offset (src->ctx, base + end),
    .start = pos[0],
    .end = pos[1],
  };
  if (text == NULL)
    {
      g_string_truncate (scratch, 0);
      bitext__append_collapsed (scratch, block + start, end - start);
      text = scratch->str;
    }
  return func (&s, text, user_data, error);
}

/*
** Hand the segments of one block (byte-offset pairs @bounds[0..n_bounds),
** with their positions) to @func; their texts are in @texts at the offsets
** @text_at (one per segment).
*/
static gboolean
emit_segments (const ParagraphSource *src, const char *block, gsize base, guint paragraph,
               const gsize *bounds, const BitextPosition *positions, guint n_bounds,
               const char *texts, const gsize *text_at, GString *scratch, BitextSegmentFunc func,
               gpointer user_data, GError **error)
{
  for (guint i = 0; i + 1 < n_bounds; i += 2)
    if (!emit_segment (src, block, base, paragraph, bounds[i], bounds[i + 1], positions + i,
                       texts + text_at[i / 2], scratch, func, user_data, error))
      return FALSE;
  return TRUE;
}

/* Emit the segments in seg->bounds: units of the text that starts at @block[at], at source position @start. */
static gboolean
emit_bounds (BitextSegmenter *seg, const ParagraphSource *src, const char *block, gsize at,
             gsize length, gsize base, guint paragraph, BitextPosition start, GString *scratch,
             BitextSegmentFunc func, gpointer user_data, GError **error)
{
  Cursor cur = cursor_init (seg, length, start);
  const int32_t *b = (const int32_t *) (void *) seg->bounds->data;
  for (guint i = 0; i + 1 < seg->bounds->len; i += 2)
    {
      gsize pair[2];
      BitextPosition pos[2];
      cursor_segment (&cur, b[i], b[i + 1], pair, pos);
      if (!emit_segment (src, block, base, paragraph, at + pair[0], at + pair[1], pos, NULL,
                         scratch, func, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* UTF-16 units of the valid UTF-8 @p[0, n). */
static int32_t
utf16_units (const char *p, gsize n)
{
  int32_t units = 0;
  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) p[i];
      units += (c & 0xC0) != 0x80;
      units += c >= 0xF0;
    }
  return units;
}

/* The start of the character at or before byte @i of @p. */
static gsize
char_start (const char *p, gsize i)
{
  while (i > 0 && ((guchar) p[i] & 0xC0) == 0x80)
    i--;
  return i;
}

/*
** Can @block be segmented a window at a time? The layout rules
** (segment-lists.c) look at the whole paragraph: at its lines, and at an
** inline enumeration that starts it ("1) a 2) b"), whose markers are then
** counted to its end. A block without line breaks that starts with no such
** marker gets nothing from them: the layout rules are asked about its first
** characters, and a number (which may start an enumeration at 100 without a
** candidate of its own) is taken as a marker.
*/
static gboolean
windowable (BitextSegmenter *seg, const char *block, gsize length)
{
  if (memchr (block, '\n', length) != NULL)
    return FALSE;
  const char *p = block, *end = block + length;
  while (p < end && (*p == '\t' || u_isUWhiteSpace ((UChar32) g_utf8_get_char (p))))
    p = g_utf8_next_char (p);
  if (p == end || g_ascii_isdigit (*p))
    return FALSE;
  /* A marker and the white space after it fit in 64 bytes; if cut, it still parses. */
  gsize prefix = end - p <= 64 ? (gsize) (end - p) : char_start (p, 64);
  int32_t n = 0;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (BitextCandidate));
  if (!load_block (seg, p, prefix, &n, NULL))
    return FALSE;
  bitext_segment__layout_candidates (seg->u16, n, seg->newlines, candidates);
  return candidates->len == 0;
}

/*
** Do the decisions before unit @limit of the window in seg->u16[0..n) hold
** whatever follows it? ICU's look-ahead after a full stop (SB8) and the
** runs of SRX after-break patterns stop at a letter or a sentence terminator:
** one must come after @limit.
*/
static gboolean
window_settles (const BitextSegmenter *seg, int32_t limit, int32_t n)
{
  for (int32_t i = n; i > limit;)
    {
      UChar32 c;
      U16_PREV (seg->u16, limit, i, c);
      if (u_isalpha (c) || u_hasBinaryProperty (c, UCHAR_S_TERM))
        return TRUE;
    }
  return FALSE;
}

/*
** Segment one (large) block in this thread and emit its segments as they are
** found. A long block on one line is converted to UTF-16 a window at a time
** (WINDOW_BYTES): each window starts context_bytes before the first break
** still to decide, and decides only up to context_bytes before its end, then
** the next one starts from the last break it made. A window that decides
** nothing, or does not settle, is doubled. The segments are those of a
** single window over the block: tests/test-segment.c checks it on windows
** of a few bytes.
*/
static gboolean
segment_and_emit (BitextSegmenter *seg, const ParagraphSource *src, const char *block,
                  gsize length, gsize base, guint paragraph, GString *scratch,
                  BitextSegmentFunc func, gpointer user_data, GError **error)
{
  gboolean windows = length > seg->window_bytes && windowable (seg, block, length);
  gsize from = 0, window = windows ? seg->window_bytes : length;
  for (;;)
    {
      gsize at = char_start (block, from - MIN (from, seg->context_bytes));
      gsize end = MIN (length, from + window);
      while (end < length && ((guchar) block[end] & 0xC0) == 0x80)
        end++;
      gboolean last = end == length;
      int32_t n = 0;
      if (!load_block (seg, block + at, end - at, &n, error))
        {
          g_prefix_error (error, "%s:%u: ", src->name, src->position (src->ctx, base + at).line);
          return FALSE;
        }
      gsize decided = last ? end : char_start (block, end - MIN (end - from, seg->context_bytes));
      int32_t limit = n - utf16_units (block + decided, end - decided);
      int32_t start = utf16_units (block + at, from - at);
      int32_t next = start;
      if (last || window_settles (seg, limit, n))
        next = split_range (seg, n, start, limit, !windows);
      if (!last && next == start)
        {
          window *= 2;
          continue;
        }
      BitextPosition pos = src->position (src->ctx, base + at);
      if (!emit_bounds (seg, src, block, at, end - at, base, paragraph, pos, scratch, func,
                        user_data, error))
        return FALSE;
      if (last)
        return TRUE;
      Cursor cur = cursor_init (seg, end - at, pos);
      from = at + cursor_advance (&cur, next);
      window = seg->window_bytes;
    }
}

/* ------------------------------------------------------------------------ */
/* Batches: segmenting on every core, emitting in order                      */

/*
** Blocks are gathered into batches of about BATCH_BYTES. The first batch is
** segmented in the calling thread; from the second on, batches go to a pool
** of worker threads (one per core, each with its own ICU iterator and
** compiled rules, which are not thread-safe) while the calling thread reads
** ahead, and the calling thread emits the batches in order. At most
** MAX_IN_FLIGHT batches wait, so memory stays bounded whatever the input.
** A small input never starts a thread.
*/
#define BATCH_BYTES (256 * 1024)
#define MAX_IN_FLIGHT(workers) (2 * (workers) + 1)

typedef struct
{
  gsize at;                   /* offset of the block in the batch's text */
  gsize length;
  gsize base;                 /* text offset of the block in the input */
  guint paragraph;
  BitextPosition start;       /* line:column of the block's first character */
  guint first_bound;          /* index into the batch's bounds and positions */
  guint n_bounds;
} BatchBlock;

typedef struct
{
  GString *text;
  GArray *blocks;             /* BatchBlock */
  GArray *bounds;             /* gsize pairs, relative to each block */
  GArray *positions;          /* BitextPosition pairs: each segment's first and last character */
  GString *texts;             /* the segments' texts (see bitext__append_collapsed), each NUL-ended */
  GArray *text_at;            /* gsize: offset in texts of each segment's text */
  GError *error;              /* set by the worker that segmented it */
  gboolean done;
  GMutex lock;
  GCond cond;
} Batch;

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);
  b->text = g_string_sized_new (BATCH_BYTES + BATCH_BYTES / 4);
  b->blocks = g_array_new (FALSE, FALSE, sizeof (BatchBlock));
  b->bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  b->positions = g_array_new (FALSE, FALSE, sizeof (BitextPosition));
  b->texts = g_string_sized_new (BATCH_BYTES + BATCH_BYTES / 4);
  b->text_at = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_mutex_init (&b->lock);
  g_cond_init (&b->cond);
  return b;
}

static void
batch_free (Batch *b)
{
  g_string_free (b->text, TRUE);
  g_array_unref (b->blocks);
  g_array_unref (b->bounds);
  g_array_unref (b->positions);
  g_string_free (b->texts, TRUE);
  g_array_unref (b->text_at);
  g_clear_error (&b->error);
  g_mutex_clear (&b->lock);
  g_cond_clear (&b->cond);
  g_free (b);
}

static void
batch_add_block (Batch *b, const char *text, gsize length, gsize base, guint paragraph,
                 BitextPosition start)
{
  BatchBlock blk = { b->text->len, length, base, paragraph, start, 0, 0 };
  g_string_append_len (b->text, text, (gssize) length);
  g_string_append_c (b->text, '\0');
  g_array_append_val (b->blocks, blk);
}

/* Segment every block of @b with @seg and make the segments' texts; the first error stops it. */
static void
batch_segment (Batch *b, BitextSegmenter *seg)
{
  for (guint i = 0; i < b->blocks->len && b->error == NULL; i++)
    {
      BatchBlock *blk = &g_array_index (b->blocks, BatchBlock, i);
      const char *block = b->text->str + blk->at;
      blk->first_bound = b->bounds->len;
      segment_block (seg, block, blk->length, blk->start, b->bounds, b->positions, &b->error);
      blk->n_bounds = b->bounds->len - blk->first_bound;
      for (guint k = blk->first_bound; k + 1 < b->bounds->len; k += 2)
        {
          gsize start = g_array_index (b->bounds, gsize, k);
          gsize end = g_array_index (b->bounds, gsize, k + 1);
          g_array_append_val (b->text_at, b->texts->len);
          bitext__append_collapsed (b->texts, block + start, end - start);
          g_string_append_c (b->texts, '\0');
        }
    }
}

static gboolean
batch_emit (Batch *b, const ParagraphSource *src, GString *scratch, BitextSegmentFunc func,
            gpointer user_data, GError **error)
{
  if (b->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&b->error));
      return FALSE;
    }
  for (guint i = 0; i < b->blocks->len; i++)
    {
      const BatchBlock *blk = &g_array_index (b->blocks, BatchBlock, i);
      const gsize *bounds = &g_array_index (b->bounds, gsize, blk->first_bound);
      const BitextPosition *positions = &g_array_index (b->positions, BitextPosition,
                                                        blk->first_bound);
      const gsize *text_at = &g_array_index (b->text_at, gsize, blk->first_bound / 2);
      if (!emit_segments (src, b->text->str + blk->at, blk->base, blk->paragraph, bounds,
                          positions, blk->n_bounds, b->texts->str, text_at, scratch, func, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* The workers' segmenters: compiled for the same language from the same rules. */
typedef struct
{
  BitextSegmenter *owner;
  GAsyncQueue *idle;          /* BitextSegmenter*, each used by one thread at a time */
  GPtrArray *all;
} WorkerPool;

static void segmenter_free_worker (gpointer data);

static void
worker_run (gpointer data, gpointer user_data)
{
  Batch *b = data;
  WorkerPool *wp = user_data;
  BitextSegmenter *seg = g_async_queue_pop (wp->idle);
  batch_segment (b, seg);
  g_async_queue_push (wp->idle, seg);
  g_mutex_lock (&b->lock);
  b->done = TRUE;
  g_cond_signal (&b->cond);
  g_mutex_unlock (&b->lock);
}

static void
batch_wait (Batch *b)
{
  g_mutex_lock (&b->lock);
  while (!b->done)
    g_cond_wait (&b->cond, &b->lock);
  g_mutex_unlock (&b->lock);
}

/* A segmenter for a worker thread: @seg's language and rules, its own ICU state. */
static BitextSegmenter *
segmenter_new_worker (BitextSegmenter *seg, GError **error)
{
  BitextSegmenter *w = g_new0 (BitextSegmenter, 1);
  w->newlines = g_array_new (FALSE, FALSE, sizeof (int32_t));
  w->candidates = g_array_new (FALSE, FALSE, sizeof (BitextCandidate));
  w->bounds = g_array_new (FALSE, FALSE, sizeof (int32_t));
  w->lang = g_strdup (seg->lang);
  UErrorCode status = U_ZERO_ERROR;
  w->breaker = ubrk_clone (seg->breaker, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SEGMENTATION,
                   "cannot copy ICU's sentence iterator: %s", u_errorName (status));
      segmenter_free_worker (w);
      return NULL;
    }
  w->rules = bitext_rule_set__clone (seg->rules, error);
  if (w->rules == NULL)
    {
      segmenter_free_worker (w);
      return NULL;
    }
  return w;
}

static void
segmenter_free_worker (gpointer data)
{
  bitext_segmenter_free (data);
}

typedef struct
{
  BitextSegmenter *seg;
  const ParagraphSource *src;
  BitextSegmentFunc func;
  gpointer user_data;
  GString *scratch;
  guint n_threads;            /* 0: this thread only */
  GThreadPool *pool;
  WorkerPool workers;
  GQueue in_flight;           /* Batch*, oldest first */
  Batch *filling;
  GQueue spare;               /* Batch*, emitted and ready for reuse */
  gboolean big;               /* the open block is one large paragraph, kept by the source */
  BatchBlock big_block;       /* then: its base, length, paragraph and start (not in a batch) */
} Pipeline;

static void
pipeline_clear (Pipeline *p)
{
  if (p->pool != NULL)
    g_thread_pool_free (p->pool, FALSE, TRUE);  /* waits for the batches in hand */
  if (p->workers.all != NULL)
    g_ptr_array_unref (p->workers.all);
  if (p->workers.idle != NULL)
    g_async_queue_unref (p->workers.idle);
  g_queue_clear_full (&p->in_flight, (GDestroyNotify) batch_free);
  g_queue_clear_full (&p->spare, (GDestroyNotify) batch_free);
  g_clear_pointer (&p->filling, batch_free);
  g_string_free (p->scratch, TRUE);
}

static gboolean
pipeline_start_workers (Pipeline *p, GError **error)
{
  p->workers.owner = p->seg;
  p->workers.idle = g_async_queue_new ();
  p->workers.all = g_ptr_array_new_with_free_func (segmenter_free_worker);
  for (guint i = 0; i < p->n_threads; i++)
    {
      BitextSegmenter *w = segmenter_new_worker (p->seg, error);
      if (w == NULL)
        return FALSE;
      g_ptr_array_add (p->workers.all, w);
      g_async_queue_push (p->workers.idle, w);
    }
  p->pool = g_thread_pool_new (worker_run, &p->workers, (int) p->n_threads, TRUE, error);
  return p->pool != NULL;
}

/* Emit and free the oldest batch in flight. */
static gboolean
pipeline_emit_oldest (Pipeline *p, GError **error)
{
  Batch *b = g_queue_pop_head (&p->in_flight);
  batch_wait (b);
  gboolean ok = batch_emit (b, p->src, p->scratch, p->func, p->user_data, error);
  if (ok && p->src->forget != NULL && b->blocks->len > 0)
    {
      const BatchBlock *last = &g_array_index (b->blocks, BatchBlock, b->blocks->len - 1);
      p->src->forget (p->src->ctx, last->base + last->length);
    }
  g_string_truncate (b->text, 0);
  g_array_set_size (b->blocks, 0);
  g_array_set_size (b->bounds, 0);
  g_array_set_size (b->positions, 0);
  g_string_truncate (b->texts, 0);
  g_array_set_size (b->text_at, 0);
  g_clear_error (&b->error);
  b->done = FALSE;
  g_queue_push_tail (&p->spare, b);
  return ok;
}

/* Hand the batch being filled on: to a worker, or (no threads, or the end of a small input) segment it here. */
static gboolean
pipeline_submit (Pipeline *p, gboolean last, GError **error)
{
  Batch *b = g_steal_pointer (&p->filling);
  if (b == NULL)
    {
      while (last && !g_queue_is_empty (&p->in_flight))
        if (!pipeline_emit_oldest (p, error))
          return FALSE;
      return TRUE;
    }
  gboolean here = p->n_threads == 0 || (last && p->pool == NULL);
  if (!here && p->pool == NULL && !pipeline_start_workers (p, error))
    {
      batch_free (b);
      return FALSE;
    }
  g_queue_push_tail (&p->in_flight, b);
  if (here)
    {
      batch_segment (b, p->seg);
      b->done = TRUE;
    }
  else if (!g_thread_pool_push (p->pool, b, error))
    {
      b->done = TRUE;         /* not taken: nothing will touch it */
      return FALSE;
    }
  while (g_queue_get_length (&p->in_flight) >= (last ? 1u : MAX_IN_FLIGHT (p->n_threads)))
    if (!pipeline_emit_oldest (p, error))
      return FALSE;
  return TRUE;
}

/*
** Start a block: paragraph @para, the @paragraph'th logical one. A paragraph
** of a batch's size or more stays where the source keeps it (p->big) rather
** than being copied into the batch being filled.
*/
static void
pipeline_open_block (Pipeline *p, const BitextParagraph *para, guint paragraph)
{
  BitextPosition start = p->src->position (p->src->ctx, para->text_offset);
  if (para->length >= BATCH_BYTES && p->src->peek != NULL
      && p->src->peek (p->src->ctx, para->text_offset, para->length) != NULL)
    {
      BatchBlock blk = { 0, para->length, para->text_offset, paragraph, start, 0, 0 };
      p->big_block = blk;
      p->big = TRUE;
      return;
    }
  if (p->filling == NULL)
    p->filling = !g_queue_is_empty (&p->spare) ? g_queue_pop_head (&p->spare) : batch_new ();
  batch_add_block (p->filling, para->text, para->length, para->text_offset, paragraph, start);
}

/* The open block (the last of the batch being filled). */
static BatchBlock *
pipeline_open_block_get (Pipeline *p)
{
  return &g_array_index (p->filling->blocks, BatchBlock, p->filling->blocks->len - 1);
}

/* The text of the large paragraph p->big_block, where the source keeps it; NULL with @error set if it does not. */
static const char *
pipeline_big_text (Pipeline *p, GError **error)
{
  const char *text = p->src->peek (p->src->ctx, p->big_block.base, p->big_block.length);
  if (text == NULL)
    g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                 "the paragraph at text offset %" G_GSIZE_FORMAT " is no longer kept",
                 p->big_block.base);
  return text;
}

/* The text of the open block and its length; NULL with @error set if the source lost it. */
static const char *
pipeline_open_text (Pipeline *p, gsize *length, GError **error)
{
  if (!p->big)
    {
      const BatchBlock *blk = pipeline_open_block_get (p);
      *length = blk->length;
      return p->filling->text->str + blk->at;
    }
  *length = p->big_block.length;
  return pipeline_big_text (p, error);
}

/* Append paragraph @para, which continues the open block over a page break, to it. */
static gboolean
pipeline_extend_block (Pipeline *p, const BitextParagraph *para, GError **error)
{
  if (p->big)
    {
      /* Rare: a page break in a large paragraph. The block is copied, joined, into a batch. */
      gsize length = 0;
      const char *text = pipeline_open_text (p, &length, error);
      if (text == NULL)
        return FALSE;
      if (p->filling == NULL)
        p->filling = !g_queue_is_empty (&p->spare) ? g_queue_pop_head (&p->spare) : batch_new ();
      batch_add_block (p->filling, text, length, p->big_block.base, p->big_block.paragraph,
                       p->big_block.start);
      p->big = FALSE;
    }
  BatchBlock *blk = pipeline_open_block_get (p);
  GString *t = p->filling->text;
  gsize gap = para->text_offset - (blk->base + blk->length);
  g_string_truncate (t, t->len - 1);  /* the block's NUL */
  for (gsize k = 0; k < gap; k++)
    g_string_append_c (t, '\n');
  g_string_append_len (t, para->text, (gssize) para->length);
  g_string_append_c (t, '\0');
  blk->length += gap + para->length;
  return TRUE;
}

/*
** Take the open block out of the batch being filled, into a string of its
** own: the batch's text itself (no copy) when the block is all of it.
*/
static GString *
pipeline_take_block (Pipeline *p, BatchBlock *out)
{
  BatchBlock blk = *pipeline_open_block_get (p);
  GString *t = p->filling->text;
  GString *taken;
  if (blk.at == 0)
    {
      taken = g_steal_pointer (&p->filling->text);
      p->filling->text = g_string_sized_new (BATCH_BYTES + BATCH_BYTES / 4);
      g_string_truncate (taken, blk.length);
    }
  else
    {
      taken = g_string_new_len (t->str + blk.at, (gssize) blk.length);
      g_string_truncate (t, blk.at);
    }
  g_array_set_size (p->filling->blocks, p->filling->blocks->len - 1);
  *out = blk;
  return taken;
}

/* Drop the open block (an error came before the paragraph after it). */
static void
pipeline_drop_block (Pipeline *p)
{
  if (p->big)
    {
      p->big = FALSE;
      return;
    }
  BatchBlock blk;
  g_string_free (pipeline_take_block (p, &blk), TRUE);
}

/*
** The open block is complete: no later paragraph joins it. A block of a
** batch's size or more is segmented and emitted here, in turn, after the
** batches before it; otherwise the batch goes to a worker once it is full.
*/
static gboolean
pipeline_close_block (Pipeline *p, GError **error)
{
  gsize length = 0;
  const char *text = pipeline_open_text (p, &length, error);
  if (text == NULL)
    return FALSE;
  if (p->seg->lang == NULL
      && !segmenter_set_lang (p->seg, bitext_guess_language (text, length), error))
    return FALSE;
  if (p->big)
    {
      BatchBlock b = p->big_block;
      p->big = FALSE;
      if (!pipeline_submit (p, TRUE, error))
        return FALSE;
      text = pipeline_big_text (p, error);  /* the batches before it are out: find it again */
      return text != NULL
             && segment_and_emit (p->seg, p->src, text, b.length, b.base, b.paragraph,
                                  p->scratch, p->func, p->user_data, error);
    }
  if (length >= BATCH_BYTES)
    {
      BatchBlock b;
      g_autoptr(GString) big = pipeline_take_block (p, &b);
      if (p->filling->blocks->len == 0)
        g_queue_push_tail (&p->spare, g_steal_pointer (&p->filling));
      if (!pipeline_submit (p, TRUE, error))
        return FALSE;
      return segment_and_emit (p->seg, p->src, big->str, big->len, b.base, b.paragraph,
                               p->scratch, p->func, p->user_data, error);
    }
  if (p->filling->text->len >= BATCH_BYTES)
    return pipeline_submit (p, FALSE, error);
  return TRUE;
}

/*
** Read paragraphs from @src, join those a page break cut in two, and emit
** the segments of each block. The last block stays open in the batch being
** filled until the next paragraph shows whether it continues it; memory is
** bounded by the longest block and the batches in flight.
*/
static gboolean
segment_source (BitextSegmenter *seg, const ParagraphSource *src, BitextSegmentFunc func,
                gpointer user_data, GError **error)
{
  Pipeline p = { .seg = seg, .src = src, .func = func, .user_data = user_data,
                 .scratch = g_string_new (NULL), .n_threads = seg->n_threads };
  guint logical = 0;
  gboolean have_block = FALSE, ok = TRUE;
  BitextParagraph para;
  GError *local = NULL;
  while (ok && src->next (src->ctx, &para, &local))
    {
      if (have_block)
        {
          gsize length = 0;
          const char *text = pipeline_open_text (&p, &length, error);
          ok = text != NULL;
          if (ok && src->format (src->ctx) == BITEXT_FORMAT_TEXT
              && bitext_segment__should_join (text, length, para.text, para.length))
            {
              ok = pipeline_extend_block (&p, &para, error);
              continue;
            }
          if (!ok)
            break;
          ok = pipeline_close_block (&p, error);
          logical++;
          if (!ok)
            break;
        }
      pipeline_open_block (&p, &para, logical);
      have_block = TRUE;
    }
  if (ok && local != NULL)
    {
      /* The blocks before the error are still emitted, then the error; the
         open block is not, as the paragraph after it is unknown. */
      if (have_block)
        pipeline_drop_block (&p);
      if (pipeline_submit (&p, TRUE, error))
        g_propagate_error (error, g_steal_pointer (&local));
      ok = FALSE;
    }
  g_clear_error (&local);
  if (ok && have_block)
    ok = pipeline_close_block (&p, error);
  if (ok)
    ok = pipeline_submit (&p, TRUE, error);
  pipeline_clear (&p);
  return ok;
}

static gboolean
reader_next (gpointer ctx, BitextParagraph *para, GError **error)
{
  return bitext_reader_next_paragraph (ctx, para, error);
}

static gsize
reader_source_offset (gpointer ctx, gsize offset)
{
  return bitext_reader_get_source_offset (ctx, offset);
}

static BitextPosition
reader_position (gpointer ctx, gsize offset)
{
  return bitext_reader_get_position (ctx, offset);
}

static void
reader_forget (gpointer ctx, gsize offset)
{
  bitext_reader_forget (ctx, offset);
}

static const char *
reader_peek (gpointer ctx, gsize text_offset, gsize length)
{
  return bitext_reader__peek_text (ctx, text_offset, length);
}

static BitextFormat
reader_format (gpointer ctx)
{
  return bitext_reader_get_format (ctx);
}

static BitextFormat
document_format (gpointer ctx)
{
  return bitext_document_get_format (*(const BitextDocument **) ctx);
}

/**
 * bitext_segmenter_segment_reader:
 * @func: (scope call): called for each segment, in order
 *
 * Segments a stream paragraph by paragraph; memory does not grow with the
 * input, only with its longest paragraph.
 *
 * Returns: %TRUE, or %FALSE with @error set (by the reader, the segmenter or @func)
 */
gboolean
bitext_segmenter_segment_reader (BitextSegmenter *seg, BitextReader *reader,
                                 BitextSegmentFunc func, gpointer user_data, GError **error)
{
  g_return_val_if_fail (seg != NULL && reader != NULL && func != NULL, FALSE);
  ParagraphSource src = { reader_next, reader_source_offset, reader_position, reader_forget,
                          reader_peek, reader, reader_format, bitext_reader_get_name (reader) };
  return segment_source (seg, &src, func, user_data, error);
}

typedef struct
{
  const BitextDocument *doc;
  guint next;
} DocumentCursor;

static gboolean
document_next (gpointer ctx, BitextParagraph *para, GError **error)
{
  (void) error;
  DocumentCursor *dc = ctx;
  if (dc->next >= bitext_document_get_n_paragraphs (dc->doc))
    return FALSE;
  BitextSpan span = bitext_document_get_paragraph (dc->doc, dc->next);
  para->text = bitext_document_get_text (dc->doc, NULL) + span.offset;
  para->length = span.length;
  para->text_offset = span.offset;
  para->index = dc->next++;
  return TRUE;
}

static gsize
document_source_offset (gpointer ctx, gsize offset)
{
  return bitext_document_get_source_offset (((DocumentCursor *) ctx)->doc, offset);
}

static BitextPosition
document_position (gpointer ctx, gsize offset)
{
  return bitext_document_get_position (((DocumentCursor *) ctx)->doc, offset);
}

static const char *
document_peek (gpointer ctx, gsize text_offset, gsize length)
{
  (void) length;
  return bitext_document_get_text (((DocumentCursor *) ctx)->doc, NULL) + text_offset;
}

static gboolean
collect_segment (const BitextSegment *segment, const char *text, gpointer user_data,
                 GError **error)
{
  (void) text;
  (void) error;
  g_array_append_val ((GArray *) user_data, *segment);
  return TRUE;
}

/**
 * bitext_segmenter_segment_document:
 *
 * Returns: (transfer full) (element-type BitextSegment) (nullable): the
 *   segments of @doc, whose spans point into its text, or %NULL with @error set
 */
GArray *
bitext_segmenter_segment_document (BitextSegmenter *seg, const BitextDocument *doc,
                                   GError **error)
{
  g_return_val_if_fail (seg != NULL && doc != NULL, NULL);
  DocumentCursor dc = { doc, 0 };
  ParagraphSource src = { document_next, document_source_offset, document_position, NULL,
                          document_peek, &dc, document_format, bitext_document_get_name (doc) };
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (BitextSegment));
  if (!segment_source (seg, &src, collect_segment, segments, error))
    return NULL;
  return g_steal_pointer (&segments);
}

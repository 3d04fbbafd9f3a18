/* bitext — analysis of SRX rules' regular expressions.
 *
 * A small tokenizer of ICU regular expressions: enough to know which
 * characters a match can start or end with (the prefilter of srx.c) and to
 * bound the quantifiers of a look-behind. It never decides a match: where it
 * cannot tell, it says "any character", and the regex engine decides.
 */
#include "srx-pattern-private.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#define TAIL_K BITEXT_SRX_CONTEXT

typedef enum { ATOM_SET, ATOM_ZERO, ATOM_GROUP, ATOM_OTHER } AtomKind;

typedef struct
{
  AtomKind kind;
  USet *set;                 /* ATOM_SET: the characters it matches; NULL = any */
  const char *inner;         /* ATOM_GROUP: the content between the parentheses */
  const char *inner_end;
  int min, max;              /* quantifier; max < 0: unbounded */
  gboolean word_boundary;    /* ATOM_ZERO: it is \\b */
} Atom;

static void
atom_clear (Atom *atom)
{
  g_clear_pointer (&atom->set, uset_close);
}

/*
** Beyond this depth of nested groups the analysis says "any character, any
** width" instead of recursing: every level rescans the rest of the pattern,
** and rule files nest groups three or four deep (a fuzzed rule of 90 nested
** groups took 8 s to analyse, one of 9 KB nested 16 deep 0.2 s).
*/
#define MAX_NESTING 8

/*
** The end of the escape at p (which points at a backslash). A \Q...\E quote
** is one escape: its characters are literals up to \E, or to the pattern's
** end when there is none (ICU's rule; no escape is read inside the quote).
*/
static const char *
skip_escape (const char *p, const char *end)
{
  if (p + 1 >= end)
    return end;
  if (p[1] != 'Q')
    return p + 2;
  for (const char *q = p + 2; q + 1 < end; q++)
    if (q[0] == '\\' && q[1] == 'E')
      return q + 2;
  return end;
}

/* Whether @pattern ends inside a \\Q quote (no \\E after its last \\Q). */
gboolean
bitext_srx__quote_open (const char *pattern)
{
  const char *end = pattern + strlen (pattern);
  for (const char *p = pattern; p < end;)
    {
      if (*p != '\\')
        {
          p++;
          continue;
        }
      const char *q = skip_escape (p, end);
      if (p + 1 < end && p[1] == 'Q' && (q - p < 4 || q[-2] != '\\' || q[-1] != 'E'))
        return TRUE;
      p = q;
    }
  return FALSE;
}

/* Skip a [...] class starting at p (which points at '['); handles nesting and escapes. */
static const char *
skip_class (const char *p, const char *end)
{
  int depth = 0;
  while (p < end)
    {
      if (*p == '\\')
        {
          p = skip_escape (p, end);
          continue;
        }
      if (*p == '[')
        depth++;
      else if (*p == ']' && --depth == 0)
        return p + 1;
      p++;
    }
  return end;
}

/* Skip a (...) group starting at p (which points at '('). */
static const char *
skip_group (const char *p, const char *end)
{
  int depth = 0;
  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end);
      else if (*p == '[')
        p = skip_class (p, end);
      else
        {
          if (*p == '(')
            depth++;
          else if (*p == ')' && --depth == 0)
            return p + 1;
          p++;
        }
    }
  return end;
}

static USet *
build_set (const char *pattern, gsize len, gboolean icase)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar buf[256];
  int32_t n = 0;
  u_strFromUTF8 (buf, G_N_ELEMENTS (buf), &n, pattern, (int32_t) len, &status);
  if (U_FAILURE (status) || n >= (int32_t) G_N_ELEMENTS (buf))
    return NULL;
  /* Options 0, not uset_openPattern()'s USET_IGNORE_SPACE: in a regex class a space is a space. */
  USet *set = uset_openPatternOptions (buf, n, 0, &status);
  if (U_FAILURE (status))
    return NULL;
  if (icase)
    uset_closeOver (set, USET_CASE_INSENSITIVE);
  return set;
}

/*
** The character classes of the process's rules, each built once: ICU builds
** a property's set (\p{Lu}, [:Nd:]) by testing the code points, tens of
** microseconds a class, and rule files repeat a few classes in every rule
** (default.srx: 33 distinct classes in 42 rules). Keyed by the case flag and
** the pattern; a NULL value is a pattern ICU refuses. Emptied when it holds
** CLASS_CACHE_MAX classes (a set of a few hundred ranges is a few KiB: the
** cache stays within a few MiB whatever the rule files), freed at exit.
*/
#define CLASS_CACHE_MAX 1024

G_LOCK_DEFINE_STATIC (classes);
static GHashTable *classes;

static void
classes_free (void)
{
  G_LOCK (classes);
  g_clear_pointer (&classes, g_hash_table_unref);
  G_UNLOCK (classes);
}

static void
class_free (gpointer set)
{
  if (set != NULL)
    uset_close (set);
}

/* The set of class @pattern (case-closed when @icase); NULL if ICU refuses it. (transfer full) */
static USet *
set_from_pattern (const char *pattern, gsize len, gboolean icase)
{
  g_autofree char *key = g_strdup_printf ("%c%.*s", icase ? 'i' : 'c', (int) len, pattern);
  G_LOCK (classes);
  if (classes == NULL)
    {
      classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, class_free);
      atexit (classes_free);
    }
  gpointer set;
  if (!g_hash_table_lookup_extended (classes, key, NULL, &set))
    {
      if (g_hash_table_size (classes) >= CLASS_CACHE_MAX)
        g_hash_table_remove_all (classes);
      set = build_set (pattern, len, icase);
      g_hash_table_insert (classes, g_steal_pointer (&key), set);
    }
  USet *copy = set != NULL ? uset_clone (set) : NULL;
  G_UNLOCK (classes);
  return copy;
}

static USet *
set_from_char (gunichar c, gboolean icase)
{
  USet *set = uset_open ((UChar32) c, (UChar32) c);
  if (icase)
    uset_closeOver (set, USET_CASE_INSENSITIVE);
  return set;
}

/* Parse an escape after '\\'; *pp points at the char after the backslash. */
static void
parse_escape (const char **pp, const char *end, gboolean icase, gboolean sets, Atom *atom)
{
  const char *p = *pp;
  char c = *p;
  atom->kind = ATOM_SET;
  if ((c == 'p' || c == 'P') && p + 1 < end)
    {
      const char *q = p + 1;
      const char *close = *q == '{' ? memchr (q, '}', (gsize) (end - q)) : q;
      if (close == NULL)
        close = end - 1;
      g_autofree char *pat = g_strdup_printf ("\\%.*s", (int) (close + 1 - p), p);
      atom->set = c == 'p' && sets ? set_from_pattern (pat, strlen (pat), icase) : NULL;
      *pp = close + 1;
      return;
    }
  *pp = p + 1;
  switch (c)
    {
    case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
      atom->kind = ATOM_ZERO;
      atom->word_boundary = c == 'b';
      return;
    case 'd':
      atom->set = sets ? set_from_pattern ("[:Nd:]", 6, FALSE) : NULL;
      return;
    case 's':
      atom->set = sets ? set_from_pattern ("[:White_Space:]", 15, FALSE) : NULL;
      return;
    case 'Q': /* a quoted literal run: not looked into */
      *pp = skip_escape (p - 1, end);
      atom->kind = ATOM_OTHER;
      return;
    case 'k': case 'N': case 'x': case 'u': case 'U':
      atom->kind = ATOM_OTHER;
      return;
    default:
      if (g_ascii_isdigit (c))
        atom->kind = ATOM_OTHER;
      else if (g_ascii_isalpha (c))
        atom->set = NULL; /* \w, \S, \t, ...: one character, any of many */
      else
        atom->set = sets ? set_from_char ((gunichar) (guchar) c, icase) : NULL;
      return;
    }
}

static void
parse_group (const char *p, const char *end, gboolean *icase, Atom *atom, const char **next)
{
  const char *close = skip_group (p, end);
  *next = close;
  atom->inner = p + 1;
  atom->inner_end = close > p + 1 && close[-1] == ')' ? close - 1 : close;
  atom->kind = ATOM_GROUP;
  if (atom->inner < atom->inner_end && atom->inner[0] == '?')
    {
      const char *q = atom->inner + 1;
      if (g_str_has_prefix (q, "=") || g_str_has_prefix (q, "!") || g_str_has_prefix (q, "<=")
          || g_str_has_prefix (q, "<!") || g_str_has_prefix (q, "#"))
        {
          atom->kind = ATOM_ZERO;
          return;
        }
      /* (?:...), (?>...), (?i:...), (?<name>...), or a bare flag group (?i) */
      const char *r = q;
      while (r < atom->inner_end && (g_ascii_isalpha (*r) || *r == '-'))
        r++;
      if (r == atom->inner_end)
        {
          if (memchr (q, 'i', (gsize) (r - q)) != NULL)
            *icase = TRUE;
          atom->kind = ATOM_ZERO;
          return;
        }
      if (*r == '<')
        r = memchr (r, '>', (gsize) (atom->inner_end - r));
      if (r == NULL)
        r = atom->inner_end - 1;
      atom->inner = r + 1;
    }
}

static void
parse_quantifier (const char **pp, const char *end, Atom *atom)
{
  const char *p = *pp;
  atom->min = atom->max = 1;
  if (p >= end)
    return;
  if (*p == '*' || *p == '+' || *p == '?')
    {
      atom->min = *p == '+' ? 1 : 0;
      atom->max = *p == '?' ? 1 : -1;
      p++;
    }
  else if (*p == '{' && p + 1 < end && g_ascii_isdigit (p[1]))
    {
      char *q = NULL;
      atom->min = (int) g_ascii_strtoull (p + 1, &q, 10);
      atom->max = atom->min;
      if (q < end && *q == ',')
        atom->max = q + 1 < end && g_ascii_isdigit (q[1]) ? (int) g_ascii_strtoull (q + 1, &q, 10)
                                                          : (q++, -1);
      p = q < end && *q == '}' ? q + 1 : q;
    }
  else
    return;
  if (p < end && (*p == '?' || *p == '+'))
    p++;
  *pp = p;
}

/*
** Read the next atom (with its quantifier) of a pattern at *pp, without
** crossing a top-level '|'. Returns FALSE at the end or at a '|'. Without
** @sets, the atoms' character sets are left NULL: a width needs none, and
** building them is most of the analysis's cost.
*/
static gboolean
next_atom (const char **pp, const char *end, gboolean *icase, gboolean sets, Atom *atom)
{
  const char *p = *pp;
  memset (atom, 0, sizeof *atom);
  if (p >= end || *p == '|')
    return FALSE;
  if (*p == '\\' && p + 1 < end)
    {
      p++;
      parse_escape (&p, end, *icase, sets, atom);
    }
  else if (*p == '[')
    {
      const char *q = skip_class (p, end);
      atom->kind = ATOM_SET;
      atom->set = sets ? set_from_pattern (p, (gsize) (q - p), *icase) : NULL;
      p = q;
    }
  else if (*p == '(')
    parse_group (p, end, icase, atom, &p);
  else if (*p == '^' || *p == '$')
    {
      atom->kind = ATOM_ZERO;
      p++;
    }
  else if (*p == '.')
    {
      atom->kind = ATOM_SET;
      p++;
    }
  else
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      atom->kind = ATOM_SET;
      atom->set = c < 0x110000 && sets ? set_from_char (c, *icase) : NULL;
      p = g_utf8_next_char (p);
    }
  parse_quantifier (&p, end, atom);
  *pp = p;
  return TRUE;
}

/* Split a pattern at its top-level '|'. Returns an array of (start, end) pointer pairs. */
static GPtrArray *
split_alternatives (const char *start, const char *end)
{
  GPtrArray *alts = g_ptr_array_new ();
  const char *alt = start;
  const char *p = start;
  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end);
      else if (*p == '[')
        p = skip_class (p, end);
      else if (*p == '(')
        p = skip_group (p, end);
      else if (*p == '|')
        {
          g_ptr_array_add (alts, (gpointer) alt);
          g_ptr_array_add (alts, (gpointer) p);
          alt = ++p;
        }
      else
        p++;
    }
  g_ptr_array_add (alts, (gpointer) alt);
  g_ptr_array_add (alts, (gpointer) end);
  return alts;
}

static GArray *
parse_sequence (const char *start, const char *end, gboolean *icase, gboolean sets)
{
  GArray *atoms = g_array_new (FALSE, TRUE, sizeof (Atom));
  g_array_set_clear_func (atoms, (GDestroyNotify) atom_clear);
  const char *p = start;
  Atom atom;
  while (next_atom (&p, end, icase, sets, &atom))
    g_array_append_val (atoms, atom);
  return atoms;
}

/* A width kept within int: past G_MAXINT / 2 it is only ever compared, never exact. */
static int
saturated (gint64 v)
{
  return (int) MIN (v, (gint64) G_MAXINT / 2);
}

static void
width_at (const char *start, const char *end, gboolean icase, int *min, int *max, int depth)
{
  if (depth > MAX_NESTING)
    {
      *min = 0, *max = -1;
      return;
    }
  g_autoptr(GPtrArray) alts = split_alternatives (start, end);
  *min = G_MAXINT;
  *max = 0;
  for (guint a = 0; a < alts->len; a += 2)
    {
      g_autoptr(GArray) atoms = parse_sequence (alts->pdata[a], alts->pdata[a + 1], &icase, FALSE);
      int lo = 0, hi = 0;
      for (guint i = 0; i < atoms->len; i++)
        {
          Atom *atom = &g_array_index (atoms, Atom, i);
          int amin = 1, amax = 1;
          if (atom->kind == ATOM_ZERO)
            amin = amax = 0;
          else if (atom->kind == ATOM_GROUP)
            width_at (atom->inner, atom->inner_end, icase, &amin, &amax, depth + 1);
          else if (atom->kind == ATOM_OTHER)
            amin = 0, amax = -1;
          lo = saturated (lo + (gint64) amin * atom->min);
          hi = (hi < 0 || amax < 0 || atom->max < 0) ? -1 : saturated (hi + (gint64) amax * atom->max);
        }
      *min = MIN (*min, lo);
      *max = (*max < 0 || hi < 0) ? -1 : MAX (*max, hi);
    }
}

/* Minimum and maximum match width in characters (max < 0: unbounded). */
void
bitext_srx__pattern_width (const char *start, const char *end, gboolean icase, int *min, int *max)
{
  width_at (start, end, icase, min, max, 0);
}

static void
union_into (USet **dst, gboolean *unknown, USet *src)
{
  if (*unknown)
    return;
  if (src == NULL)
    {
      *unknown = TRUE;
      g_clear_pointer (dst, uset_close);
      return;
    }
  if (*dst == NULL)
    *dst = uset_clone (src);
  else
    uset_addAll (*dst, src);
}


static USet *
word_set (gboolean complement)
{
  /* Building the set from its properties costs about a millisecond: set_from_pattern keeps it. */
  static const char pattern[] = "[[:Alphabetic:][:Mark:][:Nd:][:Pc:]\\u200c\\u200d]";
  USet *set = set_from_pattern (pattern, sizeof pattern - 1, FALSE);
  if (complement)
    uset_complement (set);
  return set;
}

/*
** Fill sets[0..k) with the characters a match of the atom sequence can have
** at its last, second to last, ... position (forward: first, second, ...);
** NULL where any character may stand. Conservative: only ever too large.
** A \b right before a word character tells that the character before it is
** not one (tail direction only).
*/
static void sets_at (const char *start, const char *end, gboolean icase, USet **sets, int k,
                     gboolean forward, int depth);

static void
sequence_sets (GArray *atoms, gboolean icase, USet **sets, int k, gboolean forward, int depth)
{
  int pos = 0;
  gboolean wordy = FALSE; /* the atom just taken matches word characters only */
  int n = (int) atoms->len;
  for (int step = 0; step < n && pos < k; step++)
    {
      Atom *atom = &g_array_index (atoms, Atom, forward ? step : n - 1 - step);
      if (atom->kind == ATOM_ZERO)
        {
          if (!forward && atom->word_boundary && wordy)
            sets[pos] = word_set (TRUE);
          if (!forward && atom->word_boundary)
            return;
          continue;
        }
      if (atom->kind == ATOM_OTHER || atom->min == 0)
        return;
      int wmin = 1, wmax = 1;
      if (atom->kind == ATOM_GROUP)
        width_at (atom->inner, atom->inner_end, icase, &wmin, &wmax, depth + 1);
      if (wmax == 0)
        continue;   /* a group that matches no character, (?:) or (\b): as ATOM_ZERO */
      for (int rep = 0; rep < atom->min && pos < k; rep++)
        {
          USet *sub[TAIL_K] = { NULL };
          if (atom->kind == ATOM_SET)
            sub[0] = atom->set != NULL ? uset_clone (atom->set) : NULL;
          else
            sets_at (atom->inner, atom->inner_end, icase, sub, k - pos, forward, depth + 1);
          int usable = MIN (wmin, k - pos);
          for (int j = 0; j < k - pos; j++)
            {
              if (j < usable)
                sets[pos + j] = sub[j];
              else if (sub[j] != NULL)
                uset_close (sub[j]);
            }
          pos += usable;
          if (wmin != wmax)
            return;
        }
      if (atom->max != atom->min)
        return;
      g_autoptr(USet) words = word_set (FALSE);
      wordy = atom->kind == ATOM_SET && atom->set != NULL && words != NULL
              && uset_containsAll (words, atom->set);
    }
}

static void
sets_at (const char *start, const char *end, gboolean icase, USet **sets, int k, gboolean forward,
         int depth)
{
  if (depth > MAX_NESTING)
    return;
  g_autoptr(GPtrArray) alts = split_alternatives (start, end);
  gboolean unknown[TAIL_K] = { FALSE };
  for (guint a = 0; a < alts->len; a += 2)
    {
      gboolean flag = icase;
      g_autoptr(GArray) atoms = parse_sequence (alts->pdata[a], alts->pdata[a + 1], &flag, TRUE);
      USet *sub[TAIL_K] = { NULL };
      sequence_sets (atoms, flag, sub, k, forward, depth);
      for (int j = 0; j < k; j++)
        {
          union_into (&sets[j], &unknown[j], sub[j]);
          if (sub[j] != NULL)
            uset_close (sub[j]);
        }
    }
}

void
bitext_srx__pattern_sets (const char *start, const char *end, gboolean icase, USet **sets, int k,
                          gboolean forward)
{
  sets_at (start, end, icase, sets, k, forward, 0);
}

/*
** If every match of the pattern START..END (one alternative) begins with a
** run of characters of one set (\s+, \s*, [ \t]{1,3}...) followed by a
** character of a set that shares none of them, store the two sets in *RUN
** and *NEXT (the caller closes them) and return TRUE. Since NEXT and RUN are
** disjoint, a match must take the whole run of RUN characters at its start,
** so the character after that run must be in NEXT: a necessary condition
** that costs a few comparisons where the regex costs hundreds.
*/
gboolean
bitext_srx__pattern_run_then (const char *start, const char *end, gboolean icase, USet **run,
                              USet **next)
{
  *run = *next = NULL;
  g_autoptr(GPtrArray) alts = split_alternatives (start, end);
  if (alts->len != 2)
    return FALSE;
  gboolean flag = icase;
  g_autoptr(GArray) atoms = parse_sequence (alts->pdata[0], alts->pdata[1], &flag, TRUE);
  if (atoms->len < 2)
    return FALSE;
  const Atom *first = &g_array_index (atoms, Atom, 0);
  if (first->kind != ATOM_SET || first->set == NULL)
    return FALSE;
  g_autoptr(USet) r = uset_clone (first->set);
  g_array_remove_index (atoms, 0);
  USet *sets[1] = { NULL };
  sequence_sets (atoms, flag, sets, 1, TRUE, 0);
  if (sets[0] == NULL)
    return FALSE;
  if (uset_containsSome (r, sets[0]))
    {
      uset_close (sets[0]);
      return FALSE;
    }
  uset_freeze (r);
  uset_freeze (sets[0]);
  *run = g_steal_pointer (&r);
  *next = sets[0];
  return TRUE;
}

/*
** Rewrite unbounded quantifiers ('*', '+', '{n,}') as bounded ones, so that
** the pattern may stand in an ICU look-behind, which must have a maximum
** length. A sentence rule never needs to look further back than
** bound characters of one repeated item.
*/
char *
bitext_srx__bound_quantifiers (const char *pattern, int bound)
{
  GString *out = g_string_sized_new (strlen (pattern) + 16);
  const char *p = pattern;
  const char *end = pattern + strlen (pattern);
  gboolean after_quantifier = FALSE;
  while (p < end)
    {
      if (*p == '\\')
        {
          const char *q = skip_escape (p, end);
          g_string_append_len (out, p, q - p);
          p = q;
          after_quantifier = FALSE;
        }
      else if (*p == '[')
        {
          const char *q = skip_class (p, end);
          g_string_append_len (out, p, q - p);
          p = q;
          after_quantifier = FALSE;
        }
      else if ((*p == '*' || *p == '+') && !after_quantifier)
        {
          g_string_append_printf (out, "{%d,%d}", *p == '+' ? 1 : 0, bound);
          p++;
          after_quantifier = TRUE;
        }
      else if (*p == '{' && g_ascii_isdigit (p[1]))
        {
          char *q = NULL;
          guint64 lo = g_ascii_strtoull (p + 1, &q, 10);
          if (q[0] == ',' && q[1] == '}')
            {
              g_string_append_printf (out, "{%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "}", lo,
                                      lo + bound);
              p = q + 2;
            }
          else
            {
              const char *close = strchr (p, '}');
              close = close != NULL ? close + 1 : end;
              g_string_append_len (out, p, close - p);
              p = close;
            }
          after_quantifier = TRUE;
        }
      else
        {
          after_quantifier = (*p == '?' && out->len > 0 && out->str[out->len - 1] != '(');
          g_string_append_c (out, *p++);
        }
    }
  return g_string_free (out, FALSE);
}


/* bitext — the QA engine: runs the checks over aligned units and collects findings. */
#include <string.h>

#include <bitext/error.h>

#include "qa-private.h"
#include "terms-private.h"

static const char *const check_ids[BITEXT_CHECK_N] = {
  "untranslated-segment", "untranslated-term", "glossary", "number", "omission",
  "addition", "inconsistency", "markup", "punctuation", "source-consistency", "spelling",
  "placeholder",
};

static const char *const severity_names[] = { "info", "warning", "error" };

/**
 * bitext_check_get_id:
 * Returns: (transfer none): the check's stable id, e.g. "untranslated-term"
 */
const char *
bitext_check_get_id (BitextCheck check)
{
  g_return_val_if_fail (check < BITEXT_CHECK_N, NULL);
  return check_ids[check];
}

gboolean
bitext_check_from_id (const char *id, BitextCheck *check)
{
  for (guint i = 0; i < BITEXT_CHECK_N; i++)
    if (strcmp (id, check_ids[i]) == 0)
      {
        *check = (BitextCheck) i;
        return TRUE;
      }
  return FALSE;
}

const char *
bitext_severity_get_name (BitextSeverity severity)
{
  g_return_val_if_fail (severity <= BITEXT_SEVERITY_ERROR, NULL);
  return severity_names[severity];
}

gboolean
bitext_severity_from_name (const char *name, BitextSeverity *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    if (strcmp (name, severity_names[i]) == 0)
      {
        *severity = (BitextSeverity) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
bitext_qa_profile_from_name (const char *name, BitextQaProfile *profile)
{
  static const char *const names[] = { "auto", "software", "document" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      {
        *profile = (BitextQaProfile) i;
        return TRUE;
      }
  return FALSE;
}

void
bitext_finding_free (BitextFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding->text);
  g_free (finding->ignore_key);
  g_free (finding);
}

/* A byte span of @text as a BitextQaSpan; start < 0 gives the empty span. */
static BitextQaSpan
make_span (const char *text, gssize start, gssize end)
{
  if (start < 0 || text == NULL)
    return (BitextQaSpan) { -1, -1, -1, -1 };
  return (BitextQaSpan) { g_utf8_pointer_to_offset (text, text + start),
                          g_utf8_pointer_to_offset (text, text + end), start, end };
}

static char *make_finding_key (BitextCheck check, const BitextQaUnit *u, gssize src_start,
                               gssize src_end, gssize tgt_start, gssize tgt_end);

/*
** Add a finding for unit @unit of the context. Spans are byte offsets into
** the unit's source and target (-1: none). The flagged text is the target
** span's text, else the source span's.
*/
void
bitext_qa__add_finding (QaContext *ctx, BitextCheck check, BitextSeverity severity, guint unit,
                        gssize src_start, gssize src_end, gssize tgt_start, gssize tgt_end,
                        const char *format, ...)
{
  const BitextQaUnit *u = &ctx->units[unit];
  BitextFinding *f = g_new0 (BitextFinding, 1);
  f->check = check;
  f->severity = severity;
  f->unit = unit;
  f->index = u->index;
  f->source_span = make_span (u->source, src_start, src_end);
  f->target_span = make_span (u->target, tgt_start, tgt_end);
  if (tgt_start >= 0)
    f->text = g_strndup (u->target + tgt_start, (gsize) (tgt_end - tgt_start));
  else if (src_start >= 0)
    f->text = g_strndup (u->source + src_start, (gsize) (src_end - src_start));
  else
    f->text = g_strdup ("");
  va_list args;
  va_start (args, format);
  f->message = g_strdup_vprintf (format, args);
  va_end (args);
  f->ignore_key = make_finding_key (check, u, src_start, src_end, tgt_start, tgt_end);
  g_ptr_array_add (ctx->findings, f);
}

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const BitextFinding *x = *(const BitextFinding *const *) a;
  const BitextFinding *y = *(const BitextFinding *const *) b;
  if (x->unit != y->unit)
    return x->unit < y->unit ? -1 : 1;
  if (x->check != y->check)
    return x->check < y->check ? -1 : 1;
  gssize xs = x->target_span.start >= 0 ? x->target_span.start : x->source_span.start;
  gssize ys = y->target_span.start >= 0 ? y->target_span.start : y->source_span.start;
  return xs < ys ? -1 : xs > ys;
}

/* The chunks of a run, which the threads take in turn: each a context of its own units
** (unit_begin, unit_end) and its own findings, term uses and words. */
typedef struct
{
  const QaContext *base;
  QaContext *chunks;
  guint n_chunks;
  gint next;                /* the next chunk to take (atomic) */
} Chunks;

/* A thread of the per-unit checks: its own glossary matcher (matching changes its stem
** caches) and spelling cache, kept over the chunks it takes. */
typedef struct
{
  Chunks *all;
  BitextQaOptions opts;
} Worker;

static gpointer
work (gpointer data)
{
  Worker *w = data;
  QaContext mine = *w->all->base;
  mine.options = &w->opts;
  g_autoptr(QaSpellCache) spell = bitext_qa__spell_cache_new (&mine);
  for (;;)
    {
      guint k = (guint) g_atomic_int_add (&w->all->next, 1);
      if (k >= w->all->n_chunks)
        break;
      QaContext *c = &w->all->chunks[k];
      c->options = &w->opts;
      bitext_qa__check_range (c, spell);
    }
  return NULL;
}

/* Units a thread should have at least: below that, starting threads costs more than it saves. */
#define MIN_UNITS_PER_THREAD 5000
/* Units of a chunk at most, and chunks a thread has to take at least: chunks small enough
** that the threads end together however the cost of a unit varies along a memory (a run
** of long segments, a stretch full of glossary terms) or a processor is slowed by other
** work, large enough that taking one costs nothing. */
#define CHUNK_UNITS 2048
#define CHUNKS_PER_THREAD 16

static guint
n_threads (const BitextQaOptions *opts, guint n_units)
{
  if (opts->n_threads > 0)
    return MIN (opts->n_threads, MAX (n_units, 1u));
  guint by_size = MAX (n_units / MIN_UNITS_PER_THREAD, 1u);
  return MIN ((guint) g_get_num_processors (), by_size);
}

/*
** Run the per-unit checks of @ctx on this thread and n - 1 new ones,
** which take chunks of its units in turn. The findings, term uses
** and words of the chunks are appended in unit order, as one thread would
** have found them. The key hashes are allocated beforehand, and each chunk
** writes only its own units'.
*/
static void
check_units (QaContext *ctx, guint n)
{
  if (n <= 1)
    {
      bitext_qa__check_units (ctx);
      return;
    }
  guint size = CLAMP (ctx->n_units / (n * CHUNKS_PER_THREAD), 1u, CHUNK_UNITS);
  Chunks all = { ctx, NULL, (ctx->n_units + size - 1) / size, 0 };
  g_autofree QaContext *chunks = all.chunks = g_new0 (QaContext, all.n_chunks);
  for (guint k = 0; k < all.n_chunks; k++)
    {
      QaContext *c = &chunks[k];
      *c = *ctx;
      c->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
      c->unit_begin = k * size;
      c->unit_end = MIN (ctx->n_units, (k + 1) * size);
    }
  g_autofree Worker *workers = g_new0 (Worker, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  for (guint k = 0; k < n; k++)
    {
      Worker *w = &workers[k];
      w->all = &all;
      w->opts = *ctx->options;
      if (w->opts.glossary != NULL)
        w->opts.glossary = bitext_glossary__dup_matcher (ctx->options->glossary);
      if (k > 0)
        threads[k] = g_thread_new ("bitext-qa", work, w);
    }
  work (&workers[0]);
  for (guint k = 1; k < n; k++)
    g_thread_join (threads[k]);
  for (guint k = 0; k < all.n_chunks; k++)
    {
      QaContext *c = &chunks[k];
      g_ptr_array_extend_and_steal (ctx->findings, g_steal_pointer (&c->findings));
      bitext_qa__merge_found (&ctx->term_uses, g_steal_pointer (&c->term_uses));
      bitext_qa__merge_found (&ctx->spelling_words, g_steal_pointer (&c->spelling_words));
      bitext_qa__merge_found (&ctx->kept_words, g_steal_pointer (&c->kept_words));
    }
  for (guint k = 0; k < n; k++)
    if (workers[k].opts.glossary != ctx->options->glossary)
      bitext_glossary_free (workers[k].opts.glossary);
}

static gboolean
validate_units (const BitextQaUnit *units, guint n_units, GError **error)
{
  for (guint i = 0; i < n_units; i++)
    {
      const char *side = NULL;
      if (units[i].source != NULL && !g_utf8_validate (units[i].source, -1, NULL))
        side = "source";
      else if (units[i].target != NULL && !g_utf8_validate (units[i].target, -1, NULL))
        side = "target";
      if (side != NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                       "unit %u: the %s is not valid UTF-8", units[i].index, side);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * bitext_qa_run:
 * @units: (array length=n_units): the aligned units, in document order
 * @n_units: their number
 * @options: (nullable): the languages, the glossary, the checks to run
 * @error: return location for a #GError
 *
 * Runs the checks over the units. Findings are data: a run that finds
 * problems succeeds. Findings that @options->ignore holds are dropped.
 *
 * Returns: (transfer full) (element-type BitextFinding): the findings, sorted
 *   by unit, check and position; %NULL with %BITEXT_ERROR_ENCODING when a
 *   text is not valid UTF-8
 */
GPtrArray *
bitext_qa_run (const BitextQaUnit *units, guint n_units, const BitextQaOptions *options,
               GError **error)
{
  g_return_val_if_fail (units != NULL || n_units == 0, NULL);
  BitextQaOptions defaults = BITEXT_QA_OPTIONS_INIT;
  BitextQaOptions opts = options != NULL ? *options : defaults;
  if (opts.src_lang == NULL && opts.glossary != NULL)
    opts.src_lang = bitext_glossary_get_src_lang (opts.glossary);
  if (opts.tgt_lang == NULL && opts.glossary != NULL)
    opts.tgt_lang = bitext_glossary_get_tgt_lang (opts.glossary);
  if (opts.checks == 0)
    opts.checks = (1u << BITEXT_CHECK_N) - 1;
  if (!validate_units (units, n_units, error))
    return NULL;

  QaContext ctx = {
    .units = units, .n_units = n_units, .options = &opts,
    .src_script = bitext_qa__script_for_lang (opts.src_lang),
    .tgt_script = bitext_qa__script_for_lang (opts.tgt_lang),
    .findings = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free),
    .unit_begin = 0, .unit_end = n_units,
    .key_hash = { g_new0 (guint64, n_units + 1), g_new0 (guint64, n_units + 1) },
    .speller = { NULL, NULL },
    .software = opts.profile == BITEXT_QA_PROFILE_SOFTWARE
                || (opts.profile == BITEXT_QA_PROFILE_AUTO && bitext_qa__is_software (units, n_units)),
  };
  if ((opts.checks & (1u << BITEXT_CHECK_OMISSION | 1u << BITEXT_CHECK_ADDITION)) != 0)
    {
      ctx.n_chars[0] = g_new0 (guint, n_units + 1);
      ctx.n_chars[1] = g_new0 (guint, n_units + 1);
    }
  if ((opts.checks & 1u << BITEXT_CHECK_UNTRANSLATED_TERM) != 0)
    ctx.term_checked = g_new0 (gboolean, n_units + 1);
  if ((opts.checks & 1u << BITEXT_CHECK_UNTRANSLATED_SEGMENT) != 0 && opts.src_lang != NULL)
    ctx.src_stop = bitext_terms__ref_stop_words (opts.src_lang);
  bitext_qa__spell_load (&ctx);
  check_units (&ctx, n_threads (&opts, n_units));
  g_clear_pointer (&ctx.src_stop, g_hash_table_unref);
  bitext_qa__spell_drop_repeated (ctx.findings);
  bitext_qa__spell_grade (&ctx);
  bitext_qa__spell_clear (&ctx);
  bitext_qa__check_kept_names (&ctx);
  bitext_qa__check_consistency (&ctx);
  g_clear_pointer (&ctx.term_uses, g_array_unref);
  g_clear_pointer (&ctx.spelling_words, g_array_unref);
  g_clear_pointer (&ctx.kept_words, g_array_unref);
  g_clear_pointer (&ctx.term_checked, g_free);
  g_clear_pointer (&ctx.n_chars[0], g_free);
  g_clear_pointer (&ctx.n_chars[1], g_free);
  g_clear_pointer (&ctx.key_hash[0], g_free);
  g_clear_pointer (&ctx.key_hash[1], g_free);

  GPtrArray *out = ctx.findings;
  if (opts.ignore != NULL)
    for (guint i = out->len; i-- > 0;)
      if (bitext_qa_ignore_contains (opts.ignore, out->pdata[i]))
        g_ptr_array_remove_index (out, i);
  g_ptr_array_sort (out, compare_findings);
  return out;
}

/* Ignore lists */

struct _BitextQaIgnore
{
  GHashTable *keys;         /* "check<TAB>flagged<TAB>counterpart", normalised */
  GHashTable *old_keys;     /* "check<TAB>flagged": the keys of before 2026-12, any counterpart */
};

/*
** Append @text as bitext_qa__normalise_key () has it: lower-cased (ё as
** е), trimmed, white space collapsed to one space. One pass, no copies:
** every finding of a run gets its key.
*/
static void
append_normalised (GString *out, const char *text)
{
  gsize start = out->len;
  gboolean space = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      gunichar c = b < 0x80 ? (gunichar) g_ascii_tolower ((char) b) : g_utf8_get_char (p);
      if (c >= 0x0410 && c <= 0x044F)
        c = c < 0x0430 ? c + 0x20 : c;          /* А to я: no table lookups */
      else if (c >= 0x80)
        {
          c = g_unichar_tolower (c);
          c = c == 0x0451 ? 0x0435 : c;
          if (g_unichar_isspace (c))
            {
              space = out->len > start;
              continue;
            }
        }
      else if (g_ascii_isspace ((char) c))
        {
          space = out->len > start;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, c);
    }
}

static char *
make_key (BitextCheck check, const char *text, const char *counterpart)
{
  GString *key = g_string_sized_new (strlen (text) + 24);
  g_string_append (key, check_ids[check]);
  g_string_append_c (key, '\t');
  append_normalised (key, text);
  if (counterpart != NULL)
    {
      g_string_append_c (key, '\t');
      append_normalised (key, counterpart);
    }
  return g_string_free (key, FALSE);
}

static gboolean
has_alnum (const char *text, gsize n)
{
  for (const char *p = text; p < text + n; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/*
** Append text[start, end) to @out as a key holds it. A span with no letter
** nor digit (a run of spaces, a quote, a final stop) says little about
** where it is: it is widened to the words on either side of it ("print
** lines" for the two spaces of "Print  lines").
*/
static void
append_span_text (GString *out, const char *text, gssize start, gssize end)
{
  if (start < 0 || text == NULL)
    return;
  gsize a = (gsize) start, b = (gsize) end;
  if (!has_alnum (text + a, b - a))
    {
      while (a > 0 && g_ascii_isspace (text[a - 1]))
        a--;
      while (a > 0 && !g_ascii_isspace (text[a - 1]))
        a--;
      while (text[b] != '\0' && g_ascii_isspace (text[b]))
        b++;
      while (text[b] != '\0' && !g_ascii_isspace (text[b]))
        b++;
    }
  g_autofree char *piece = g_strndup (text + a, b - a);
  append_normalised (out, piece);
}

/*
** The key of a finding on unit @u: the check, the flagged text (the target
** span's, else the source span's) and its counterpart (the source span's
** when the target is flagged), normalised; see append_span_text ().
*/
static char *
make_finding_key (BitextCheck check, const BitextQaUnit *u, gssize src_start, gssize src_end,
                  gssize tgt_start, gssize tgt_end)
{
  GString *key = g_string_new (check_ids[check]);
  g_string_append_c (key, '\t');
  if (tgt_start >= 0)
    append_span_text (key, u->target, tgt_start, tgt_end);
  else
    append_span_text (key, u->source, src_start, src_end);
  g_string_append_c (key, '\t');
  if (tgt_start >= 0)
    append_span_text (key, u->source, src_start, src_end);
  return g_string_free (key, FALSE);
}

/**
 * bitext_finding_dup_ignore_key:
 * @finding: a finding
 *
 * The line an ignore file holds to accept @finding: the check id, a tab,
 * the flagged text, a tab and its counterpart (the source's span when the
 * target is flagged, else nothing), case folded (ё as е) with white space
 * collapsed; a span with no letter nor digit is widened to the words
 * around it. One line accepts one finding (and its repeats), never a whole
 * check. It does not depend on the finding's position, so it survives
 * re-segmenting and re-aligning.
 *
 * Returns: (transfer full): the key
 */
char *
bitext_finding_dup_ignore_key (const BitextFinding *finding)
{
  if (finding->ignore_key != NULL)
    return g_strdup (finding->ignore_key);
  return make_key (finding->check, finding->text, "");
}

BitextQaIgnore *
bitext_qa_ignore_new (void)
{
  BitextQaIgnore *ignore = g_new0 (BitextQaIgnore, 1);
  ignore->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ignore->old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return ignore;
}

void
bitext_qa_ignore_free (BitextQaIgnore *ignore)
{
  if (ignore == NULL)
    return;
  g_hash_table_unref (ignore->keys);
  g_hash_table_unref (ignore->old_keys);
  g_free (ignore);
}

/**
 * bitext_qa_ignore_add:
 * @ignore: an ignore list
 * @check: the check
 * @text: the flagged text, as bitext_finding_dup_ignore_key () has it
 * @counterpart: (nullable): its counterpart; %NULL: any (a key of the old, two-field form)
 */
void
bitext_qa_ignore_add (BitextQaIgnore *ignore, BitextCheck check, const char *text,
                      const char *counterpart)
{
  g_return_if_fail (ignore != NULL && check < BITEXT_CHECK_N && text != NULL);
  g_hash_table_add (counterpart != NULL ? ignore->keys : ignore->old_keys,
                    make_key (check, text, counterpart));
}

gboolean
bitext_qa_ignore_contains (const BitextQaIgnore *ignore, const BitextFinding *finding)
{
  if (g_hash_table_size (ignore->keys) > 0)
    {
      g_autofree char *key = bitext_finding_dup_ignore_key (finding);
      if (g_hash_table_contains (ignore->keys, key))
        return TRUE;
    }
  if (g_hash_table_size (ignore->old_keys) == 0)
    return FALSE;
  g_autofree char *old = make_key (finding->check, finding->text, NULL);
  return g_hash_table_contains (ignore->old_keys, old);
}

/**
 * bitext_qa_ignore_load_data:
 * @ignore: an ignore list
 * @name: the name used in messages
 * @data: (array length=length): lines "CHECK<TAB>TEXT<TAB>COUNTERPART" (the keys of
 *   bitext_finding_dup_ignore_key ()); '#' starts a comment line. The old two-field lines
 *   "CHECK<TAB>TEXT" are still read: they accept TEXT flagged whatever its counterpart;
 *   one with an empty TEXT, which would accept every finding of a kind, is refused
 * @length: bytes of @data
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %BITEXT_ERROR_PARSE ("NAME:LINE: message") or
 *   %BITEXT_ERROR_ENCODING on bad input
 */
gboolean
bitext_qa_ignore_load_data (BitextQaIgnore *ignore, const char *name, const char *data,
                            gsize length, GError **error)
{
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize n = strlen (line);
      if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
      if (*line == '\0' || *line == '#')
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s:%u: invalid UTF-8", name,
                       i + 1);
          return FALSE;
        }
      char *tab = strchr (line, '\t');
      BitextCheck check;
      if (tab != NULL)
        *tab = '\0';
      if (tab == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u: expected CHECK<TAB>TEXT<TAB>COUNTERPART", name, i + 1);
          return FALSE;
        }
      if (!bitext_check_from_id (line, &check))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: unknown check '%s'", name,
                       i + 1, line);
          return FALSE;
        }
      char *text = tab + 1, *tab2 = strchr (text, '\t');
      if (tab2 != NULL)
        *tab2 = '\0';
      if (tab2 == NULL && text[strspn (text, " \t")] == '\0')
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u: '%s' with no text would accept every %s finding; give the "
                       "line's ignore_key from --format json (CHECK<TAB>TEXT<TAB>COUNTERPART)",
                       name, i + 1, line, line);
          return FALSE;
        }
      bitext_qa_ignore_add (ignore, check, text, tab2 != NULL ? tab2 + 1 : NULL);
    }
  return TRUE;
}

gboolean
bitext_qa_ignore_load_file (BitextQaIgnore *ignore, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  return bitext_qa_ignore_load_data (ignore, path, data, length, error);
}

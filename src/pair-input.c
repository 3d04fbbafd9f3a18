/* bitext — the aligned pair: units from a TMX or TSV file, beads from a bead file. */
#include "pair-private.h"

#include <stdio.h>
#include <string.h>

#include "bitext/align-eval.h"
#include "bitext/bilingual.h"
#include "bitext/error.h"
#include "bilingual-private.h"
#include "file-private.h"
#include "tmx-private.h"

/* What the TMX reader's callback fills. */
typedef struct
{
  BitextPair *pair;
  const char *want_src;     /* NULL: the unit's or the file's srclang */
  char *tgt_lang;           /* the wanted one, else the first unit's target language */
  gboolean strip;
  GString *label;
  gboolean bare;            /* codes by their tags' names (BitextPairOptions.bare_codes) */
} TmxRead;

/* @markup (nullable): the TMX inline markup of a unit's variant with codes, which a TMX written
   from the pair keeps as long as the sentence is not edited (pair-write.c). */
static void
add_unit_sentence (BitextPair *pair, BitextPairSide side, const char *text, guint unit,
                   const char *markup)
{
  BitextPairSentence s = { text, unit, 0, 0, { 0, 0 }, { 0, 0 }, FALSE };
  bitext_pair__add_sentence_markup (pair, side, &s, markup);
}

/* The inline markup of @v when it has codes and they are kept (not --strip-markup), else NULL. */
static const char *
variant_markup (const BitextTmVariant *v, gboolean strip)
{
  return !strip && bitext_tm_variant_has_inline (v) ? bitext_tm_variant_get_markup (v) : NULL;
}

/* Append a bead of @n_src source and @n_tgt target sentences after the last bead. */
static void
append_bead (BitextPair *pair, guint n_src, guint n_tgt, double score)
{
  guint src_start = 0, tgt_start = 0;
  if (pair->beads->len > 0)
    {
      const BitextBead *last = &g_array_index (pair->beads, PairBead, pair->beads->len - 1).bead;
      src_start = last->src_start + last->src_len;
      tgt_start = last->tgt_start + last->tgt_len;
    }
  BitextBead bead = { .src_start = src_start, .src_len = n_src, .tgt_start = tgt_start,
                      .tgt_len = n_tgt, .score = score };
  bead.crosses_paragraph = bitext_pair__crosses_paragraph (pair, &bead);
  bitext_pair__add_bead (pair, &bead, FALSE);
}

static char *
variant_text (const BitextTmVariant *v, gboolean strip, gboolean bare)
{
  if (strip)
    return bitext_tm_variant_dup_plain_text (v);
  if (bare && bitext_tm_variant_has_inline (v))
    {
      GString *out = g_string_new (NULL);
      /* The markup parsed when it entered; a code it cannot show bare stays as it is. */
      gboolean ok = bitext_tmx__markup_to_tag_text (bitext_tm_variant_get_markup (v), out, NULL);
      g_warn_if_fail (ok);
      return g_string_free (out, FALSE);
    }
  return g_strdup (bitext_tm_variant_get_text (v));
}

/* A TMX unit: its source and target variants; the bead shape from x-bitext-bead when present. */
static gboolean
add_tmx_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  TmxRead *r = user_data;
  BitextPair *pair = r->pair;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, r->want_src);
  if (src == NULL)
    return TRUE;
  BitextTmVariant *tgt = bitext_tm_unit_choose_target (unit, src, r->tgt_lang);
  if (pair->text[0].lang == NULL)
    pair->text[0].lang = g_strdup (bitext_tm_variant_get_lang (src));
  if (r->tgt_lang == NULL && tgt != NULL)
    r->tgt_lang = g_strdup (bitext_tm_variant_get_lang (tgt));
  PairUnitInfo info = { NULL, BITEXT_QA_COUNT_UNKNOWN, BITEXT_QA_COUNT_UNKNOWN };
  const char *shape = bitext_tm_unit_lookup_prop (unit, BITEXT_TMX_PROP_BEAD);
  if (shape != NULL && sscanf (shape, "%u-%u", &info.n_src, &info.n_tgt) != 2)
    info.n_src = info.n_tgt = BITEXT_QA_COUNT_UNKNOWN;
  guint n = pair->unit_info->len;
  const char *tuid = bitext_tm_unit_get_tuid (unit);
  g_string_assign (r->label, "tu ");
  if (tuid != NULL)
    g_string_append (r->label, tuid);
  else
    g_string_append_printf (r->label, "#%u", n + 1);
  info.label = g_string_chunk_insert (pair->strings, r->label->str);
  g_array_append_val (pair->unit_info, info);
  g_autofree char *s = variant_text (src, r->strip, r->bare);
  add_unit_sentence (pair, BITEXT_PAIR_SOURCE, s, n, variant_markup (src, r->strip));
  if (tgt != NULL)
    {
      g_autofree char *t = variant_text (tgt, r->strip, r->bare);
      add_unit_sentence (pair, BITEXT_PAIR_TARGET, t, n, variant_markup (tgt, r->strip));
    }
  append_bead (pair, 1, tgt != NULL, 1.0);
  return TRUE;
}

/*
** A TMX, PO or XLIFF file (told by its content): one bead per unit. PO and
** XLIFF entries that are fuzzy, unapproved or untranslated are left out and
** counted (bitext_pair_get_skipped_units()), never mixed in with the
** finished translations.
*/
static gboolean
read_tmx (BitextPair *pair, const char *path, const char *data, gsize length,
          const BitextPairOptions *options, GError **error)
{
  gboolean auto_src = options->src_lang == NULL || strcmp (options->src_lang, "auto") == 0;
  gboolean auto_tgt = options->tgt_lang == NULL || strcmp (options->tgt_lang, "auto") == 0;
  BitextBilingualReadOptions read_options = BITEXT_BILINGUAL_READ_OPTIONS_INIT;
  read_options.strip_markup = options->strip_markup;
  read_options.src_lang = auto_src ? NULL : options->src_lang;
  read_options.tgt_lang = auto_tgt ? NULL : options->tgt_lang;
  read_options.progress_func = options->progress_func;
  read_options.progress_data = options->progress_data;
  g_autoptr(GString) label = g_string_new (NULL);
  TmxRead r = { pair, auto_src ? NULL : options->src_lang,
                auto_tgt ? NULL : g_strdup (options->tgt_lang), options->strip_markup, label,
                options->bare_codes };
  pair->unit_info = g_array_new (FALSE, FALSE, sizeof (PairUnitInfo));
  BitextBilingualCounts counts;
  gboolean ok = bitext__bilingual_foreach_input (path, data, length, BITEXT_BILINGUAL_UNKNOWN,
                                                 &read_options, add_tmx_unit, &r, &counts, NULL,
                                                 error);
  pair->text[1].lang = r.tgt_lang;
  pair->n_skipped_units = counts.n_fuzzy + counts.n_untranslated;
  return ok;
}

/**
 * bitext_pair_get_skipped_units:
 *
 * Returns: the entries of a PO or XLIFF input left out as fuzzy, unapproved
 *   or untranslated (0 for other inputs)
 */
guint64
bitext_pair_get_skipped_units (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, 0);
  return pair->n_skipped_units;
}

/*
** PAIRS.tsv: SOURCE<TAB>TARGET a line, '#' comments and blank lines
** skipped; from @given (@length bytes, NUL-terminated) when not NULL, else
** from @path.
*/
static gboolean
read_tsv (BitextPair *pair, const char *path, const char *given, gsize length, GError **error)
{
  g_autofree char *read = NULL;
  if (given == NULL && !g_file_get_contents (path, &read, &length, error))
    return FALSE;
  const char *data = given != NULL ? given : read;
  const char *name = bitext__input_name (path);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s: invalid UTF-8", name);
      return FALSE;
    }
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      if (line[0] == '\0' || line[0] == '#')
        continue;
      char *tab = strchr (line, '\t');
      if (tab == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u:1: expected SOURCE<TAB>TARGET", name, i + 1);
          return FALSE;
        }
      *tab = '\0';
      char *end = strchr (tab + 1, '\t');
      if (end != NULL)
        *end = '\0';
      add_unit_sentence (pair, BITEXT_PAIR_SOURCE, line, n, NULL);
      add_unit_sentence (pair, BITEXT_PAIR_TARGET, tab + 1, n, NULL);
      append_bead (pair, 1, 1, 1.0);
      n++;
    }
  return TRUE;
}

/* The checksum of a file, computed on its own thread. */
typedef struct
{
  const char *path;
  char *sha256;
  GError *error;
} Checksum;

static gpointer
checksum_thread (gpointer data)
{
  Checksum *c = data;
  bitext_pair__checksum_file (c->path, &c->sha256, &c->error);
  return NULL;
}

/*
** Read the units of a TMX or TSV file (by the pair's segmentation) as
** sentences and beads; from @data (@length bytes) when not NULL, the
** bytes of an input that can be read once only (bitext__file_read_once()),
** else from @path. Both sides name the file. Its checksum (for a pair
** file saved later) is computed on a second thread while the file is
** parsed: on a large memory the two take seconds each.
*/
gboolean
bitext_pair__read_units (BitextPair *pair, const char *path, const char *data, gsize length,
                         const BitextPairOptions *options, GError **error)
{
  Checksum sum = { path, NULL, NULL };
  GThread *thread = g_thread_try_new ("bitext-checksum", checksum_thread, &sum, NULL);
  if (thread == NULL)
    checksum_thread (&sum);
  gboolean ok;
  if (pair->segmentation == BITEXT_PAIR_SEGMENT_TMX)
    ok = read_tmx (pair, path, data, length, options, error);
  else
    {
      ok = read_tsv (pair, path, data, length, error);
      for (guint s = 0; ok && s < 2; s++)
        {
          const char *lang = s == 0 ? options->src_lang : options->tgt_lang;
          pair->text[s].lang = lang != NULL && strcmp (lang, "auto") != 0 ? g_strdup (lang) : NULL;
        }
    }
  if (thread != NULL)
    g_thread_join (thread);
  g_autofree char *sha = g_steal_pointer (&sum.sha256);
  if (!ok)
    {
      g_clear_error (&sum.error);
      return FALSE;
    }
  if (sum.error != NULL)
    {
      g_propagate_error (error, sum.error);
      return FALSE;
    }
  for (guint s = 0; s < 2; s++)
    {
      pair->text[s].path = g_strdup (path);
      pair->text[s].sha256 = g_strdup (sha);
    }
  return TRUE;
}

/*
** Take the beads of a bead file ([i,j]:[k] a line) as the pair's. The file
** must cover both texts once, in order (bitext_bead_list_check_cover()),
** and end where they end.
*/
gboolean
bitext_pair__read_bead_file (BitextPair *pair, const char *path, GError **error)
{
  g_autoptr(BitextBeadList) list = bitext_bead_list_load_file (path, error);
  if (list == NULL)
    return FALSE;
  guint n_sentences[2] = { bitext_pair_get_n_sentences (pair, BITEXT_PAIR_SOURCE),
                           bitext_pair_get_n_sentences (pair, BITEXT_PAIR_TARGET) };
  if (!bitext_bead_list_check_cover (list, path, TRUE, n_sentences, NULL, error))
    return FALSE;
  for (guint i = 0; i < bitext_bead_list_get_n_beads (list); i++)
    {
      const BitextEvalBead *b = bitext_bead_list_get_bead (list, i);
      append_bead (pair, b->n_src, b->n_tgt, 1.0);
    }
  return TRUE;
}

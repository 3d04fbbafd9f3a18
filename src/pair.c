/* bitext — the aligned pair: constructors, the texts and the beads. */
#include "pair-private.h"

#include <string.h>

#include "bilingual-private.h"
#include "bitext/error.h"
#include "bitext/segment.h"
#include "file-private.h"

/* Bytes of text the language of an "auto" input is guessed from (as the segmenter does). */

BitextPair *
bitext_pair__new (BitextPairSegmentation segmentation)
{
  BitextPair *pair = g_new0 (BitextPair, 1);
  pair->segmentation = segmentation;
  pair->beads = g_array_new (FALSE, FALSE, sizeof (PairBead));
  pair->strings = g_string_chunk_new (1 << 16);
  pair->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_pair__edit_free);
  pair->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_pair__edit_free);
  BitextAlignOptions defaults = BITEXT_ALIGN_OPTIONS_INIT;
  pair->align = defaults;
  for (guint s = 0; s < 2; s++)
    pair->text[s].sentences = g_array_new (FALSE, TRUE, sizeof (PairSentence));
  return pair;
}

/**
 * bitext_pair_free:
 * @pair: (nullable) (transfer full): a pair
 */
void
bitext_pair_free (BitextPair *pair)
{
  if (pair == NULL)
    return;
  for (guint s = 0; s < 2; s++)
    {
      g_free (pair->text[s].path);
      g_free (pair->text[s].sha256);
      g_free (pair->text[s].encoding);
      g_free (pair->text[s].lang);
      g_array_unref (pair->text[s].sentences);
    }
  g_array_unref (pair->beads);
  g_string_chunk_free (pair->strings);
  g_clear_pointer (&pair->unit_info, g_array_unref);
  g_free (pair->dict_path);
  g_clear_pointer (&pair->aligner, bitext_aligner_free);
  g_ptr_array_unref (pair->undo);
  g_ptr_array_unref (pair->redo);
  g_clear_pointer (&pair->qa_units, g_array_unref);
  g_clear_pointer (&pair->labels, g_ptr_array_unref);
  g_clear_pointer (&pair->unit_strings, g_string_chunk_free);
  g_free (pair);
}

void
bitext_pair__text_init (PairText *text, const char *path, const char *lang)
{
  g_free (text->path);
  g_free (text->lang);
  text->path = g_strdup (path);
  text->lang = g_strdup (lang);
}

/*
** Add a sentence to @side; its text and @markup (nullable: the TMX inline
** markup of a sentence with inline codes) are copied into the pair's strings.
*/
void
bitext_pair__add_sentence_markup (BitextPair *pair, BitextPairSide side,
                                  const BitextPairSentence *sentence, const char *markup)
{
  PairSentence s = { *sentence, NULL, NULL };
  s.pub.text = s.original = g_string_chunk_insert (pair->strings, sentence->text);
  s.markup = markup != NULL ? g_string_chunk_insert (pair->strings, markup) : NULL;
  s.pub.edited = FALSE;
  g_array_append_val (pair->text[side].sentences, s);
}

void
bitext_pair__add_sentence (BitextPair *pair, BitextPairSide side, const BitextPairSentence *sentence)
{
  bitext_pair__add_sentence_markup (pair, side, sentence, NULL);
}

/*
** The SHA-256 of a file's bytes as lower-case hex; stdin ("-") has none,
** nor has any other file that is not a regular one (a pipe such as the
** shell's `<(iconv -f cp1251 ru.txt)`, a device), which can be read once
** only and cannot be mapped. The file is mapped, not read, so a large
** text costs no second copy.
*/
gboolean
bitext_pair__checksum_file (const char *path, char **sha256, GError **error)
{
  *sha256 = NULL;
  if (bitext__file_read_once (path))
    return TRUE;
  g_autoptr(GMappedFile) map = g_mapped_file_new (path, FALSE, error);
  if (map == NULL)
    return FALSE;
  const char *data = g_mapped_file_get_contents (map);
  *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data != NULL ? data : ""),
                                         g_mapped_file_get_length (map));
  return TRUE;
}

/* The position of the last character of text[offset, offset + length). */
static BitextPosition
last_position (const BitextDocument *doc, const char *text, gsize offset, gsize length)
{
  if (length == 0)
    return bitext_document_get_position (doc, offset);
  const char *last = g_utf8_find_prev_char (text + offset, text + offset + length);
  return bitext_document_get_position (doc, (gsize) (last - text));
}

/* One sentence a line; each paragraph (run of non-blank lines) gets its number. */
static void
read_lines (BitextPair *pair, BitextPairSide side, const BitextDocument *doc)
{
  const char *text = bitext_document_get_text (doc, NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint p = 0; p < bitext_document_get_n_paragraphs (doc); p++)
    {
      BitextSpan span = bitext_document_get_paragraph (doc, p);
      const char *s = text + span.offset, *end = s + span.length;
      while (s < end)
        {
          const char *nl = memchr (s, '\n', (gsize) (end - s));
          const char *eol = nl != NULL ? nl : end;
          gsize at = (gsize) (s - text), len = (gsize) (eol - s);
          g_string_assign (line, "");
          g_string_append_len (line, s, (gssize) len);
          BitextPairSentence sentence = {
            line->str, p, bitext_document_get_source_offset (doc, at),
            bitext_document_get_source_offset (doc, at + len),
            bitext_document_get_position (doc, at), last_position (doc, text, at, len), FALSE
          };
          bitext_pair__add_sentence (pair, side, &sentence);
          s = nl != NULL ? nl + 1 : end;
        }
    }
}

/* ICU + SRX sentences in @lang. */
static gboolean
read_segments (BitextPair *pair, BitextPairSide side, const BitextDocument *doc, const char *lang,
               GError **error)
{
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (lang, NULL, error);
  if (seg == NULL)
    return FALSE;
  g_autoptr(GArray) segs = bitext_segmenter_segment_document (seg, doc, error);
  if (segs == NULL)
    return FALSE;
  const char *text = bitext_document_get_text (doc, NULL);
  for (guint i = 0; i < segs->len; i++)
    {
      const BitextSegment *s = &g_array_index (segs, BitextSegment, i);
      g_autofree char *t = bitext_segment_dup_text (text, &s->span);
      g_autofree char *markup = bitext_document_dup_markup (doc, s->span.offset, s->span.length);
      BitextPairSentence sentence = { t, s->paragraph, s->source_offset, s->source_end,
                                      s->start, s->end, FALSE };
      bitext_pair__add_sentence_markup (pair, side, &sentence, markup);
    }
  return TRUE;
}

/*
** Load one side from a text file, by lines or by the segmenter as the pair's
** segmentation says. An "auto" (or NULL) language is guessed from the words
** of the first MiB of the text (bitext_pair__guess_language(); more than the
** segmenter's own guess sees: its first block), and the segmenter uses the
** language so found.
*/
gboolean
bitext_pair__load_side (BitextPair *pair, BitextPairSide side, const char *path, const char *lang,
                        const BitextDocumentOptions *input, GError **error)
{
  g_autoptr(BitextDocument) doc = bitext_document_load_with_options (path, input, error);
  if (doc == NULL)
    return FALSE;
  if (lang == NULL || strcmp (lang, "auto") == 0)
    lang = bitext_pair__guess_language (doc);
  if (pair->segmentation == BITEXT_PAIR_SEGMENT_LINES)
    read_lines (pair, side, doc);
  else if (!read_segments (pair, side, doc, lang, error))
    return FALSE;
  bitext_pair__text_init (&pair->text[side], path, lang);
  pair->text[side].format = input != NULL ? input->format : BITEXT_FORMAT_AUTO;
  g_free (pair->text[side].encoding);
  pair->text[side].encoding = input != NULL ? g_strdup (input->encoding) : NULL;
  return bitext_pair__checksum_file (path, &pair->text[side].sha256, error);
}

void
bitext_pair__store_options (BitextPair *pair, const BitextPairOptions *options)
{
  pair->align = options->align;
  pair->align.src_lang = pair->align.tgt_lang = NULL;
  g_free (pair->dict_path);
  pair->dict_path = g_strdup (options->dict_path);
  pair->installed_dict = options->installed_dict;
  pair->strip_markup = options->strip_markup;
}

void
bitext_pair__add_bead (BitextPair *pair, const BitextBead *bead, gboolean confirmed)
{
  PairBead b = { *bead, confirmed };
  g_array_append_val (pair->beads, b);
  pair->units_valid = FALSE;
}

/*
** Align every sentence of both sides (a new pair, or a realignment with no
** confirmed bead): the beads replace the pair's.
*/
gboolean
bitext_pair__align_all (BitextPair *pair, GError **error)
{
  g_autoptr(GArray) beads = bitext_pair__align_range (pair, 0, bitext_pair_get_n_sentences (pair, 0),
                                                      0, bitext_pair_get_n_sentences (pair, 1),
                                                      error);
  if (beads == NULL)
    return FALSE;
  g_array_set_size (pair->beads, 0);
  g_array_append_vals (pair->beads, beads->data, beads->len);
  bitext_pair__invalidate (pair);
  return TRUE;
}

static gboolean
check_options (const BitextPairOptions *options)
{
  return options == NULL || options->version == 1;
}

/* Both texts read, then aligned, or the beads of @beads_path taken when it is not NULL. */
static BitextPair *
new_from_texts (const char *src_path, const char *tgt_path, const char *beads_path,
                const BitextPairOptions *options, GError **error)
{
  g_return_val_if_fail (src_path != NULL && tgt_path != NULL, NULL);
  g_return_val_if_fail (check_options (options), NULL);
  BitextPairOptions defaults = BITEXT_PAIR_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  g_autoptr(BitextPair) pair = bitext_pair__new (
      options->presegmented ? BITEXT_PAIR_SEGMENT_LINES : BITEXT_PAIR_SEGMENT_TEXT);
  bitext_pair__store_options (pair, options);
  if (!bitext_pair__load_side (pair, BITEXT_PAIR_SOURCE, src_path, options->src_lang,
                               &options->input[0], error)
      || !bitext_pair__load_side (pair, BITEXT_PAIR_TARGET, tgt_path, options->tgt_lang,
                                  &options->input[1], error)
      || !bitext_pair__check_languages (pair, options, error))
    return NULL;
  if (beads_path != NULL ? !bitext_pair__read_bead_file (pair, beads_path, error)
                         : !bitext_pair__align_all (pair, error))
    return NULL;
  return g_steal_pointer (&pair);
}

/**
 * bitext_pair_new_from_texts:
 * @src_path: (type filename): the source text ("-": stdin)
 * @tgt_path: (type filename): its translation
 * @options: (nullable): languages, segmentation, dictionary and aligner settings
 * @error: return location for a #GError
 *
 * Segments both texts (or splits them into lines, with
 * @options->presegmented) and aligns them.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_new_from_texts (const char *src_path, const char *tgt_path,
                            const BitextPairOptions *options, GError **error)
{
  return new_from_texts (src_path, tgt_path, NULL, options, error);
}

/**
 * bitext_pair_new_from_beads:
 * @src_path: (type filename): the source text
 * @tgt_path: (type filename): its translation
 * @beads_path: (type filename): their alignment, `[i,j]:[k]` a line (README "Formats")
 * @options: (nullable): languages and segmentation (the aligner's settings are kept for
 *   bitext_pair_realign())
 * @error: return location for a #GError
 *
 * Reads both texts as bitext_pair_new_from_texts() does, and takes the beads
 * from @beads_path instead of aligning. The beads must cover both texts in
 * order, each side a run of consecutive sentences. Scores and evidence are
 * those of a given alignment: score 1, no evidence.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_new_from_beads (const char *src_path, const char *tgt_path, const char *beads_path,
                            const BitextPairOptions *options, GError **error)
{
  g_return_val_if_fail (beads_path != NULL, NULL);
  return new_from_texts (src_path, tgt_path, beads_path, options, error);
}

/* A pair of the units of a TMX or TSV file, read from @data when not NULL. */
static BitextPair *
new_from_units (const char *path, const char *data, gsize length,
                BitextPairSegmentation segmentation, const BitextPairOptions *options,
                GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (check_options (options), NULL);
  BitextPairOptions defaults = BITEXT_PAIR_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  g_autoptr(BitextPair) pair = bitext_pair__new (segmentation);
  bitext_pair__store_options (pair, options);
  if (!bitext_pair__read_units (pair, path, data, length, options, error)
      || !bitext_pair__check_languages (pair, options, error))
    return NULL;
  return g_steal_pointer (&pair);
}

/**
 * bitext_pair_new_from_tmx:
 * @path: (type filename): a TMX 1.4b file
 * @options: (nullable): the languages wanted (else the file's), @options->strip_markup
 * @error: return location for a #GError
 *
 * Each unit becomes one bead: its source variant one source sentence, its
 * target variant one target sentence, or none (a 1-0 bead) when the unit
 * has no target. Units without a source are skipped.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_new_from_tmx (const char *path, const BitextPairOptions *options, GError **error)
{
  return new_from_units (path, NULL, 0, BITEXT_PAIR_SEGMENT_TMX, options, error);
}

/**
 * bitext_pair_new_from_units:
 * @path: (type filename): a TMX, PO or XLIFF file, or a TSV of pairs; "-" for stdin
 * @options: (nullable): as for bitext_pair_new_from_tmx()
 * @error: return location for a #GError
 *
 * The units of a file of aligned units whose kind is told by its content
 * (a name ending in .tmx is a memory whatever it holds): a bilingual file
 * as bitext_pair_new_from_tmx() reads it, else a TSV of pairs as
 * bitext_pair_new_from_tsv() does. An input that can be read once only
 * (stdin, a pipe such as the shell's `<(zcat tm.tmx.gz)`) is read into
 * memory, and its kind told from those bytes.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_new_from_units (const char *path, const BitextPairOptions *options, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  BitextBilingualFormat format;
  g_autofree char *data = NULL;
  gsize length;
  if (!bitext__bilingual_sniff_input (path, &format, &data, &length, error))
    return NULL;
  return new_from_units (path, data, length,
                         format != BITEXT_BILINGUAL_UNKNOWN ? BITEXT_PAIR_SEGMENT_TMX
                                                            : BITEXT_PAIR_SEGMENT_TSV,
                         options, error);
}

/**
 * bitext_pair_open:
 * @paths: (array length=n_paths): what a user names on a command line
 * @n_paths: 1 or 2
 * @beads_path: (nullable): with two texts, their bead file (else they are aligned)
 * @options: (nullable): as for the constructors (a pair file keeps its own)
 * @error: return location for a #GError
 *
 * The one place that tells the inputs apart, for every tool that opens a
 * pair: two texts are segmented and aligned (or paired by @beads_path); one
 * file is a pair file when it is named *.json or is a pair file's autosave,
 * and else a bilingual file: TMX, PO or XLIFF, told by its content.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_open (const char *const *paths, guint n_paths, const char *beads_path,
                  const BitextPairOptions *options, GError **error)
{
  g_return_val_if_fail (paths != NULL && (n_paths == 1 || n_paths == 2), NULL);

  if (n_paths == 2 && beads_path != NULL)
    return bitext_pair_new_from_beads (paths[0], paths[1], beads_path, options, error);
  if (n_paths == 2)
    return bitext_pair_new_from_texts (paths[0], paths[1], options, error);
  g_autofree char *autosave_suffix = bitext_pair_dup_autosave_path ("");
  if (g_str_has_suffix (paths[0], ".json") || g_str_has_suffix (paths[0], autosave_suffix))
    return bitext_pair_load_file (paths[0], error);
  return bitext_pair_new_from_tmx (paths[0], options, error);
}

/**
 * bitext_pair_new_from_tsv:
 * @path: (type filename): SOURCE<TAB>TARGET a line; '#' comments and blank lines skipped
 * @options: (nullable): the languages (no default: NULL when not given)
 * @error: return location for a #GError
 *
 * Each line becomes one 1-1 bead (a third column, a note, is ignored).
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_new_from_tsv (const char *path, const BitextPairOptions *options, GError **error)
{
  return new_from_units (path, NULL, 0, BITEXT_PAIR_SEGMENT_TSV, options, error);
}

/* Accessors ----------------------------------------------------------------------------------- */

BitextPairSegmentation
bitext_pair_get_segmentation (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, BITEXT_PAIR_SEGMENT_TEXT);
  return pair->segmentation;
}

/* Returns: (transfer none): the file @side was read from, as given ("-" for stdin) */
const char *
bitext_pair_get_path (const BitextPair *pair, BitextPairSide side)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, NULL);
  return pair->text[side].path;
}

/* Returns: (transfer none) (nullable): the language code of @side, NULL when unknown */
const char *
bitext_pair_get_lang (const BitextPair *pair, BitextPairSide side)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, NULL);
  return pair->text[side].lang;
}

guint
bitext_pair_get_n_sentences (const BitextPair *pair, BitextPairSide side)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, 0);
  return pair->text[side].sentences->len;
}

/* Returns: (transfer none): sentence @index of @side (its text: valid while the pair lives) */
const BitextPairSentence *
bitext_pair_get_sentence (const BitextPair *pair, BitextPairSide side, guint index)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, NULL);
  g_return_val_if_fail (index < pair->text[side].sentences->len, NULL);
  return &g_array_index (pair->text[side].sentences, PairSentence, index).pub;
}

guint
bitext_pair_get_n_beads (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, 0);
  return pair->beads->len;
}

/* Returns: (transfer none): bead @index, valid until the next edit */
const BitextBead *
bitext_pair_get_bead (const BitextPair *pair, guint index)
{
  g_return_val_if_fail (pair != NULL && index < pair->beads->len, NULL);
  return &g_array_index (pair->beads, PairBead, index).bead;
}

gboolean
bitext_pair_is_confirmed (const BitextPair *pair, guint index)
{
  g_return_val_if_fail (pair != NULL && index < pair->beads->len, FALSE);
  return g_array_index (pair->beads, PairBead, index).confirmed;
}

/**
 * bitext_pair_find_bead:
 * @side: the side of @sentence
 * @sentence: a sentence of @side
 *
 * Returns: the index of the bead that holds @sentence (binary search)
 */
guint
bitext_pair_find_bead (const BitextPair *pair, BitextPairSide side, guint sentence)
{
  g_return_val_if_fail (pair != NULL && sentence < bitext_pair_get_n_sentences (pair, side), 0);
  guint lo = 0, hi = pair->beads->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      const BitextBead *b = &g_array_index (pair->beads, PairBead, mid).bead;
      guint start = side == BITEXT_PAIR_SOURCE ? b->src_start : b->tgt_start;
      if (start <= sentence)
        lo = mid;
      else
        hi = mid;
    }
  /* Beads empty on @side share their start with the next bead: step to the one holding it. */
  while (lo + 1 < pair->beads->len)
    {
      const BitextBead *b = &g_array_index (pair->beads, PairBead, lo).bead;
      guint start = side == BITEXT_PAIR_SOURCE ? b->src_start : b->tgt_start;
      guint len = side == BITEXT_PAIR_SOURCE ? b->src_len : b->tgt_len;
      if (sentence < start + len)
        break;
      lo++;
    }
  return lo;
}

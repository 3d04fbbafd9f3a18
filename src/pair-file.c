/* bitext — the aligned pair: the pair file (JSON, README "Formats"), saved and loaded. */
#include "pair-private.h"
#include "file-private.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bitext/error.h"

#define PAIR_FORMAT "bitext-pair"
#define PAIR_FORMAT_VERSION 1

static const char *const segmentation_names[] = { "text", "lines", "tmx", "tsv" };
static const char *const side_names[] = { "source", "target" };

/* Saving -------------------------------------------------------------------------------------- */

/*
** A file's path as the pair file keeps it: relative to @base_dir when the
** file lies under it (so a folder of texts and its pair file can move
** together), else absolute.
*/
static char *
stored_path (const char *path, const char *base_dir)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  if (base_dir == NULL)
    return g_steal_pointer (&abs);
  g_autoptr(GFile) base = g_file_new_for_path (base_dir);
  g_autoptr(GFile) file = g_file_new_for_path (abs);
  char *rel = g_file_get_relative_path (base, file);
  return rel != NULL ? rel : g_steal_pointer (&abs);
}

/* Add member @name with @value, or null when @value is NULL (the pair file and the review API). */
void
bitext_pair__json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_member_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_member_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_beads (JsonBuilder *b, const char *name, const GArray *beads)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < beads->len; i++)
    {
      const PairBead *pb = &g_array_index (beads, PairBead, i);
      const BitextBead *x = &pb->bead;
      json_builder_begin_object (b);
      add_member_int (b, "src", x->src_start);
      add_member_int (b, "src_len", x->src_len);
      add_member_int (b, "tgt", x->tgt_start);
      add_member_int (b, "tgt_len", x->tgt_len);
      add_member_double (b, "score", x->score);
      add_member_double (b, "cost", x->cost);
      add_member_double (b, "length_z", x->length_z);
      add_member_double (b, "lexical", x->lexical);
      add_member_int (b, "anchors", x->anchors);
      add_member_int (b, "dict_hits", x->dict_hits);
      add_member_int (b, "learned_hits", x->learned_hits);
      add_member_bool (b, "crosses_paragraph", x->crosses_paragraph);
      add_member_bool (b, "low_confidence", x->low_confidence);
      add_member_bool (b, "confirmed", pb->confirmed);
      if (x->lone_side != BITEXT_LONE_NONE)
        {
          json_builder_set_member_name (b, "lone");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "side");
          json_builder_add_string_value (b, x->lone_side == BITEXT_LONE_SOURCE ? "source" : "target");
          add_member_int (b, "sentence", x->lone_index);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_edits (JsonBuilder *b, const char *name, const GPtrArray *edits)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < edits->len; i++)
    {
      const PairEdit *e = edits->pdata[i];
      json_builder_begin_object (b);
      bitext_pair__json_add_string (b, "name", e->name);
      if (e->kind == PAIR_EDIT_TEXT)
        {
          bitext_pair__json_add_string (b, "side", side_names[e->side]);
          add_member_int (b, "sentence", e->sentence);
          bitext_pair__json_add_string (b, "old", e->old_text);
          bitext_pair__json_add_string (b, "new", e->new_text);
        }
      else
        {
          add_member_int (b, "at", e->at);
          add_beads (b, "old", e->old_beads);
          add_beads (b, "new", e->new_beads);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
add_text (JsonBuilder *b, const BitextPair *pair, guint side, const char *base_dir, GError **error)
{
  const PairText *t = &pair->text[side];
  if (t->sha256 == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "%s: a text read from standard input cannot be named in a pair file",
                   side_names[side]);
      return FALSE;
    }
  g_autofree char *path = stored_path (t->path, base_dir);
  json_builder_set_member_name (b, side_names[side]);
  json_builder_begin_object (b);
  bitext_pair__json_add_string (b, "path", path);
  bitext_pair__json_add_string (b, "sha256", t->sha256);
  bitext_pair__json_add_string (b, "lang", t->lang);
  /* How the text was read, so that reopening reads it the same way (version 1
     files without these members were read with detection). */
  if (t->format != BITEXT_FORMAT_AUTO)
    bitext_pair__json_add_string (b, "input_format", bitext_format_get_name (t->format));
  if (t->encoding != NULL)
    bitext_pair__json_add_string (b, "encoding", t->encoding);
  add_member_int (b, "sentences", t->sentences->len);
  json_builder_end_object (b);
  return TRUE;
}

static void
add_aligner (JsonBuilder *b, const BitextPair *pair, const char *base_dir)
{
  json_builder_set_member_name (b, "aligner");
  json_builder_begin_object (b);
  add_member_int (b, "band", pair->align.band);
  add_member_double (b, "del_percentile", pair->align.del_percentile);
  add_member_double (b, "low_confidence", pair->align.low_confidence);
  add_member_bool (b, "second_pass", pair->align.second_pass);
  g_autofree char *dict = pair->dict_path != NULL ? stored_path (pair->dict_path, base_dir) : NULL;
  bitext_pair__json_add_string (b, "dict", dict);
  add_member_bool (b, "installed_dict", pair->installed_dict);
  json_builder_end_object (b);
}

/* The sentences whose text was edited: side, index and the text they have now. */
static void
add_texts (JsonBuilder *b, const BitextPair *pair)
{
  json_builder_set_member_name (b, "texts");
  json_builder_begin_array (b);
  for (guint side = 0; side < 2; side++)
    for (guint i = 0; i < pair->text[side].sentences->len; i++)
      {
        const PairSentence *s = &g_array_index (pair->text[side].sentences, PairSentence, i);
        if (!s->pub.edited)
          continue;
        json_builder_begin_object (b);
        bitext_pair__json_add_string (b, "side", side_names[side]);
        add_member_int (b, "sentence", i);
        bitext_pair__json_add_string (b, "text", s->pub.text);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

/**
 * bitext_pair_save_to_data:
 * @base_dir: (type filename) (nullable): the folder the pair file will be in; paths
 *   under it are written relative to it (NULL: all paths absolute)
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full) (nullable): the pair file's text, or %NULL with @error set
 *   (a text read from standard input has no path to write)
 */
char *
bitext_pair_save_to_data (BitextPair *pair, const char *base_dir, gsize *length, GError **error)
{
  g_return_val_if_fail (pair != NULL, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  bitext_pair__json_add_string (b, "format", PAIR_FORMAT);
  add_member_int (b, "version", PAIR_FORMAT_VERSION);
  bitext_pair__json_add_string (b, "segmentation", segmentation_names[pair->segmentation]);
  if (!add_text (b, pair, 0, base_dir, error) || !add_text (b, pair, 1, base_dir, error))
    return NULL;
  add_member_bool (b, "strip_markup", pair->strip_markup);
  add_aligner (b, pair, base_dir);
  add_member_int (b, "revision", (gint64) pair->version);
  add_beads (b, "beads", pair->beads);
  add_texts (b, pair);
  add_edits (b, "undo", pair->undo);
  add_edits (b, "redo", pair->redo);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  g_autoptr(GString) out = g_string_new (NULL);
  json_generator_to_gstring (gen, out);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * bitext_pair_save_file:
 * @path: (type filename): the pair file, PAIR.json
 *
 * Writes the pair file under a temporary name and renames it over @path, so
 * an old file is replaced only by a complete one.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bitext_pair_save_file (BitextPair *pair, const char *path, GError **error)
{
  g_return_val_if_fail (pair != NULL && path != NULL, FALSE);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  gsize length;
  g_autofree char *data = bitext_pair_save_to_data (pair, dir, &length, error);
  if (data == NULL
      || !bitext__file_replace (path, data, length, error))
    return FALSE;
  pair->saved_version = pair->version;
  return TRUE;
}

/**
 * bitext_pair_dup_autosave_path:
 * @pair_path: (type filename): a pair file, PAIR.json
 *
 * Returns: (transfer full): where the workbench keeps unsaved work on @pair_path:
 *   PAIR.json.autosave beside it
 */
char *
bitext_pair_dup_autosave_path (const char *pair_path)
{
  g_return_val_if_fail (pair_path != NULL, NULL);
  return g_strconcat (pair_path, ".autosave", NULL);
}

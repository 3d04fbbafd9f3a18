/* bitext — the aligned pair: loading a pair file, checking it against the texts it names. */
#include "pair-private.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "bitext/error.h"

/* The state of one load: the file's name for messages and the folder its paths are relative to. */
typedef struct
{
  const char *name;
  const char *base_dir;
  GError **error;
} Load;

/* Set a parse error at @where (a JSON path such as "beads[3].src"); returns FALSE. */
G_GNUC_PRINTF (3, 4) static gboolean
fail (Load *l, const char *where, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (l->error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: %s: %s", l->name, where, message);
  return FALSE;
}

static JsonNode *
member (Load *l, JsonObject *o, const char *where, const char *name, JsonNodeType type,
        const char *what)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || JSON_NODE_TYPE (n) != type)
    {
      fail (l, where, "\"%s\" must be %s", name, what);
      return NULL;
    }
  return n;
}

static gboolean
get_uint (Load *l, JsonObject *o, const char *where, const char *name, guint *out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fail (l, where, "\"%s\" must be an integer", name);
  gint64 v = json_node_get_int (n);
  if (v < 0 || v > G_MAXUINT)
    return fail (l, where, "\"%s\" is out of range", name);
  *out = (guint) v;
  return TRUE;
}

static gboolean
get_double (Load *l, JsonObject *o, const char *where, const char *name, double *out)
{
  JsonNode *n = json_object_get_member (o, name);
  GType t = n != NULL && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_value_type (n) : G_TYPE_INVALID;
  if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
    return fail (l, where, "\"%s\" must be a number", name);
  *out = json_node_get_double (n);
  return TRUE;
}

static gboolean
get_bool (Load *l, JsonObject *o, const char *where, const char *name, gboolean *out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return fail (l, where, "\"%s\" must be true or false", name);
  *out = json_node_get_boolean (n);
  return TRUE;
}

/* A string member; with @nullable, null gives NULL. */
static gboolean
get_string (Load *l, JsonObject *o, const char *where, const char *name, gboolean nullable,
            const char **out)
{
  JsonNode *n = json_object_get_member (o, name);
  if (n != NULL && nullable && JSON_NODE_HOLDS_NULL (n))
    {
      *out = NULL;
      return TRUE;
    }
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fail (l, where, "\"%s\" must be a string%s", name, nullable ? " or null" : "");
  *out = json_node_get_string (n);
  return TRUE;
}

static gboolean
get_name (Load *l, JsonObject *o, const char *where, const char *name,
          const char *const *names, guint n_names, guint *out)
{
  const char *s;
  if (!get_string (l, o, where, name, FALSE, &s))
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (s, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return fail (l, where, "unknown %s \"%s\"", name, s);
}

static const char *const segmentation_names[] = { "text", "lines", "tmx", "tsv" };
static const char *const side_names[] = { "source", "target" };

/* A bead's optional "lone": {"side": "source"|"target", "sentence": N}, N one of that side's. */
static gboolean
read_lone (Load *l, JsonObject *o, const char *where, BitextBead *b)
{
  JsonNode *n = json_object_get_member (o, "lone");
  if (n == NULL)
    return TRUE;
  g_autofree char *here = g_strdup_printf ("%s.lone", where);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return fail (l, where, "\"lone\" must be an object");
  JsonObject *lo = json_node_get_object (n);
  guint side = 0, index = 0;
  if (!get_name (l, lo, here, "side", side_names, G_N_ELEMENTS (side_names), &side)
      || !get_uint (l, lo, here, "sentence", &index))
    return FALSE;
  guint start = side == 0 ? b->src_start : b->tgt_start, len = side == 0 ? b->src_len : b->tgt_len;
  if (len < 2 || index < start || index - start >= len)
    return fail (l, here, "sentence %u is not one of the bead's %s sentences", index, side_names[side]);
  b->lone_side = side == 0 ? BITEXT_LONE_SOURCE : BITEXT_LONE_TARGET;
  b->lone_index = index;
  return TRUE;
}

static gboolean
read_bead (Load *l, JsonObject *o, const char *where, PairBead *pb)
{
  BitextBead *b = &pb->bead;
  return get_uint (l, o, where, "src", &b->src_start) && get_uint (l, o, where, "src_len", &b->src_len)
         && get_uint (l, o, where, "tgt", &b->tgt_start)
         && get_uint (l, o, where, "tgt_len", &b->tgt_len)
         && get_double (l, o, where, "score", &b->score)
         && get_double (l, o, where, "cost", &b->cost)
         && get_double (l, o, where, "length_z", &b->length_z)
         && get_double (l, o, where, "lexical", &b->lexical)
         && get_uint (l, o, where, "anchors", &b->anchors)
         && get_uint (l, o, where, "dict_hits", &b->dict_hits)
         && get_uint (l, o, where, "learned_hits", &b->learned_hits)
         && get_bool (l, o, where, "crosses_paragraph", &b->crosses_paragraph)
         && get_bool (l, o, where, "low_confidence", &b->low_confidence)
         && get_bool (l, o, where, "confirmed", &pb->confirmed) && read_lone (l, o, where, b);
}

static GArray *
read_beads (Load *l, JsonObject *o, const char *where, const char *name)
{
  g_autofree char *here = g_strdup_printf ("%s%s%s", where, *where != '\0' ? "." : "", name);
  JsonNode *n = member (l, o, where, name, JSON_NODE_ARRAY, "an array");
  if (n == NULL)
    return NULL;
  JsonArray *a = json_node_get_array (n);
  g_autoptr(GArray) beads = g_array_sized_new (FALSE, TRUE, sizeof (PairBead),
                                               json_array_get_length (a));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *at = g_strdup_printf ("%s[%u]", here, i);
      JsonNode *e = json_array_get_element (a, i);
      PairBead pb = { { 0 }, FALSE };
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (l, at, "a bead must be an object"), NULL;
      if (!read_bead (l, json_node_get_object (e), at, &pb))
        return NULL;
      g_array_append_val (beads, pb);
    }
  return g_steal_pointer (&beads);
}

/* The beads cover both texts in order, each a run of consecutive sentences, none empty. */
static gboolean
check_cover (Load *l, const BitextPair *pair, const GArray *beads)
{
  guint next[2] = { 0, 0 };
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, PairBead, i).bead;
      g_autofree char *at = g_strdup_printf ("beads[%u]", i);
      if (b->src_start != next[0] || b->tgt_start != next[1])
        return fail (l, at, "starts at sentences %u:%u, not %u:%u where the bead before ends",
                     b->src_start, b->tgt_start, next[0], next[1]);
      if (b->src_len + b->tgt_len == 0)
        return fail (l, at, "a bead with no sentence");
      next[0] += b->src_len;
      next[1] += b->tgt_len;
    }
  for (guint s = 0; s < 2; s++)
    if (next[s] != pair->text[s].sentences->len)
      return fail (l, "beads", "they hold %u %s sentences; the text has %u", next[s],
                   side_names[s], pair->text[s].sentences->len);
  return TRUE;
}

/* Resolve a stored path: relative ones are relative to the pair file's folder. */
static char *
resolve (const Load *l, const char *path)
{
  if (g_path_is_absolute (path) || l->base_dir == NULL)
    return g_strdup (path);
  return g_build_filename (l->base_dir, path, NULL);
}

/* A side's identity: the file must be the one the pair was saved with. */
static gboolean
check_identity (Load *l, const char *path, const char *sha256, GError **error)
{
  g_autofree char *now = NULL;
  if (!bitext_pair__checksum_file (path, &now, error))
    return FALSE;
  if (g_strcmp0 (now, sha256) == 0)
    return TRUE;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SOURCE_CHANGED,
               "%s: %s changed since the pair was saved (SHA-256 %.12s…, the pair file has "
               "%.12s…); align it again",
               l->name, path, now, sha256);
  return FALSE;
}

typedef struct
{
  char *path;
  const char *sha256;
  const char *lang;
  BitextDocumentOptions input;  /* "input_format" and "encoding", when stored */
  guint sentences;
} SideInfo;

static gboolean
read_side (Load *l, JsonObject *root, guint side, SideInfo *info)
{
  const char *name = side_names[side];
  JsonNode *n = member (l, root, "(top)", name, JSON_NODE_OBJECT, "an object");
  if (n == NULL)
    return FALSE;
  JsonObject *o = json_node_get_object (n);
  const char *path;
  if (!get_string (l, o, name, "path", FALSE, &path)
      || !get_string (l, o, name, "sha256", FALSE, &info->sha256)
      || !get_string (l, o, name, "lang", TRUE, &info->lang)
      || !get_uint (l, o, name, "sentences", &info->sentences))
    return FALSE;
  BitextDocumentOptions input = BITEXT_DOCUMENT_OPTIONS_INIT;
  const char *format = NULL;
  if (json_object_has_member (o, "input_format")
      && !get_string (l, o, name, "input_format", TRUE, &format))
    return FALSE;
  if (format != NULL && !bitext_format_from_name (format, &input.format))
    return fail (l, name, "\"input_format\": \"%s\" is not a format bitext reads", format);
  if (json_object_has_member (o, "encoding")
      && !get_string (l, o, name, "encoding", TRUE, &input.encoding))
    return FALSE;
  info->input = input;
  info->path = resolve (l, path);
  return TRUE;
}

static gboolean
read_options (Load *l, JsonObject *root, BitextPair *pair)
{
  JsonNode *n = member (l, root, "(top)", "aligner", JSON_NODE_OBJECT, "an object");
  if (n == NULL)
    return FALSE;
  JsonObject *o = json_node_get_object (n);
  const char *dict;
  if (!get_uint (l, o, "aligner", "band", &pair->align.band)
      || !get_double (l, o, "aligner", "del_percentile", &pair->align.del_percentile)
      || !get_double (l, o, "aligner", "low_confidence", &pair->align.low_confidence)
      || !get_bool (l, o, "aligner", "second_pass", &pair->align.second_pass)
      || !get_string (l, o, "aligner", "dict", TRUE, &dict)
      || !get_bool (l, root, "(top)", "strip_markup", &pair->strip_markup))
    return FALSE;
  pair->dict_path = dict != NULL ? resolve (l, dict) : NULL;
  /* Pair files written before "installed_dict" existed aligned without it. */
  pair->installed_dict = FALSE;
  return json_object_get_member (o, "installed_dict") == NULL
         || get_bool (l, o, "aligner", "installed_dict", &pair->installed_dict);
}

/*
** Read both texts again as they were read when the pair was made, after
** checking that each is still the file it was.
*/
static gboolean
read_texts (Load *l, BitextPair *pair, SideInfo info[2])
{
  GError **error = l->error;
  if (!check_identity (l, info[0].path, info[0].sha256, error)
      || (strcmp (info[1].path, info[0].path) != 0
          && !check_identity (l, info[1].path, info[1].sha256, error)))
    return FALSE;
  if (pair->segmentation == BITEXT_PAIR_SEGMENT_TMX || pair->segmentation == BITEXT_PAIR_SEGMENT_TSV)
    {
      BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
      options.src_lang = info[0].lang;
      options.tgt_lang = info[1].lang;
      options.strip_markup = pair->strip_markup;
      if (!bitext_pair__read_units (pair, info[0].path, NULL, 0, &options, error))
        return FALSE;
    }
  else if (!bitext_pair__load_side (pair, 0, info[0].path, info[0].lang, &info[0].input, error)
           || !bitext_pair__load_side (pair, 1, info[1].path, info[1].lang, &info[1].input, error))
    return FALSE;
  for (guint s = 0; s < 2; s++)
    if (pair->text[s].sentences->len != info[s].sentences)
      {
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SOURCE_CHANGED,
                     "%s: %s now gives %u sentences, the pair file has %u (the segmentation "
                     "changed?); align it again",
                     l->name, info[s].path, pair->text[s].sentences->len, info[s].sentences);
        return FALSE;
      }
  return TRUE;
}

static gboolean
read_sentence_ref (Load *l, const BitextPair *pair, JsonObject *o, const char *at, guint *side,
                   guint *sentence)
{
  if (!get_name (l, o, at, "side", side_names, 2, side) || !get_uint (l, o, at, "sentence", sentence))
    return FALSE;
  if (*sentence >= pair->text[*side].sentences->len)
    return fail (l, at, "%s sentence %u does not exist", side_names[*side], *sentence);
  return TRUE;
}

/* The edited sentence texts. */
static gboolean
read_edited_texts (Load *l, JsonObject *root, BitextPair *pair)
{
  JsonNode *n = member (l, root, "(top)", "texts", JSON_NODE_ARRAY, "an array");
  if (n == NULL)
    return FALSE;
  JsonArray *a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *at = g_strdup_printf ("texts[%u]", i);
      JsonNode *e = json_array_get_element (a, i);
      guint side, sentence;
      const char *text;
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (l, at, "must be an object");
      JsonObject *o = json_node_get_object (e);
      if (!read_sentence_ref (l, pair, o, at, &side, &sentence)
          || !get_string (l, o, at, "text", FALSE, &text))
        return FALSE;
      PairSentence *s = &g_array_index (pair->text[side].sentences, PairSentence, sentence);
      s->pub.text = g_string_chunk_insert_const (pair->strings, text);
      s->pub.edited = strcmp (s->pub.text, s->original) != 0;
    }
  return TRUE;
}

static PairEdit *
read_edit (Load *l, const BitextPair *pair, JsonObject *o, const char *at)
{
  const char *name;
  if (!get_string (l, o, at, "name", FALSE, &name))
    return NULL;
  PairEdit *e = g_new0 (PairEdit, 1);
  e->name = g_strdup (name);
  gboolean ok;
  if (strcmp (name, "text") == 0)
    {
      const char *old_text, *new_text;
      guint side;
      e->kind = PAIR_EDIT_TEXT;
      ok = read_sentence_ref (l, pair, o, at, &side, &e->sentence)
           && get_string (l, o, at, "old", FALSE, &old_text)
           && get_string (l, o, at, "new", FALSE, &new_text);
      if (ok)
        {
          e->side = side;
          e->old_text = g_string_chunk_insert_const (pair->strings, old_text);
          e->new_text = g_string_chunk_insert_const (pair->strings, new_text);
        }
    }
  else
    {
      e->kind = PAIR_EDIT_BEADS;
      ok = get_uint (l, o, at, "at", &e->at)
           && (e->old_beads = read_beads (l, o, at, "old")) != NULL
           && (e->new_beads = read_beads (l, o, at, "new")) != NULL;
    }
  if (!ok)
    g_clear_pointer (&e, bitext_pair__edit_free);
  return e;
}

static gboolean
read_history (Load *l, JsonObject *root, BitextPair *pair, const char *name, GPtrArray *out)
{
  JsonNode *n = member (l, root, "(top)", name, JSON_NODE_ARRAY, "an array");
  if (n == NULL)
    return FALSE;
  JsonArray *a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *at = g_strdup_printf ("%s[%u]", name, i);
      JsonNode *e = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (l, at, "an edit must be an object");
      PairEdit *edit = read_edit (l, pair, json_node_get_object (e), at);
      if (edit == NULL)
        return FALSE;
      g_ptr_array_add (out, edit);
    }
  return TRUE;
}

/*
** Whether @edit applies to the state in @beads and @texts: the beads or the
** text it replaces are there. Applies it (forward or back) when it does.
*/
static gboolean
simulate (GArray *beads, GPtrArray *texts[2], const PairEdit *edit, gboolean forward)
{
  if (edit->kind == PAIR_EDIT_TEXT)
    {
      const char **t = (const char **) &texts[edit->side]->pdata[edit->sentence];
      if (strcmp (*t, forward ? edit->old_text : edit->new_text) != 0)
        return FALSE;
      *t = forward ? edit->new_text : edit->old_text;
      return TRUE;
    }
  const GArray *from = forward ? edit->old_beads : edit->new_beads;
  const GArray *to = forward ? edit->new_beads : edit->old_beads;
  if (edit->at > beads->len || from->len > beads->len - edit->at)
    return FALSE;
  for (guint k = 0; k < from->len; k++)
    if (!bitext_pair__bead_equal (&g_array_index (beads, PairBead, edit->at + k),
                                  &g_array_index (from, PairBead, k)))
      return FALSE;
  g_array_remove_range (beads, edit->at, from->len);
  g_array_insert_vals (beads, edit->at, to->data, to->len);
  return TRUE;
}

/*
** Check the history against the beads and texts: every step can be undone
** from the pair as it is (last first), and redone (next first).
*/
static gboolean
check_history (Load *l, BitextPair *pair)
{
  for (guint forward = 0; forward < 2; forward++)
    {
      GPtrArray *steps = forward ? pair->redo : pair->undo;
      g_autoptr(GArray) beads = g_array_copy (pair->beads);
      g_autoptr(GPtrArray) src = g_ptr_array_new (), tgt = g_ptr_array_new ();
      GPtrArray *texts[2] = { src, tgt };
      for (guint s = 0; s < 2; s++)
        for (guint i = 0; i < pair->text[s].sentences->len; i++)
          g_ptr_array_add (texts[s], (char *) g_array_index (pair->text[s].sentences,
                                                             PairSentence, i).pub.text);
      for (guint k = steps->len; k-- > 0;)
        if (!simulate (beads, texts, steps->pdata[k], forward))
          {
            g_autofree char *at = g_strdup_printf ("%s[%u]", forward ? "redo" : "undo", k);
            return fail (l, at, "the edit does not apply to the pair as it is");
          }
    }
  return TRUE;
}

static gboolean
read_header (Load *l, JsonObject *root, BitextPair **out)
{
  const char *format;
  guint version = 0, segmentation = 0;
  if (!get_string (l, root, "(top)", "format", FALSE, &format))
    return FALSE;
  if (strcmp (format, "bitext-pair") != 0)
    return fail (l, "format", "\"%s\" is not a bitext pair file", format);
  if (!get_uint (l, root, "(top)", "version", &version))
    return FALSE;
  if (version != 1)
    return fail (l, "version", "version %u; this bitext reads version 1", version);
  if (!get_name (l, root, "(top)", "segmentation", segmentation_names, 4, &segmentation))
    return FALSE;
  *out = bitext_pair__new ((BitextPairSegmentation) segmentation);
  return TRUE;
}

static BitextPair *
read_root (Load *l, JsonObject *root)
{
  g_autoptr(BitextPair) pair = NULL;
  SideInfo info[2] = { { 0 }, { 0 } };
  guint revision;
  gboolean ok = read_header (l, root, &pair) && read_side (l, root, 0, &info[0])
                && read_side (l, root, 1, &info[1]) && read_options (l, root, pair)
                && get_uint (l, root, "(top)", "revision", &revision)
                && read_texts (l, pair, info);
  g_free (info[0].path);
  g_free (info[1].path);
  if (!ok || !read_edited_texts (l, root, pair))
    return NULL;
  g_autoptr(GArray) beads = read_beads (l, root, "", "beads");
  if (beads == NULL || !check_cover (l, pair, beads))
    return NULL;
  g_array_set_size (pair->beads, 0);
  g_array_append_vals (pair->beads, beads->data, beads->len);
  bitext_pair__invalidate (pair);
  if (!read_history (l, root, pair, "undo", pair->undo)
      || !read_history (l, root, pair, "redo", pair->redo) || !check_history (l, pair))
    return NULL;
  pair->version = pair->saved_version = revision;
  return g_steal_pointer (&pair);
}

/**
 * bitext_pair_load_data:
 * @name: the name for messages (the pair file's path)
 * @data: (array length=length): the pair file's text
 * @base_dir: (type filename) (nullable): the folder relative paths in it are relative to
 *
 * Reads a pair file and the texts it names. A text whose SHA-256 differs from
 * the one saved, or that now gives another number of sentences, is an error
 * (BITEXT_ERROR_SOURCE_CHANGED): the beads would not fit it. A malformed file
 * is BITEXT_ERROR_PARSE with the line and column (JSON syntax) or the member
 * (`beads[3]: "score" must be a number`).
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_load_data (const char *name, const char *data, gsize length, const char *base_dir,
                       GError **error)
{
  g_return_val_if_fail (name != NULL && (data != NULL || length == 0), NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, &local))
    {
      /* json-glib says "<data>:LINE:COLUMN: message": name the file instead. */
      const char *msg = g_str_has_prefix (local->message, "<data>:") ? local->message + 7
                                                                     : local->message;
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%s", name, msg);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  Load l = { name, base_dir, error };
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&l, "(top)", "a pair file is a JSON object");
      return NULL;
    }
  return read_root (&l, json_node_get_object (root));
}

/**
 * bitext_pair_load_file:
 * @path: (type filename): a pair file written by bitext_pair_save_file()
 *
 * As bitext_pair_load_data(), paths relative to the pair file's folder.
 *
 * Returns: (transfer full) (nullable): the pair, or %NULL with @error set
 */
BitextPair *
bitext_pair_load_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autofree char *data = NULL;
  gsize length;
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  return bitext_pair_load_data (path, data, length, dir, error);
}

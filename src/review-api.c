/* bitext — the review server's JSON API: the pair as JSON, edits as small diffs, findings, saving. */
#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "file-private.h"
#include "pair-private.h"
#include "review-private.h"

/*
** A bead as the page has it: an array of integers [src_first, src_count,
** tgt_first, tgt_count, score, flags, length_z, lexical, anchors, dict_hits,
** learned_hits], score and lexical in thousandths, length_z in hundredths
** (the precision `bitext align` prints); flags: 1 low confidence, 2
** confirmed, 4 crosses a paragraph. Integers keep 20,000 beads under 1 MB.
*/
enum
{
  FLAG_LOW = 1,
  FLAG_CONFIRMED = 2,
  FLAG_CROSSES = 4,
  BEAD_FIELDS = 11,
};

typedef struct
{
  gint64 v[BEAD_FIELDS];
} ReviewBead;

/* Autosave once the user has paused this long after an edit: writing the pair file of 20,000
** beads takes about half a second, which must not fall between two key presses of a burst. One
** second is the limit for a user's flow of thought to stay uninterrupted (Nielsen 1993, Usability
** Engineering, ch. 5). */
#define AUTOSAVE_DELAY_MS 1000

/* The most sentences one GET /api/text returns: the page asks for blocks of 256. */
#define TEXT_MAX_COUNT 4096

static gint64
scaled (double x, double scale)
{
  return (gint64) (x * scale + (x < 0 ? -0.5 : 0.5));
}

static ReviewBead
review_bead (const BitextPair *pair, guint i)
{
  const BitextBead *b = bitext_pair_get_bead (pair, i);
  guint flags = (b->low_confidence ? FLAG_LOW : 0)
                | (bitext_pair_is_confirmed (pair, i) ? FLAG_CONFIRMED : 0)
                | (b->crosses_paragraph ? FLAG_CROSSES : 0);
  return (ReviewBead) { { b->src_start, b->src_len, b->tgt_start, b->tgt_len,
                          scaled (b->score, 1000), flags, scaled (b->length_z, 100),
                          scaled (b->lexical, 1000), b->anchors, b->dict_hits,
                          b->learned_hits } };
}

static GArray *
snapshot (const BitextPair *pair)
{
  guint n = bitext_pair_get_n_beads (pair);
  GArray *beads = g_array_sized_new (FALSE, FALSE, sizeof (ReviewBead), n);
  for (guint i = 0; i < n; i++)
    {
      ReviewBead b = review_bead (pair, i);
      g_array_append_val (beads, b);
    }
  return beads;
}

gboolean
bitext_review__model_init (BitextReview *review, GError **error)
{
  (void) error;
  review->shown = snapshot (review->pair);
  review->saved_version = bitext_pair_get_version (review->pair);
  return TRUE;
}

static gboolean autosave_now (gpointer user_data);

void
bitext_review__model_clear (BitextReview *review)
{
  g_clear_pointer (&review->shown, g_array_unref);
  g_clear_handle_id (&review->autosave_id, g_source_remove);
}

static void
add_bead (JsonBuilder *b, const ReviewBead *bead)
{
  json_builder_begin_array (b);
  for (guint k = 0; k < BEAD_FIELDS; k++)
    json_builder_add_int_value (b, bead->v[k]);
  json_builder_end_array (b);
}


static void
add_status (JsonBuilder *b, const BitextReview *review)
{
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, (gint64) bitext_pair_get_version (review->pair));
  json_builder_set_member_name (b, "can_undo");
  json_builder_add_boolean_value (b, bitext_pair_can_undo (review->pair));
  json_builder_set_member_name (b, "can_redo");
  json_builder_add_boolean_value (b, bitext_pair_can_redo (review->pair));
  json_builder_set_member_name (b, "unsaved");
  json_builder_add_boolean_value (b,
                                  bitext_pair_get_version (review->pair) != review->saved_version);
  if (review->autosave_error != NULL)
    bitext_pair__json_add_string (b, "autosave_error", review->autosave_error);
}

/* The integers of a bead, appended to @out as a JSON array. */
static void
append_bead (GString *out, const ReviewBead *bead)
{
  g_string_append_c (out, '[');
  for (guint k = 0; k < BEAD_FIELDS; k++)
    g_string_append_printf (out, k > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, bead->v[k]);
  g_string_append_c (out, ']');
}

/* The length of each sentence of @side in characters, for the page's first guess of row heights. */
static void
append_lengths (GString *out, const BitextPair *pair, BitextPairSide side)
{
  g_string_append_c (out, '[');
  guint n = bitext_pair_get_n_sentences (pair, side);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, i > 0 ? ",%ld" : "%ld",
                            g_utf8_strlen (bitext_pair_get_sentence (pair, side, i)->text, -1));
  g_string_append_c (out, ']');
}

/*
** GET /api/pair: the beads and the sentences' lengths, once per page load.
** The texts come by blocks from GET /api/text as rows become visible: 20,000
** beads carry about 7 MB of text, which takes chromium most of a second to
** receive, while the beads alone are under 1 MB. The strings go through
** json-glib; the arrays of integers, which are most of the answer and need no
** escaping, are printed straight after them (JsonBuilder's tree of 300,000
** nodes took a quarter of a second).
*/
void
bitext_review__get_pair (BitextReview *review, SoupServerMessage *msg)
{
  const BitextPair *pair = review->pair;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_status (b, review);
  g_autofree char *name = g_path_get_basename (review->pair_path);
  bitext_pair__json_add_string (b, "name", name);
  bitext_pair__json_add_string (b, "src_lang", bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE));
  bitext_pair__json_add_string (b, "tgt_lang", bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET));
  bitext_pair__json_add_string (b, "tmx_path", review->tmx_name);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  g_autofree char *head = json_generator_to_data (gen, NULL);
  GString *out = g_string_sized_new (64 * review->shown->len);
  g_string_append_len (out, head, (gssize) strlen (head) - 1);  /* without its closing brace */
  g_string_append (out, ",\"src_len\":");
  append_lengths (out, pair, BITEXT_PAIR_SOURCE);
  g_string_append (out, ",\"tgt_len\":");
  append_lengths (out, pair, BITEXT_PAIR_TARGET);
  g_string_append (out, ",\"beads\":[");
  for (guint i = 0; i < review->shown->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_bead (out, &g_array_index (review->shown, ReviewBead, i));
    }
  g_string_append (out, "]}");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  gsize length = out->len;
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (out, FALSE), length);
}

static gboolean
query_uint (GHashTable *query, const char *name, guint64 max, guint *value)
{
  const char *s = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 v = 0;
  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, max, &v, NULL))
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

/* GET /api/text?side=src|tgt&from=N&count=M: the texts of sentences [N, N+M) of one side. */
void
bitext_review__get_text (BitextReview *review, SoupServerMessage *msg, GHashTable *query)
{
  const char *s = query != NULL ? g_hash_table_lookup (query, "side") : NULL;
  guint from = 0, count = 0;
  if (s == NULL || (strcmp (s, "src") != 0 && strcmp (s, "tgt") != 0)
      || !query_uint (query, "from", G_MAXUINT, &from)
      || !query_uint (query, "count", TEXT_MAX_COUNT, &count))
    return bitext_review__respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                         "usage: /api/text?side=src|tgt&from=N&count=M (M up to "
                                         G_STRINGIFY (TEXT_MAX_COUNT) ")");
  BitextPairSide side = s[0] == 's' ? BITEXT_PAIR_SOURCE : BITEXT_PAIR_TARGET;
  guint n = bitext_pair_get_n_sentences (review->pair, side);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  bitext_pair__json_add_string (b, "side", s);
  json_builder_set_member_name (b, "from");
  json_builder_add_int_value (b, from);
  json_builder_set_member_name (b, "texts");
  json_builder_begin_array (b);
  for (guint i = from; i < n && i - from < count; i++)
    json_builder_add_string_value (b, bitext_pair_get_sentence (review->pair, side, i)->text);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  bitext_review__respond_json (msg, SOUP_STATUS_OK, root);
}

static gboolean
same_bead (const ReviewBead *a, const ReviewBead *b)
{
  return memcmp (a->v, b->v, sizeof a->v) == 0;
}

/*
** The answer to an edit, undo or redo: the beads [from, to) of the previous
** version became `beads` (the common head and tail left out, so a merge sends
** one bead, not twenty thousand), with the new version.
*/
static void
respond_diff (BitextReview *review, SoupServerMessage *msg, const char *message)
{
  g_autoptr(GArray) now = snapshot (review->pair);
  GArray *old = review->shown;
  guint head = 0;
  while (head < old->len && head < now->len
         && same_bead (&g_array_index (old, ReviewBead, head), &g_array_index (now, ReviewBead, head)))
    head++;
  guint tail = 0;
  while (tail < old->len - head && tail < now->len - head
         && same_bead (&g_array_index (old, ReviewBead, old->len - 1 - tail),
                       &g_array_index (now, ReviewBead, now->len - 1 - tail)))
    tail++;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_status (b, review);
  json_builder_set_member_name (b, "from");
  json_builder_add_int_value (b, head);
  json_builder_set_member_name (b, "to");
  json_builder_add_int_value (b, old->len - tail);
  json_builder_set_member_name (b, "beads");
  json_builder_begin_array (b);
  for (guint i = head; i < now->len - tail; i++)
    add_bead (b, &g_array_index (now, ReviewBead, i));
  json_builder_end_array (b);
  bitext_pair__json_add_string (b, "message", message);
  json_builder_end_object (b);
  g_clear_pointer (&review->shown, g_array_unref);
  review->shown = g_steal_pointer (&now);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  bitext_review__respond_json (msg, SOUP_STATUS_OK, root);
}

/* The "version" a request was based on must be the pair's: else another tab edited first. */
static gboolean
check_version (BitextReview *review, SoupServerMessage *msg, JsonObject *req)
{
  guint64 now = bitext_pair_get_version (review->pair);
  JsonNode *v = json_object_get_member (req, "version");
  if (v == NULL || json_node_get_value_type (v) != G_TYPE_INT64)
    {
      bitext_review__respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                    "the request has no \"version\" (the version it is based on)");
      return FALSE;
    }
  if ((guint64) json_node_get_int (v) == now)
    return TRUE;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  bitext_pair__json_add_string (b, "error", "conflict: the pair was changed in another tab or window");
  add_status (b, review);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  bitext_review__respond_json (msg, SOUP_STATUS_CONFLICT, root);
  return FALSE;
}

static void
schedule_autosave (BitextReview *review)
{
  g_clear_handle_id (&review->autosave_id, g_source_remove);
  review->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_now, review);
}

/* Write the autosave, whole or not at all (bitext__file_replace). */
gboolean
bitext_review__autosave (BitextReview *review, GError **error)
{
  g_clear_handle_id (&review->autosave_id, g_source_remove);
  if (bitext_pair_get_version (review->pair) == review->saved_version)
    return TRUE;
  gsize length = 0;
  g_autofree char *data = bitext_pair_save_to_data (review->pair, review->dir, &length, error);
  if (data == NULL)
    return FALSE;
  return bitext__file_replace (review->autosave_path, data, length, error);
}

static gboolean
autosave_now (gpointer user_data)
{
  BitextReview *review = user_data;
  review->autosave_id = 0;
  g_autoptr(GError) error = NULL;
  /* No one to tell but the page: the next answer carries the failure (add_status). */
  g_clear_pointer (&review->autosave_error, g_free);
  if (!bitext_review__autosave (review, &error))
    review->autosave_error = g_strdup_printf ("autosave: %s", error->message);
  return G_SOURCE_REMOVE;
}

static gboolean
get_uint (JsonObject *req, const char *name, guint *value, GError **error)
{
  JsonNode *n = json_object_get_member (req, name);
  if (n == NULL || json_node_get_value_type (n) != G_TYPE_INT64 || json_node_get_int (n) < 0
      || json_node_get_int (n) > G_MAXUINT)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "\"%s\" must be a bead or sentence "
                   "number", name);
      return FALSE;
    }
  *value = (guint) json_node_get_int (n);
  return TRUE;
}

static gboolean
get_side (JsonObject *req, BitextPairSide *side, GError **error)
{
  const char *s = json_object_get_string_member_with_default (req, "side", "");
  if (strcmp (s, "src") == 0 || strcmp (s, "tgt") == 0)
    {
      *side = s[0] == 's' ? BITEXT_PAIR_SOURCE : BITEXT_PAIR_TARGET;
      return TRUE;
    }
  g_set_error_literal (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "\"side\" must be src or tgt");
  return FALSE;
}

/* The sentence @k of @side in @bead, as a sentence number of the side. */
static gboolean
bead_sentence (const BitextPair *pair, guint bead, BitextPairSide side, guint k, guint *sentence,
               GError **error)
{
  if (bead >= bitext_pair_get_n_beads (pair))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "no bead %u", bead);
      return FALSE;
    }
  const BitextBead *b = bitext_pair_get_bead (pair, bead);
  guint first = side == BITEXT_PAIR_SOURCE ? b->src_start : b->tgt_start;
  guint n = side == BITEXT_PAIR_SOURCE ? b->src_len : b->tgt_len;
  if (k >= n)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "bead %u has no sentence %u there",
                   bead, k);
      return FALSE;
    }
  *sentence = first + k;
  return TRUE;
}

/* One edit of the request: {op, bead, ...}. */
static gboolean
apply_edit (BitextPair *pair, JsonObject *req, GError **error)
{
  const char *op = json_object_get_string_member_with_default (req, "op", "");
  guint bead = 0, a = 0, c = 0, sentence = 0;
  BitextPairSide side = BITEXT_PAIR_SOURCE;
  if (strcmp (op, "realign") == 0)
    return bitext_pair_realign (pair, error);
  if (!get_uint (req, "bead", &bead, error))
    return FALSE;
  if (strcmp (op, "merge") == 0)
    return bitext_pair_merge_next (pair, bead, error);
  if (strcmp (op, "split") == 0)
    return get_uint (req, "src", &a, error) && get_uint (req, "tgt", &c, error)
           && bitext_pair_split (pair, bead, a, c, error);
  if (strcmp (op, "move") == 0)
    {
      gint64 dir = json_object_get_int_member_with_default (req, "dir", 0);
      if (dir != 1 && dir != -1)
        {
          g_set_error_literal (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "\"dir\" must be 1 or -1");
          return FALSE;
        }
      return get_side (req, &side, error)
             && bitext_pair_move_sentence (pair, bead, side, dir > 0, error);
    }
  if (strcmp (op, "detach") == 0)
    return get_side (req, &side, error) && get_uint (req, "index", &a, error)
           && bead_sentence (pair, bead, side, a, &sentence, error)
           && bitext_pair_detach_sentence (pair, side, sentence, error);
  if (strcmp (op, "confirm") == 0)
    return bitext_pair_set_confirmed (pair, bead,
                                      json_object_get_boolean_member_with_default (req, "confirmed",
                                                                                   TRUE),
                                      error);
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
               "unknown edit \"%s\" (merge, split, move, detach, confirm, realign)", op);
  return FALSE;
}

/* POST /api/edit {op, ..., version}: 200 with the diff, 409 when stale, 400 when it does not apply. */
void
bitext_review__post_edit (BitextReview *review, SoupServerMessage *msg, JsonObject *req)
{
  if (!check_version (review, msg, req))
    return;
  g_autoptr(GError) error = NULL;
  if (!apply_edit (review->pair, req, &error))
    return bitext_review__respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
  schedule_autosave (review);
  respond_diff (review, msg, NULL);
}

/* POST /api/undo and /api/redo {version}. */
void
bitext_review__post_undo (BitextReview *review, SoupServerMessage *msg, JsonObject *req,
                          gboolean undo)
{
  if (!check_version (review, msg, req))
    return;
  g_autofree char *name = g_strdup (undo ? bitext_pair_get_undo_name (review->pair)
                                         : bitext_pair_get_redo_name (review->pair));
  g_autoptr(GError) error = NULL;
  if (!(undo ? bitext_pair_undo (review->pair, &error) : bitext_pair_redo (review->pair, &error)))
    return bitext_review__respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
  schedule_autosave (review);
  g_autofree char *message = g_strdup_printf ("%s %s", undo ? "undid" : "redid",
                                              name != NULL ? name : "the edit");
  respond_diff (review, msg, message);
}

static gboolean
write_tmx (BitextReview *review, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  BitextTmxWriteOptions opts = BITEXT_TMX_WRITE_OPTIONS_INIT;
  return bitext_pair_write_tmx_file (review->pair, path, &opts, error);
}

static gboolean
save_pair (BitextReview *review, GError **error)
{
  if (!bitext_pair_save_file (review->pair, review->pair_path, error))
    return FALSE;
  review->saved_version = bitext_pair_get_version (review->pair);
  g_clear_handle_id (&review->autosave_id, g_source_remove);
  (void) g_remove (review->autosave_path);
  return TRUE;
}

/*
** POST /api/save {tmx?}: the pair file, and with "tmx" the memory at that
** path (relative, inside the pair's folder). Each is written under a
** temporary name and renamed; one failing does not keep the other from being
** written. 200 lists what was saved; 500 says what failed (and lists what was
** saved all the same). Saving needs no version: it writes what the server
** has, whichever tab asks.
*/
void
bitext_review__post_save (BitextReview *review, SoupServerMessage *msg, JsonObject *req)
{
  g_autoptr(GError) error = NULL;
  const char *tmx = json_object_get_string_member_with_default (req, "tmx", NULL);
  g_autofree char *tmx_path = NULL;
  if (tmx != NULL && (tmx_path = bitext_review__resolve_path (review, tmx, ".tmx", &error)) == NULL)
    return bitext_review__respond_error (msg, SOUP_STATUS_FORBIDDEN, error->message);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "saved");
  json_builder_begin_array (b);
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autofree char *pair_name = g_path_get_basename (review->pair_path);
  if (save_pair (review, &error))
    json_builder_add_string_value (b, pair_name);
  else
    g_string_append (failed, error->message);
  g_clear_error (&error);
  if (tmx_path != NULL && write_tmx (review, tmx_path, &error))
    json_builder_add_string_value (b, tmx);
  else if (tmx_path != NULL)
    g_string_append_printf (failed, "%s%s", failed->len > 0 ? "; " : "", error->message);
  json_builder_end_array (b);
  add_status (b, review);
  if (failed->len > 0)
    bitext_pair__json_add_string (b, "error", failed->str);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  bitext_review__respond_json (msg, failed->len > 0 ? SOUP_STATUS_INTERNAL_SERVER_ERROR
                                                    : SOUP_STATUS_OK, root);
}

/**
 * bitext_review_has_unsaved_edits:
 * @review: the server
 *
 * Returns: whether the pair has changed since it was loaded or last saved
 */
gboolean
bitext_review_has_unsaved_edits (const BitextReview *review)
{
  return bitext_pair_get_version (review->pair) != review->saved_version;
}

/**
 * bitext_review_flush_autosave:
 * @review: the server
 * @error: return location for a #GError
 *
 * Writes the autosave now if an edit is not in it yet, or if writing it failed before (the
 * CLI calls it on Ctrl-C).
 *
 * Returns: %TRUE when the autosave holds every edit, else %FALSE with @error set
 */
gboolean
bitext_review_flush_autosave (BitextReview *review, GError **error)
{
  if (review->autosave_id == 0 && review->autosave_error == NULL)
    return TRUE;
  g_clear_pointer (&review->autosave_error, g_free);
  return bitext_review__autosave (review, error);
}

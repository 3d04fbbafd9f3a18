/* bitext tests — the review server over HTTP (libsoup's client, no browser): the token, the
 * Origin and Host checks, body limits, paths outside the pair's folder, stale versions, and an
 * edit, undo and redo round trip through the JSON API. */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <bitext/pair.h>
#include <bitext/review.h>

#include "test-util.h"

/* The server runs its own main context in a thread; the test talks to it as a browser would. */
typedef struct
{
  char *root;               /* a fresh folder, the parent of dir: what the tests may write outside */
  char *dir;                /* a folder of root holding the pair file */
  BitextPair *pair;
  BitextReview *review;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  SoupSession *session;
  char *base;               /* http://127.0.0.1:PORT */
  char *token;
} Fixture;

static gpointer
serve (gpointer data)
{
  Fixture *fx = data;
  g_main_context_push_thread_default (fx->context);
  g_main_loop_run (fx->loop);
  g_main_context_pop_thread_default (fx->context);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
setup (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autoptr(GError) error = NULL;
  fx->root = g_dir_make_tmp ("bitext-review-XXXXXX", &error);
  g_assert_no_error (error);
  fx->dir = g_build_filename (fx->root, "pair", NULL);
  g_assert_cmpint (g_mkdir (fx->dir, 0700), ==, 0);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", "speech.en.sent", NULL);
  g_autofree char *tgt = g_test_build_filename (G_TEST_DIST, "data", "speech.ru.sent", NULL);
  g_autofree char *beads = g_test_build_filename (G_TEST_DIST, "data", "speech.gold.align", NULL);
  BitextPairOptions popts = BITEXT_PAIR_OPTIONS_INIT;
  popts.src_lang = "en";
  popts.tgt_lang = "ru";
  popts.presegmented = TRUE;
  fx->pair = bitext_pair_new_from_beads (src, tgt, beads, &popts, &error);
  g_assert_no_error (error);

  g_autofree char *pair_path = g_build_filename (fx->dir, "speech.pair.json", NULL);
  BitextReviewOptions opts = BITEXT_REVIEW_OPTIONS_INIT;
  opts.pair_path = pair_path;
  opts.max_body = 4096;
  fx->review = bitext_review_new (fx->pair, &opts, &error);
  g_assert_no_error (error);
  fx->context = g_main_context_new ();
  g_main_context_push_thread_default (fx->context);
  g_assert_true (bitext_review_listen (fx->review, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (fx->context);
  fx->loop = g_main_loop_new (fx->context, FALSE);
  fx->thread = g_thread_new ("review-server", serve, fx);

  const char *url = bitext_review_get_url (fx->review);
  const char *q = strstr (url, "/?token=");
  g_assert_nonnull (q);
  fx->base = g_strndup (url, (gsize) (q - url));
  fx->token = g_strdup (q + strlen ("/?token="));
  g_assert_cmpuint (strlen (fx->token), >=, 32);  /* 128 bits in hex */
  /* No proxy (an http_proxy in the environment must not see loopback requests); no hang. */
  fx->session = soup_session_new_with_options ("timeout", 60, NULL);
  g_object_set (fx->session, "proxy-resolver", NULL, NULL);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_object_unref (fx->session);
  g_main_context_invoke (fx->context, quit_loop, fx->loop);
  g_thread_join (fx->thread);
  g_main_context_push_thread_default (fx->context);
  bitext_review_free (fx->review);
  g_main_context_pop_thread_default (fx->context);
  g_main_loop_unref (fx->loop);
  g_main_context_unref (fx->context);
  bitext_pair_free (fx->pair);
  /* test_paths links the pair's folder to root: removed as a link, not followed (this emptied
     the system's temporary folder while the link named it). */
  bitext_test_rm_tree (fx->root);
  g_assert_false (g_file_test (fx->root, G_FILE_TEST_EXISTS));
  g_free (fx->root);
  g_free (fx->dir);
  g_free (fx->base);
  g_free (fx->token);
}

/* One request; @token NULL sends none. Returns the status; the body goes to *@body if asked. */
static guint
request (Fixture *fx, const char *method, const char *path, const char *token, const char *origin,
         const char *body, gsize body_len, char **out)
{
  g_autofree char *uri = g_strconcat (fx->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_assert_nonnull (msg);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  if (token != NULL)
    soup_message_headers_replace (h, "X-Bitext-Token", token);
  if (origin != NULL)
    soup_message_headers_replace (h, "Origin", origin);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read (fx->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

/* POST @path with @json (token right, no Origin); returns the status and the parsed answer. */
static guint
post (Fixture *fx, const char *path, const char *json, JsonNode **answer)
{
  g_autofree char *text = NULL;
  guint status = request (fx, "POST", path, fx->token, NULL, json, strlen (json), &text);
  *answer = parse (text);
  return status;
}

static gint64
get_version (Fixture *fx)
{
  g_autofree char *text = NULL;
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, NULL, NULL, 0, &text), ==, 200);
  g_autoptr(JsonNode) root = parse (text);
  return json_object_get_int_member (json_node_get_object (root), "version");
}

/* The beads of GET /api/pair, as a JSON string, for comparing whole states. */
static char *
get_beads (Fixture *fx)
{
  g_autofree char *text = NULL;
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, NULL, NULL, 0, &text), ==, 200);
  g_autoptr(JsonNode) root = parse (text);
  return json_to_string (json_object_get_member (json_node_get_object (root), "beads"), FALSE);
}

static void
test_token (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *text = NULL;
  g_assert_cmpuint (request (fx, "GET", "/", NULL, NULL, NULL, 0, NULL), ==, 403);
  g_assert_cmpuint (request (fx, "GET", "/api/pair", NULL, NULL, NULL, 0, NULL), ==, 403);
  g_autofree char *wrong = g_strdup (fx->token);
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  g_assert_cmpuint (request (fx, "GET", "/api/pair", wrong, NULL, NULL, 0, NULL), ==, 403);
  g_autofree char *short_token = g_strndup (fx->token, 8);
  g_assert_cmpuint (request (fx, "GET", "/api/pair", short_token, NULL, NULL, 0, NULL), ==, 403);
  g_autofree char *wrong_q = g_strconcat ("/?token=", wrong, NULL);
  g_assert_cmpuint (request (fx, "GET", wrong_q, NULL, NULL, NULL, 0, NULL), ==, 403);
  const char *edit = "{\"op\":\"merge\",\"bead\":0,\"version\":0}";
  g_assert_cmpuint (request (fx, "POST", "/api/edit", NULL, NULL, edit, strlen (edit), NULL), ==,
                    403);
  /* The right token: in the URL for the page, in the header for the API. */
  g_autofree char *page_q = g_strconcat ("/?token=", fx->token, NULL);
  g_assert_cmpuint (request (fx, "GET", page_q, NULL, NULL, NULL, 0, &text), ==, 200);
  g_assert_nonnull (strstr (text, "<title>bitext review</title>"));
  g_assert_nonnull (strstr (text, "<script nonce=\""));
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, NULL, NULL, 0, NULL), ==, 200);
  /* The pair is unchanged: the refused edit never ran. */
  g_assert_cmpint (get_version (fx), ==, (gint64) bitext_pair_get_version (fx->pair));
}

static void
test_origin (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, "http://evil.example", NULL, 0,
                             NULL), ==, 403);
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, "null", NULL, 0, NULL), ==, 403);
  /* Another port of the same host is another origin. */
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, "http://127.0.0.1:1", NULL, 0,
                             NULL), ==, 403);
  g_autofree char *own = g_strdup (fx->base);
  g_assert_cmpuint (request (fx, "GET", "/api/pair", fx->token, own, NULL, 0, NULL), ==, 200);
  g_autofree char *v = g_strdup_printf ("{\"op\":\"merge\",\"bead\":0,\"version\":%" G_GINT64_FORMAT "}",
                                        get_version (fx));
  g_assert_cmpuint (request (fx, "POST", "/api/edit", fx->token, "http://evil.example", v,
                             strlen (v), NULL), ==, 403);
  g_assert_cmpint (get_version (fx), ==, (gint64) bitext_pair_get_version (fx->pair));
  g_assert_false (bitext_pair_can_undo (fx->pair));
}

/* A request naming another host (a DNS name rebound to 127.0.0.1) is refused. */
static void
test_host (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *uri = g_strconcat (fx->base, "/api/pair", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  soup_message_headers_replace (h, "X-Bitext-Token", fx->token);
  soup_message_headers_replace (h, "Host", "rebound.example");
  g_autoptr(GBytes) reply = soup_session_send_and_read (fx->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
}

static void
test_body_limit (Fixture *fx, gconstpointer data)
{
  (void) data;
  gsize n = 4097;  /* one byte over the fixture's max_body */
  g_autofree char *big = g_malloc (n);
  memset (big, ' ', n);
  big[0] = '{';
  big[n - 1] = '}';
  g_assert_cmpuint (request (fx, "POST", "/api/edit", fx->token, NULL, big, n, NULL), ==, 413);
  g_assert_cmpuint (request (fx, "POST", "/api/save", fx->token, NULL, big, n, NULL), ==, 413);
  g_autofree char *pair_path = g_build_filename (fx->dir, "speech.pair.json", NULL);
  g_assert_false (g_file_test (pair_path, G_FILE_TEST_EXISTS));
  /* A body without a Content-Length (chunked) is refused before it is read. */
  g_autofree char *uri = g_strconcat (fx->base, "/api/edit", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Bitext-Token",
                                fx->token);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data ("{}", 2, NULL);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  g_autoptr(GBytes) reply = soup_session_send_and_read (fx->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 411);
  /* Not JSON: 400, not a crash. */
  g_assert_cmpuint (request (fx, "POST", "/api/edit", fx->token, NULL, "{\"op\":", 6, NULL), ==,
                    400);
  g_assert_cmpuint (request (fx, "POST", "/api/edit", fx->token, NULL, "[1]", 3, NULL), ==, 400);
}

/* Only the pair's own files: the TMX path must stay inside the pair's folder; no file is read. */
static void
test_paths (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *parent = g_path_get_dirname (fx->dir);
  g_autofree char *outside = g_build_filename (parent, "outside.tmx", NULL);
  g_autofree char *abs_json = g_strdup_printf ("{\"tmx\":\"%s\"}", outside);
  const char *bad[] = { "{\"tmx\":\"../outside.tmx\"}", "{\"tmx\":\"tm/../../outside.tmx\"}",
                        abs_json, "{\"tmx\":\"tm/x.txt\"}", "{\"tmx\":\"\"}",
                        "{\"tmx\":\"./../outside.tmx\"}" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_assert_cmpuint (post (fx, "/api/save", bad[i], &answer), ==, 403);
    }
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_autofree char *pair_path = g_build_filename (fx->dir, "speech.pair.json", NULL);
  g_assert_false (g_file_test (pair_path, G_FILE_TEST_EXISTS));

  /* A folder that is a symbolic link out of the pair's folder. */
  g_autofree char *link = g_build_filename (fx->dir, "out", NULL);
  g_assert_cmpint (symlink (parent, link), ==, 0);
  g_autoptr(JsonNode) a1 = NULL;
  g_assert_cmpuint (post (fx, "/api/save", "{\"tmx\":\"out/outside.tmx\"}", &a1), ==, 403);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));

  /* No route reads a file: a path with dots is not found, whatever it names. */
  g_assert_cmpuint (request (fx, "GET", "/api/../../../../etc/passwd", fx->token, NULL, NULL, 0,
                             NULL), ==, 404);
  g_assert_cmpuint (request (fx, "GET", "/%2e%2e/%2e%2e/etc/passwd", fx->token, NULL, NULL, 0,
                             NULL), ==, 404);
  g_assert_cmpuint (request (fx, "GET", "/review.js", fx->token, NULL, NULL, 0, NULL), ==, 404);

  /* Inside the folder: written. */
  g_autoptr(JsonNode) a2 = NULL;
  g_assert_cmpuint (post (fx, "/api/save", "{\"tmx\":\"tm/speech.tmx\"}", &a2), ==, 200);
  g_autofree char *tmx = g_build_filename (fx->dir, "tm", "speech.tmx", NULL);
  g_assert_true (g_file_test (tmx, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pair_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_stale_version (Fixture *fx, gconstpointer data)
{
  (void) data;
  gint64 v = get_version (fx);
  g_autofree char *edit = g_strdup_printf ("{\"op\":\"merge\",\"bead\":3,\"version\":%" G_GINT64_FORMAT
                                           "}", v);
  g_autoptr(JsonNode) first = NULL;
  g_assert_cmpuint (post (fx, "/api/edit", edit, &first), ==, 200);
  gint64 v2 = json_object_get_int_member (json_node_get_object (first), "version");
  g_assert_cmpint (v2, >, v);
  /* A second tab still at v: the same request is stale now. */
  g_autoptr(JsonNode) second = NULL;
  g_assert_cmpuint (post (fx, "/api/edit", edit, &second), ==, 409);
  JsonObject *o = json_node_get_object (second);
  g_assert_cmpint (json_object_get_int_member (o, "version"), ==, v2);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "error"), "another tab"));
  g_autofree char *undo = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT "}", v);
  g_autoptr(JsonNode) third = NULL;
  g_assert_cmpuint (post (fx, "/api/undo", undo, &third), ==, 409);
  g_assert_cmpint (get_version (fx), ==, v2);
  /* No version at all: refused too. */
  g_autoptr(JsonNode) fourth = NULL;
  g_assert_cmpuint (post (fx, "/api/edit", "{\"op\":\"merge\",\"bead\":3}", &fourth), ==, 400);
}

/* merge 3+4 -> the diff names bead 3 only; undo -> the beads as before; redo -> merged again. */
static void
test_edit_undo (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *before = get_beads (fx);
  guint n = bitext_pair_get_n_beads (fx->pair);
  BitextBead b3 = *bitext_pair_get_bead (fx->pair, 3), b4 = *bitext_pair_get_bead (fx->pair, 4);
  g_autofree char *edit = g_strdup_printf ("{\"op\":\"merge\",\"bead\":3,\"version\":%" G_GINT64_FORMAT
                                           "}", get_version (fx));
  g_autoptr(JsonNode) a = NULL;
  g_assert_cmpuint (post (fx, "/api/edit", edit, &a), ==, 200);
  JsonObject *o = json_node_get_object (a);
  g_assert_cmpint (json_object_get_int_member (o, "from"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "to"), ==, 5);
  JsonArray *beads = json_object_get_array_member (o, "beads");
  g_assert_cmpuint (json_array_get_length (beads), ==, 1);
  JsonArray *m = json_array_get_array_element (beads, 0);
  g_assert_cmpint (json_array_get_int_element (m, 0), ==, b3.src_start);
  g_assert_cmpint (json_array_get_int_element (m, 1), ==, b3.src_len + b4.src_len);
  g_assert_cmpint (json_array_get_int_element (m, 2), ==, b3.tgt_start);
  g_assert_cmpint (json_array_get_int_element (m, 3), ==, b3.tgt_len + b4.tgt_len);
  g_assert_true (json_object_get_boolean_member (o, "can_undo"));
  g_assert_true (json_object_get_boolean_member (o, "unsaved"));
  g_assert_cmpuint (bitext_pair_get_n_beads (fx->pair), ==, n - 1);
  g_autofree char *merged = get_beads (fx);

  g_autofree char *undo = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT "}", get_version (fx));
  g_autoptr(JsonNode) u = NULL;
  g_assert_cmpuint (post (fx, "/api/undo", undo, &u), ==, 200);
  o = json_node_get_object (u);
  g_assert_cmpint (json_object_get_int_member (o, "from"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "to"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "beads")), ==, 2);
  g_autofree char *after = get_beads (fx);
  g_assert_cmpstr (after, ==, before);

  g_autofree char *redo = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT "}", get_version (fx));
  g_autoptr(JsonNode) r = NULL;
  g_assert_cmpuint (post (fx, "/api/redo", redo, &r), ==, 200);
  g_autofree char *again = get_beads (fx);
  g_assert_cmpstr (again, ==, merged);

  /* An edit that does not apply: 400, and nothing changes. */
  g_autofree char *bad = g_strdup_printf ("{\"op\":\"merge\",\"bead\":%u,\"version\":%" G_GINT64_FORMAT
                                          "}", n + 5, get_version (fx));
  g_autoptr(JsonNode) e = NULL;
  g_assert_cmpuint (post (fx, "/api/edit", bad, &e), ==, 400);
  g_autofree char *unchanged = get_beads (fx);
  g_assert_cmpstr (unchanged, ==, merged);
}

/* Findings: the QA checks' spans on the units, one unit per bead. */
static void
test_findings (Fixture *fx, gconstpointer data)
{
  (void) data;
  g_autofree char *text = NULL;
  g_assert_cmpuint (request (fx, "GET", "/api/findings", fx->token, NULL, NULL, 0, &text), ==, 200);
  g_autoptr(JsonNode) root = parse (text);
  JsonObject *o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "version"), ==, get_version (fx));
  JsonArray *f = json_object_get_array_member (o, "findings");
  guint n = bitext_pair_get_n_beads (fx->pair);
  for (guint i = 0; i < json_array_get_length (f); i++)
    {
      JsonArray *x = json_array_get_array_element (f, i);
      g_assert_cmpuint (json_array_get_length (x), ==, 8);
      g_assert_cmpint (json_array_get_int_element (x, 0), <, n);
      BitextCheck check;
      g_assert_true (bitext_check_from_id (json_array_get_string_element (x, 1), &check));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/review/http/token", Fixture, NULL, setup, test_token, teardown);
  g_test_add ("/review/http/origin", Fixture, NULL, setup, test_origin, teardown);
  g_test_add ("/review/http/host", Fixture, NULL, setup, test_host, teardown);
  g_test_add ("/review/http/body-limit", Fixture, NULL, setup, test_body_limit, teardown);
  g_test_add ("/review/http/paths", Fixture, NULL, setup, test_paths, teardown);
  g_test_add ("/review/api/stale-version", Fixture, NULL, setup, test_stale_version, teardown);
  g_test_add ("/review/api/edit-undo-redo", Fixture, NULL, setup, test_edit_undo, teardown);
  g_test_add ("/review/api/findings", Fixture, NULL, setup, test_findings, teardown);
  return g_test_run ();
}

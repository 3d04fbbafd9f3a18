/* bitext — the review server: libsoup on 127.0.0.1, a token, Origin and size checks, one page. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "review-private.h"

/* The token's entropy: 256 bits, above the 128 that Jupyter's notebook server uses (24 bytes). */
#define TOKEN_BYTES 32

static char *
random_hex (gsize n_bytes)
{
  guint8 bytes[TOKEN_BYTES];
  g_assert (n_bytes <= sizeof bytes);
  gsize got = 0;
  while (got < n_bytes)
    {
      ssize_t r = getrandom (bytes + got, n_bytes - got, 0);
      if (r <= 0)
        break;
      got += (gsize) r;
    }
  if (got < n_bytes)
    {
      /* No getrandom(2): GRand seeds itself from /dev/urandom. */
      g_autoptr(GRand) rand = g_rand_new ();
      for (gsize i = got; i < n_bytes; i++)
        bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
    }
  GString *hex = g_string_sized_new (2 * n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* Compare without an early exit, so that the time taken says nothing about the token. */
static gboolean
token_equal (const char *given, const char *token)
{
  if (given == NULL)
    return FALSE;
  gsize n = strlen (token);
  if (strlen (given) != n)
    return FALSE;
  guint8 diff = 0;
  for (gsize i = 0; i < n; i++)
    diff |= (guint8) (given[i] ^ token[i]);
  return diff == 0;
}

void
bitext_review__respond_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  gsize length = 0;
  char *data = json_generator_to_data (gen, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, data,
                                    length);
}

void
bitext_review__respond_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  bitext_review__respond_json (msg, status, root);
}

/* Host and Origin may only name this server: a page of another site (or a DNS name rebound to
** 127.0.0.1) is refused even before the token is looked at. */
static gboolean
is_own_authority (const BitextReview *review, const char *authority)
{
  g_autofree char *a = g_strdup_printf ("127.0.0.1:%u", review->port);
  g_autofree char *b = g_strdup_printf ("localhost:%u", review->port);
  return g_ascii_strcasecmp (authority, a) == 0 || g_ascii_strcasecmp (authority, b) == 0;
}

static gboolean
origin_allowed (const BitextReview *review, const char *origin)
{
  if (origin == NULL)
    return TRUE;            /* curl, or a same-origin GET: the token still has to be right */
  if (!g_str_has_prefix (origin, "http://"))
    return FALSE;
  return is_own_authority (review, origin + strlen ("http://"));
}

/*
** Runs on the headers, before any body is read: a refused request costs no
** memory. Everything is checked on every request, the page included; the
** token comes in the X-Bitext-Token header (the page's fetches) or in the URL
** (the address printed at start).
*/
static void
early_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer user_data)
{
  (void) server;
  (void) path;
  BitextReview *review = user_data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (h, "Host");
  if (host == NULL || !is_own_authority (review, host))
    return bitext_review__respond_error (msg, SOUP_STATUS_FORBIDDEN, "unknown Host");
  if (!origin_allowed (review, soup_message_headers_get_one (h, "Origin")))
    return bitext_review__respond_error (msg, SOUP_STATUS_FORBIDDEN,
                                         "requests from another origin are refused");
  const char *given = soup_message_headers_get_one (h, "X-Bitext-Token");
  if (given == NULL && query != NULL)
    given = g_hash_table_lookup (query, "token");
  if (!token_equal (given, review->token))
    return bitext_review__respond_error (msg, SOUP_STATUS_FORBIDDEN,
                                         "missing or wrong token: use the address bitext review "
                                         "printed");
  SoupEncoding enc = soup_message_headers_get_encoding (h);
  if (enc == SOUP_ENCODING_CHUNKED || enc == SOUP_ENCODING_EOF)
    return bitext_review__respond_error (msg, SOUP_STATUS_LENGTH_REQUIRED,
                                         "a request body needs a Content-Length");
  if (enc == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (h) > (goffset) review->max_body)
    return bitext_review__respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                         "request body too large");
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (h, "X-Frame-Options", "DENY");
}

static GBytes *
lookup_asset (const char *name)
{
  g_autofree char *path = g_strconcat ("/org/bitext/review/", name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (bitext_review_get_resource (), path,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);  /* compiled in: a missing one is a build error */
  return g_steal_pointer (&bytes);
}

/*
** The page: review.html with the stylesheet and the script put in, each with
** a nonce that the Content-Security-Policy requires; no other script can run,
** and the page can talk only to this server.
*/
static void
serve_page (SoupServerMessage *msg)
{
  g_autofree char *nonce = random_hex (16);
  g_autoptr(GBytes) html = lookup_asset ("review.html");
  g_autoptr(GBytes) css = lookup_asset ("review.css");
  g_autoptr(GBytes) js = lookup_asset ("review.js");
  GString *page = g_string_new_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  g_autofree char *style = g_strdup_printf ("<style nonce=\"%s\">\n%.*s</style>", nonce,
                                            (int) g_bytes_get_size (css),
                                            (const char *) g_bytes_get_data (css, NULL));
  g_autofree char *script = g_strdup_printf ("<script nonce=\"%s\">\n%.*s</script>", nonce,
                                             (int) g_bytes_get_size (js),
                                             (const char *) g_bytes_get_data (js, NULL));
  g_string_replace (page, "<!--STYLE-->", style, 1);
  g_string_replace (page, "<!--SCRIPT-->", script, 1);
  g_autofree char *csp = g_strdup_printf ("default-src 'none'; script-src 'nonce-%s'; "
                                          "style-src 'nonce-%s'; connect-src 'self'; "
                                          "img-src data:; base-uri 'none'; form-action 'none'; "
                                          "frame-ancestors 'none'",
                                          nonce, nonce);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Security-Policy", csp);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  gsize length = page->len;
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (page, FALSE), length);
}

static JsonNode *
parse_body (SoupServerMessage *msg, GError **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, size > 0 ? data : "{}", size > 0 ? (gssize) size : 2,
                                   error))
    return NULL;
  JsonNode *root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                           "the request body is not a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}

static void
serve_api (BitextReview *review, SoupServerMessage *msg, const char *path, const char *method,
           GHashTable *query)
{
  if (strcmp (path, "/api/pair") == 0 && strcmp (method, "GET") == 0)
    return bitext_review__get_pair (review, msg);
  if (strcmp (path, "/api/findings") == 0 && strcmp (method, "GET") == 0)
    return bitext_review__get_findings (review, msg);
  if (strcmp (path, "/api/text") == 0 && strcmp (method, "GET") == 0)
    return bitext_review__get_text (review, msg, query);
  if (strcmp (method, "POST") != 0)
    return bitext_review__respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  if ((gsize) body->length > review->max_body)
    return bitext_review__respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                         "request body too large");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse_body (msg, &error);
  if (root == NULL)
    return bitext_review__respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
  JsonObject *req = json_node_get_object (root);
  if (strcmp (path, "/api/edit") == 0)
    return bitext_review__post_edit (review, msg, req);
  if (strcmp (path, "/api/undo") == 0)
    return bitext_review__post_undo (review, msg, req, TRUE);
  if (strcmp (path, "/api/redo") == 0)
    return bitext_review__post_undo (review, msg, req, FALSE);
  if (strcmp (path, "/api/save") == 0)
    return bitext_review__post_save (review, msg, req);
  bitext_review__respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
}

static void
handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
         gpointer user_data)
{
  (void) server;
  BitextReview *review = user_data;
  const char *method = soup_server_message_get_method (msg);
  set_common_headers (msg);
  if (strcmp (path, "/") == 0 && strcmp (method, "GET") == 0)
    return serve_page (msg);
  if (g_str_has_prefix (path, "/api/"))
    return serve_api (review, msg, path, method, query);
  bitext_review__respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
}

/*
** Whether @path, once its nearest existing folder is resolved (symbolic links
** followed), lies inside @real_dir: a link on the way cannot lead out of it.
*/
static gboolean
inside_dir (const char *real_dir, const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  char *real = NULL;
  while ((real = realpath (parent, NULL)) == NULL)
    {
      char *up = g_path_get_dirname (parent);
      gboolean top = strcmp (up, parent) == 0;
      g_free (parent);
      parent = up;
      if (top)
        return FALSE;
    }
  gsize n = strlen (real_dir);
  gboolean inside = strncmp (real, real_dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
  free (real);
  return inside;
}

/*
** A file name that the API may write: relative, inside the pair's folder once
** resolved (no "..", no absolute path, no symbolic link out of it), ending in
** @suffix. Returns the absolute path, or NULL with @error set.
*/
static char *
refuse_path (const char *name, const char *suffix, GError **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
               "%s: only a relative %s path inside the pair's folder can be written",
               name != NULL ? name : "(none)", suffix);
  return NULL;
}

char *
bitext_review__resolve_path (const BitextReview *review, const char *name, const char *suffix,
                             GError **error)
{
  if (name == NULL || *name == '\0' || g_path_is_absolute (name) || strchr (name, '\\') != NULL
      || !g_str_has_suffix (name, suffix))
    return refuse_path (name, suffix, error);
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0 || strcmp (parts[i], ".") == 0 || *parts[i] == '\0')
      return refuse_path (name, suffix, error);
  g_autofree char *path = g_build_filename (review->dir, name, NULL);
  if (!inside_dir (review->real_dir, path) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return refuse_path (name, suffix, error);
  return g_steal_pointer (&path);
}

/**
 * bitext_review_new:
 * @pair: (transfer none): the pair under review; it must outlive the server
 * @options: (nullable): the server's options; %NULL for the defaults
 * @error: return location for a #GError
 *
 * Makes the server with a fresh random token; nothing listens until bitext_review_listen().
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
BitextReview *
bitext_review_new (BitextPair *pair, const BitextReviewOptions *options, GError **error)
{
  g_return_val_if_fail (pair != NULL, NULL);
  BitextReviewOptions defaults = BITEXT_REVIEW_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (options->pair_path != NULL, NULL);

  g_autoptr(BitextReview) review = g_new0 (BitextReview, 1);
  review->pair = pair;
  review->port = options->port;
  review->max_body = options->max_body;
  review->glossary = options->glossary;
  review->token = random_hex (TOKEN_BYTES);
  review->pair_path = g_canonicalize_filename (options->pair_path, NULL);
  review->dir = g_path_get_dirname (review->pair_path);
  review->real_dir = realpath (review->dir, NULL);
  if (review->real_dir == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", review->dir,
                   g_strerror (saved));
      return NULL;
    }
  review->autosave_path = bitext_pair_dup_autosave_path (review->pair_path);
  g_autofree char *base = g_path_get_basename (review->pair_path);
  char *dot = strstr (base, ".pair.json");
  if (dot == NULL)
    dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  review->tmx_name = options->tmx_path != NULL ? g_strdup (options->tmx_path)
                                               : g_strconcat ("tm/", base, ".tmx", NULL);
  g_autofree char *tmx_path = bitext_review__resolve_path (review, review->tmx_name, ".tmx", error);
  if (tmx_path == NULL)
    return NULL;
  bitext_review__qa_init (review);
  if (!bitext_review__model_init (review, error))
    return NULL;
  return g_steal_pointer (&review);
}

/**
 * bitext_review_listen:
 * @review: the server
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 (never on another address) at the options' port, in the thread-default
 * main context; the caller runs the main loop.
 *
 * Returns: %TRUE when listening, else %FALSE with @error set
 */
gboolean
bitext_review_listen (BitextReview *review, GError **error)
{
  g_return_val_if_fail (review != NULL && review->server == NULL, FALSE);
  review->context = g_main_context_ref_thread_default ();
  review->server = soup_server_new ("server-header", "bitext-review", NULL);
  soup_server_add_early_handler (review->server, NULL, early_handler, review, NULL);
  soup_server_add_handler (review->server, NULL, handler, review, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (loopback, (guint16) review->port);
  if (!soup_server_listen (review->server, addr, 0, error))
    return FALSE;
  GSList *uris = soup_server_get_uris (review->server);
  g_assert (uris != NULL);
  review->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  review->url = g_strdup_printf ("http://127.0.0.1:%u/?token=%s", review->port, review->token);
  return TRUE;
}

/**
 * bitext_review_get_url:
 * @review: a listening server
 *
 * Returns: (transfer none): the page's address with its token, as a user opens it
 */
const char *
bitext_review_get_url (const BitextReview *review)
{
  return review->url;
}

/**
 * bitext_review_get_autosave_path:
 * @review: the server
 *
 * Returns: (transfer none): where every edit is kept until it is saved (beside the pair file)
 */
const char *
bitext_review_get_autosave_path (const BitextReview *review)
{
  return review->autosave_path;
}

/**
 * bitext_review_free:
 * @review: (nullable): the server; stops listening
 */
void
bitext_review_free (BitextReview *review)
{
  if (review == NULL)
    return;
  if (review->context != NULL)
    bitext_review__qa_clear (review);
  if (review->server != NULL)
    {
      soup_server_disconnect (review->server);
      g_object_unref (review->server);
    }
  bitext_review__model_clear (review);
  g_clear_pointer (&review->qa_waiting, g_ptr_array_unref);
  g_clear_pointer (&review->context, g_main_context_unref);
  g_free (review->autosave_error);
  g_free (review->token);
  g_free (review->url);
  g_free (review->pair_path);
  g_free (review->autosave_path);
  g_free (review->tmx_name);
  g_free (review->dir);
  free (review->real_dir);
  g_free (review);
}

/* bitext — the review server's internals, shared by review.c (HTTP) and review-api.c (the model). */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <bitext/error.h>
#include <bitext/review.h>

#include "bitext-review-resources.h"

struct _BitextReview
{
  BitextPair *pair;           /* borrowed */
  BitextGlossary *glossary;   /* borrowed, nullable */
  SoupServer *server;
  guint port;
  gsize max_body;
  char *token;                /* hex, TOKEN_BYTES random bytes */
  char *url;
  char *pair_path;            /* absolute */
  char *autosave_path;
  char *dir;                  /* the pair's folder: every write goes inside it */
  char *real_dir;             /* the same with symbolic links resolved (malloc'd) */
  char *tmx_name;             /* default TMX, relative to dir */
  guint64 saved_version;      /* the pair's version when last saved or loaded */
  GArray *shown;              /* ReviewBead: the beads at the pair's current version */
  guint autosave_id;          /* a pending autosave (timeout source), or 0 */
  char *autosave_error;       /* why the last autosave failed, or NULL */
  GMainContext *context;      /* where the server runs (the thread-default one at listen) */
  gboolean qa_running;        /* a run of the checks is under way (review-qa.c) */
  GPtrArray *qa_waiting;      /* SoupServerMessage: paused requests for its findings */
  GBytes *qa_json;            /* the last findings, as JSON, for qa_version */
  guint64 qa_version;
};

gboolean bitext_review__model_init    (BitextReview *review, GError **error);
void     bitext_review__model_clear   (BitextReview *review);
void     bitext_review__get_pair      (BitextReview *review, SoupServerMessage *msg);
void     bitext_review__get_findings  (BitextReview *review, SoupServerMessage *msg);
void     bitext_review__qa_init       (BitextReview *review);
void     bitext_review__qa_clear      (BitextReview *review);
void     bitext_review__get_text      (BitextReview *review, SoupServerMessage *msg,
                                       GHashTable *query);
void     bitext_review__post_edit     (BitextReview *review, SoupServerMessage *msg, JsonObject *req);
void     bitext_review__post_undo     (BitextReview *review, SoupServerMessage *msg, JsonObject *req,
                                       gboolean undo);
void     bitext_review__post_save     (BitextReview *review, SoupServerMessage *msg, JsonObject *req);

gboolean bitext_review__autosave    (BitextReview *review, GError **error);

void     bitext_review__respond_json  (SoupServerMessage *msg, guint status, JsonNode *node);
void     bitext_review__respond_error (SoupServerMessage *msg, guint status, const char *message);
char    *bitext_review__resolve_path  (const BitextReview *review, const char *name,
                                       const char *suffix, GError **error);

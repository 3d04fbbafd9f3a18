/* bitext — review an aligned pair in the browser: a local HTTP server with a JSON API over its edits. */
#pragma once

#include <bitext/pair.h>

G_BEGIN_DECLS

typedef struct _BitextReview BitextReview;

/*
** How the server runs. The pair file is where "save" writes the pair, and its
** folder bounds every other file the API may write (the TMX, the autosave).
*/
typedef struct
{
  guint version;
  guint port;                 /* 0: any free port */
  gsize max_body;             /* bytes a request body may have; larger ones get 413 */
  const char *pair_path;      /* the pair file (JSON); its folder holds all writes */
  const char *tmx_path;       /* default TMX target, relative to the pair's folder; nullable:
                                 tm/NAME.tmx where NAME is the pair file's name */
  BitextGlossary *glossary;   /* nullable: borrowed, used by the QA checks on the page */
} BitextReviewOptions;

/* max_body: 1 MiB; an edit is a few hundred bytes, a whole sentence edit a few KiB. */
#define BITEXT_REVIEW_OPTIONS_INIT { .version = 1, .port = 0, .max_body = 1u << 20 }

BITEXT_API BitextReview *bitext_review_new            (BitextPair *pair,
                                                       const BitextReviewOptions *options,
                                                       GError **error);
BITEXT_API void          bitext_review_free           (BitextReview *review);
BITEXT_API gboolean      bitext_review_listen         (BitextReview *review, GError **error);
BITEXT_API const char   *bitext_review_get_url        (const BitextReview *review);
BITEXT_API const char   *bitext_review_get_autosave_path (const BitextReview *review);
BITEXT_API gboolean      bitext_review_has_unsaved_edits (const BitextReview *review);
BITEXT_API gboolean      bitext_review_flush_autosave (BitextReview *review, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextReview, bitext_review_free)

G_END_DECLS

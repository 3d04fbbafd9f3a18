/* bitext — the review server's findings: `bitext check`'s QA over the pair's units, off the main loop. */
#include <string.h>

#include "review-private.h"

/*
** One run of the checks over a copy of the units, so that edits can go on
** while it runs: 20,000 units take about a second, and the page must answer
** a key press in well under 100 ms.
*/
typedef struct
{
  GPtrArray *texts;         /* the units' texts, owned */
  GArray *units;            /* BitextQaUnit pointing into texts */
  char *src_lang;
  char *tgt_lang;
  BitextGlossary *glossary; /* borrowed; only one run at a time uses it (its stem cache) */
  guint64 version;
} QaJob;

static void
qa_job_free (QaJob *job)
{
  g_ptr_array_unref (job->texts);
  g_array_unref (job->units);
  g_free (job->src_lang);
  g_free (job->tgt_lang);
  g_free (job);
}

static QaJob *
qa_job_new (BitextReview *review)
{
  QaJob *job = g_new0 (QaJob, 1);
  guint n = 0;
  const BitextQaUnit *units = bitext_pair_get_qa_units (review->pair, &n);
  job->texts = g_ptr_array_new_full (2 * n, g_free);
  job->units = g_array_sized_new (FALSE, FALSE, sizeof (BitextQaUnit), n);
  for (guint i = 0; i < n; i++)
    {
      BitextQaUnit u = units[i];
      u.source = g_strdup (u.source != NULL ? u.source : "");
      u.target = g_strdup (u.target != NULL ? u.target : "");
      g_ptr_array_add (job->texts, (char *) u.source);
      g_ptr_array_add (job->texts, (char *) u.target);
      g_array_append_val (job->units, u);
    }
  job->src_lang = g_strdup (bitext_pair_get_lang (review->pair, BITEXT_PAIR_SOURCE));
  job->tgt_lang = g_strdup (bitext_pair_get_lang (review->pair, BITEXT_PAIR_TARGET));
  job->glossary = review->glossary;
  job->version = bitext_pair_get_version (review->pair);
  return job;
}

static void
qa_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  (void) source;
  (void) cancellable;
  QaJob *job = data;
  BitextQaOptions opts = BITEXT_QA_OPTIONS_INIT;
  opts.src_lang = job->src_lang;
  opts.tgt_lang = job->tgt_lang;
  opts.glossary = job->glossary;
  GError *error = NULL;
  GPtrArray *findings = bitext_qa_run ((const BitextQaUnit *) job->units->data, job->units->len,
                                       &opts, &error);
  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

static void
add_span (JsonBuilder *b, const BitextQaSpan *span)
{
  json_builder_add_int_value (b, span->start);
  json_builder_add_int_value (b, span->end);
}

/* [bead, check, severity, message, src_start, src_end, tgt_start, tgt_end] per finding. */
static GBytes *
findings_json (const GPtrArray *findings, guint64 version)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, (gint64) version);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      json_builder_begin_array (b);
      json_builder_add_int_value (b, f->unit);
      json_builder_add_string_value (b, bitext_check_get_id (f->check));
      json_builder_add_string_value (b, bitext_severity_get_name (f->severity));
      json_builder_add_string_value (b, f->message);
      add_span (b, &f->source_span);
      add_span (b, &f->target_span);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  gsize length = 0;
  char *data = json_generator_to_data (gen, &length);
  return g_bytes_new_take (data, length);
}

static void
respond_bytes (SoupServerMessage *msg, GBytes *json)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (json, NULL), g_bytes_get_size (json));
}

static void
forget_message (SoupServerMessage *msg, gpointer user_data)
{
  BitextReview *review = user_data;
  if (g_ptr_array_remove (review->qa_waiting, msg))
    g_signal_handlers_disconnect_by_func (msg, forget_message, review);
}

static void
qa_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  (void) source;
  BitextReview *review = user_data;
  QaJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = g_task_propagate_pointer (G_TASK (result), &error);
  review->qa_running = FALSE;
  if (findings != NULL)
    {
      g_clear_pointer (&review->qa_json, g_bytes_unref);
      review->qa_json = findings_json (findings, job->version);
      review->qa_version = job->version;
    }
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&review->qa_waiting);
  review->qa_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      SoupServerMessage *msg = waiting->pdata[i];
      g_signal_handlers_disconnect_by_func (msg, forget_message, review);
      if (findings != NULL)
        respond_bytes (msg, review->qa_json);
      else
        bitext_review__respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, error->message);
      soup_server_message_unpause (msg);
    }
}

/*
** GET /api/findings: the QA checks of `bitext check` over the pair's units,
** one per bead, with spans in characters of the unit's texts (the spans the
** HTML report marks). The answer carries the version it was computed for: a
** page that has moved on asks again. Computed in a thread; the request waits
** (paused) while the server goes on answering edits.
*/
void
bitext_review__get_findings (BitextReview *review, SoupServerMessage *msg)
{
  if (review->qa_json != NULL && review->qa_version == bitext_pair_get_version (review->pair))
    return respond_bytes (msg, review->qa_json);
  g_ptr_array_add (review->qa_waiting, g_object_ref (msg));
  g_signal_connect (msg, "disconnected", G_CALLBACK (forget_message), review);
  soup_server_message_pause (msg);
  if (review->qa_running)
    return;
  review->qa_running = TRUE;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, qa_done, review);
  g_task_set_task_data (task, qa_job_new (review), (GDestroyNotify) qa_job_free);
  g_task_run_in_thread (task, qa_thread);
}

void
bitext_review__qa_init (BitextReview *review)
{
  review->qa_waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Wait for a run of the checks to end (it holds pointers into @review), then drop the cache. */
void
bitext_review__qa_clear (BitextReview *review)
{
  while (review->qa_running)
    g_main_context_iteration (review->context, TRUE);
  g_clear_pointer (&review->qa_waiting, g_ptr_array_unref);
  g_clear_pointer (&review->qa_json, g_bytes_unref);
}

/* bitext — the aligned pair: the pair file (JSON), saved and loaded. */
#include "pair-private.h"

#include "bitext/error.h"

static void
not_yet (GError **error)
{
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "pair files: not implemented yet");
}

BitextPair *
bitext_pair_load_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  not_yet (error);
  return NULL;
}

BitextPair *
bitext_pair_load_data (const char *name, const char *data, gsize length, const char *base_dir,
                       GError **error)
{
  (void) name, (void) data, (void) length, (void) base_dir;
  not_yet (error);
  return NULL;
}

gboolean
bitext_pair_save_file (BitextPair *pair, const char *path, GError **error)
{
  g_return_val_if_fail (pair != NULL && path != NULL, FALSE);
  not_yet (error);
  return FALSE;
}

char *
bitext_pair_save_to_data (BitextPair *pair, const char *base_dir, gsize *length, GError **error)
{
  (void) pair, (void) base_dir, (void) length;
  not_yet (error);
  return NULL;
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

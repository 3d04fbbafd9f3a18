/* Fuzz target: the pair-file reader (JSON), then the history it holds and saving it again.
 *
 * A pair file names two texts by path and SHA-256; the reader stops at the first text it
 * cannot find or that has changed. So the texts below are written once into a temporary
 * folder, the paths in the input are resolved against it, and the seeds of
 * corpus/pair/ name these texts with their right checksums and sentence counts: mutations
 * then reach the beads, the edited texts and the undo and redo histories. A pair that
 * loads is saved, undone to its first state, redone to its last and saved again.
 */
#include "fuzz.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include <bitext/pair.h>

/* Written for this target; the seeds' "sha256" members are these texts' checksums. */
static const char SOURCE[] = "The station was built in 1957.\nIt had two radar towers.\n\n"
                             "In winter the road was closed.\nSupplies came by helicopter.\n";
static const char TARGET[] = "Станцию построили в 1957 году.\nНа ней были две радарные башни.\n\n"
                             "Зимой дорогу закрывали.\nПрипасы доставляли вертолётом.\n";

static char *dir;

static void
remove_dir (void)
{
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  (void) g_unlink (a);
  (void) g_unlink (b);
  (void) g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static void
make_dir (void)
{
  dir = g_dir_make_tmp ("bitext-fuzz-pair-XXXXXX", NULL);
  if (dir == NULL)
    abort ();
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  if (!g_file_set_contents (a, SOURCE, -1, NULL) || !g_file_set_contents (b, TARGET, -1, NULL))
    abort ();
  atexit (remove_dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (dir == NULL)
    make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_load_data ("fuzz.bitext", (const char *) data, size,
                                                      dir, &error);
  if (pair == NULL)
    return 0;
  g_free (bitext_pair_save_to_data (pair, dir, NULL, NULL));
  while (bitext_pair_can_undo (pair) && bitext_pair_undo (pair, NULL))
    ;
  while (bitext_pair_can_redo (pair) && bitext_pair_redo (pair, NULL))
    ;
  g_free (bitext_pair_save_to_data (pair, dir, NULL, NULL));
  return 0;
}

/* Fuzz target: `bitext tm import`, TSV and CSV pairs -> a TMX file.
 *
 * The reader lives in the command (src/cli/cmd-tm-import.c); it is compiled
 * into this target as is (with the other tm commands it links to) and reads
 * the input as a stream in memory (fmemopen: the same FILE * reader as a file
 * gets, without a file per input), writing its TMX into a directory of its
 * own that is removed at exit. The first byte picks TSV or CSV and whether
 * Markdown emphasis becomes markup.
 */
#include "fuzz.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "../../src/cli/cmd-tm-import.c"

static char *out_dir;

static void
remove_out_dir (void)
{
  g_autofree char *tmx = g_build_filename (out_dir, "out.tmx", NULL);
  g_unlink (tmx);
  g_rmdir (out_dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (out_dir == NULL)
    {
      /* In memory when the system has /dev/shm: the writer syncs its file. */
      out_dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                    ? g_mkdtemp (g_strdup ("/dev/shm/bitext-fuzz-import.XXXXXX"))
                    : g_dir_make_tmp ("bitext-fuzz-import.XXXXXX", NULL);
      if (out_dir == NULL)
        return 0;
      atexit (remove_out_dir);
      opt_output = g_build_filename (out_dir, "out.tmx", NULL);
      opt_src_lang = "en";
      opt_tgt_lang = "ru";
    }
  guint8 sel = fuzz_take_selector (&data, &size);
  opt_no_markup = (sel & 2) != 0;
  /* fmemopen wants a buffer of at least a byte; an empty input is read as one ending at once. */
  FILE *stream = fmemopen ((void *) (size > 0 ? data : (const uint8_t *) ""), size, "r");
  if (stream == NULL)
    return 0;
  g_autoptr(GError) error = NULL;
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options.date = 0;
  (void) import_stream (stream, "fuzz.tsv", (sel & 1) != 0, &options, &error);
  fclose (stream);
  return 0;
}

/* Fuzz target: `bitext tm import`, TSV and CSV pairs -> a TMX file.
 *
 * The reader lives in the command (src/cli/cmd-tm-import.c); it is compiled
 * into this target as is (with the other tm commands it links to) and run on the input through a memory file, writing
 * its TMX into a directory of its own that is removed at exit. The first byte
 * picks TSV or CSV and whether Markdown emphasis becomes markup.
 */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

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
  int fd = memfd_create ("fuzz-tm-import", MFD_CLOEXEC);
  if (fd < 0)
    return 0;
  if (size == 0 || write (fd, data, size) == (ssize_t) size)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
      g_autoptr(GError) error = NULL;
      BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
      options.date = 0;
      (void) run_import (path, (sel & 1) != 0, &options, &error);
    }
  close (fd);
  return 0;
}

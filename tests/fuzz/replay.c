/* bitext fuzz targets without libFuzzer: a main() that runs the target once per input file.
 *
 * Used when the build has no clang (or -Dfuzzing=false): the same target code
 * replays the seed corpora and saved crash inputs, so the fuzz suite never
 * silently skips. Arguments are files or directories (read one level deep).
 * Exit status 0 when every input ran; a crash is a crash (signal or sanitizer).
 */
#include "fuzz.h"

#include <stdio.h>
#include <string.h>

static int
run_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return 1;
    }
  /* A copy of exactly @length bytes, so ASan sees a read past the end. */
  g_autofree guint8 *copy = g_memdup2 (data, length);
  LLVMFuzzerTestOneInput (copy, length);
  return 0;
}

int
main (int argc, char **argv)
{
  guint n = 0;
  int status = 0;
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          status |= run_file (argv[i]);
          n++;
          continue;
        }
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *entry;
      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], entry, NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              status |= run_file (path);
              n++;
            }
        }
    }
  printf ("replay: %u inputs\n", n);
  return status;
}

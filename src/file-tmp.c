/* bitext — the temporary file beside a target that is renamed over it once whole. */
#include "file-private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* Names bitext__tmp_name tries before it gives up: six random hex digits rarely collide. */
#define NAME_ATTEMPTS 100

/*
** Open a file to write @path through: an unnamed one in @path's folder
** (O_TMPFILE, Linux 3.11 on ext4, xfs, btrfs, tmpfs), which a process killed
** before the commit leaves nothing of; where the file system has none, a
** named one, "@path.XXXXXX". *@tmp_path is set to %NULL for an unnamed file,
** else to the name (transfer full). The mode is 0666 less the umask, as for
** any new file (mkstemp alone gives 0600). Returns the descriptor, or -1
** with errno set.
*/
int
bitext__tmp_open (const char *path, char **tmp_path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  *tmp_path = NULL;
  int fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (fd >= 0)
    return fd;
  *tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (*tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (tmp_path, g_free);
      errno = saved;
    }
  return fd;
}

/*
** Give the unnamed file @fd (bitext__tmp_open with *@tmp_path %NULL) a
** free name beside @path, "@path.NNNNNN", for the caller to rename over
** @path; a named one keeps its name. Returns %FALSE with errno set.
*/
gboolean
bitext__tmp_name (int fd, const char *path, char **tmp_path)
{
  if (*tmp_path != NULL)
    return TRUE;
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++)
    {
      char *name = g_strdup_printf ("%s.%06x", path, g_random_int_range (0, 0x1000000));
      if (linkat (AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
        {
          *tmp_path = name;
          return TRUE;
        }
      int saved = errno;
      g_free (name);
      errno = saved;
      if (saved != EEXIST)
        return FALSE;
    }
  return FALSE;
}

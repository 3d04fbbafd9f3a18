/* bitext — the temporary file beside a target that is renamed over it once whole. */
#include "file-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
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

/*
** Replace @path with the @length bytes of @data, whole or not at all: they
** are written to bitext__tmp_open's file, synced, named and renamed over
** @path, so a failed write or a process killed half-way leaves @path as it
** was and, where the file system has O_TMPFILE, nothing beside it. The
** message of @error names @path. The file's mode is 0666 less the umask.
*/
gboolean
bitext__file_replace (const char *path, const char *data, gsize length, GError **error)
{
  g_autofree char *tmp_path = NULL;
  int fd = bitext__tmp_open (path, &tmp_path);
  int saved = 0;
  if (fd < 0)
    saved = errno;
  for (gsize done = 0; fd >= 0 && saved == 0 && done < length;)
    {
      ssize_t n = write (fd, data + done, length - done);
      if (n < 0 && errno != EINTR)
        saved = errno;
      else if (n > 0)
        done += (gsize) n;
    }
  if (fd >= 0 && saved == 0 && (fsync (fd) != 0 || !bitext__tmp_name (fd, path, &tmp_path)))
    saved = errno;
  if (fd >= 0 && close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved == 0 && g_rename (tmp_path, path) != 0)
    saved = errno;
  if (saved == 0)
    return TRUE;
  if (tmp_path != NULL)
    (void) g_unlink (tmp_path);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
               g_strerror (saved));
  return FALSE;
}

/*
** Whether the input @path can be read once only: stdin ("-"), or a file
** that is not a regular one (a pipe such as the shell's `<(iconv -f cp1251
** ru.txt)`, a device). Such an input cannot be mapped, sniffed and then
** parsed, nor read twice.
*/
gboolean
bitext__file_read_once (const char *path)
{
  GStatBuf st;
  return strcmp (path, "-") == 0 || (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode));
}

/* Append all of @fd to @out; FALSE with a G_FILE_ERROR naming @name on a read error. */
gboolean
bitext__fd_read_all (int fd, const char *name, GByteArray *out, GError **error)
{
  guint8 buf[65536];
  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", name,
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      g_byte_array_append (out, buf, (guint) n);
    }
}

/*
** All of the input @path, stdin for "-": g_file_get_contents(), which reads
** a pipe as well but not stdin by that name. *@data is NUL-terminated.
*/
gboolean
bitext__file_read_all (const char *path, char **data, gsize *length, GError **error)
{
  if (strcmp (path, "-") != 0)
    return g_file_get_contents (path, data, length, error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  if (!bitext__fd_read_all (STDIN_FILENO, "<stdin>", bytes, error))
    return FALSE;
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

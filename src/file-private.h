/* bitext — internal: files written whole or not at all (a temporary file renamed over the target); inputs read once. */
#pragma once

#include <glib.h>

int      bitext__tmp_open (const char *path, char **tmp_path);
gboolean bitext__tmp_name (int fd, const char *path, char **tmp_path);
gboolean bitext__file_replace (const char *path, const char *data, gsize length, GError **error);
gboolean bitext__file_read_once (const char *path);
/* How messages name the input @path: "<stdin>" for "-", else @path. */
static inline const char *
bitext__input_name (const char *path)
{
  return path[0] == '-' && path[1] == '\0' ? "<stdin>" : path;
}
gboolean bitext__file_read_all (const char *path, char **data, gsize *length, GError **error);
gboolean bitext__fd_read_all (int fd, const char *name, GByteArray *out, GError **error);

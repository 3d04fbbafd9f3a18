/* bitext tests — shared helpers. */
#include "test-util.h"

#include <string.h>

#include <glib/gstdio.h>

static gboolean
collect (const BitextSegment *segment, const char *text, gpointer user_data, GError **error)
{
  (void) segment;
  (void) error;
  g_ptr_array_add (user_data, g_strdup (text));
  return TRUE;
}

GPtrArray *
bitext_test_segment_srx (const char *lang, const char *srx, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (lang, srx, &error);
  g_assert_no_error (error);
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("test", text, strlen (text));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (bitext_segmenter_segment_reader (seg, reader, collect, out, &error));
  g_assert_no_error (error);
  return out;
}

GPtrArray *
bitext_test_segment (const char *lang, const char *text)
{
  return bitext_test_segment_srx (lang, NULL, text);
}

GPtrArray *
bitext_test_read_lines (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (char **l = lines; *l != NULL; l++)
    if (**l != '\0' || l[1] != NULL)
      g_ptr_array_add (out, g_strdup (*l));
  if (out->len > 0 && *(char *) g_ptr_array_index (out, out->len - 1) == '\0')
    g_ptr_array_remove_index (out, out->len - 1);
  return out;
}

void
bitext_test_assert_strv (const char *what, GPtrArray *got, const char *const *expected)
{
  guint n = 0;
  while (expected[n] != NULL)
    n++;
  gboolean same = got->len == n;
  for (guint i = 0; same && i < n; i++)
    same = strcmp (g_ptr_array_index (got, i), expected[i]) == 0;
  if (same)
    return;
  GString *msg = g_string_new (NULL);
  g_string_append_printf (msg, "%s\n  expected %u:\n", what, n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (msg, "    [%s]\n", expected[i]);
  g_string_append_printf (msg, "  got %u:\n", got->len);
  for (guint i = 0; i < got->len; i++)
    g_string_append_printf (msg, "    [%s]\n", (char *) g_ptr_array_index (got, i));
  g_test_fail_printf ("%s", msg->str);
  g_string_free (msg, TRUE);
}

void
bitext_test_rm_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          bitext_test_rm_tree (child);
        }
    }
  (void) g_remove (path);
}

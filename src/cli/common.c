/* bitext CLI — helpers shared by the subcommands. */
#include "common.h"

#include <fcntl.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <bitext/error.h>

#include "text-private.h"

gboolean
bitext_output_open (BitextOutput *out, const char *path, GError **error)
{
  memset (out, 0, sizeof *out);
  if (path == NULL || strcmp (path, "-") == 0)
    {
      out->stream = stdout;
      return TRUE;
    }
  /* A device or a pipe (-o /dev/null, a FIFO) is written in place: renaming a temporary
     file over it would replace the device node itself. */
  GStatBuf st;
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      out->stream = fopen (path, "w");
      if (out->stream == NULL)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                       g_strerror (saved));
          return FALSE;
        }
      out->path = g_strdup (path);
      return TRUE;
    }
  out->path = g_strdup (path);
  out->tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  /* 0666 less the umask, as any new file (mkstemp alone gives 0600). */
  int fd = g_mkstemp_full (out->tmp_path, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      g_clear_pointer (&out->tmp_path, g_free);
      g_clear_pointer (&out->path, g_free);
      return FALSE;
    }
  out->stream = fdopen (fd, "w");
  return TRUE;
}

gboolean
bitext_output_commit (BitextOutput *out, GError **error)
{
  const char *name = out->path != NULL ? out->path : "<stdout>";
  gboolean ok = fflush (out->stream) == 0 && !ferror (out->stream);
  int saved = errno;
  if (out->path != NULL)
    {
      ok = ok && (out->tmp_path == NULL || fsync (fileno (out->stream)) == 0);
      saved = ok ? saved : errno;
      ok = (fclose (out->stream) == 0) && ok;
      out->stream = NULL;
      if (ok && out->tmp_path != NULL && g_rename (out->tmp_path, out->path) != 0)
        {
          ok = FALSE;
          saved = errno;
        }
    }
  if (!ok)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: write failed: %s",
                   name, g_strerror (saved));
      bitext_output_abort (out);
      return FALSE;
    }
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->path, g_free);
  return TRUE;
}

void
bitext_output_abort (BitextOutput *out)
{
  if (out->path != NULL && out->stream != NULL)
    fclose (out->stream);
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  out->stream = NULL;
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->path, g_free);
}

/* Append @text as a JSON string literal (RFC 8259), UTF-8 kept as is. */
void
bitext_json_append_string (GString *out, const char *text)
{
  bitext__append_json_string (out, text);
}

GOptionContext *
bitext_option_context_new (const char *parameters, const char *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/* Parse; a usage error becomes a GError whose message names the command. */
gboolean
bitext_parse_options (GOptionContext *context, int *argc, char ***argv, GError **error)
{
  return g_option_context_parse (context, argc, argv, error);
}

/* A wrong-language error tells how to go on: the option that check and align share. */
void
bitext_language_hint (GError *error)
{
  if (error == NULL || !g_error_matches (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE))
    return;
  char *message = g_strconcat (error->message,
                               " (give the right --src-lang/--tgt-lang, or --no-language-check "
                               "to go on anyway)", NULL);
  g_free (error->message);
  error->message = message;
}

/* bitext CLI — helpers shared by the subcommands. */
#include "common.h"

#include <fcntl.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <bitext/document.h>
#include <bitext/error.h>

#include "file-private.h"
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
  /* Unnamed until the commit where the file system allows: a kill -9 leaves nothing behind. */
  int fd = bitext__tmp_open (path, &out->tmp_path);
  out->unnamed = fd >= 0 && out->tmp_path == NULL;
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
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
      ok = ok && ((out->tmp_path == NULL && !out->unnamed) || fsync (fileno (out->stream)) == 0);
      saved = ok ? saved : errno;
      if (ok && out->unnamed)
        {
          /* Give the file a temporary name, then rename it over the target at once: a kill
             between the two calls is the only one that leaves something, a whole copy. */
          ok = bitext__tmp_name (fileno (out->stream), out->path, &out->tmp_path);
          saved = ok ? saved : errno;
          out->unnamed = FALSE;
        }
      if (ok && out->tmp_path != NULL && g_rename (out->tmp_path, out->path) != 0)
        {
          ok = FALSE;
          saved = errno;
        }
      else if (ok)
        g_clear_pointer (&out->tmp_path, g_free);
      if (fclose (out->stream) != 0 && ok)
        {
          ok = FALSE;
          saved = errno;
        }
      out->stream = NULL;
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

gboolean
bitext_stdout_finish (GError **error)
{
  errno = 0;
  if (fflush (stdout) == 0 && !ferror (stdout))
    return TRUE;
  int saved = errno != 0 ? errno : EIO;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "<stdout>: write failed: %s",
               g_strerror (saved));
  return FALSE;
}

void
bitext_output_abort (BitextOutput *out)
{
  if (out->path != NULL && out->stream != NULL)
    fclose (out->stream);
  if (out->tmp_path != NULL && !out->unnamed)
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

/* ---- Input options: --input-format and --encoding ----------------------- */

static char *opt_input_format = NULL;
static char *opt_encoding = NULL;

static const GOptionEntry input_entries[] = {
  { "input-format", 0, 0, G_OPTION_ARG_STRING, &opt_input_format,
    "Read the inputs as FORMAT: auto (from their content; default), text, html, man, docx, odt, "
    "pdf; FMT1,FMT2 gives one per input", "FORMAT" },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding,
    "Encoding of text inputs (cp1251, KOI8-R, cp1252, UTF-16LE...; default: UTF-8 and UTF-16 "
    "are read, others detected); ENC1,ENC2 gives one per input", "ENC" },
  { NULL }
};

/* Add --input-format and --encoding to @context (commands that read texts). */
void
bitext_option_context_add_input (GOptionContext *context)
{
  GOptionGroup *group = g_option_group_new ("input", "Input options:", "Show the input options",
                                            NULL, NULL);
  g_option_group_add_entries (group, input_entries);
  g_option_context_add_group (context, group);
}

/* --input-format and --encoding for the two texts of a pair. */
gboolean
bitext_pair_input_options (BitextPairOptions *options, GError **error)
{
  return bitext_input_options (0, &options->input[0], error)
         && bitext_input_options (1, &options->input[1], error);
}

/* Item @index of the comma-separated @list (the last one if the list is shorter), or NULL. */
static char *
list_item (const char *list, guint index)
{
  if (list == NULL)
    return NULL;
  g_auto(GStrv) items = g_strsplit (list, ",", -1);
  guint n = g_strv_length (items);
  return n == 0 ? NULL : g_strdup (g_strstrip (items[MIN (index, n - 1)]));
}

/*
** Fill @options for input number @index (0: the first file) from
** --input-format and --encoding. The strings it points to live until the
** next call with the same @index.
*/
gboolean
bitext_input_options (guint index, BitextDocumentOptions *options, GError **error)
{
  static char *encodings[2];
  BitextDocumentOptions defaults = BITEXT_DOCUMENT_OPTIONS_INIT;
  *options = defaults;
  g_autofree char *format = list_item (opt_input_format, index);
  if (format != NULL && !bitext_format_from_name (format, &options->format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown --input-format '%s' (auto, text, html, man, docx, odt, pdf)", format);
      return FALSE;
    }
  guint slot = MIN (index, G_N_ELEMENTS (encodings) - 1);
  g_free (encodings[slot]);
  encodings[slot] = list_item (opt_encoding, index);
  options->encoding = encodings[slot] != NULL && encodings[slot][0] != '\0' ? encodings[slot] : NULL;
  return TRUE;
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

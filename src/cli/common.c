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

/* The option entries of the command being run (one command a process): its own, then --input's. */
static const GOptionEntry *command_entries[2];

GOptionContext *
bitext_option_context_new (const char *parameters, const char *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  command_entries[0] = entries;
  command_entries[1] = NULL;
  return context;
}

/* The entry of the running command named @name (@n bytes, long) or @c (short), or NULL. */
static const GOptionEntry *
find_entry (const char *name, gsize n, char c)
{
  for (guint g = 0; g < G_N_ELEMENTS (command_entries); g++)
    for (const GOptionEntry *e = command_entries[g]; e != NULL && e->long_name != NULL; e++)
      if (name != NULL ? strlen (e->long_name) == n && strncmp (e->long_name, name, n) == 0
                       : e->short_name == c)
        return e;
  return NULL;
}

static gboolean
takes_value (const GOptionEntry *e)
{
  if (e->arg == G_OPTION_ARG_CALLBACK)
    return (e->flags & (G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_OPTIONAL_ARG)) == 0;
  return e->arg != G_OPTION_ARG_NONE;
}

/* An option that keeps one value (the array kinds and callbacks gather theirs). */
static gboolean
keeps_one_value (const GOptionEntry *e)
{
  return e->arg == G_OPTION_ARG_STRING || e->arg == G_OPTION_ARG_FILENAME
         || e->arg == G_OPTION_ARG_INT || e->arg == G_OPTION_ARG_INT64
         || e->arg == G_OPTION_ARG_DOUBLE;
}

/*
** GOption keeps the last value of a one-value option given twice, silently:
** `align -d A.tsv -d B.tsv` would align with B alone, `check --format json
** --format html` would write HTML. A user who gives such an option twice
** meant both or one of them, so say so before parsing: "--dict given twice
** ('A.tsv', then 'B.tsv'); it takes one value". The options that can take
** several files (check's --glossary, --dnt, --ignore) are arrays and gather
** every value.
*/
static gboolean
refuse_repeated (int argc, char **argv, GError **error)
{
  const GOptionEntry *seen[64];
  const char *first[64];
  guint n_seen = 0;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i], *value = NULL;
      const GOptionEntry *e = NULL;
      if (strcmp (a, "--") == 0)
        break;
      if (a[0] != '-' || a[1] == '\0')
        continue;
      if (a[1] == '-')
        {
          const char *eq = strchr (a + 2, '=');
          e = find_entry (a + 2, eq != NULL ? (gsize) (eq - (a + 2)) : strlen (a + 2), 0);
          if (e == NULL || !takes_value (e))
            continue;
          value = eq != NULL ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        }
      else
        {
          /* A cluster of short options (-qf json): the first that takes a value ends it. */
          for (const char *p = a + 1; *p != '\0'; p++)
            {
              e = find_entry (NULL, 0, *p);
              if (e == NULL || takes_value (e))
                break;
            }
          if (e == NULL || !takes_value (e))
            continue;
          const char *p = strchr (a + 1, e->short_name);
          value = p[1] != '\0' ? p + 1 : i + 1 < argc ? argv[++i] : NULL;
        }
      if (value == NULL || !keeps_one_value (e))
        continue;
      guint k = 0;
      while (k < n_seen && seen[k] != e)
        k++;
      if (k < n_seen)
        {
          const char *command = g_get_prgname ();
          if (command != NULL && g_str_has_prefix (command, "bitext "))
            command += strlen ("bitext ");
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "%s: --%s given twice ('%s', then '%s'); it takes one value",
                       command != NULL ? command : "bitext", e->long_name, first[k], value);
          return FALSE;
        }
      if (n_seen < G_N_ELEMENTS (seen))
        {
          seen[n_seen] = e;
          first[n_seen++] = value;
        }
    }
  return TRUE;
}

/* Parse; a usage error becomes a GError whose message names the command. */
gboolean
bitext_parse_options (GOptionContext *context, int *argc, char ***argv, GError **error)
{
  return refuse_repeated (*argc, *argv, error) && g_option_context_parse (context, argc, argv, error);
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
  command_entries[1] = input_entries;
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

/* bench-make-corpus — a large, varied segmentation corpus made from a sample text.
 *
 * Usage: bench-make-corpus [--size MB] [--seed N] [--width COLUMNS] SAMPLE OUTPUT
 *
 * Splits SAMPLE into sentences crudely, at ". " (test data only: the
 * benchmark measures speed, not quality), and writes paragraphs of 3 to 12
 * sentences drawn from a deterministic shuffle (GRand, fixed seed) of them,
 * separated by blank lines, until OUTPUT holds at least --size MB (10^6
 * bytes). Each paragraph is, by a coin toss, one long line or word-wrapped
 * at --width code points, so the segmenter meets both. The same arguments
 * give the same bytes on every machine (GRand is a Mersenne Twister).
 *
 * OUTPUT is written to OUTPUT.tmp and renamed at the end, so an interrupted
 * run never leaves a truncated corpus that looks complete.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#define MB 1000000                      /* 10^6 bytes */
#define MIN_SENTENCES 3                 /* per paragraph, inclusive */
#define MAX_SENTENCES 12

static int opt_size_mb = 100;
static int opt_seed = 20240601;
static int opt_width = 72;
static char **opt_args;

static const GOptionEntry entries[] = {
  { "size", 's', 0, G_OPTION_ARG_INT, &opt_size_mb, "Target size in MB of 10^6 bytes (100)", "MB" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the shuffle", "N" },
  { "width", 'w', 0, G_OPTION_ARG_INT, &opt_width, "Wrap column of wrapped paragraphs (72)",
    "COLUMNS" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_args, NULL, "SAMPLE OUTPUT" },
  { NULL }
};

/*
** Append the sentences of one sample paragraph to @sentences: white space
** runs (line breaks included) become one space, then the text is cut after
** each ". ". Pieces keep their full stop.
*/
static void
add_paragraph_sentences (GPtrArray *sentences, const char *para)
{
  g_autoptr(GString) flat = g_string_new (NULL);

  for (const char *p = para; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);
      if (!space)
        g_string_append_c (flat, *p);
      else if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
        g_string_append_c (flat, ' ');
    }

  g_auto(GStrv) pieces = g_strsplit (flat->str, ". ", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *s = g_strstrip (pieces[i]);
      if (*s == '\0')
        continue;
      g_ptr_array_add (sentences,
                       pieces[i + 1] != NULL ? g_strconcat (s, ".", NULL) : g_strdup (s));
    }
}

/* The sample's sentences, in order; paragraphs end at blank lines. */
static GPtrArray *
load_sentences (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   "%s: not valid UTF-8", path);
      return NULL;
    }

  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) para = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (*line != '\0')
        {
          g_string_append (para, line);
          g_string_append_c (para, '\n');
          continue;
        }
      add_paragraph_sentences (sentences, para->str);
      g_string_truncate (para, 0);
    }
  add_paragraph_sentences (sentences, para->str);

  if (sentences->len < MIN_SENTENCES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: only %u sentences, need %d",
                   path, sentences->len, MIN_SENTENCES);
      return NULL;
    }
  return g_steal_pointer (&sentences);
}

/* A deck of sentence indices, reshuffled (Fisher-Yates) whenever it runs out. */
typedef struct
{
  GRand *rand;
  guint *order;
  guint n;
  guint next;
} Deck;

static guint
deck_draw (Deck *deck)
{
  if (deck->next == deck->n)
    {
      for (guint i = deck->n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (deck->rand, 0, i + 1);
          guint t = deck->order[i];
          deck->order[i] = deck->order[j];
          deck->order[j] = t;
        }
      deck->next = 0;
    }
  return deck->order[deck->next++];
}

/*
** Append @sentence to @out. When @width > 0, lines are wrapped greedily at
** spaces so that no line passes @width code points unless one word does.
** @column tracks the code points on the current line.
*/
static void
append_sentence (GString *out, const char *sentence, int width, long *column)
{
  g_auto(GStrv) words = g_strsplit (sentence, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      long len = g_utf8_strlen (words[i], -1);
      if (len == 0)
        continue;
      if (*column > 0)
        {
          gboolean wrap = width > 0 && *column + 1 + len > width;
          g_string_append_c (out, wrap ? '\n' : ' ');
          *column = wrap ? 0 : *column + 1;
        }
      g_string_append (out, words[i]);
      *column += len;
    }
}

static gboolean
write_corpus (const GPtrArray *sentences, FILE *f, const char *tmp, GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) opt_seed);
  g_autofree guint *order = g_new (guint, sentences->len);
  Deck deck = { rand, order, sentences->len, sentences->len };
  g_autoptr(GString) para = g_string_new (NULL);
  guint64 target = (guint64) opt_size_mb * MB;
  guint64 written = 0;
  guint64 n_paragraphs = 0, n_sentences = 0;

  for (guint i = 0; i < sentences->len; i++)
    order[i] = i;

  while (written < target)
    {
      int n = g_rand_int_range (rand, MIN_SENTENCES, MAX_SENTENCES + 1);
      int width = g_rand_boolean (rand) ? opt_width : 0;
      long column = 0;

      g_string_assign (para, n_paragraphs > 0 ? "\n" : "");
      for (int i = 0; i < n; i++)
        append_sentence (para, g_ptr_array_index (sentences, deck_draw (&deck)), width, &column);
      g_string_append_c (para, '\n');

      if (fwrite (para->str, 1, para->len, f) != para->len)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", tmp,
                       g_strerror (saved));
          return FALSE;
        }
      written += para->len;
      n_paragraphs++;
      n_sentences += n;
    }

  g_printerr ("bench-make-corpus: %" G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT
              " paragraphs, %" G_GUINT64_FORMAT " sentences drawn from %u\n",
              written, n_paragraphs, n_sentences, sentences->len);
  return TRUE;
}

static gboolean
make_corpus (const char *sample, const char *output, GError **error)
{
  g_autoptr(GPtrArray) sentences = load_sentences (sample, error);
  if (sentences == NULL)
    return FALSE;

  g_autofree char *tmp = g_strconcat (output, ".tmp", NULL);
  FILE *f = g_fopen (tmp, "wb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", tmp,
                   g_strerror (saved));
      return FALSE;
    }

  gboolean ok = write_corpus (sentences, f, tmp, error);
  if (fclose (f) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", tmp,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, output) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", output,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("SAMPLE OUTPUT");
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, "Write a corpus of shuffled sample sentences for "
                                         "bench-segment.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-make-corpus: %s\n", error->message);
      return 2;
    }
  if (opt_args == NULL || g_strv_length (opt_args) != 2 || opt_size_mb < 1 || opt_width < 0)
    {
      g_printerr ("usage: bench-make-corpus [--size MB] [--seed N] [--width COLUMNS] "
                  "SAMPLE OUTPUT\n");
      return 2;
    }

  int status = 0;
  if (!make_corpus (opt_args[0], opt_args[1], &error))
    {
      g_printerr ("bench-make-corpus: %s\n", error->message);
      status = 2;
    }
  g_strfreev (opt_args);
  return status;
}

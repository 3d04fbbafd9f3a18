/* bitext tests — the aligned pair: constructors, edits with undo and redo, realignment, pair file. */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pair-private.h"
#include "test-util.h"

/* Six sentences in two paragraphs, and their translation (written for these tests). */
static const char EN[] =
  "The station was built in 1957 near the river.\n"
  "It had two radar towers and a small command post.\n"
  "\n"
  "In winter the road was closed for weeks.\n"
  "Supplies came by helicopter.\n"
  "By 1991 only twelve people worked there.\n"
  "The last of them left in 2003.\n";

static const char RU[] =
  "Станцию построили в 1957 году у реки.\n"
  "На ней были две радарные башни и небольшой командный пункт.\n"
  "\n"
  "Зимой дорогу закрывали на несколько недель.\n"
  "Припасы доставляли вертолётом.\n"
  "К 1991 году там работали только двенадцать человек.\n"
  "Последний из них уехал в 2003 году.\n";

static const char ALIGNED[] = "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5]";

typedef struct
{
  char *dir;
  char *src;
  char *tgt;
} Fixture;

static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
setup (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(GError) error = NULL;
  f->dir = g_dir_make_tmp ("bitext-pair-XXXXXX", &error);
  g_assert_no_error (error);
  f->src = write_file (f->dir, "station.en.txt", EN);
  f->tgt = write_file (f->dir, "station.ru.txt", RU);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  (void) data;
  bitext_test_rm_tree (f->dir);
  g_free (f->dir);
  g_free (f->src);
  g_free (f->tgt);
}

/* The beads as "[0]:[0] [1,2]:[1]", a confirmed bead marked with a '*'. */
static char *
beads_string (const BitextPair *pair)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < bitext_pair_get_n_beads (pair); i++)
    {
      g_autofree char *f = bitext_bead_format (bitext_pair_get_bead (pair, i));
      g_string_append_printf (s, "%s%s%s", i > 0 ? " " : "", f,
                              bitext_pair_is_confirmed (pair, i) ? "*" : "");
    }
  return g_string_free (s, FALSE);
}

static void
assert_beads (const BitextPair *pair, const char *expected)
{
  g_autofree char *got = beads_string (pair);
  g_assert_cmpstr (got, ==, expected);
}

/* @src and @tgt one sentence a line, English and Russian, aligned or with the beads of @beads. */
static BitextPair *
open_pair (const char *src, const char *tgt, const char *beads)
{
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.presegmented = TRUE;
  g_autoptr(GError) error = NULL;
  BitextPair *pair = beads != NULL ? bitext_pair_new_from_beads (src, tgt, beads, &options, &error)
                                   : bitext_pair_new_from_texts (src, tgt, &options, &error);
  g_assert_no_error (error);
  return pair;
}

static BitextPair *
new_lines_pair (const Fixture *f)
{
  return open_pair (f->src, f->tgt, NULL);
}

/* Constructors and accessors ------------------------------------------------------------------ */

static void
test_new_lines (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  assert_beads (pair, ALIGNED);
  g_assert_cmpint (bitext_pair_get_segmentation (pair), ==, BITEXT_PAIR_SEGMENT_LINES);
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE), ==, "en");
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET), ==, "ru");
  g_assert_cmpstr (bitext_pair_get_path (pair, BITEXT_PAIR_TARGET), ==, f->tgt);
  g_assert_cmpuint (bitext_pair_get_n_sentences (pair, BITEXT_PAIR_SOURCE), ==, 6);
  const BitextPairSentence *s = bitext_pair_get_sentence (pair, BITEXT_PAIR_TARGET, 2);
  g_assert_cmpstr (s->text, ==, "Зимой дорогу закрывали на несколько недель.");
  g_assert_cmpuint (s->paragraph, ==, 1);
  g_assert_cmpuint (s->start.line, ==, 4);
  g_assert_cmpuint (s->start.column, ==, 1);
  g_assert_cmpuint (s->end.line, ==, 4);
  g_assert_cmpuint (s->end.column, ==, g_utf8_strlen (s->text, -1));
  g_assert_cmpuint (s->source_offset, ==, strstr (RU, "Зимой") - RU);
  g_assert_cmpuint (s->source_end - s->source_offset, ==, strlen (s->text));
  g_assert_false (s->edited);
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, 0);
  g_assert_false (bitext_pair_can_undo (pair));
  g_assert_false (bitext_pair_is_modified (pair));
  g_autofree char *label = bitext_pair_dup_bead_label (pair, 1);
  g_assert_cmpstr (label, ==, "[1]:[1]");
  g_assert_cmpuint (bitext_pair_find_bead (pair, BITEXT_PAIR_TARGET, 4), ==, 4);
}

static void
test_new_segmented (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(GError) error = NULL;
  /* Languages guessed; the segmenter splits the lines of each paragraph into the same sentences. */
  g_autoptr(BitextPair) pair = bitext_pair_new_from_texts (f->src, f->tgt, NULL, &error);
  g_assert_no_error (error);
  assert_beads (pair, ALIGNED);
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE), ==, "en");
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET), ==, "ru");
  g_assert_cmpint (bitext_pair_get_segmentation (pair), ==, BITEXT_PAIR_SEGMENT_TEXT);
}

/*
** A Russian text full of commands, paths and URLs has more Latin letters
** than Cyrillic ones; its words (outside code spans, and not URLs or paths)
** are Russian.
*/
static void
test_guess_language_words (void)
{
  static const char html[] =
    "<html><body><p>Если система не загружается, выполните "
    "<code>apt-get install --reinstall grub-efi-amd64-signed shim-signed</code> и проверьте "
    "файл /etc/default/grub. Подробности на странице "
    "https://wiki.debian.org/SecureBoot/Troubleshooting/GrubEfiReinstall.</p></body></html>";
  static const char text[] =
    "Проверьте файлы /boot/efi/EFI/debian/grubx64.efi и /boot/efi/EFI/debian/shimx64.efi, "
    "затем выполните sudo update-grub (см. https://wiki.debian.org/GrubEFIReinstall).";
  static const struct { const char *name, *data; } cases[] = {
    { "commands.html", html }, { "commands.txt", text },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextDocument) doc = bitext_document_new_for_data (cases[i].name, cases[i].data,
                                                                    strlen (cases[i].data),
                                                                    &error);
      g_assert_no_error (error);
      gsize length;
      const char *all = bitext_document_get_text (doc, &length);
      /* Counted over all its letters, the text is English: the case tests something. */
      g_assert_cmpstr (bitext_guess_language (all, length), ==, "en");
      g_assert_cmpstr (bitext_pair__guess_language (doc), ==, "ru");
    }
}

static void
test_new_beads (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *beads = write_file (f->dir, "station.align",
                                       "[0,1]:[0,1]\n[2]:[2]\n[3]:[]\n[]:[3]\n[4]:[4]\n[5]:[5]\n");
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.presegmented = TRUE;
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_new_from_beads (f->src, f->tgt, beads, &options, &error);
  g_assert_no_error (error);
  assert_beads (pair, "[0,1]:[0,1] [2]:[2] [3]:[] []:[3] [4]:[4] [5]:[5]");
  guint n;
  const BitextQaUnit *units = bitext_pair_get_qa_units (pair, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (units[0].source, ==,
                   "The station was built in 1957 near the river. It had two radar towers and a "
                   "small command post.");
  g_assert_cmpstr (units[2].target, ==, "");
  g_assert_cmpuint (units[3].src_count, ==, 0);
  g_assert_cmpstr (bitext_pair_get_labels (pair)[3], ==, "[]:[3]");
  g_assert_null (bitext_pair_get_labels (pair)[6]);
  g_autoptr(GArray) pairs = bitext_pair_dup_text_pairs (pair);
  g_assert_cmpuint (pairs->len, ==, 4);
  g_assert_cmpstr (g_array_index (pairs, BitextTextPair, 3).target, ==,
                   "Последний из них уехал в 2003 году.");
}

static void
test_new_beads_errors (Fixture *f, gconstpointer data)
{
  (void) data;
  static const struct
  {
    const char *beads, *message;
  } cases[] = {
    { "[0]:[99]\n", "sentence 99 is past the end of the target (6 sentences)" },
    { "[0,2]:[0]\n", ":1: expected source sentence 1 here" },
    { "[0]:[0]\n[2]:[1]\n", ":2: expected source sentence 1 here" },
    { "[0,1,2,3,4,5]:[0,1,2,3,4]\n", "target sentences 5 to 5 are in no bead" },
  };
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.presegmented = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *beads = write_file (f->dir, "bad.align", cases[i].beads);
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextPair) pair = bitext_pair_new_from_beads (f->src, f->tgt, beads, &options,
                                                               &error);
      g_assert_null (pair);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_new_tmx (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *tmx = write_file (
      f->dir, "m.tmx",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
      "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
      "datatype=\"plaintext\"/><body>\n"
      "<tu tuid=\"a\"><prop type=\"x-bitext-bead\">2-1</prop><tuv xml:lang=\"en\"><seg>One. Two.</seg></tuv>"
      "<tuv xml:lang=\"ru\"><seg>Раз, два.</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Three.</seg></tuv></tu>\n"
      "<tu><tuv xml:lang=\"en\"><seg>Four.</seg></tuv><tuv xml:lang=\"ru\"><seg>Четыре.</seg></tuv></tu>\n"
      "</body></tmx>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_new_from_tmx (tmx, NULL, &error);
  g_assert_no_error (error);
  assert_beads (pair, "[0]:[0] [1]:[] [2]:[1]");
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET), ==, "ru");
  const char *const *labels = bitext_pair_get_labels (pair);
  g_assert_cmpstr (labels[0], ==, "tu a");
  g_assert_cmpstr (labels[1], ==, "tu #2");
  guint n;
  const BitextQaUnit *units = bitext_pair_get_qa_units (pair, &n);
  g_assert_cmpuint (units[0].src_count, ==, 2);
  g_assert_cmpuint (units[0].tgt_count, ==, 1);
  g_assert_cmpuint (units[2].src_count, ==, BITEXT_QA_COUNT_UNKNOWN);
}

/* Edits, undo and redo ------------------------------------------------------------------------ */

/* Make an edit, check the beads; undo, check the beads are back; redo, check again. */
#define EDIT_ROUND_TRIP(pair, call, expected)                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *before = beads_string (pair);                                                 \
    guint64 v = bitext_pair_get_version (pair);                                                    \
    g_autoptr(GError) e = NULL;                                                                    \
    g_assert_true (call);                                                                          \
    g_assert_no_error (e);                                                                         \
    assert_beads (pair, expected);                                                                 \
    g_assert_cmpuint (bitext_pair_get_version (pair), ==, v + 1);                                  \
    g_assert_true (bitext_pair_undo (pair, &e));                                                   \
    assert_beads (pair, before);                                                                   \
    g_assert_true (bitext_pair_redo (pair, &e));                                                   \
    assert_beads (pair, expected);                                                                 \
    g_assert_cmpuint (bitext_pair_get_version (pair), ==, v + 3);                                  \
  }                                                                                                \
  G_STMT_END

static void
test_edit_merge_split (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  EDIT_ROUND_TRIP (pair, bitext_pair_merge_next (pair, 1, &e),
                   "[0]:[0] [1,2]:[1,2] [3]:[3] [4]:[4] [5]:[5]");
  g_assert_cmpstr (bitext_pair_get_undo_name (pair), ==, "merge");
  EDIT_ROUND_TRIP (pair, bitext_pair_split (pair, 1, 1, 0, &e),
                   "[0]:[0] [1]:[] [2]:[1,2] [3]:[3] [4]:[4] [5]:[5]");
  EDIT_ROUND_TRIP (pair, bitext_pair_split (pair, 2, 1, 1, &e), "[0]:[0] [1]:[] [2]:[1] []:[2] [3]:[3] [4]:[4] [5]:[5]");
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_pair_merge_next (pair, 6, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_false (bitext_pair_split (pair, 0, 1, 1, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_false (bitext_pair_split (pair, 99, 0, 1, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, 9);
}

static void
test_edit_move (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  /* Target 1 up into bead 0: bead 1 keeps only its source sentence. */
  EDIT_ROUND_TRIP (pair, bitext_pair_move_sentence (pair, 1, BITEXT_PAIR_TARGET, FALSE, &e),
                   "[0]:[0,1] [1]:[] [2]:[2] [3]:[3] [4]:[4] [5]:[5]");
  /* Source 1 up too: bead 1 has nothing left and disappears. */
  EDIT_ROUND_TRIP (pair, bitext_pair_move_sentence (pair, 1, BITEXT_PAIR_SOURCE, FALSE, &e),
                   "[0,1]:[0,1] [2]:[2] [3]:[3] [4]:[4] [5]:[5]");
  /* And down again: source 1 to the start of bead 1. */
  EDIT_ROUND_TRIP (pair, bitext_pair_move_sentence (pair, 0, BITEXT_PAIR_SOURCE, TRUE, &e),
                   "[0]:[0,1] [1,2]:[2] [3]:[3] [4]:[4] [5]:[5]");
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_pair_move_sentence (pair, 0, BITEXT_PAIR_SOURCE, FALSE, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_false (bitext_pair_move_sentence (pair, 4, BITEXT_PAIR_TARGET, TRUE, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
}

static void
test_edit_detach (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  EDIT_ROUND_TRIP (pair, bitext_pair_detach_sentence (pair, BITEXT_PAIR_SOURCE, 3, &e),
                   "[0]:[0] [1]:[1] [2]:[2] [3]:[] []:[3] [4]:[4] [5]:[5]");
  EDIT_ROUND_TRIP (pair, bitext_pair_merge_next (pair, 4, &e),
                   "[0]:[0] [1]:[1] [2]:[2] [3]:[] [4]:[3,4] [5]:[5]");
  /* The last target sentence of a 1-2 bead leaves it after the rest. */
  EDIT_ROUND_TRIP (pair, bitext_pair_detach_sentence (pair, BITEXT_PAIR_TARGET, 4, &e),
                   "[0]:[0] [1]:[1] [2]:[2] [3]:[] [4]:[3] []:[4] [5]:[5]");
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_pair_detach_sentence (pair, BITEXT_PAIR_TARGET, 4, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_false (bitext_pair_detach_sentence (pair, BITEXT_PAIR_TARGET, 6, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
}

static void
test_edit_text (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  g_autoptr(GError) error = NULL;
  const char *fixed = "Припасы доставляли вертолётом и вездеходом.";
  g_assert_true (bitext_pair_set_sentence_text (pair, BITEXT_PAIR_TARGET, 3, fixed, &error));
  g_assert_no_error (error);
  const BitextPairSentence *s = bitext_pair_get_sentence (pair, BITEXT_PAIR_TARGET, 3);
  g_assert_cmpstr (s->text, ==, fixed);
  g_assert_true (s->edited);
  guint n;
  g_assert_cmpstr (bitext_pair_get_qa_units (pair, &n)[3].target, ==, fixed);
  g_assert_true (bitext_pair_undo (pair, &error));
  g_assert_cmpstr (s->text, ==, "Припасы доставляли вертолётом.");
  g_assert_false (s->edited);
  g_assert_cmpstr (bitext_pair_get_qa_units (pair, &n)[3].target, ==, "Припасы доставляли вертолётом.");
  g_assert_true (bitext_pair_redo (pair, &error));
  g_assert_cmpstr (s->text, ==, fixed);
  /* The same text again is no edit. */
  g_assert_true (bitext_pair_set_sentence_text (pair, BITEXT_PAIR_TARGET, 3, fixed, &error));
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, 3);
  g_assert_false (bitext_pair_set_sentence_text (pair, BITEXT_PAIR_TARGET, 3, "\xff", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
}

static void
test_edit_confirm (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  EDIT_ROUND_TRIP (pair, bitext_pair_set_confirmed (pair, 2, TRUE, &e),
                   "[0]:[0] [1]:[1] [2]:[2]* [3]:[3] [4]:[4] [5]:[5]");
  g_assert_cmpstr (bitext_pair_get_undo_name (pair), ==, "confirm");
  EDIT_ROUND_TRIP (pair, bitext_pair_set_confirmed (pair, 2, FALSE, &e), ALIGNED);
  g_assert_cmpstr (bitext_pair_get_undo_name (pair), ==, "unconfirm");
}

static void
test_history (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_pair_undo (pair, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  g_assert_true (bitext_pair_merge_next (pair, 0, &error));
  g_assert_true (bitext_pair_merge_next (pair, 0, &error));
  g_assert_true (bitext_pair_undo (pair, &error));
  g_assert_true (bitext_pair_can_redo (pair));
  g_assert_cmpstr (bitext_pair_get_redo_name (pair), ==, "merge");
  /* A new edit drops what could be redone. */
  g_assert_true (bitext_pair_set_confirmed (pair, 0, TRUE, &error));
  g_assert_false (bitext_pair_can_redo (pair));
  g_assert_false (bitext_pair_redo (pair, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  assert_beads (pair, "[0,1]:[0,1]* [2]:[2] [3]:[3] [4]:[4] [5]:[5]");
  g_assert_true (bitext_pair_undo (pair, &error));
  g_assert_true (bitext_pair_undo (pair, &error));
  assert_beads (pair, ALIGNED);
  g_assert_false (bitext_pair_can_undo (pair));
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, 6);
  g_assert_true (bitext_pair_is_modified (pair));
}

/* Realignment between confirmed beads ---------------------------------------------------------- */

/*
** The translation of EN with a sentence the translator added after the
** first (a note of their own), and the alignment a line-by-line tool made
** of it: every bead after the first is off by one.
*/
static const char RU_NOTE[] =
  "Станцию построили в 1957 году у реки.\n"
  "(Прим. пер.: река называлась Каменка.)\n"
  "На ней были две радарные башни и небольшой командный пункт.\n"
  "\n"
  "Зимой дорогу закрывали на несколько недель.\n"
  "Припасы доставляли вертолётом.\n"
  "К 1991 году там работали только двенадцать человек.\n"
  "Последний из них уехал в 2003 году.\n";

static const char DRIFT[] = "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5]\n[]:[6]\n";

static BitextPair *
new_drifted_pair (const Fixture *f)
{
  g_autofree char *tgt = write_file (f->dir, "note.ru.txt", RU_NOTE);
  g_autofree char *beads = write_file (f->dir, "drift.align", DRIFT);
  return open_pair (f->src, tgt, beads);
}

static void
test_realign_repairs_drift (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_drifted_pair (f);
  g_autoptr(GError) error = NULL;
  /* The fix: the note is a 0-1 bead of its own; its source sentence waits in a 1-0 bead. */
  g_assert_true (bitext_pair_detach_sentence (pair, BITEXT_PAIR_TARGET, 1, &error));
  assert_beads (pair, "[0]:[0] []:[1] [1]:[] [2]:[2] [3]:[3] [4]:[4] [5]:[5] []:[6]");
  g_assert_true (bitext_pair_set_confirmed (pair, 1, TRUE, &error));
  g_assert_true (bitext_pair_set_confirmed (pair, 0, TRUE, &error));
  guint64 v = bitext_pair_get_version (pair);
  g_assert_true (bitext_pair_realign (pair, &error));
  g_assert_no_error (error);
  assert_beads (pair, "[0]:[0]* []:[1]* [1]:[2] [2]:[3] [3]:[4] [4]:[5] [5]:[6]");
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, v + 1);
  g_assert_cmpstr (bitext_pair_get_undo_name (pair), ==, "realign");
  /* The realigned beads carry the aligner's scores and evidence again. */
  const BitextBead *b = bitext_pair_get_bead (pair, 5);
  g_assert_cmpuint (b->anchors, >, 0);
  g_assert_cmpfloat (b->score, <, 1.0);
  /* Realigning again finds the same beads: no step. */
  g_assert_true (bitext_pair_realign (pair, &error));
  g_assert_cmpuint (bitext_pair_get_version (pair), ==, v + 1);
  g_assert_true (bitext_pair_undo (pair, &error));
  assert_beads (pair, "[0]:[0]* []:[1]* [1]:[] [2]:[2] [3]:[3] [4]:[4] [5]:[5] []:[6]");
}

/* A confirmed bead is kept whatever the aligner thinks, and each side of it is aligned alone. */
static void
test_realign_keeps_anchors (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_pair_merge_next (pair, 2, &error));
  g_assert_true (bitext_pair_set_confirmed (pair, 2, TRUE, &error));
  g_assert_true (bitext_pair_split (pair, 0, 1, 0, &error));
  assert_beads (pair, "[0]:[] []:[0] [1]:[1] [2,3]:[2,3]* [4]:[4] [5]:[5]");
  g_assert_true (bitext_pair_realign (pair, &error));
  g_assert_no_error (error);
  assert_beads (pair, "[0]:[0] [1]:[1] [2,3]:[2,3]* [4]:[4] [5]:[5]");
}

/* The pair file --------------------------------------------------------------------------------- */

static char *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

/* A pair with every kind of edit in its history, one of them undone. */
static BitextPair *
edited_pair (const Fixture *f)
{
  BitextPair *pair = new_lines_pair (f);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_pair_merge_next (pair, 1, &error));
  g_assert_true (bitext_pair_set_sentence_text (pair, BITEXT_PAIR_TARGET, 3,
                                                "Припасы \"везли\" вертолётом.", &error));
  g_assert_true (bitext_pair_set_confirmed (pair, 0, TRUE, &error));
  g_assert_true (bitext_pair_detach_sentence (pair, BITEXT_PAIR_SOURCE, 5, &error));
  g_assert_true (bitext_pair_undo (pair, &error));
  g_assert_no_error (error);
  return pair;
}

static void
test_file_round_trip (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = edited_pair (f);
  g_autofree char *path = g_build_filename (f->dir, "station.json", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.json", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_pair_is_modified (pair));
  g_assert_true (bitext_pair_save_file (pair, path, &error));
  g_assert_no_error (error);
  g_assert_false (bitext_pair_is_modified (pair));
  g_autofree char *saved = read_all (path);
  g_assert_nonnull (strstr (saved, "\"format\" : \"bitext-pair\""));
  g_assert_nonnull (strstr (saved, "\"path\" : \"station.ru.txt\""));

  g_autoptr(BitextPair) loaded = bitext_pair_load_file (path, &error);
  g_assert_no_error (error);
  g_autofree char *b1 = beads_string (pair);
  assert_beads (loaded, b1);
  g_assert_cmpuint (bitext_pair_get_version (loaded), ==, bitext_pair_get_version (pair));
  g_assert_false (bitext_pair_is_modified (loaded));
  g_assert_cmpstr (bitext_pair_get_sentence (loaded, BITEXT_PAIR_TARGET, 3)->text, ==,
                   "Припасы \"везли\" вертолётом.");
  g_assert_true (bitext_pair_get_sentence (loaded, BITEXT_PAIR_TARGET, 3)->edited);
  g_assert_cmpstr (bitext_pair_get_undo_name (loaded), ==, "confirm");
  g_assert_cmpstr (bitext_pair_get_redo_name (loaded), ==, "detach");
  for (guint i = 0; i < bitext_pair_get_n_beads (pair); i++)
    g_assert_cmpmem (bitext_pair_get_bead (pair, i), sizeof (BitextBead),
                     bitext_pair_get_bead (loaded, i), sizeof (BitextBead));

  /* Saved again, byte for byte the same. */
  g_assert_true (bitext_pair_save_file (loaded, again, &error));
  g_autofree char *resaved = read_all (again);
  g_assert_cmpstr (resaved, ==, saved);

  /* The history works after the reload: redo, then undo everything. */
  g_assert_true (bitext_pair_redo (loaded, &error));
  assert_beads (loaded, "[0]:[0]* [1,2]:[1,2] [3]:[3] [4]:[4] [5]:[] []:[5]");
  while (bitext_pair_can_undo (loaded))
    g_assert_true (bitext_pair_undo (loaded, &error));
  g_assert_no_error (error);
  assert_beads (loaded, ALIGNED);
  g_assert_cmpstr (bitext_pair_get_sentence (loaded, BITEXT_PAIR_TARGET, 3)->text, ==,
                   "Припасы доставляли вертолётом.");
}

static void
test_file_tmx (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = new_lines_pair (f);
  g_autofree char *tmx = g_build_filename (f->dir, "station.tmx", NULL);
  g_autoptr(GError) error = NULL;
  BitextTmxWriteOptions write = BITEXT_TMX_WRITE_OPTIONS_INIT;
  write.date = 0;
  g_assert_true (bitext_pair_write_tmx_file (pair, tmx, &write, &error));
  g_assert_no_error (error);
  g_autoptr(BitextPair) units = bitext_pair_new_from_tmx (tmx, NULL, &error);
  g_assert_no_error (error);
  assert_beads (units, ALIGNED);
  g_assert_true (bitext_pair_merge_next (units, 4, &error));
  g_autofree char *path = g_build_filename (f->dir, "tmx.json", NULL);
  g_assert_true (bitext_pair_save_file (units, path, &error));
  g_autoptr(BitextPair) loaded = bitext_pair_load_file (path, &error);
  g_assert_no_error (error);
  assert_beads (loaded, "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4,5]:[4,5]");
  g_assert_cmpstr (bitext_pair_get_labels (loaded)[3], ==, "tu 4");
}

/* A memory's inline codes survive a pair read from it and written back (review's Save + TMX). */
static void
test_tmx_codes_round_trip (Fixture *f, gconstpointer data)
{
  (void) data;
#define CODED(text) "<bpt i=\"1\">&lt;span class=\"keycap\"&gt;</bpt>Enter<ept i=\"1\">&lt;/span&gt;</ept>" text
  g_autofree char *in = write_file (
      f->dir, "codes.tmx",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
      "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
      "datatype=\"html\"/><body><tu><tuv xml:lang=\"en\"><seg>Press " CODED (" to go on.")
      "</seg></tuv><tuv xml:lang=\"ru\"><seg>Нажмите " CODED (", чтобы продолжить.")
      "</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>" CODED (" again.")
      "</seg></tuv><tuv xml:lang=\"ru\"><seg>Снова " CODED (".")
      "</seg></tuv></tu></body></tmx>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_new_from_tmx (in, NULL, &error);
  g_assert_no_error (error);
  g_autofree char *out = g_build_filename (f->dir, "out.tmx", NULL);
  g_assert_true (bitext_pair_write_tmx_file (pair, out, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *written = NULL;
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<seg>Press " CODED (" to go on.") "</seg>"));
  g_assert_nonnull (strstr (written, "<seg>Нажмите " CODED (", чтобы продолжить.") "</seg>"));
  /* Two units merged: the second one's pair is renumbered, an `i` is unique in a segment. */
  g_assert_true (bitext_pair_merge_next (pair, 0, &error));
  g_assert_true (bitext_pair_write_tmx_file (pair, out, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<seg>Press " CODED (" to go on.") " <bpt i=\"2\">&lt;span "
                                     "class=\"keycap\"&gt;</bpt>Enter<ept i=\"2\">&lt;/span&gt;</ept> "
                                     "again.</seg>"));
  /* An edited sentence keeps the codes its text still holds, its words escaped as text. */
  g_assert_true (bitext_pair_set_sentence_text (
      pair, BITEXT_PAIR_TARGET, 0,
      "Нажмите & держите <span class=\"keycap\">Enter</span>, чтобы перейти дальше.", &error));
  g_assert_no_error (error);
  g_assert_true (bitext_pair_write_tmx_file (pair, out, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<seg>Нажмите &amp; держите " CODED (", чтобы перейти дальше.")
                                     " Снова <bpt i=\"2\">"));
  /* One of a pair deleted: TMX cannot write the other alone, the sentence goes as text. */
  g_assert_true (bitext_pair_set_sentence_text (pair, BITEXT_PAIR_TARGET, 0,
                                                "Нажмите Enter</span>, чтобы продолжить.", &error));
  g_assert_true (bitext_pair_write_tmx_file (pair, out, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<seg>Нажмите Enter&lt;/span&gt;, чтобы продолжить. Снова "
                                     "&lt;span class=\"keycap\"&gt;Enter&lt;/span&gt;.</seg>"));
#undef CODED
}

static void
test_file_source_changed (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = edited_pair (f);
  g_autofree char *path = g_build_filename (f->dir, "station.json", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_pair_save_file (pair, path, &error));
  /* One letter of the translation changed: the same number of sentences, another file. */
  g_autofree char *ru = g_strdup (RU);
  memcpy (strstr (ru, "1991"), "1992", 4);
  g_free (write_file (f->dir, "station.ru.txt", ru));
  g_autoptr(BitextPair) loaded = bitext_pair_load_file (path, &error);
  g_assert_null (loaded);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_SOURCE_CHANGED);
  g_assert_nonnull (strstr (error->message, "station.ru.txt changed since the pair was saved"));
  g_clear_error (&error);
  /* A text that is gone. */
  g_unlink (f->tgt);
  g_assert_null (bitext_pair_load_file (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_file_malformed (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = edited_pair (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = bitext_pair_save_to_data (pair, f->dir, NULL, &error);
  g_assert_no_error (error);
  static const struct
  {
    const char *from, *to, *message;
  } cases[] = {
    /* JSON syntax: line and column. */
    { "\"version\" : 1,", "\"version\" : 1,,", "p.json:3:16: Parse error: unexpected character" },
    { "\"format\" : \"bitext-pair\"", "\"format\" : \"bitext-tm\"", "p.json: format: \"bitext-tm\" is not" },
    { "\"version\" : 1", "\"version\" : 2", "p.json: version: version 2; this bitext reads version 1" },
    { "\"score\" : 1.0", "\"score\" : \"high\"", "p.json: beads[1]: \"score\" must be a number" },
    { "\"tgt_len\" : 1", "\"tgt_len\" : 2", "p.json: beads[1]: starts at sentences 1:1, not 1:2 where the bead before ends" },
    { "\"segmentation\" : \"lines\"", "\"segmentation\" : \"words\"", "p.json: (top): unknown segmentation \"words\"" },
    { "\"at\" : 1", "\"at\" : 3", "p.json: undo[0]: the edit does not apply" },
    { "\"confirmed\" : false", "\"confirmed\" : false, \"lone\" : {\"side\" : \"source\", \"sentence\" : 5}",
      "p.json: beads[1].lone: sentence 5 is not one of the bead's source sentences" },
    { "\"confirmed\" : false", "\"confirmed\" : false, \"lone\" : {\"side\" : \"left\", \"sentence\" : 1}",
      "p.json: beads[1].lone: unknown side \"left\"" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *at = strstr (good, cases[i].from);
      g_assert_nonnull (at);
      g_autoptr(GString) bad = g_string_new_len (good, at - good);
      g_string_append (bad, cases[i].to);
      g_string_append (bad, at + strlen (cases[i].from));
      g_autoptr(BitextPair) loaded = bitext_pair_load_data ("p.json", bad->str, bad->len, f->dir,
                                                            &error);
      g_assert_null (loaded);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: %s", i, error->message);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  g_autoptr(BitextPair) empty = bitext_pair_load_data ("p.json", "[]", 2, NULL, &error);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_autofree char *autosave = bitext_pair_dup_autosave_path ("work/station.json");
  g_assert_cmpstr (autosave, ==, "work/station.json.autosave");
}

/*
** A merged bead's lone sentence (BitextBead.lone_*) is saved and read back:
** the speech's draft, whose left-out sentence 33 the aligner merges into
** bead [32,33]:[35] (tests/test-align.c, /align/posterior/draft-lone).
*/
static void
test_file_lone (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *en = g_test_build_filename (G_TEST_DIST, "data", "speech.en.sent", NULL);
  g_autofree char *ru = g_test_build_filename (G_TEST_DIST, "data", "speech.ru-draft.sent", NULL);
  g_autoptr(BitextPair) pair = open_pair (en, ru, NULL);
  guint with_lone = 0;
  for (guint i = 0; i < bitext_pair_get_n_beads (pair); i++)
    with_lone += bitext_pair_get_bead (pair, i)->lone_side != BITEXT_LONE_NONE;
  g_assert_cmpuint (with_lone, ==, 1);
  g_autofree char *path = g_build_filename (f->dir, "draft.json", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_pair_save_file (pair, path, &error));
  g_autofree char *saved = read_all (path);
  g_assert_nonnull (strstr (saved, "\"lone\" : {\n"));
  g_autoptr(BitextPair) loaded = bitext_pair_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_pair_get_n_beads (loaded), ==, bitext_pair_get_n_beads (pair));
  for (guint i = 0; i < bitext_pair_get_n_beads (pair); i++)
    g_assert_cmpmem (bitext_pair_get_bead (pair, i), sizeof (BitextBead),
                     bitext_pair_get_bead (loaded, i), sizeof (BitextBead));
}

/* Texts read with --input-format and --encoding are read the same way when the pair reopens. */
static void
test_file_input_options (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *src = write_file (f->dir, "quoted.en", "<p>One line.</p>\n<p>Two lines.</p>\n");
  g_autoptr(GError) error = NULL;
  gsize n;
  g_autofree char *cp1251 = g_convert ("Одна строка.\nДве строки.\n", -1, "CP1251", "UTF-8",
                                       NULL, &n, &error);
  g_assert_no_error (error);
  g_autofree char *tgt = g_build_filename (f->dir, "quoted.ru", NULL);
  g_assert_true (g_file_set_contents (tgt, cp1251, (gssize) n, &error));
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.presegmented = TRUE;
  options.input[0].format = BITEXT_FORMAT_TEXT;
  options.input[1].encoding = "cp1251";
  g_autoptr(BitextPair) pair = bitext_pair_new_from_texts (src, tgt, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bitext_pair_get_sentence (pair, BITEXT_PAIR_SOURCE, 0)->text, ==,
                   "<p>One line.</p>");
  g_autofree char *path = g_build_filename (f->dir, "quoted.json", NULL);
  g_assert_true (bitext_pair_save_file (pair, path, &error));
  g_autofree char *saved = read_all (path);
  g_assert_nonnull (strstr (saved, "\"input_format\" : \"text\""));
  g_assert_nonnull (strstr (saved, "\"encoding\" : \"cp1251\""));
  g_autoptr(BitextPair) loaded = bitext_pair_load_file (path, &error);
  g_assert_no_error (error);
  for (guint side = 0; side < 2; side++)
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (bitext_pair_get_sentence (loaded, side, i)->text, ==,
                       bitext_pair_get_sentence (pair, side, i)->text);
  g_assert_cmpstr (bitext_pair_get_sentence (loaded, BITEXT_PAIR_TARGET, 1)->text, ==,
                   "Две строки.");
  /* A stored format bitext does not know is refused with its place. */
  g_autoptr(GString) bad = g_string_new (saved);
  g_string_replace (bad, "\"input_format\" : \"text\"", "\"input_format\" : \"rtf\"", 1);
  g_assert_null (bitext_pair_load_data ("p.json", bad->str, bad->len, f->dir, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "p.json: source: \"input_format\": \"rtf\" is not a format bitext reads");
}

/* The pair file keeps whether the installed FreeDict dictionary aligns the pair; a pair
   file written before that member existed aligned without it. */
static void
test_file_installed_dict (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr(BitextPair) pair = edited_pair (f);
  g_autoptr(GError) error = NULL;
  pair->installed_dict = TRUE;
  g_autofree char *saved = bitext_pair_save_to_data (pair, f->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "\"installed_dict\" : true"));
  g_autoptr(BitextPair) loaded = bitext_pair_load_data ("p.json", saved, strlen (saved), f->dir,
                                                        &error);
  g_assert_no_error (error);
  g_assert_true (loaded->installed_dict);
  g_autoptr(GString) old = g_string_new (saved);
  g_string_replace (old, ",\n    \"installed_dict\" : true", "", 1);
  g_assert_null (strstr (old->str, "installed_dict"));
  g_autoptr(BitextPair) before = bitext_pair_load_data ("p.json", old->str, old->len, f->dir,
                                                        &error);
  g_assert_no_error (error);
  g_assert_false (before->installed_dict);
}

/* A save killed half-way (here by SIGXFSZ at a file size limit, as SIGKILL would)
   leaves the old pair file as it was and nothing beside it: the new one is written
   unnamed (O_TMPFILE) and named only when whole. */
static void
test_file_killed_mid_write (void)
{
  Fixture f = { 0 };
  const char *shared = g_getenv ("BITEXT_TEST_KILL_DIR");
  if (g_test_subprocess ())
    {
      f.dir = g_strdup (shared);
      f.src = g_build_filename (f.dir, "station.en.txt", NULL);
      f.tgt = g_build_filename (f.dir, "station.ru.txt", NULL);
      g_autoptr(BitextPair) pair = edited_pair (&f);
      g_autofree char *path = g_build_filename (f.dir, "station.json", NULL);
      struct rlimit none = { 0, 0 }, small = { 256, 256 };
      setrlimit (RLIMIT_CORE, &none);
      setrlimit (RLIMIT_FSIZE, &small);
      signal (SIGXFSZ, SIG_DFL);
      (void) bitext_pair_save_file (pair, path, NULL);
      exit (0);   /* not reached: the pair file is larger than 256 bytes */
    }
  setup (&f, NULL);
  g_autofree char *path = g_build_filename (f.dir, "station.json", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (path, "old bytes\n", -1, &error));
  g_setenv ("BITEXT_TEST_KILL_DIR", f.dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_autofree char *left = read_all (path);
  g_assert_cmpstr (left, ==, "old bytes\n");
  g_autoptr(GDir) dir = g_dir_open (f.dir, 0, &error);
  g_assert_no_error (error);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; n++)
    g_assert_true (g_str_equal (name, "station.json") || g_str_equal (name, "station.en.txt")
                   || g_str_equal (name, "station.ru.txt"));
  g_assert_cmpuint (n, ==, 3);
  teardown (&f, NULL);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/pair/new/lines", test_new_lines);
  ADD ("/pair/new/segmented", test_new_segmented);
  g_test_add_func ("/pair/guess-language/words", test_guess_language_words);
  ADD ("/pair/new/beads", test_new_beads);
  ADD ("/pair/new/beads-errors", test_new_beads_errors);
  ADD ("/pair/new/tmx", test_new_tmx);
  ADD ("/pair/edit/merge-split", test_edit_merge_split);
  ADD ("/pair/edit/move", test_edit_move);
  ADD ("/pair/edit/detach", test_edit_detach);
  ADD ("/pair/edit/text", test_edit_text);
  ADD ("/pair/edit/confirm", test_edit_confirm);
  ADD ("/pair/history", test_history);
  ADD ("/pair/realign/repairs-drift", test_realign_repairs_drift);
  ADD ("/pair/realign/keeps-anchors", test_realign_keeps_anchors);
  ADD ("/pair/file/round-trip", test_file_round_trip);
  g_test_add_func ("/pair/file/killed-mid-write", test_file_killed_mid_write);
  ADD ("/pair/file/tmx", test_file_tmx);
  ADD ("/pair/tmx/codes-round-trip", test_tmx_codes_round_trip);
  ADD ("/pair/file/source-changed", test_file_source_changed);
  ADD ("/pair/file/malformed", test_file_malformed);
  ADD ("/pair/file/lone", test_file_lone);
  ADD ("/pair/file/input-options", test_file_input_options);
  ADD ("/pair/file/installed-dict", test_file_installed_dict);
  return g_test_run ();
}

/* Fuzz target: the dictd reader of `--dict` (Debian's FreeDict and Müller dictionaries).
 *
 * The input is an index (headword TAB offset TAB length lines, dictd's base64
 * numbers), then (after a NUL byte) the entries' text: every index line is
 * checked against the text and every entry it names parsed in the layout the
 * entries show, as `--dict NAME.index` reads them. The text is also parsed as one
 * entry of each layout when it is UTF-8, as the reader hands it over.
 */
#include "fuzz.h"

#include "dictd-private.h"

static void
count_entry (const char *headword, const char *const *translations, guint line,
             gpointer user_data)
{
  guint *n = user_data;
  (void) line;
  (void) headword;
  for (guint i = 0; translations[i] != NULL; i++)
    (*n)++;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *ix, *text;
  size_t ix_len, text_len;
  fuzz_split (data, size, &ix, &ix_len, &text, &text_len);
  g_autoptr(GBytes) bytes = g_bytes_new (text, text_len);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  (void) bitext_dictd__foreach_data ("fuzz.index", ix, ix_len, bytes, count_entry, &n, &error);
  if (g_utf8_validate (text, (gssize) text_len, NULL))
    {
      g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
      g_free (bitext_dictd__parse_entry (text, text_len, a));
      g_free (bitext_dictd__parse_indented_entry (text, text_len, b));
    }
  return 0;
}

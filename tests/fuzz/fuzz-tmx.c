/* Fuzz target: the TMX reader (bytes -> translation memory), then writing it back.
 * Seeds: tests/fuzz/corpus/tmx and, at run time, ../shared/tmx when present. */
#include "fuzz.h"

#include <stdlib.h>

#include <bitext/tmx.h>

#include "tmx-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  /* The options by the input's length, so that seed files stay plain TMX. */
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.inline_mode = size % 2 == 0 ? BITEXT_TMX_INLINE_KEEP : BITEXT_TMX_INLINE_STRIP;
  options.strict = size % 3 == 0;
  options.segments_only = size % 5 == 0;
  g_autoptr(BitextTm) tm = bitext_tmx_read_data ("fuzz.tmx", data, size, &options, &error);
  if (tm == NULL)
    return 0;
  for (guint i = 0; i < bitext_tm_get_n_units (tm); i++)
    {
      BitextTmUnit *unit = bitext_tm_get_unit (tm, i);
      for (guint v = 0; v < bitext_tm_unit_get_n_variants (unit); v++)
        {
          BitextTmVariant *variant = bitext_tm_unit_get_variant (unit, v);
          g_free (bitext_tm_variant_dup_plain_text (variant));
          /* The view QA reads (codes as bare tags): markup that entered must give one. */
          g_autoptr(GString) bare = g_string_new (NULL);
          if (!bitext_tmx__markup_to_tag_text (bitext_tm_variant_get_markup (variant), bare, NULL))
            abort ();
        }
    }
  BitextTmxWriteOptions write_options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  write_options.date = 0;
  g_free (bitext_tmx_write_to_data (tm, &write_options, NULL, NULL));
  return 0;
}

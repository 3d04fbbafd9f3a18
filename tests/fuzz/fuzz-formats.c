/* Fuzz target: the structured input formats, bytes -> a document or bilingual units.
 *
 * The first byte picks the reader. Bits 5-7: 0, 1 and 2 read the payload as a
 * bilingual input (PO, XLIFF, or told from the content), bit 3 then including
 * fuzzy and untranslated units; the other values read it as a document whose
 * format bits 0-2 give, told from the content (auto) or forced as
 * `--input-format` forces it: HTML, man page, DOCX, ODT, the rest auto (so
 * that detection and gzip are fuzzed most). PDF is
 * left to the document target's detection: poppler is not bitext's code, and a
 * page takes it milliseconds. Every paragraph's offsets and inline codes are
 * read back as check and review read them.
 */
#include "fuzz.h"

#include <bitext/bilingual.h>
#include <bitext/document.h>
#include <bitext/tm.h>

static const BitextFormat formats[] = {
  BITEXT_FORMAT_AUTO, BITEXT_FORMAT_HTML, BITEXT_FORMAT_MAN, BITEXT_FORMAT_DOCX, BITEXT_FORMAT_ODT,
};

static const BitextBilingualFormat bilingual[] = {
  BITEXT_BILINGUAL_PO, BITEXT_BILINGUAL_XLIFF, BITEXT_BILINGUAL_UNKNOWN,
};

static gboolean
read_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  (void) user_data;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, NULL);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, NULL) : NULL;
  if (src != NULL)
    (void) bitext_tm_variant_get_markup (src);
  if (tgt != NULL)
    (void) bitext_tm_variant_get_markup (tgt);
  return TRUE;
}

static void
read_document (const char *data, size_t size, BitextFormat format)
{
  BitextDocumentOptions options = BITEXT_DOCUMENT_OPTIONS_INIT;
  options.format = format;
  /* A zip bomb stops at the bound, as every input does; a small one keeps runs fast. */
  options.max_input = 1 << 22;
  g_autoptr(GError) error = NULL;
  BitextDocument *doc = bitext_document_new_for_data_with_options ("fuzz", data, size, &options,
                                                                  &error);
  if (doc == NULL)
    return;
  for (guint i = 0; i < bitext_document_get_n_paragraphs (doc); i++)
    {
      BitextSpan span = bitext_document_get_paragraph (doc, i);
      (void) bitext_document_get_position (doc, span.offset + span.length);
      (void) bitext_document_get_source_offset (doc, span.offset);
      g_free (bitext_document_dup_markup (doc, span.offset, span.length));
    }
  bitext_document_free (doc);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 sel = fuzz_take_selector (&data, &size);
  guint pick = sel >> 5;
  if (pick < G_N_ELEMENTS (bilingual))
    {
      BitextBilingualReadOptions options = BITEXT_BILINGUAL_READ_OPTIONS_INIT;
      options.include_fuzzy = options.include_untranslated = (sel & 8) != 0;
      BitextBilingualCounts counts;
      BitextTm *header = NULL;
      g_autoptr(GError) error = NULL;
      (void) bitext_bilingual_foreach_unit_data ("fuzz", (const char *) data, size,
                                                 bilingual[pick], &options, read_unit, NULL,
                                                 &counts, &header, &error);
      g_clear_pointer (&header, bitext_tm_free);
      return 0;
    }
  read_document ((const char *) data, size, formats[(sel & 7) % G_N_ELEMENTS (formats)]);
  return 0;
}

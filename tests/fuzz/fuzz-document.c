/* Fuzz target: the document reader, bytes -> paragraphs, on every encoding path.
 *
 * The first byte picks the path: bits 0-1 a byte order mark put in front of
 * the payload (none, UTF-8, UTF-16LE, UTF-16BE); bit 2 the streaming reader
 * over a file descriptor (read(2) in blocks) instead of memory; bit 3 the
 * whole-document API instead of the paragraph reader. Every paragraph's
 * offsets are mapped back to source positions, as check and review do.
 */
#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include <bitext/document.h>

static const char *const boms[] = { "", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff" };

static void
read_paragraphs (BitextReader *reader)
{
  BitextParagraph para;
  g_autoptr(GError) error = NULL;
  while (bitext_reader_next_paragraph (reader, &para, &error))
    {
      (void) bitext_reader_get_position (reader, para.text_offset);
      (void) bitext_reader_get_source_offset (reader, para.text_offset + para.length);
      bitext_reader_forget (reader, para.text_offset);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 sel = fuzz_take_selector (&data, &size);
  const char *bom = boms[sel & 3];
  gsize bom_len = strlen (bom);
  g_autofree char *input = g_malloc (bom_len + size + 1);
  memcpy (input, bom, bom_len);
  if (size > 0)
    memcpy (input + bom_len, data, size);
  gsize length = bom_len + size;

  if (sel & 8)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextDocument) doc = bitext_document_new_for_data ("fuzz.txt", input, length,
                                                                    &error);
      if (doc == NULL)
        return 0;
      gsize text_len = 0;
      (void) bitext_document_get_text (doc, &text_len);
      for (guint i = 0; i < bitext_document_get_n_paragraphs (doc); i++)
        {
          BitextSpan span = bitext_document_get_paragraph (doc, i);
          (void) bitext_document_get_position (doc, span.offset + span.length);
          (void) bitext_document_get_source_offset (doc, span.offset);
        }
      return 0;
    }
  if (sel & 4)
    {
      /* The file path: a memory file, read through /proc/self/fd like any file. */
      int fd = memfd_create ("fuzz-document", MFD_CLOEXEC);
      if (fd < 0)
        return 0;
      if (write (fd, input, length) == (ssize_t) length)
        {
          g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
          g_autoptr(GError) error = NULL;
          g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
          if (reader != NULL)
            read_paragraphs (reader);
        }
      close (fd);
      return 0;
    }
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("fuzz.txt", input, length);
  read_paragraphs (reader);
  return 0;
}

/* bitext — the error domain of libbitext. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

#define BITEXT_ERROR (bitext_error_quark ())

typedef enum
{
  BITEXT_ERROR_ENCODING,      /* input is not valid UTF-8 / UTF-16, or is binary */
  BITEXT_ERROR_PARSE,         /* a rules file, TMX or glossary is malformed */
  BITEXT_ERROR_SEGMENTATION,  /* ICU refused to segment */
  BITEXT_ERROR_LANGUAGE,      /* unknown or unsupported language code */
  BITEXT_ERROR_ALIGNMENT,
  BITEXT_ERROR_INPUT,         /* not a regular file, too large, ... */
  BITEXT_ERROR_INVALID_EDIT,  /* an edit of a pair that does not apply (index past the end, ...) */
  BITEXT_ERROR_SOURCE_CHANGED, /* a pair file's text differs from the one it was saved with */
  BITEXT_ERROR_WRONG_LANGUAGE, /* a text is not in the script of its language, or the two look swapped */
} BitextError;

BITEXT_API GQuark bitext_error_quark (void);

G_END_DECLS

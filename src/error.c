/* bitext — the BITEXT_ERROR domain. */
#include "bitext/error.h"

G_DEFINE_QUARK (bitext-error-quark, bitext_error)

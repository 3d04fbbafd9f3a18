/* bitext — the scripts a text is written in, and whether two texts are in the languages they claim. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/* Letters counted by Unicode script (ICU's uscript_getScript). */
typedef struct _BitextScriptCount BitextScriptCount;

BITEXT_API BitextScriptCount *bitext_script_count_new   (void);
BITEXT_API void               bitext_script_count_free  (BitextScriptCount *count);
BITEXT_API void               bitext_script_count_add   (BitextScriptCount *count,
                                                         const char *text, gssize length);
BITEXT_API guint              bitext_script_count_get_n_letters (const BitextScriptCount *count);
BITEXT_API gboolean           bitext_script_check_languages (const BitextScriptCount *source,
                                                             const char *src_lang,
                                                             const BitextScriptCount *target,
                                                             const char *tgt_lang,
                                                             GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextScriptCount, bitext_script_count_free)

G_END_DECLS

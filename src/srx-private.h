/* bitext — SRX 2.0 segmentation rules: parsing, compiling, evaluating (internal). */
#pragma once

#include <glib.h>
#include <unicode/utypes.h>

G_BEGIN_DECLS

typedef struct _BitextSrx BitextSrx;         /* a parsed SRX document */
typedef struct _BitextRuleSet BitextRuleSet; /* the compiled rules for one language */

typedef enum
{
  BITEXT_RULE_NONE = -1,     /* no rule matched here */
  BITEXT_RULE_NO_BREAK = 0,
  BITEXT_RULE_BREAK = 1,
} BitextRuleDecision;

BitextSrx     *bitext_srx__load_file    (const char *path, GError **error);
BitextSrx     *bitext_srx__load_data    (const char *name, const char *data, gsize length,
                                         GError **error);
BitextSrx     *bitext_srx__load_default (GError **error);
void           bitext_srx__free         (BitextSrx *srx);
guint          bitext_srx__get_n_rules  (const BitextSrx *srx);

BitextRuleSet *bitext_srx__compile      (const BitextSrx *srx, const char *lang, GError **error);
void           bitext_rule_set__free    (BitextRuleSet *rules);
BitextRuleSet *bitext_rule_set__clone   (const BitextRuleSet *rules, GError **error);
guint          bitext_rule_set__get_n_rules (const BitextRuleSet *rules);
void           bitext_rule_set__set_text (BitextRuleSet *rules, const UChar *text, int32_t length);
int32_t        bitext_rule_set__next_break (const BitextRuleSet *rules, const UChar *text,
                                            int32_t length, int32_t from);
BitextRuleDecision bitext_rule_set__decide (BitextRuleSet *rules, int32_t pos);
gsize          bitext_rule_set__get_index_size (const BitextRuleSet *rules, guint *n_rows,
                                                guint *n_positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextSrx, bitext_srx__free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextRuleSet, bitext_rule_set__free)

G_END_DECLS

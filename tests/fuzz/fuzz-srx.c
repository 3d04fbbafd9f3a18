/* Fuzz target: the SRX loader, the rule compiler and the segmenter's rule engine.
 *
 * The input is an SRX document, then (after a NUL byte) a text. The rules are
 * compiled for "en" and for the language named by the first map, and every
 * position of the text where a break rule may fire is decided, as the
 * segmenter does.
 */
#include "fuzz.h"

#include <unicode/ustring.h>

#include "srx-private.h"

static void
run_rules (const BitextSrx *srx, const char *lang, const UChar *text, int32_t length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextRuleSet) rules = bitext_srx__compile (srx, lang, &error);
  if (rules == NULL)
    return;
  bitext_rule_set__set_text (rules, text, length);
  for (int32_t p = 1; p <= length; p++)
    {
      p = bitext_rule_set__next_break (rules, text, length, p);
      if (p > length)
        break;
      (void) bitext_rule_set__decide (rules, p);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *xml, *text;
  size_t xml_len, text_len;
  fuzz_split (data, size, &xml, &xml_len, &text, &text_len);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSrx) srx = bitext_srx__load_data ("fuzz.srx", xml, xml_len, &error);
  if (srx == NULL)
    return 0;
  (void) bitext_srx__get_n_rules (srx);

  const char *sample = "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 3. They left! Did they? Yes.";
  if (text_len == 0 || !g_utf8_validate_len (text, text_len, NULL))
    {
      text = sample;
      text_len = strlen (sample);
    }
  g_autofree UChar *u16 = g_new (UChar, text_len + 1);
  int32_t u16_len = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8 (u16, (int32_t) text_len + 1, &u16_len, text, (int32_t) text_len, &status);
  if (U_FAILURE (status))
    return 0;
  run_rules (srx, "en", u16, u16_len);
  run_rules (srx, "ru-RU", u16, u16_len);
  return 0;
}

/* bitext tests — reports: the HTML marks (nesting, crossing spans, Cyrillic, escaping) and the
 * terminal view (markers, width). */
#include <locale.h>
#include <string.h>

#include "test-util.h"

/* A finding on unit 0 with byte spans into @src and @tgt (-1: none). */
static BitextFinding *
finding (BitextCheck check, BitextSeverity sev, const char *src, gssize sa, gssize sb,
         const char *tgt, gssize ta, gssize tb, const char *message)
{
  BitextFinding *f = g_new0 (BitextFinding, 1);
  f->check = check;
  f->severity = sev;
  f->message = g_strdup (message);
  f->source_span = sa < 0 ? (BitextQaSpan) { -1, -1, -1, -1 }
                          : (BitextQaSpan) { g_utf8_pointer_to_offset (src, src + sa),
                                             g_utf8_pointer_to_offset (src, src + sb), sa, sb };
  f->target_span = ta < 0 ? (BitextQaSpan) { -1, -1, -1, -1 }
                          : (BitextQaSpan) { g_utf8_pointer_to_offset (tgt, tgt + ta),
                                             g_utf8_pointer_to_offset (tgt, tgt + tb), ta, tb };
  f->text = ta >= 0 ? g_strndup (tgt + ta, (gsize) (tb - ta)) : g_strdup ("");
  return f;
}

/* The <td class="tgt"> (or "src") cell of unit @u in @html, as written. */
static char *
cell (const char *html, guint u, const char *side)
{
  g_autofree char *id = g_strdup_printf ("id=\"u-%u\"", u);
  const char *p = strstr (html, id);
  g_assert_nonnull (p);
  g_autofree char *open = g_strdup_printf ("<td class=\"%s\">", side);
  p = strstr (p, open);
  g_assert_nonnull (p);
  p += strlen (open);
  const char *end = strstr (p, "</td>");
  return g_strndup (p, (gsize) (end - p));
}

static const char src[] = "Over 30 states <b>& NATO</b>.";
static const char tgt[] = "Более 13 государств НАТО.";   /* Cyrillic: 2 bytes a letter */

static char *
render_html (GPtrArray *findings)
{
  BitextQaUnit units[] = { { src, tgt, 7, 1, 1 } };
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  const char *labels[] = { "[0]:[0]" };
  options.labels = labels;
  options.source_name = "a<b>.en";
  options.date = 0;
  g_autoptr(GString) out = g_string_new (NULL);
  bitext_report_append_html (out, units, 1, findings, &options);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A number finding: "13" in Cyrillic text is marked by its byte span, "30" in the source. */
static void
test_html_marks (void)
{
  g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
  gsize t13 = (gsize) (strstr (tgt, "13") - tgt);
  g_ptr_array_add (f, finding (BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, src, 5, 7, tgt,
                               (gssize) t13, (gssize) t13 + 2, "'30' became '13' <x>"));
  g_autofree char *html = render_html (f);
  g_autofree char *t = cell (html, 0, "tgt");
  g_assert_cmpstr (t, ==, "Более <mark class=\"check-number sev-error\" data-check=\"number\" "
                          "data-severity=\"error\" data-finding=\"0\" title=\"&apos;30&apos; "
                          "became &apos;13&apos; &lt;x&gt;\">13</mark> государств НАТО.");
  g_autofree char *s = cell (html, 0, "src");
  g_assert_true (g_str_has_prefix (s, "Over <mark class=\"check-number sev-error\""));
  g_assert_true (g_str_has_suffix (s, ">30</mark> states &lt;b&gt;&amp; NATO&lt;/b&gt;."));
  /* Input names are escaped; nothing is fetched from elsewhere. */
  g_assert_nonnull (strstr (html, "a&lt;b&gt;.en"));
  g_assert_null (strstr (html, "a<b>.en"));
  g_assert_null (strstr (html, "http"));
  g_assert_nonnull (strstr (html, "<a href=\"#f-0\">number</a>"));
  g_assert_nonnull (strstr (html, "<time>1970-01-01 00:00 UTC</time>"));
}

/* Nested spans nest; crossing spans are split so each piece is well nested. */
static void
test_html_nesting (void)
{
  g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
  /* "Более 13 государств" [0, 30) holds "13"; "государств НАТО" crosses the first. */
  gsize a = (gsize) (strstr (tgt, "13") - tgt), g = (gsize) (strstr (tgt, "государств") - tgt);
  gsize n = (gsize) (strstr (tgt, "НАТО") - tgt) + strlen ("НАТО");
  g_ptr_array_add (f, finding (BITEXT_CHECK_OMISSION, BITEXT_SEVERITY_WARNING, src, -1, -1, tgt,
                               0, (gssize) (g + strlen ("государств")), "o"));
  g_ptr_array_add (f, finding (BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, src, -1, -1, tgt,
                               (gssize) a, (gssize) a + 2, "n"));
  g_ptr_array_add (f, finding (BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_INFO, src, -1, -1, tgt,
                               (gssize) g, (gssize) n, "p"));
  g_autofree char *html = render_html (f);
  g_autofree char *t = cell (html, 0, "tgt");
  /* Attributes left out for reading: keep only the finding numbers. */
  g_autoptr(GRegex) re = g_regex_new ("<mark [^>]*data-finding=\"(\\d)\"[^>]*>", 0, 0, NULL);
  g_autofree char *shown = g_regex_replace (re, t, -1, 0, "<\\1>", 0, NULL);
  g_assert_cmpstr (shown, ==, "<0>Более <1>13</mark> <2>государств</mark></mark><2> НАТО</mark>.");
}

/* The terminal view: [[ ]] around flagged spans without colour, one line per finding. */
static void
test_text_markers (void)
{
  g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
  gsize t13 = (gsize) (strstr (tgt, "13") - tgt);
  g_ptr_array_add (f, finding (BITEXT_CHECK_NUMBER, BITEXT_SEVERITY_ERROR, src, 5, 7, tgt,
                               (gssize) t13, (gssize) t13 + 2, "'30' became '13'"));
  BitextQaUnit units[] = { { src, tgt, 0, 1, 1 }, { "Clean.", "Чисто.", 1, 1, 1 } };
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  options.width = 85;       /* 40 columns a side */
  g_autoptr(GString) out = g_string_new (NULL);
  bitext_report_append_text (out, units, 2, f, &options);
  g_assert_cmpstr (out->str, ==,
                   "── 0\n"
                   "  Over [[30]] states <b>& NATO</b>.        │ Более [[13]] государств НАТО.\n"
                   "  error   number               '30' became '13'\n"
                   "\n"
                   "1 findings in 2 units\n"
                   "  check                 error  warning   info\n"
                   "  number                    1        0      0\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/html/marks", test_html_marks);
  g_test_add_func ("/report/html/nesting", test_html_nesting);
  g_test_add_func ("/report/text/markers", test_text_markers);
  return g_test_run ();
}

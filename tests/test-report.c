/* bitext tests — reports: the HTML marks (nesting, crossing spans, Cyrillic, escaping) and the
 * terminal view (markers, width). */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

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
                          "data-finding=\"0\" title=\"&apos;30&apos; "
                          "became &apos;13&apos; &lt;x&gt;\">13</mark> государств НАТО.");
  /* One row per finding, its check and severity said once. */
  g_assert_nonnull (strstr (html, "<tr class=\"finding\" id=\"f-0\" data-check=\"number\" "
                                  "data-severity=\"error\"><td></td><td colspan=\"2\" "
                                  "class=\"sev-error\"><span class=\"sev\">error</span> "
                                  "<span class=\"check\">number</span> &apos;30&apos; became "
                                  "&apos;13&apos; &lt;x&gt; <q class=\"flagged\">13</q></td></tr>\n"));
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

/* Read @path whole (a test failure when it cannot). */
static char *
slurp (const char *path, gsize *length)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/* Every href of @html: "#f-K" (same page), "NAME" or "NAME#f-K" (a page beside it). */
static void
check_links (const char *dir, const char *html)
{
  g_autoptr(GRegex) href = g_regex_new ("href=\"([^\"#]*)(?:#([^\"]*))?\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  guint n = 0;
  for (g_regex_match (href, html, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *name = g_match_info_fetch (m, 1);
      g_autofree char *id = g_match_info_fetch (m, 2);
      g_assert_null (strchr (name, '/'));
      g_assert_null (strchr (name, ':'));     /* no scheme: nothing outside the folder */
      g_autofree char *target = NULL;
      if (name[0] == '\0')
        target = g_strdup (html);
      else
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          target = slurp (path, NULL);
        }
      if (id != NULL && id[0] != '\0')
        {
          g_autofree char *attr = g_strdup_printf ("id=\"%s\"", id);
          g_assert_nonnull (strstr (target, attr));
        }
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/*
** A big report is an index and pages of at most page_bytes: every pair and
** every finding on exactly one page, links to pages and findings that
** exist, nothing fetched from the network, hostile text escaped.
*/
static void
test_html_pages (void)
{
  enum { N = 3000 };
  static const char hostile[] = "<script>alert(1)</script> & \"x\" <img src=http://e.invalid/>";
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree BitextQaUnit *units = g_new0 (BitextQaUnit, N);
  g_autoptr(GPtrArray) f = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
  for (guint u = 0; u < N; u++)
    {
      char *s = g_strdup_printf ("Unit %u: over 30 states %s.", u, hostile);
      char *t = g_strdup_printf ("Пара %u: более 13 государств %s.", u, hostile);
      g_ptr_array_add (texts, s);
      g_ptr_array_add (texts, t);
      units[u] = (BitextQaUnit) { s, t, u, 1, 1 };
      if (u % 3 == 0)
        {
          gsize a = (gsize) (strstr (t, "13") - t);
          BitextFinding *x = finding (u % 2 ? BITEXT_CHECK_NUMBER : BITEXT_CHECK_PUNCTUATION,
                                      BITEXT_SEVERITY_ERROR, s, -1, -1, t, (gssize) a,
                                      (gssize) a + 2, hostile);
          x->unit = u;
          x->index = u;
          g_ptr_array_add (f, x);
        }
    }
  g_autofree char *dir = g_dir_make_tmp ("bitext-report-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  options.source_name = hostile;
  options.page_bytes = 100000;
  guint n_pages = 0;
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_report_write_html (path, units, N, f, &options, NULL, NULL, &n_pages, &error));
  g_assert_no_error (error);
  /* One page would be about 1.3 MB: at least 13 pages of 100 kB. */
  g_assert_cmpuint (n_pages, >=, 13);
  g_autofree char *index = slurp (path, NULL);
  check_links (dir, index);
  guint units_seen = 0, findings_seen = 0;
  /* A tag with an attribute that names a scheme ("http:", "data:"): something fetched. */
  g_autoptr(GRegex) external
      = g_regex_new ("<[a-z]+(\\s+[a-z-]+(=\"[^\"]*\")?)*\\s+(src|href)=\"[a-z]+:", 0, 0, NULL);
  g_assert_true (g_regex_match (external, "<a class=\"x\" href=\"http://e.invalid/\">", 0, NULL));
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *name = g_strdup_printf ("%s/report-%u.html", dir, p);
      gsize length = 0;
      g_autofree char *page = slurp (name, &length);
      g_assert_cmpuint (length, <=, options.page_bytes);
      g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
      g_assert_true (g_str_has_suffix (page, "</html>\n"));
      g_assert_null (strstr (page, "<script>alert"));
      g_assert_null (strstr (page, "<img"));
      /* No tag loads anything: the hostile URL is only escaped text. */
      g_assert_false (g_regex_match (external, page, 0, NULL));
      g_assert_nonnull (strstr (page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
      for (const char *q = page; (q = strstr (q, "<tbody class=\"unit")) != NULL; q++)
        units_seen++;
      for (const char *q = page; (q = strstr (q, "<tr class=\"finding\" id=\"f-")) != NULL; q++)
        findings_seen++;
      check_links (dir, page);
      g_autofree char *here = g_strdup_printf ("page %u of %u", p, n_pages);
      g_assert_nonnull (strstr (page, here));
    }
  g_assert_cmpuint (units_seen, ==, N);
  g_assert_cmpuint (findings_seen, ==, f->len);
  g_autofree char *after = g_strdup_printf ("%s/report-%u.html", dir, n_pages + 1);
  g_assert_false (g_file_test (after, G_FILE_TEST_EXISTS));
  /* A report that fits is one page, as bitext_report_append_html() writes it. */
  options.page_bytes = 0;
  options.date = 0;
  g_autofree char *small = g_build_filename (dir, "small.html", NULL);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  for (guint k = 0; k < f->len && ((BitextFinding *) f->pdata[k])->unit < 10; k++)
    g_ptr_array_add (first, f->pdata[k]);
  g_assert_true (bitext_report_write_html (small, units, 10, first, &options, NULL, NULL, &n_pages, &error));
  g_assert_cmpuint (n_pages, ==, 1);
  g_autofree char *written = slurp (small, NULL);
  g_autoptr(GString) same = g_string_new (NULL);
  bitext_report_append_html (same, units, 10, first, &options);
  g_assert_cmpstr (written, ==, same->str);
  bitext_test_rm_tree (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/html/marks", test_html_marks);
  g_test_add_func ("/report/html/nesting", test_html_nesting);
  g_test_add_func ("/report/html/pages", test_html_pages);
  g_test_add_func ("/report/text/markers", test_text_markers);
  return g_test_run ();
}

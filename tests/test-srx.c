/* bitext tests — SRX 2.0 rules: parsing, language maps, rule semantics. */
#include <string.h>

#include <glib/gstdio.h>

#include "srx-pattern-private.h"
#include "srx-private.h"
#include "test-util.h"

#define SRX_HEAD "<?xml version=\"1.0\"?>\n<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n" \
                 "<header segmentsubflows=\"yes\" cascade=\"%s\"/>\n<body>\n<languagerules>\n"
#define SRX_TAIL "</languagerules>\n<maprules>\n%s</maprules>\n</body>\n</srx>\n"

static char *
write_srx (const char *cascade, const char *rules, const char *maps)
{
  g_autofree char *dir = g_dir_make_tmp ("bitext-srx-XXXXXX", NULL);
  char *path = g_build_filename (dir, "rules.srx", NULL);
  g_autofree char *head = g_strdup_printf (SRX_HEAD, cascade);
  g_autofree char *tail = g_strdup_printf (SRX_TAIL, maps);
  g_autofree char *xml = g_strconcat (head, rules, tail, NULL);
  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  return path;
}

static void
remove_srx (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_remove (path);
  g_rmdir (dir);
}

/* A user's rule file replaces bitext's rules: "Dr." no longer protected, "Abc." is. */
static void
test_custom_rules (void)
{
  g_autofree char *path = write_srx (
      "yes",
      "<languagerule languagerulename=\"Mine\">\n"
      "<rule break=\"no\"><beforebreak>\\bAbc\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\"en.*\" languagerulename=\"Mine\"/>\n");
  static const char *const expected[] = { "Abc. Def ghi.", "Dr.", "Who came.", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx ("en", path, "Abc. Def ghi. Dr. Who came.");
  bitext_test_assert_strv ("custom", got, expected);
  remove_srx (path);
}

/* Break rules add boundaries ICU does not see: here after every semicolon. */
static void
test_break_rule (void)
{
  g_autofree char *path = write_srx (
      "no",
      "<languagerule languagerulename=\"Semi\">\n"
      "<rule break=\"yes\"><beforebreak>;</beforebreak><afterbreak>\\s+(?:and|or)\\b</afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\".*\" languagerulename=\"Semi\"/>\n");
  static const char *const expected[] = { "Red;", "and blue;", "or green; yellow.", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx ("xx", path, "Red; and blue; or green; yellow.");
  bitext_test_assert_strv ("break", got, expected);
  remove_srx (path);
}

/* cascade="no" uses the first matching map only; "yes" uses all, in order. */
static void
test_cascade (void)
{
  const char *rules =
      "<languagerule languagerulename=\"A\">\n"
      "<rule break=\"no\"><beforebreak>\\bAa\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "</languagerule>\n"
      "<languagerule languagerulename=\"B\">\n"
      "<rule break=\"no\"><beforebreak>\\bBb\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "</languagerule>\n";
  const char *maps = "<languagemap languagepattern=\"EN.*\" languagerulename=\"A\"/>\n"
                     "<languagemap languagepattern=\".*\" languagerulename=\"B\"/>\n";
  const char *text = "One Aa. Two Bb. Three.";
  g_autofree char *no = write_srx ("no", rules, maps);
  static const char *const first_only[] = { "One Aa. Two Bb.", "Three.", NULL };
  g_autoptr(GPtrArray) got_no = bitext_test_segment_srx ("en-GB", no, text);
  bitext_test_assert_strv ("cascade=no", got_no, first_only);
  remove_srx (no);
  g_autofree char *yes = write_srx ("yes", rules, maps);
  static const char *const both[] = { "One Aa. Two Bb. Three.", NULL };
  g_autoptr(GPtrArray) got_yes = bitext_test_segment_srx ("en-GB", yes, text);
  bitext_test_assert_strv ("cascade=yes", got_yes, both);
  remove_srx (yes);
}

/* Rules with unbounded beforebreak, groups, alternation, classes and \b. */
static void
test_rule_shapes (void)
{
  g_autofree char *path = write_srx (
      "yes",
      "<languagerule languagerulename=\"Shapes\">\n"
      "<rule break=\"no\"><beforebreak>\\b[Ss]ee\\s+(?:fig|tab)\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "<rule break=\"no\"><beforebreak>[A-Z]{2,}\\.</beforebreak><afterbreak>\\s+[a-z]+\\b</afterbreak></rule>\n"
      "<rule break=\"no\"><beforebreak>(?i)\\b(?:etc|ibid)\\.</beforebreak><afterbreak>\\s+\\(</afterbreak></rule>\n"
      "<rule break=\"no\"><beforebreak>x+\\.</beforebreak><afterbreak></afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\".*\" languagerulename=\"Shapes\"/>\n");
  static const char *const expected[] = {
    "See fig. Four here.", "A book, IBID. (p. 4) said so.", "Then xxxx. Yes.", NULL
  };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx (
      "en", path, "See fig. Four here. A book, IBID. (p. 4) said so. Then xxxx. Yes.");
  bitext_test_assert_strv ("shapes", got, expected);
  remove_srx (path);
}

/*
** A \Q...\E quote is literal text: the prefilter must not read "(a)" in it as a
** group ending in 'a' (the break after the ')' was lost), nor bound a '*' in it.
*/
static void
test_quoted_literal (void)
{
  g_autofree char *path = write_srx (
      "no",
      "<languagerule languagerulename=\"Quote\">\n"
      "<rule break=\"yes\"><beforebreak>\\Q(a)</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "<rule break=\"yes\"><beforebreak>\\Q[b|\\E</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\".*\" languagerulename=\"Quote\"/>\n");
  static const char *const expected[] = { "see (a)", "then [b|", "and c", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx ("xx", path, "see (a) then [b| and c");
  bitext_test_assert_strv ("quoted", got, expected);
  remove_srx (path);

  g_autofree char *bounded = bitext_srx__bound_quantifiers ("\\Q*+\\E.*", 20);
  g_assert_cmpstr (bounded, ==, "\\Q*+\\E.{0,20}");
  g_autofree char *open_quote = bitext_srx__bound_quantifiers ("x+\\Q(*", 20);
  g_assert_cmpstr (open_quote, ==, "x{1,20}\\Q(*");
}

/* The run-then prefilter: which AFTER patterns it applies to, and that rules keep their meaning. */
static void
test_run_then (void)
{
  static const struct { const char *pattern; gboolean applies; } cases[] = {
    { "\\s+[—–]\\s+\\p{Lu}", TRUE },
    { "\\s*\\(", TRUE },
    { "[ \\t]{1,2}[a-z]+", TRUE },
    { "\\s+\\s", FALSE },           /* the next set overlaps the run */
    { "\\s+x?", FALSE },              /* nothing certain after the run */
    { "\\s+(?:a|\\s)", FALSE },
    { "a|\\s+b", FALSE },             /* two alternatives */
    { "\\s", FALSE },                 /* nothing after the run */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      USet *run = NULL, *next = NULL;
      const char *p = cases[i].pattern;
      gboolean got = bitext_srx__pattern_run_then (p, p + strlen (p), FALSE, &run, &next);
      g_assert_cmpint (got, ==, cases[i].applies);
      g_assert_true ((run != NULL) == got && (next != NULL) == got);
      if (run != NULL)
        {
          g_assert_true (uset_contains (run, ' '));
          g_assert_false (uset_containsSome (run, next));
        }
      g_clear_pointer (&run, uset_close);
      g_clear_pointer (&next, uset_close);
    }

  /* A bounded run shorter than the text's still needs the regex; a longer one is rejected early. */
  g_autofree char *path = write_srx (
      "yes",
      "<languagerule languagerulename=\"Runs\">\n"
      "<rule break=\"no\"><beforebreak>\\bNo\\.</beforebreak><afterbreak>\\s{1,2}[A-Z]</afterbreak></rule>\n"
      "<rule break=\"no\"><beforebreak>\\bcf\\.</beforebreak><afterbreak>\\s*\\(</afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\".*\" languagerulename=\"Runs\"/>\n");
  static const char *const expected[] = {
    "Room No. Five is free.", "Take No.", "Seven next.", "See cf. (Part 3) here.", NULL
  };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx (
      "en", path, "Room No. Five is free. Take No.   Seven next. See cf. (Part 3) here.");
  bitext_test_assert_strv ("runs", got, expected);
  remove_srx (path);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSrx) bad = bitext_srx__load_data ("bad.srx", "<srx><body>", 11, &error);
  g_assert_null (bad);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "bad.srx:1: "));
  g_clear_error (&error);

  static const char not_srx[] = "<?xml version=\"1.0\"?>\n<tmx/>\n";
  g_autoptr(BitextSrx) other = bitext_srx__load_data ("x.srx", not_srx, strlen (not_srx), &error);
  g_assert_null (other);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "x.srx:2: not an SRX file (no <srx> root)");
  g_clear_error (&error);

  g_autofree char *path = write_srx (
      "yes",
      "<languagerule languagerulename=\"R\">\n"
      "<rule break=\"no\"><beforebreak>[unclosed</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
      "</languagerule>\n",
      "<languagemap languagepattern=\".*\" languagerulename=\"R\"/>\n");
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en", path, &error);
  g_assert_null (seg);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "rules.srx:7: bad regular expression"));
  remove_srx (path);
  g_clear_error (&error);

  g_autoptr(BitextSegmenter) missing = bitext_segmenter_new ("en", "/nonexistent/r.srx", &error);
  g_assert_null (missing);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Issue 16, defects 2, 6 and 7: invalid SRX is refused at its line, never half-used or leaked. */
static void
test_invalid_srx (void)
{
  static const struct
  {
    const char *srx, *message;
  } cases[] = {
    { "<srx>\n<body><languagerules><languagerule languagerulename=\"R\">\n"
      "<rule><beforebreak>a</beforebreak>\n<beforebreak>b</beforebreak></rule>\n"
      "</languagerule></languagerules></body></srx>",
      "t.srx:4: a second <beforebreak> in <rule>" },
    { "<srx><body><languagerules><languagerule languagerulename=\"R\">"
      "<rule><afterbreak>a</afterbreak><afterbreak>b</afterbreak></rule>"
      "</languagerule></languagerules></body></srx>",
      "t.srx:1: a second <afterbreak> in <rule>" },
    { "<srx><body><languagerules><languagerule languagerulename=\"R\"/></languagerules>\n"
      "<maprules>\n<languagemap languagepattern=\"en(\" languagerulename=\"R\"/>"
      "</maprules></body></srx>",
      "t.srx:3: bad languagepattern 'en(': " },
    { "<srx><body><languagerules><languagerule languagerulename=\"R\"/></languagerules>\n"
      "<maprules><languagemap languagepattern=\"fr\" languagerulename=\"R\"/>\n"
      "<languagemap languagepattern=\"en\" languagerulename=\"Nowhere\"/>"
      "</maprules></body></srx>",
      "t.srx:3: <languagemap> names an unknown languagerule 'Nowhere'" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE srx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
      "<srx><body><languagerules><languagerule languagerulename=\"R\">"
      "<rule><beforebreak>&b;</beforebreak></rule></languagerule></languagerules></body></srx>",
      "t.srx:3: the DOCTYPE declares an entity: refused" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextSrx) srx = bitext_srx__load_data ("t.srx", cases[i].srx,
                                                        strlen (cases[i].srx), &error);
      g_assert_null (srx);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: %s", i, error->message);
    }
}

/* The shipped rules load, and each language gets its own plus the generic ones. */
static void
test_default_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSrx) srx = bitext_srx__load_default (&error);
  g_assert_no_error (error);
  g_autoptr(BitextRuleSet) en = bitext_srx__compile (srx, "en", &error);
  g_autoptr(BitextRuleSet) ru = bitext_srx__compile (srx, "ru-RU", &error);
  g_autoptr(BitextRuleSet) de = bitext_srx__compile (srx, "de", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_rule_set__get_n_rules (en), >, bitext_rule_set__get_n_rules (de));
  g_assert_cmpuint (bitext_rule_set__get_n_rules (ru), >, bitext_rule_set__get_n_rules (de));
  g_assert_cmpuint (bitext_rule_set__get_n_rules (de), >, 0);
}

/* The word of abbreviation rule @i: "a".."z", "ab".. (the letters of @i in base 26). */
static void
append_word (GString *out, guint i)
{
  do
    {
      g_string_append_c (out, (char) ('a' + i % 26));
      i /= 26;
    }
  while (i > 0);
}

/* The rule index of @path's rules for "en": its size, rows and indexed positions. */
static gsize
index_size (const char *path, guint n_rules, guint *n_rows, guint *n_positions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSrx) srx = bitext_srx__load_file (path, &error);
  g_assert_no_error (error);
  g_autoptr(BitextRuleSet) set = bitext_srx__compile (srx, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_rule_set__get_n_rules (set), ==, n_rules);
  return bitext_rule_set__get_index_size (set, n_rules > 0 ? n_rows : NULL, n_positions);
}

/*
** Many rules (issue 16, defect 3): 20,000 abbreviation rules fold to a handful of
** rows per context position, so the rule index grows by a few bytes per rule, and
** the rules still decide as they do in a small file.
*/
static void
test_many_rules (void)
{
  const guint n = 20000;
  g_autoptr(GString) rules = g_string_new ("<languagerule languagerulename=\"Many\">\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (rules, "<rule break=\"no\"><beforebreak>\\b");
      append_word (rules, i);
      g_string_append (rules, "\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n");
    }
  g_string_append (rules, "<rule break=\"yes\"><beforebreak>[.?!]</beforebreak>"
                          "<afterbreak>\\s+\\p{Lu}</afterbreak></rule>\n</languagerule>\n");
  g_autofree char *path = write_srx ("no", rules->str,
                                     "<languagemap languagepattern=\".*\" languagerulename=\"Many\"/>\n");
  guint n_rows = 0, n_positions = 0;
  gsize size = index_size (path, n + 1, &n_rows, &n_positions);
  g_assert_cmpuint (n_positions, ==, 2 * BITEXT_SRX_CONTEXT);
  /* a row per distinct set at each position: the last letters of the words, '.', '\s', any */
  g_assert_cmpuint (n_rows, <=, 2 * BITEXT_SRX_CONTEXT * 64);
  /* the class tables (at most a row number per BMP unit and a block offset per 256 units),
     then at most 2 * 3 * 64 rows of a bit per rule: 48 bytes per rule */
  gsize fixed = (gsize) n_positions * (0x10000 + 0x100) * sizeof (guint32);
  g_assert_cmpuint (size, <=, fixed + (gsize) 48 * ((n + 1 + 63) / 64 * 64));
  static const char *const expected[] = { "Go to ab. Cd today.", "STOP.", "Then zz. Ok!", "Yes.", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment_srx ("en", path, "Go to ab. Cd today. STOP. Then zz. Ok! Yes.");
  bitext_test_assert_strv ("many", got, expected);
  remove_srx (path);
}

/*
** Rules whose sets at one position all differ (a rule per CJK character) would need a
** row per rule there: the index leaves that position out rather than grow as the square
** of the rule count, and the rules' own prefilters decide.
*/
static void
test_many_rules_unindexed (void)
{
  const guint n = 5000;
  g_autoptr(GString) rules = g_string_new ("<languagerule languagerulename=\"Cjk\">\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (rules, "<rule break=\"yes\"><beforebreak>");
      g_string_append_unichar (rules, 0x4E00 + i);
      g_string_append (rules, "</beforebreak><afterbreak>\\s</afterbreak></rule>\n");
    }
  g_string_append (rules, "</languagerule>\n");
  g_autofree char *path = write_srx ("no", rules->str,
                                     "<languagemap languagepattern=\".*\" languagerulename=\"Cjk\"/>\n");
  guint n_rows = 0, n_positions = 0;
  gsize size = index_size (path, n, &n_rows, &n_positions);
  g_assert_cmpuint (n_positions, <, 2 * BITEXT_SRX_CONTEXT);
  /* each position folds to at most MAX (256, 0x10000 / words) rows of (n + 63) / 64 words */
  guint words = (n + 63) / 64;
  gsize bound = 2 * BITEXT_SRX_CONTEXT * ((gsize) MAX (256, 0x10000 / words) * words * 8
                                          + (0x10000 + 0x100) * 4);
  g_assert_cmpuint (size, <=, bound);
  g_autoptr(GString) text = g_string_new ("a");
  g_string_append_unichar (text, 0x4E00 + 7);
  g_string_append (text, " b c");
  g_string_append_unichar (text, 0x4E00 + n);  /* no rule */
  g_string_append (text, " d");
  g_string_append_unichar (text, 0x4E00 + n - 1);
  g_string_append (text, " e");
  g_autoptr(GPtrArray) got = bitext_test_segment_srx ("xx", path, text->str);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (got, 1), "b c"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (got, 2), "e"));
  remove_srx (path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/srx/custom-rules", test_custom_rules);
  g_test_add_func ("/srx/break-rule", test_break_rule);
  g_test_add_func ("/srx/cascade", test_cascade);
  g_test_add_func ("/srx/rule-shapes", test_rule_shapes);
  g_test_add_func ("/srx/run-then", test_run_then);
  g_test_add_func ("/srx/quoted-literal", test_quoted_literal);
  g_test_add_func ("/srx/errors", test_errors);
  g_test_add_func ("/srx/invalid", test_invalid_srx);
  g_test_add_func ("/srx/default-rules", test_default_rules);
  g_test_add_func ("/srx/many-rules", test_many_rules);
  g_test_add_func ("/srx/many-rules-unindexed", test_many_rules_unindexed);
  return g_test_run ();
}

/* bitext — SRX 2.0 segmentation rules.
 *
 * SRX (Segmentation Rules eXchange, LISA 2008) lists, per language, ordered
 * rules <rule break="yes|no"><beforebreak>RE</beforebreak><afterbreak>RE</afterbreak>.
 * At a position, the first rule whose beforebreak matches the text ending
 * there and whose afterbreak matches the text starting there decides.
 * The regular expressions are ICU's (OmegaT and Okapi use Java's, which
 * agree on everything rule files use).
 *
 * This file parses the XML (libxml2), picks the rules of a language through
 * the <maprules> (with cascade), and compiles each rule into one ICU regex
 * "(?<=BEFORE)AFTER" evaluated with lookingAt() at the position. Because a
 * segmenter asks at hundreds of thousands of positions per second, each rule
 * also gets a cheap prefilter: the sets of characters its match can end with
 * (last three code units) and start with after the break. Abbreviation rules
 * of the form \b(?:Mr|Dr|...)\. are recognised and turned into a hash lookup.
 * Both are exact: a rule is only skipped when it cannot match.
 */
#include "srx-private.h"
#include "srx-pattern-private.h"

#include <string.h>

#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "bitext/error.h"
#include "error-private.h"
#include "bitext-resources.h"

#define TAIL_K BITEXT_SRX_CONTEXT
#define LOOKBEHIND_BOUND 64 /* '*' and '+' inside a beforebreak become {0,64} and {1,64} */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (URegularExpression, uregex_close)

typedef struct
{
  gboolean is_break;
  char *before;
  char *after;
  int line;                 /* in the SRX file, for messages */
} SrxRule;

typedef struct
{
  char *name;
  GPtrArray *rules;         /* of SrxRule */
} SrxLanguageRule;

typedef struct
{
  char *pattern;
  char *rule_name;
  int line;                 /* in the SRX file, for messages */
} SrxMap;

struct _BitextSrx
{
  char *name;
  gboolean cascade;
  GPtrArray *language_rules; /* of SrxLanguageRule */
  GArray *maps;              /* of SrxMap */
};

/* A UTF-16 string used as a hash key (abbreviation lists). */
typedef struct
{
  const UChar *s;
  int32_t len;
} UKey;

typedef struct
{
  const SrxRule *rule;
  URegularExpression *re;     /* (?<=BEFORE)AFTER, or AFTER alone for literal rules */
  USet *tail[TAIL_K];         /* NULL: any character */
  USet *head[TAIL_K];         /* first characters after the break; NULL: any */
  int head_min;               /* AFTER consumes at least this many characters */
  USet *run, *run_next;       /* AFTER starts with a run of `run` and then a `run_next`; NULL: not known */
  GHashTable *literals;       /* UKey* set: BEFORE is \b(?:w1|w2|..)\. */
  gboolean literal_icase;
  GArray *literal_lengths;    /* distinct int32_t lengths of the literals, in code units */
} CompiledRule;

/*
** A class table: a row number for every BMP code unit, in blocks of
** CLASS_BLOCK units. Blocks whose units all have one row (most of the BMP:
** CJK, Hangul, the private use area...) share one block per row, so a table
** takes a few KiB where a flat one took 256 KiB, and is built in time
** proportional to the sets' ranges plus the blocks, not the 65,536 units.
*/
#define CLASS_SHIFT 8
#define CLASS_BLOCK (1u << CLASS_SHIFT)
#define CLASS_N_BLOCKS (0x10000u >> CLASS_SHIFT)

typedef struct
{
  guint32 *rows;              /* n_blocks blocks of CLASS_BLOCK row numbers */
  guint n_blocks;
  guint32 offset[CLASS_N_BLOCKS];  /* the block of units [b << CLASS_SHIFT, ...): its first index in rows */
} ClassTable;

static inline guint32
class_of (const ClassTable *table, UChar unit)
{
  return table->rows[table->offset[unit >> CLASS_SHIFT] + (unit & (CLASS_BLOCK - 1))];
}

static void
class_table_free (ClassTable *table)
{
  if (table == NULL)
    return;
  g_free (table->rows);
  g_free (table);
}

struct _BitextRuleSet
{
  GArray *rules;              /* of CompiledRule */
  const UChar *text;
  int32_t length;
  guint generation;
  gboolean break_anywhere;    /* some break rule has no usable prefilter */
  guint8 *break_at;           /* per BMP code unit: BREAK_PREV, BREAK_NEXT (may a break rule
                                 fire after / before it); a byte each, for the scan's speed */
  /* The rule index: which rules can match at a position, judged by the code
     units around it. class_of (tail_class[k], u) is the row of `mask` (a bit per
     rule, rule i in bit i % 64 of word i / 64) of the rules whose prefilter
     accepts unit u as the (k+1)-th unit before the position; head_class[k] the
     same for the (k+1)-th unit after it. */
  guint n_words;
  ClassTable *tail_class[TAIL_K];
  ClassTable *head_class[TAIL_K];
  guint64 *mask;              /* rows of n_words */
  guint n_rows;
  gboolean index_exact;       /* every position is indexed (a NULL class table: not) */
  /* Matching state, one per thread: a clone shares everything above with the
     set it was cloned from and has its own regex matchers. */
  const BitextRuleSet *parent;  /* NULL: this set owns the shared parts */
  URegularExpression **res;   /* the rules' matchers (the parent's are the rules' own) */
  guint *generations;         /* the text generation each matcher was last given */
  BitextSrx *srx_ref;         /* keeps the SrxRule strings alive */
};

/* ------------------------------------------------------------------------ */
/* Parsing the XML                                                           */

static void
srx_rule_free (gpointer data)
{
  SrxRule *rule = data;
  g_free (rule->before);
  g_free (rule->after);
  g_free (rule);
}

static void
srx_language_rule_free (gpointer data)
{
  SrxLanguageRule *lr = data;
  g_free (lr->name);
  g_ptr_array_unref (lr->rules);
  g_free (lr);
}

static void
srx_map_clear (gpointer data)
{
  SrxMap *map = data;
  g_free (map->pattern);
  g_free (map->rule_name);
}

void
bitext_srx__free (BitextSrx *srx)
{
  if (srx == NULL)
    return;
  g_free (srx->name);
  g_ptr_array_unref (srx->language_rules);
  g_array_unref (srx->maps);
  g_free (srx);
}

static const SrxLanguageRule *find_language_rule (const BitextSrx *srx, const char *name);

static gboolean
node_is (const xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static char *
dup_prop (const xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
dup_content (const xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");
  xmlFree (value);
  return copy;
}

static gboolean
parse_rule (BitextSrx *srx, const xmlNode *node, GPtrArray *rules, GError **error)
{
  g_autofree char *brk = dup_prop (node, "break");
  SrxRule *rule = g_new0 (SrxRule, 1);
  rule->is_break = brk == NULL || g_ascii_strcasecmp (brk, "no") != 0;
  rule->line = (int) xmlGetLineNo (node);
  g_ptr_array_add (rules, rule);
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    {
      gboolean before = node_is (child, "beforebreak");
      if ((before && rule->before != NULL) || (node_is (child, "afterbreak") && rule->after != NULL))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: a second <%s> in <rule>",
                       srx->name, (int) xmlGetLineNo (child), (const char *) child->name);
          return FALSE;
        }
      if (before)
        rule->before = dup_content (child);
      else if (node_is (child, "afterbreak"))
        rule->after = dup_content (child);
      else if (child->type == XML_ELEMENT_NODE)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: unexpected <%s> in <rule>",
                       srx->name, (int) xmlGetLineNo (child), (const char *) child->name);
          return FALSE;
        }
    }
  if (rule->before == NULL)
    rule->before = g_strdup ("");
  if (rule->after == NULL)
    rule->after = g_strdup ("");
  return TRUE;
}

static gboolean
parse_language_rules (BitextSrx *srx, const xmlNode *node, GError **error)
{
  for (const xmlNode *lr_node = node->children; lr_node != NULL; lr_node = lr_node->next)
    {
      if (!node_is (lr_node, "languagerule"))
        continue;
      SrxLanguageRule *lr = g_new0 (SrxLanguageRule, 1);
      lr->name = dup_prop (lr_node, "languagerulename");
      lr->rules = g_ptr_array_new_with_free_func (srx_rule_free);
      g_ptr_array_add (srx->language_rules, lr);
      if (lr->name == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: <languagerule> without languagerulename", srx->name,
                       (int) xmlGetLineNo (lr_node));
          return FALSE;
        }
      for (const xmlNode *r = lr_node->children; r != NULL; r = r->next)
        if (node_is (r, "rule") && !parse_rule (srx, r, lr->rules, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
parse_map_rules (BitextSrx *srx, const xmlNode *node, GError **error)
{
  for (const xmlNode *m = node->children; m != NULL; m = m->next)
    {
      if (!node_is (m, "languagemap"))
        continue;
      SrxMap map = { dup_prop (m, "languagepattern"), dup_prop (m, "languagerulename"),
                     (int) xmlGetLineNo (m) };
      if (map.pattern == NULL || map.rule_name == NULL)
        {
          srx_map_clear (&map);
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: <languagemap> needs languagepattern and languagerulename",
                       srx->name, map.line);
          return FALSE;
        }
      g_array_append_val (srx->maps, map);
      g_autoptr(GError) local = NULL;
      g_autoptr(GRegex) re = g_regex_new (map.pattern, G_REGEX_CASELESS | G_REGEX_ANCHORED, 0,
                                          &local);
      if (re == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: bad languagepattern '%s': %s", srx->name, map.line, map.pattern,
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_srx_root (BitextSrx *srx, const xmlNode *root, GError **error)
{
  if (root == NULL || !node_is (root, "srx"))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: not an SRX file (no <srx> root)",
                   srx->name, root != NULL ? (int) xmlGetLineNo (root) : 1);
      return FALSE;
    }
  for (const xmlNode *part = root->children; part != NULL; part = part->next)
    {
      if (node_is (part, "header"))
        {
          g_autofree char *cascade = dup_prop (part, "cascade");
          srx->cascade = cascade != NULL && g_ascii_strcasecmp (cascade, "yes") == 0;
        }
      else if (node_is (part, "body"))
        for (const xmlNode *b = part->children; b != NULL; b = b->next)
          {
            if (node_is (b, "languagerules") && !parse_language_rules (srx, b, error))
              return FALSE;
            if (node_is (b, "maprules") && !parse_map_rules (srx, b, error))
              return FALSE;
          }
    }
  return TRUE;
}

/**
 * bitext_srx__load_data:
 * @name: the file name used in messages
 *
 * Parses an SRX 2.0 document. The parser never reaches the network and never
 * loads a DTD or expands external entities.
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with @error set
 */
BitextSrx *
bitext_srx__load_data (const char *name, const char *data, gsize length, GError **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  if (length > G_MAXINT)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: SRX file too large", name);
      return NULL;
    }
  BitextXmlGuard guard;
  bitext_error__xml_guard_begin (&guard);
  g_autoptr(xmlDoc) doc = xmlReadMemory (data, (int) length, name, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *xerr = xmlGetLastError ();
      int line = xerr != NULL ? xerr->line : 0;
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: %s", name, line,
                   xerr != NULL && xerr->message != NULL ? g_strchomp (xerr->message)
                                                          : "malformed XML");
      bitext_error__xml_guard_end (&guard, error, name, line);
      return NULL;
    }
  bitext_error__xml_guard_end (&guard, NULL, name, 0);
  if (doc->intSubset != NULL && doc->intSubset->entities != NULL)
    {
      bitext_error__set_entity_refused (error, name, data, length, "SRX");
      return NULL;
    }
  g_autoptr(BitextSrx) srx = g_new0 (BitextSrx, 1);
  srx->name = g_strdup (name);
  srx->language_rules = g_ptr_array_new_with_free_func (srx_language_rule_free);
  srx->maps = g_array_new (FALSE, TRUE, sizeof (SrxMap));
  g_array_set_clear_func (srx->maps, srx_map_clear);
  if (!parse_srx_root (srx, xmlDocGetRootElement (doc), error))
    return NULL;
  for (guint m = 0; m < srx->maps->len; m++)
    {
      const SrxMap *map = &g_array_index (srx->maps, SrxMap, m);
      if (find_language_rule (srx, map->rule_name) == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: <languagemap> names an unknown languagerule '%s'", srx->name,
                       map->line, map->rule_name);
          return NULL;
        }
    }
  return g_steal_pointer (&srx);
}

BitextSrx *
bitext_srx__load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return bitext_srx__load_data (path, data, length, error);
}

/* The rules shipped with bitext, compiled into the library as a GResource. */
BitextSrx *
bitext_srx__load_default (GError **error)
{
  /* Looked up in our own resource, not the global table: a static link may drop the
   * constructor that registers it. */
  g_autoptr(GBytes) bytes = g_resource_lookup_data (bitext_rules_get_resource (),
                                                    "/org/bitext/rules/default.srx",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  return bitext_srx__load_data ("default.srx", data, length, error);
}

guint
bitext_srx__get_n_rules (const BitextSrx *srx)
{
  guint n = 0;
  for (guint i = 0; i < srx->language_rules->len; i++)
    n += ((SrxLanguageRule *) g_ptr_array_index (srx->language_rules, i))->rules->len;
  return n;
}

/* ------------------------------------------------------------------------ */
/* Abbreviation lists: \b(?:Mr|Mrs|Dr)\. becomes a hash lookup              */

static guint
ukey_hash (gconstpointer key)
{
  const UKey *k = key;
  guint h = 2166136261u;
  for (int32_t i = 0; i < k->len; i++)
    h = (h ^ k->s[i]) * 16777619u;
  return h;
}

static gboolean
ukey_equal (gconstpointer a, gconstpointer b)
{
  const UKey *x = a, *y = b;
  return x->len == y->len && memcmp (x->s, y->s, (gsize) x->len * sizeof (UChar)) == 0;
}

static gboolean
is_word_char (UChar32 c)
{
  /* ICU's \w: [\p{Alphabetic}\p{Mark}\p{Decimal_Number}\p{Connector_Punctuation}\u200c\u200d] */
  return u_hasBinaryProperty (c, UCHAR_ALPHABETIC) || u_isdigit (c)
         || (U_GET_GC_MASK (c) & (U_GC_M_MASK | U_GC_PC_MASK)) != 0 || c == 0x200c || c == 0x200d;
}

static UKey *
ukey_new_folded (const char *utf8, gboolean icase)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8 (NULL, 0, &n, utf8, -1, &status);
  status = U_ZERO_ERROR;
  UKey *key = g_malloc (sizeof (UKey) + (gsize) (n + 1) * sizeof (UChar));
  UChar *s = (UChar *) (key + 1);
  u_strFromUTF8 (s, n + 1, NULL, utf8, -1, &status);
  if (icase)
    u_strFoldCase (s, n + 1, s, n, U_FOLD_CASE_DEFAULT, &status);
  key->s = s;
  key->len = n;
  return key;
}

/*
** Recognise beforebreak patterns that are a plain list of words followed by
** a full stop: "\b(?:Mr|Mrs|e\.g)\." with an optional leading "(?i)".
** Fills the rule's literal table and returns TRUE if the pattern has that shape.
*/
static gboolean
compile_literal_list (CompiledRule *cr, const char *before)
{
  static GRegex *shape = NULL;
  if (g_once_init_enter (&shape))
    {
      GRegex *re = g_regex_new ("^(\\(\\?i\\))?\\\\b\\((?:\\?:)?((?:[^\\\\|()\\[\\]{}.*+?^$]"
                                "|\\\\[.\\-'])+(?:\\|(?:[^\\\\|()\\[\\]{}.*+?^$]|\\\\[.\\-'])+)*)"
                                "\\)\\\\\\.$",
                                G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&shape, re);
    }
  g_autoptr(GMatchInfo) info = NULL;
  if (!g_regex_match (shape, before, 0, &info))
    return FALSE;
  g_autofree char *flag = g_match_info_fetch (info, 1);
  g_autofree char *list = g_match_info_fetch (info, 2);
  cr->literal_icase = flag != NULL && *flag != '\0';
  cr->literals = g_hash_table_new_full (ukey_hash, ukey_equal, g_free, NULL);
  cr->literal_lengths = g_array_new (FALSE, FALSE, sizeof (int32_t));
  g_auto(GStrv) words = g_strsplit (list, "|", -1);
  for (char **w = words; *w != NULL; w++)
    {
      GString *plain = g_string_new (NULL);
      for (const char *c = *w; *c != '\0'; c++)
        if (*c != '\\')
          g_string_append_c (plain, *c);
      g_autofree char *text = g_string_free (plain, FALSE);
      if (!is_word_char (g_utf8_get_char (text)))
        {
          g_clear_pointer (&cr->literals, g_hash_table_unref);
          g_clear_pointer (&cr->literal_lengths, g_array_unref);
          return FALSE;
        }
      UKey *key = ukey_new_folded (text, cr->literal_icase);
      gboolean seen = FALSE;
      for (guint i = 0; i < cr->literal_lengths->len; i++)
        seen |= g_array_index (cr->literal_lengths, int32_t, i) == key->len;
      if (!seen)
        g_array_append_val (cr->literal_lengths, key->len);
      g_hash_table_add (cr->literals, key);
    }
  return TRUE;
}

/* Does the text end, at pos, with one of the rule's words and a full stop, after a \b? */
static gboolean
literal_matches (const CompiledRule *cr, const UChar *text, int32_t pos)
{
  if (pos < 2 || text[pos - 1] != '.')
    return FALSE;
  for (guint i = 0; i < cr->literal_lengths->len; i++)
    {
      int32_t len = g_array_index (cr->literal_lengths, int32_t, i);
      int32_t start = pos - 1 - len;
      if (start < 0)
        continue;
      if (start > 0)
        {
          UChar32 prev;
          int32_t j = start;
          U16_PREV (text, 0, j, prev);
          if (is_word_char (prev))
            continue;
        }
      UKey key = { text + start, len };
      UChar folded[64];
      if (cr->literal_icase && len < (int32_t) G_N_ELEMENTS (folded))
        {
          UErrorCode status = U_ZERO_ERROR;
          key.len = u_strFoldCase (folded, G_N_ELEMENTS (folded), text + start, len,
                                   U_FOLD_CASE_DEFAULT, &status);
          key.s = folded;
        }
      if (g_hash_table_contains (cr->literals, &key))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Compiling a language's rules                                              */

static void
compiled_rule_clear (gpointer data)
{
  CompiledRule *cr = data;
  g_clear_pointer (&cr->re, uregex_close);
  for (int i = 0; i < TAIL_K; i++)
    g_clear_pointer (&cr->tail[i], uset_close);
  for (int i = 0; i < TAIL_K; i++)
    g_clear_pointer (&cr->head[i], uset_close);
  g_clear_pointer (&cr->run, uset_close);
  g_clear_pointer (&cr->run_next, uset_close);
  g_clear_pointer (&cr->literals, g_hash_table_unref);
  g_clear_pointer (&cr->literal_lengths, g_array_unref);
}

void
bitext_rule_set__free (BitextRuleSet *rules)
{
  if (rules == NULL)
    return;
  if (rules->parent != NULL)
    for (guint i = 0; i < rules->rules->len; i++)
      uregex_close (rules->res[i]);
  g_free (rules->res);
  g_free (rules->generations);
  g_array_unref (rules->rules);
  if (rules->parent == NULL)
    {
      g_free (rules->break_at);
      for (int k = 0; k < TAIL_K; k++)
        {
          class_table_free (rules->tail_class[k]);
          class_table_free (rules->head_class[k]);
        }
      g_free (rules->mask);
    }
  g_free (rules);
}

/**
 * bitext_rule_set__clone:
 * @rules: compiled rules
 *
 * A copy of @rules for another thread: it shares the compiled rules and
 * their index (read-only) and has matchers of its own. It must be freed
 * before @rules.
 *
 * Returns: (transfer full) (nullable): the clone, or %NULL with @error set
 */
BitextRuleSet *
bitext_rule_set__clone (const BitextRuleSet *rules, GError **error)
{
  BitextRuleSet *clone = g_memdup2 (rules, sizeof *rules);
  guint n = rules->rules->len;
  clone->parent = rules;
  clone->text = NULL;
  clone->length = 0;
  g_array_ref (clone->rules);
  clone->res = g_new0 (URegularExpression *, MAX (n, 1));
  clone->generations = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      UErrorCode status = U_ZERO_ERROR;
      clone->res[i] = uregex_clone (rules->res[i], &status);
      if (U_FAILURE (status))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SEGMENTATION,
                       "cannot copy a segmentation rule's regex: %s", u_errorName (status));
          bitext_rule_set__free (clone);
          return NULL;
        }
    }
  return clone;
}

static URegularExpression *
open_regex (const char *pattern, UErrorCode *status, UParseError *perr)
{
  UChar stack[512];
  g_autofree UChar *heap = NULL;
  UChar *buf = stack;
  int32_t n = 0;
  u_strFromUTF8 (buf, G_N_ELEMENTS (stack), &n, pattern, -1, status);
  if (*status == U_BUFFER_OVERFLOW_ERROR)
    {
      *status = U_ZERO_ERROR;
      buf = heap = g_new (UChar, n + 1);
      u_strFromUTF8 (buf, n + 1, NULL, pattern, -1, status);
    }
  if (U_FAILURE (*status))
    return NULL;
  return uregex_open (buf, n, 0, perr, status);
}

/*
** Compile "(?<=BEFORE)AFTER". ICU needs a bounded look-behind: when the
** pattern has '*' or '+', retry with bounded quantifiers.
*/
static gboolean
compile_rule_regex (CompiledRule *cr, const char *srx_name, GError **error)
{
  const SrxRule *rule = cr->rule;
  const char *before = cr->literals != NULL ? "" : rule->before;
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *bounded = attempt == 1 ? bitext_srx__bound_quantifiers (before, LOOKBEHIND_BOUND) : NULL;
      /* A quote left open (\Q without \E) ends with its pattern, not in the wrapper. */
      const char *bq = bitext_srx__quote_open (before) ? "\\E" : "";
      const char *aq = bitext_srx__quote_open (rule->after) ? "\\E" : "";
      g_autofree char *pattern = *before == '\0'
                                     ? g_strdup_printf ("(?:%s%s)", rule->after, aq)
                                     : g_strdup_printf ("(?<=(?:%s%s))(?:%s%s)",
                                                        bounded != NULL ? bounded : before, bq,
                                                        rule->after, aq);
      UErrorCode status = U_ZERO_ERROR;
      UParseError perr = { 0 };
      cr->re = open_regex (pattern, &status, &perr);
      if (U_SUCCESS (status))
        {
          uregex_useTransparentBounds (cr->re, TRUE, &status);
          uregex_useAnchoringBounds (cr->re, FALSE, &status);
          return TRUE;
        }
      if (status != U_REGEX_LOOK_BEHIND_LIMIT || attempt == 1)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: bad regular expression in rule (%s): %s%s%s", srx_name,
                       rule->line, u_errorName (status), rule->before,
                       *rule->after != '\0' ? " / " : "", rule->after);
          return FALSE;
        }
    }
  return FALSE;
}

enum { BREAK_PREV = 1 << 0, BREAK_NEXT = 1 << 1 };

/* Set @flag in @table for each code unit of @set (every surrogate if it has supplementary characters). */
static void
table_add_set (guint8 *table, guint8 flag, const USet *set)
{
  int32_t n = uset_getItemCount (set);
  for (int32_t i = 0; i < n; i++)
    {
      UChar32 lo, hi;
      UErrorCode status = U_ZERO_ERROR;
      if (uset_getItem (set, i, &lo, &hi, NULL, 0, &status) != 0)
        continue; /* a string, not a range */
      for (UChar32 c = lo; c <= hi && c < 0x10000; c++)
        table[c] |= flag;
      if (hi >= 0x10000)
        for (UChar32 c = 0xD800; c < 0xE000; c++)
          table[c] |= flag;
    }
}

static gboolean
compile_rule (BitextRuleSet *set, const SrxRule *rule, const char *srx_name, GError **error)
{
  CompiledRule cr = { .rule = rule };
  compile_literal_list (&cr, rule->before);
  g_array_append_val (set->rules, cr);
  CompiledRule *stored = &g_array_index (set->rules, CompiledRule, set->rules->len - 1);
  /* ICU first: the analysis below assumes a well-formed pattern (an unclosed group would make
  ** every nested level scan to the pattern's end: a fuzzed rule took 30 s). */
  if (!compile_rule_regex (stored, srx_name, error))
    return FALSE;
  const char *bend = rule->before + strlen (rule->before);
  const char *aend = rule->after + strlen (rule->after);
  bitext_srx__pattern_sets (rule->before, bend, strstr (rule->before, "(?i") != NULL, stored->tail,
                            TAIL_K, FALSE);
  gboolean icase = strstr (rule->after, "(?i") != NULL;
  int amax;
  bitext_srx__pattern_width (rule->after, aend, icase, &stored->head_min, &amax);
  bitext_srx__pattern_sets (rule->after, aend, icase, stored->head, TAIL_K, TRUE);
  bitext_srx__pattern_run_then (rule->after, aend, icase, &stored->run, &stored->run_next);
  if (rule->is_break)
    {
      if (stored->tail[0] == NULL || stored->head[0] == NULL || stored->head_min == 0)
        set->break_anywhere = TRUE;
      else
        {
          table_add_set (set->break_at, BREAK_PREV, stored->tail[0]);
          table_add_set (set->break_at, BREAK_NEXT, stored->head[0]);
        }
    }
  return TRUE;
}

static gboolean
lang_matches (const char *pattern, const char *lang)
{
  g_autoptr(GRegex) re = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_ANCHORED, 0, NULL);
  if (re == NULL)
    return FALSE;
  g_autoptr(GMatchInfo) info = NULL;
  if (!g_regex_match (re, lang, 0, &info))
    return FALSE;
  int end = 0;
  g_match_info_fetch_pos (info, 0, NULL, &end);
  return (size_t) end == strlen (lang);
}

static const SrxLanguageRule *
find_language_rule (const BitextSrx *srx, const char *name)
{
  for (guint i = 0; i < srx->language_rules->len; i++)
    {
      const SrxLanguageRule *lr = g_ptr_array_index (srx->language_rules, i);
      if (strcmp (lr->name, name) == 0)
        return lr;
    }
  return NULL;
}

/* The fewest distinct rows one context position of the rule index may fold to (see
** index_position): the classes real rule files tell apart at one position (letters by case
** and script, digits, spaces, each punctuation class) are a few dozen, and 256 rows of
** n_words words cost 32 bytes per rule. */
#define INDEX_MIN_ROWS 256

/* A boundary of the index sweep: from code unit @unit on, rule @rule's set at the position
** gains (+1) or loses (-1) a range. */
typedef struct
{
  guint32 unit;
  guint32 rule;
  gint32 delta;
} IndexEvent;

static int
index_event_compare (gconstpointer a, gconstpointer b)
{
  const IndexEvent *x = a, *y = b;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void
index_events_add (GArray *events, guint rule, UChar32 lo, UChar32 hi)
{
  if (lo > 0xFFFF)
    return;
  IndexEvent start = { (guint32) lo, rule, +1 }, stop = { (guint32) MIN (hi, 0xFFFF) + 1, rule, -1 };
  g_array_append_val (events, start);
  g_array_append_val (events, stop);
}

/* The row of the current sweep state, added to set->mask when new; -1 past @max_new new rows. */
static gint64
index_row_id (BitextRuleSet *set, const guint64 *row, GArray *rows, GHashTable *seen,
              guint *n_new, guint max_new)
{
  gsize row_bytes = set->n_words * sizeof (guint64);
  g_autoptr(GBytes) key = g_bytes_new_static (row, row_bytes);
  gpointer found;
  if (g_hash_table_lookup_extended (seen, key, NULL, &found))
    return GPOINTER_TO_UINT (found);
  if (++*n_new > max_new)
    return -1;
  guint id = rows->len / set->n_words;
  g_array_append_vals (rows, row, set->n_words);
  g_hash_table_insert (seen, g_bytes_new (row, row_bytes), GUINT_TO_POINTER (id));
  return id;
}

/* Units [start, next run's start) have row @row. */
typedef struct
{
  guint32 start;
  guint32 row;
} ClassRun;

/*
** The class table of @n_runs runs, in order, the first at unit 0, the last
** reaching 0xFFFF: a block for each block of units that holds more than one
** run, one block per row for all those a single run covers.
*/
static ClassTable *
class_table_new (const ClassRun *runs, guint n_runs)
{
  ClassTable *table = g_new0 (ClassTable, 1);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) whole = g_hash_table_new (NULL, NULL);   /* row -> its block's offset + 1 */
  guint r = 0;
  for (guint32 b = 0; b < CLASS_N_BLOCKS; b++)
    {
      guint32 lo = b << CLASS_SHIFT, hi = lo + CLASS_BLOCK;
      while (r + 1 < n_runs && runs[r + 1].start <= lo)
        r++;
      if (r + 1 >= n_runs || runs[r + 1].start >= hi)
        {
          guint offset = GPOINTER_TO_UINT (g_hash_table_lookup (whole, GUINT_TO_POINTER (runs[r].row)));
          if (offset == 0)
            {
              offset = rows->len + 1;
              g_array_set_size (rows, rows->len + CLASS_BLOCK);
              guint32 *block = &g_array_index (rows, guint32, offset - 1);
              for (guint u = 0; u < CLASS_BLOCK; u++)
                block[u] = runs[r].row;
              g_hash_table_insert (whole, GUINT_TO_POINTER (runs[r].row), GUINT_TO_POINTER (offset));
            }
          table->offset[b] = offset - 1;
          continue;
        }
      table->offset[b] = rows->len;
      g_array_set_size (rows, rows->len + CLASS_BLOCK);
      guint32 *block = &g_array_index (rows, guint32, table->offset[b]);
      for (guint32 u = lo; u < hi; u++)
        {
          while (r + 1 < n_runs && runs[r + 1].start <= u)
            r++;
          block[u - lo] = runs[r].row;
        }
    }
  table->n_blocks = rows->len / CLASS_BLOCK;
  table->rows = (guint32 *) (void *) g_array_free (g_steal_pointer (&rows), FALSE);
  return table;
}

/*
** One context position of the rule index: the class table whose class_of (u) is the row
** of set->mask holding the rules whose set at this position accepts code unit u
** (ACCEPTED[r], NULL: any unit). A sweep over the boundaries of the sets' ranges, so the
** work is the number of ranges plus a row lookup (n_words words) per boundary where the
** row changes: at most 0x10000 of them, so never more than a constant per rule. The position folds to at
** most MAX (INDEX_MIN_ROWS, 0x10000 / n_words) new rows (memory linear in the rule count);
** beyond that it is left out of the index (NULL) and decisions run the rules' prefilters.
*/
static ClassTable *
index_position (BitextRuleSet *set, const USet *const *accepted, GArray *rows, GHashTable *seen)
{
  guint n_rules = set->rules->len, n_words = set->n_words;
  g_autofree guint64 *row = g_new0 (guint64, n_words);
  g_autofree guint32 *count = g_new0 (guint32, MAX (n_rules, 1));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IndexEvent));
  for (guint r = 0; r < n_rules; r++)
    {
      const USet *s = accepted[r];
      if (s == NULL)
        {
          row[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
          continue;
        }
      int32_t n = uset_getItemCount (s);
      for (int32_t i = 0; i < n; i++)
        {
          UChar32 lo, hi;
          UErrorCode status = U_ZERO_ERROR;
          if (uset_getItem (s, i, &lo, &hi, NULL, 0, &status) != 0)
            continue; /* a string, not a range */
          index_events_add (events, r, lo, hi);
          /* a supplementary character shows up as surrogates: let the full prefilter judge */
          if (hi >= 0x10000)
            index_events_add (events, r, 0xD800, 0xDFFF);
        }
    }
  g_array_sort (events, index_event_compare);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (ClassRun));
  guint max_new = MAX (INDEX_MIN_ROWS, 0x10000 / n_words), n_new = 0;
  guint e = 0;
  gint64 id = -1;
  for (guint32 unit = 0; unit < 0x10000;)
    {
      gboolean changed = id < 0;
      for (; e < events->len && g_array_index (events, IndexEvent, e).unit == unit; e++)
        {
          const IndexEvent *ev = &g_array_index (events, IndexEvent, e);
          gboolean was = count[ev->rule] > 0;
          count[ev->rule] += ev->delta;
          if (was != (count[ev->rule] > 0))
            {
              row[ev->rule / 64] ^= G_GUINT64_CONSTANT (1) << (ev->rule % 64);
              changed = TRUE;
            }
        }
      if (changed)
        id = index_row_id (set, row, rows, seen, &n_new, max_new);
      if (id < 0)
        return NULL;
      if (runs->len == 0 || g_array_index (runs, ClassRun, runs->len - 1).row != (guint32) id)
        g_array_append_val (runs, ((ClassRun) { unit, (guint32) id }));
      unit = e < events->len ? MIN (g_array_index (events, IndexEvent, e).unit, 0x10000) : 0x10000;
    }
  return class_table_new ((const ClassRun *) (void *) runs->data, runs->len);
}

/*
** Build the rule index: for every BMP code unit and every context position k
** (0: next to the position), the rules whose prefilter accepts the unit there
** before the position (tail[k]) and after it (head[k]; any unit when the rule
** needs fewer than k+1 units after the position). A decision then tries only
** the rules in all rows, in their SRX order, instead of running every rule's
** prefilter at every candidate. Rows are folded to the distinct ones (a
** handful: letters, digits, spaces, each punctuation class). Time and memory
** are linear in the rule count (index_position).
*/
static void
build_rule_index (BitextRuleSet *set)
{
  guint n_rules = set->rules->len;
  set->n_words = MAX (1u, (n_rules + 63) / 64);
  set->index_exact = TRUE;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                      (GDestroyNotify) g_bytes_unref, NULL);
  g_autofree const USet **accepted = g_new0 (const USet *, MAX (n_rules, 1));
  for (int side = 0; side < 2; side++)
    for (int k = 0; k < TAIL_K; k++)
      {
        for (guint r = 0; r < n_rules; r++)
          {
            const CompiledRule *cr = &g_array_index (set->rules, CompiledRule, r);
            accepted[r] = side == 0 ? cr->tail[k] : k < cr->head_min ? cr->head[k] : NULL;
          }
        ClassTable *classes = index_position (set, accepted, rows, seen);
        set->index_exact &= classes != NULL;
        if (side == 0)
          set->tail_class[k] = classes;
        else
          set->head_class[k] = classes;
      }
  set->n_rows = rows->len / set->n_words;
  set->mask = (guint64 *) (gpointer) g_array_free (g_steal_pointer (&rows), FALSE);
}

/**
 * bitext_rule_set__get_index_size:
 * @rules: compiled rules
 * @n_rows: (out) (optional): the distinct rows of the rule index
 * @n_positions: (out) (optional): the context positions indexed (of 2 * BITEXT_SRX_CONTEXT)
 *
 * What the rule index takes, for tests of its bounds.
 *
 * Returns: its size in bytes: rows of a bit per rule, and each indexed position's class
 *   table (at most a row number per BMP code unit, and a block offset per 256 units)
 */
gsize
bitext_rule_set__get_index_size (const BitextRuleSet *rules, guint *n_rows, guint *n_positions)
{
  guint positions = 0;
  gsize size = (gsize) rules->n_rows * rules->n_words * sizeof (guint64);
  for (int k = 0; k < 2 * TAIL_K; k++)
    {
      const ClassTable *table = k < TAIL_K ? rules->tail_class[k] : rules->head_class[k - TAIL_K];
      if (table == NULL)
        continue;
      positions++;
      size += (CLASS_N_BLOCKS + (gsize) table->n_blocks * CLASS_BLOCK) * sizeof (guint32);
    }
  if (n_rows != NULL)
    *n_rows = rules->n_rows;
  if (n_positions != NULL)
    *n_positions = positions;
  return size;
}

/**
 * bitext_srx__compile:
 * @lang: a BCP 47 language code such as "en" or "ru-RU"
 *
 * Selects the rules for @lang through the SRX <maprules> (all matching maps
 * in order when the header says cascade="yes", the first otherwise) and
 * compiles them.
 *
 * Returns: (transfer full) (nullable): the rules, or %NULL with @error set
 */
BitextRuleSet *
bitext_srx__compile (const BitextSrx *srx, const char *lang, GError **error)
{
  g_autoptr(BitextRuleSet) set = g_new0 (BitextRuleSet, 1);
  set->rules = g_array_new (FALSE, TRUE, sizeof (CompiledRule));
  g_array_set_clear_func (set->rules, compiled_rule_clear);
  set->break_at = g_malloc0 (0x10000);
  for (guint m = 0; m < srx->maps->len; m++)
    {
      const SrxMap *map = &g_array_index (srx->maps, SrxMap, m);
      if (!lang_matches (map->pattern, lang))
        continue;
      const SrxLanguageRule *lr = find_language_rule (srx, map->rule_name);
      if (lr == NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s: <languagemap> names an unknown languagerule '%s'", srx->name,
                       map->rule_name);
          return NULL;
        }
      for (guint r = 0; r < lr->rules->len; r++)
        if (!compile_rule (set, g_ptr_array_index (lr->rules, r), srx->name, error))
          return NULL;
      if (!srx->cascade)
        break;
    }
  build_rule_index (set);
  set->res = g_new0 (URegularExpression *, MAX (set->rules->len, 1));
  set->generations = g_new0 (guint, MAX (set->rules->len, 1));
  for (guint i = 0; i < set->rules->len; i++)
    set->res[i] = g_array_index (set->rules, CompiledRule, i).re;
  return g_steal_pointer (&set);
}

guint
bitext_rule_set__get_n_rules (const BitextRuleSet *rules)
{
  return rules->rules->len;
}

/* ------------------------------------------------------------------------ */
/* Evaluation                                                                */

/* Set the paragraph the next calls look at; regexes pick it up lazily. */
void
bitext_rule_set__set_text (BitextRuleSet *rules, const UChar *text, int32_t length)
{
  rules->text = text;
  rules->length = length;
  rules->generation++;
  if (rules->generation == 0)  /* wrapped: 0 means never given a text */
    rules->generation = 1;
}

/*
** The first position p >= @from (and >= 1) where a break rule may fire
** between text[p-1] and text[p], or @length when there is none. A cheap scan
** that finds the positions, beyond ICU's own boundaries, that rules must see.
*/
int32_t
bitext_rule_set__next_break (const BitextRuleSet *rules, const UChar *text, int32_t length,
                             int32_t from)
{
  int32_t p = MAX (from, 1);
  if (rules->break_anywhere)
    return MIN (p, length);
  const guint8 *at = rules->break_at;
  for (;;)
    {
      /* Four units at a time while none may end a sentence: one branch, not four. */
      while (p + 3 < length
             && !((at[text[p - 1]] | at[text[p]] | at[text[p + 1]] | at[text[p + 2]]) & BREAK_PREV))
        p += 4;
      if (p >= length)
        return length;
      if ((at[text[p - 1]] & BREAK_PREV) && (at[text[p]] & BREAK_NEXT))
        return p;
      p++;
    }
}

/*
** Can the rule match at @pos, judging by the few characters around it? Runs
** before the regex, and only rejects what the regex would reject.
*/
static gboolean
prefilter_passes (const CompiledRule *cr, const UChar *text, int32_t length, int32_t pos)
{
  int32_t i = pos;
  for (int k = 0; k < TAIL_K && i > 0; k++)
    {
      UChar32 c;
      U16_PREV (text, 0, i, c);
      if (cr->tail[k] != NULL && !uset_contains (cr->tail[k], c))
        return FALSE;
    }
  if (length - pos < cr->head_min)
    return FALSE;
  i = pos;
  for (int k = 0; k < TAIL_K && k < cr->head_min && i < length; k++)
    {
      UChar32 c;
      U16_NEXT (text, i, length, c);
      if (cr->head[k] != NULL && !uset_contains (cr->head[k], c))
        return FALSE;
    }
  return TRUE;
}

/* After the run of cr->run characters at @pos, is the next character one of cr->run_next? */
static gboolean
run_then_matches (const CompiledRule *cr, const UChar *text, int32_t length, int32_t pos)
{
  int32_t i = pos;
  while (i < length)
    {
      UChar32 c;
      U16_NEXT (text, i, length, c);
      if (!uset_contains (cr->run, c))
        return uset_contains (cr->run_next, c);
    }
  return FALSE;
}

/* Does the rule decide at @pos? @checked: the rule index has done the prefilter's work. */
static gboolean
rule_matches (BitextRuleSet *rules, guint i, int32_t pos, gboolean checked)
{
  const CompiledRule *cr = &g_array_index (rules->rules, CompiledRule, i);
  if (!checked && !prefilter_passes (cr, rules->text, rules->length, pos))
    return FALSE;
  if (rules->length - pos < cr->head_min)
    return FALSE;
  if (cr->literals != NULL && !literal_matches (cr, rules->text, pos))
    return FALSE;
  if (cr->run != NULL && !run_then_matches (cr, rules->text, rules->length, pos))
    return FALSE;
  UErrorCode status = U_ZERO_ERROR;
  URegularExpression *re = rules->res[i];
  if (rules->generations[i] != rules->generation)
    {
      uregex_setText (re, rules->text, rules->length, &status);
      uregex_useTransparentBounds (re, TRUE, &status);
      uregex_useAnchoringBounds (re, FALSE, &status);
      rules->generations[i] = rules->generation;
    }
  uregex_setRegion (re, pos, rules->length, &status);
  gboolean found = uregex_lookingAt (re, -1, &status);
  return U_SUCCESS (status) && found;
}

static BitextRuleDecision
rule_decision (const BitextRuleSet *rules, guint i)
{
  return g_array_index (rules->rules, CompiledRule, i).rule->is_break ? BITEXT_RULE_BREAK
                                                                       : BITEXT_RULE_NO_BREAK;
}

/*
** The decision of the first rule that matches at @pos (a UTF-16 index into
** the text given to bitext_rule_set__set_text), or BITEXT_RULE_NONE.
**
** Where the TAIL_K units on each side of @pos exist and none is a surrogate,
** the rule index gives exactly the rules whose prefilter passes; elsewhere
** (the edges of a text, supplementary characters) every rule's prefilter runs.
*/
BitextRuleDecision
bitext_rule_set__decide (BitextRuleSet *rules, int32_t pos)
{
  const UChar *t = rules->text;
  gboolean indexed = pos >= TAIL_K && rules->length - pos >= TAIL_K;
  for (int k = 0; indexed && k < TAIL_K; k++)
    indexed = !U16_IS_SURROGATE (t[pos - 1 - k]) && !U16_IS_SURROGATE (t[pos + k]);
  if (!indexed)
    {
      for (guint i = 0; i < rules->rules->len; i++)
        {
          if (rule_matches (rules, i, pos, FALSE))
            return rule_decision (rules, i);
        }
      return BITEXT_RULE_NONE;
    }
  for (guint w = 0; w < rules->n_words; w++)
    {
      guint64 m = ~G_GUINT64_CONSTANT (0);
      for (int k = 0; k < TAIL_K && m != 0; k++)
        {
          if (rules->tail_class[k] != NULL)
            m &= rules->mask[(gsize) class_of (rules->tail_class[k], t[pos - 1 - k]) * rules->n_words + w];
          if (rules->head_class[k] != NULL)
            m &= rules->mask[(gsize) class_of (rules->head_class[k], t[pos + k]) * rules->n_words + w];
        }
      if (w == rules->n_words - 1 && rules->rules->len % 64 != 0)
        m &= (G_GUINT64_CONSTANT (1) << (rules->rules->len % 64)) - 1;
      for (; m != 0; m &= m - 1)
        {
          guint i = w * 64 + (guint) __builtin_ctzll (m);
          if (rule_matches (rules, i, pos, rules->index_exact))
            return rule_decision (rules, i);
        }
    }
  return BITEXT_RULE_NONE;
}

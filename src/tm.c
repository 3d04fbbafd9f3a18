/* bitext — the in-memory translation memory.
 *
 * Units and variants are small bags of strings. The streaming TMX reader
 * reuses one unit for every <tu> of a file (bitext_tm__unit_reset keeps the
 * variants' buffers), so reading a million units allocates little.
 */
#include "bitext/tm.h"

#include <string.h>

#include "bitext/error.h"
#include "tmx-private.h"

static void
attr_free (gpointer data)
{
  BitextTmAttr *attr = data;
  g_free (attr->name);
  g_free (attr->value);
  g_free (attr);
}

static void
annotation_free (gpointer data)
{
  BitextTmAnnotation *a = data;
  g_free (a->type);
  g_free (a->text);
  g_clear_pointer (&a->attrs, g_ptr_array_unref);
  g_free (a);
}

static void
variant_free (gpointer data)
{
  BitextTmVariant *v = data;
  g_string_free (v->lang, TRUE);
  g_string_free (v->markup, TRUE);
  g_string_free (v->text, TRUE);
  g_clear_pointer (&v->attrs, g_ptr_array_unref);
  g_clear_pointer (&v->annotations, g_ptr_array_unref);
  g_free (v);
}

void
bitext_tm__attrs_add (GPtrArray **attrs, const char *name, gsize name_len, const char *value,
                      gsize value_len)
{
  if (*attrs == NULL)
    *attrs = g_ptr_array_new_with_free_func (attr_free);
  BitextTmAttr *attr = g_new (BitextTmAttr, 1);
  attr->name = g_strndup (name, name_len);
  attr->value = g_strndup (value, value_len);
  g_ptr_array_add (*attrs, attr);
}

static const char *
attrs_get (const GPtrArray *attrs, const char *name)
{
  for (guint i = 0; attrs != NULL && i < attrs->len; i++)
    {
      const BitextTmAttr *attr = g_ptr_array_index (attrs, i);
      if (strcmp (attr->name, name) == 0)
        return attr->value;
    }
  return NULL;
}

/* Replace the value of @name in place (keeping the order), or append it. */
static void
attrs_set (GPtrArray **attrs, const char *name, const char *value)
{
  for (guint i = 0; *attrs != NULL && i < (*attrs)->len; i++)
    {
      BitextTmAttr *attr = g_ptr_array_index (*attrs, i);
      if (strcmp (attr->name, name) == 0)
        {
          if (value == NULL)
            g_ptr_array_remove_index (*attrs, i);
          else
            {
              g_free (attr->value);
              attr->value = g_strdup (value);
            }
          return;
        }
    }
  if (value != NULL)
    bitext_tm__attrs_add (attrs, name, strlen (name), value, strlen (value));
}

GPtrArray *
bitext_tm__attrs_copy (const GPtrArray *attrs)
{
  GPtrArray *copy = NULL;
  for (guint i = 0; attrs != NULL && i < attrs->len; i++)
    {
      const BitextTmAttr *attr = g_ptr_array_index (attrs, i);
      bitext_tm__attrs_add (&copy, attr->name, strlen (attr->name), attr->value,
                            strlen (attr->value));
    }
  return copy;
}

BitextTmAnnotation *
bitext_tm__annotation_add (GPtrArray **annotations, const char *type)
{
  if (*annotations == NULL)
    *annotations = g_ptr_array_new_with_free_func (annotation_free);
  BitextTmAnnotation *a = g_new0 (BitextTmAnnotation, 1);
  a->type = g_strdup (type);
  g_ptr_array_add (*annotations, a);
  return a;
}

GPtrArray *
bitext_tm__annotations_copy (const GPtrArray *annotations)
{
  GPtrArray *copy = NULL;
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      BitextTmAnnotation *c = bitext_tm__annotation_add (&copy, a->type);
      c->text = g_strdup (a->text);
      c->attrs = bitext_tm__attrs_copy (a->attrs);
    }
  return copy;
}

static const char *
annotations_lookup_prop (const GPtrArray *annotations, const char *type)
{
  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      if (a->type != NULL && strcmp (a->type, type) == 0)
        return a->text;
    }
  return NULL;
}

static void
annotations_add (GPtrArray **annotations, const char *type, const char *text)
{
  BitextTmAnnotation *a = bitext_tm__annotation_add (annotations, type);
  a->text = g_strdup (text);
}

/* An empty GPtrArray stands in for a NULL one in the public getters. */
static const GPtrArray *
nonnull (const GPtrArray *array)
{
  static GPtrArray *empty = NULL;
  if (array != NULL)
    return array;
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

/**
 * bitext_tm_new:
 * @src_lang: (nullable): the source language (TMX header srclang), or %NULL for "*all*"
 * @tgt_lang: (nullable): the target language, or %NULL
 *
 * Returns: (transfer full): an empty memory whose header carries bitext's TMX profile
 */
BitextTm *
bitext_tm_new (const char *src_lang, const char *tgt_lang)
{
  BitextTm *tm = g_new0 (BitextTm, 1);
  tm->header = bitext_tm_unit_new ();
  tm->units = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_tm_unit_free);
  tm->tgt_lang = g_strdup (tgt_lang);
  bitext_tm_unit_set_attr (tm->header, "srclang", src_lang != NULL ? src_lang : "*all*");
  return tm;
}

void
bitext_tm_free (BitextTm *tm)
{
  if (tm == NULL)
    return;
  bitext_tm_unit_free (tm->header);
  g_ptr_array_unref (tm->units);
  g_free (tm->tgt_lang);
  g_free (tm);
}

/* Returns: (transfer none): the header's srclang, possibly "*all*" */
const char *
bitext_tm_get_src_lang (const BitextTm *tm)
{
  g_return_val_if_fail (tm != NULL, NULL);
  return bitext_tm_unit_get_attr (tm->header, "srclang");
}

/* Returns: (transfer none) (nullable): the target language given to bitext_tm_new() or set */
const char *
bitext_tm_get_tgt_lang (const BitextTm *tm)
{
  g_return_val_if_fail (tm != NULL, NULL);
  return tm->tgt_lang;
}

void
bitext_tm_set_tgt_lang (BitextTm *tm, const char *tgt_lang)
{
  g_return_if_fail (tm != NULL);
  g_free (tm->tgt_lang);
  tm->tgt_lang = g_strdup (tgt_lang);
}

/**
 * bitext_tm_get_header:
 *
 * The TMX header as a unit without variants: its attributes (srclang,
 * o-tmf, ...) and its props and notes. The writer fills in what is missing.
 *
 * Returns: (transfer none): the header
 */
BitextTmUnit *
bitext_tm_get_header (BitextTm *tm)
{
  g_return_val_if_fail (tm != NULL, NULL);
  return tm->header;
}

guint
bitext_tm_get_n_units (const BitextTm *tm)
{
  g_return_val_if_fail (tm != NULL, 0);
  return tm->units->len;
}

/* Returns: (transfer none): unit @index, which must be below bitext_tm_get_n_units() */
BitextTmUnit *
bitext_tm_get_unit (const BitextTm *tm, guint index)
{
  g_return_val_if_fail (tm != NULL && index < tm->units->len, NULL);
  return g_ptr_array_index (tm->units, index);
}

/* Append @unit (transfer full). */
void
bitext_tm_append_unit (BitextTm *tm, BitextTmUnit *unit)
{
  g_return_if_fail (tm != NULL && unit != NULL);
  g_ptr_array_add (tm->units, unit);
}

/**
 * bitext_tm_add_unit:
 * @src: source text (Markdown emphasis becomes bpt/ept when written)
 * @tgt: target text
 *
 * Appends a unit with a variant in the memory's source and target language.
 *
 * Returns: (transfer none) (nullable): the new unit, or %NULL with @error
 * set when a text is not valid UTF-8 or holds a character XML cannot carry
 */
BitextTmUnit *
bitext_tm_add_unit (BitextTm *tm, const char *src, const char *tgt, GError **error)
{
  g_return_val_if_fail (tm != NULL && src != NULL && tgt != NULL, NULL);
  g_return_val_if_fail (tm->tgt_lang != NULL, NULL);
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  if (bitext_tm_unit_add_variant (unit, bitext_tm_get_src_lang (tm), src, error) == NULL
      || bitext_tm_unit_add_variant (unit, tm->tgt_lang, tgt, error) == NULL)
    return NULL;
  BitextTmUnit *added = g_steal_pointer (&unit);
  g_ptr_array_add (tm->units, added);
  return added;
}

BitextTmUnit *
bitext_tm_unit_new (void)
{
  BitextTmUnit *unit = g_new0 (BitextTmUnit, 1);
  unit->variants = g_ptr_array_new_with_free_func (variant_free);
  return unit;
}

void
bitext_tm_unit_free (BitextTmUnit *unit)
{
  if (unit == NULL)
    return;
  g_clear_pointer (&unit->attrs, g_ptr_array_unref);
  g_clear_pointer (&unit->annotations, g_ptr_array_unref);
  g_ptr_array_unref (unit->variants);
  g_clear_pointer (&unit->spare, g_ptr_array_unref);
  g_free (unit);
}

/* Returns: (transfer full): a deep copy of @unit */
BitextTmUnit *
bitext_tm_unit_copy (const BitextTmUnit *unit)
{
  g_return_val_if_fail (unit != NULL, NULL);
  BitextTmUnit *copy = bitext_tm_unit_new ();
  copy->attrs = bitext_tm__attrs_copy (unit->attrs);
  copy->annotations = bitext_tm__annotations_copy (unit->annotations);
  copy->line = unit->line;
  for (guint i = 0; i < unit->variants->len; i++)
    {
      const BitextTmVariant *v = g_ptr_array_index (unit->variants, i);
      BitextTmVariant *c = bitext_tm__unit_new_variant (copy);
      g_string_assign (c->lang, v->lang->str);
      g_string_assign (c->markup, v->markup->str);
      g_string_assign (c->text, v->text->str);
      c->has_inline = v->has_inline;
      c->attrs = bitext_tm__attrs_copy (v->attrs);
      c->annotations = bitext_tm__annotations_copy (v->annotations);
    }
  return copy;
}

/*
** Empty @unit for the next <tu>, keeping its variants' string buffers in
** unit->spare so that the next unit of the same shape allocates nothing.
*/
void
bitext_tm__unit_reset (BitextTmUnit *unit)
{
  g_clear_pointer (&unit->attrs, g_ptr_array_unref);
  g_clear_pointer (&unit->annotations, g_ptr_array_unref);
  if (unit->spare == NULL)
    unit->spare = g_ptr_array_new_with_free_func (variant_free);
  while (unit->variants->len > 0)
    {
      BitextTmVariant *v = g_ptr_array_steal_index (unit->variants, unit->variants->len - 1);
      g_clear_pointer (&v->attrs, g_ptr_array_unref);
      g_clear_pointer (&v->annotations, g_ptr_array_unref);
      g_ptr_array_add (unit->spare, v);
    }
  unit->line = 0;
}

/* A new empty variant at the end of @unit (from the spare list when there is one). */
BitextTmVariant *
bitext_tm__unit_new_variant (BitextTmUnit *unit)
{
  BitextTmVariant *v;
  if (unit->spare != NULL && unit->spare->len > 0)
    {
      v = g_ptr_array_steal_index (unit->spare, unit->spare->len - 1);
      g_string_truncate (v->lang, 0);
      g_string_truncate (v->markup, 0);
      g_string_truncate (v->text, 0);
    }
  else
    {
      v = g_new0 (BitextTmVariant, 1);
      v->lang = g_string_new (NULL);
      v->markup = g_string_new (NULL);
      v->text = g_string_new (NULL);
    }
  v->has_inline = FALSE;
  g_ptr_array_add (unit->variants, v);
  return v;
}

/* Returns: (transfer none) (nullable): the value of the <tu> attribute @name */
const char *
bitext_tm_unit_get_attr (const BitextTmUnit *unit, const char *name)
{
  g_return_val_if_fail (unit != NULL && name != NULL, NULL);
  return attrs_get (unit->attrs, name);
}

/* Set (or with @value %NULL remove) the <tu> attribute @name; the order is kept. */
void
bitext_tm_unit_set_attr (BitextTmUnit *unit, const char *name, const char *value)
{
  g_return_if_fail (unit != NULL && name != NULL);
  attrs_set (&unit->attrs, name, value);
}

/* Returns: (transfer none) (element-type BitextTmAttr): the attributes in file order */
const GPtrArray *
bitext_tm_unit_get_attrs (const BitextTmUnit *unit)
{
  g_return_val_if_fail (unit != NULL, NULL);
  return nonnull (unit->attrs);
}

const char *
bitext_tm_unit_get_tuid (const BitextTmUnit *unit)
{
  return bitext_tm_unit_get_attr (unit, "tuid");
}

/* Returns: the line of the unit's <tu> in the file it was read from, 0 if none */
guint
bitext_tm_unit_get_line (const BitextTmUnit *unit)
{
  g_return_val_if_fail (unit != NULL, 0);
  return unit->line;
}

/* Returns: (transfer none) (element-type BitextTmAnnotation): props and notes in file order */
const GPtrArray *
bitext_tm_unit_get_annotations (const BitextTmUnit *unit)
{
  g_return_val_if_fail (unit != NULL, NULL);
  return nonnull (unit->annotations);
}

/* Returns: (transfer none) (nullable): the value of the first prop of @type */
const char *
bitext_tm_unit_lookup_prop (const BitextTmUnit *unit, const char *type)
{
  g_return_val_if_fail (unit != NULL && type != NULL, NULL);
  return annotations_lookup_prop (unit->annotations, type);
}

void
bitext_tm_unit_add_prop (BitextTmUnit *unit, const char *type, const char *value)
{
  g_return_if_fail (unit != NULL && type != NULL && value != NULL);
  annotations_add (&unit->annotations, type, value);
}

void
bitext_tm_unit_add_note (BitextTmUnit *unit, const char *text)
{
  g_return_if_fail (unit != NULL && text != NULL);
  annotations_add (&unit->annotations, NULL, text);
}

guint
bitext_tm_unit_get_n_variants (const BitextTmUnit *unit)
{
  g_return_val_if_fail (unit != NULL, 0);
  return unit->variants->len;
}

/* Returns: (transfer none): variant @index, in file order */
BitextTmVariant *
bitext_tm_unit_get_variant (const BitextTmUnit *unit, guint index)
{
  g_return_val_if_fail (unit != NULL && index < unit->variants->len, NULL);
  return g_ptr_array_index (unit->variants, index);
}

/* Lower-case ASCII, '_' as '-': language tags compare case-insensitively (BCP 47, 2.1.1). */
static gboolean
tag_equal (const char *a, gsize a_len, const char *b, gsize b_len)
{
  if (a_len != b_len)
    return FALSE;
  for (gsize i = 0; i < a_len; i++)
    {
      char x = g_ascii_tolower (a[i] == '_' ? '-' : a[i]);
      char y = g_ascii_tolower (b[i] == '_' ? '-' : b[i]);
      if (x != y)
        return FALSE;
    }
  return TRUE;
}

/**
 * bitext_tm_lang_match:
 * @wanted: the language asked for, e.g. "en" or "en-US"
 * @lang: a variant's language
 *
 * How well @lang serves for @wanted: 3 the same tag (case-insensitive),
 * 2 one is the other's primary language (en and en-US), 1 the same primary
 * language only (en-US and en-GB), 0 another language.
 */
int
bitext_tm_lang_match (const char *wanted, const char *lang)
{
  g_return_val_if_fail (wanted != NULL && lang != NULL, 0);
  gsize w_len = strlen (wanted), l_len = strlen (lang);
  if (tag_equal (wanted, w_len, lang, l_len))
    return 3;
  gsize w_primary = strcspn (wanted, "-_"), l_primary = strcspn (lang, "-_");
  if (!tag_equal (wanted, w_primary, lang, l_primary))
    return 0;
  return (w_primary == w_len || l_primary == l_len) ? 2 : 1;
}

/**
 * bitext_tm_unit_lookup_variant:
 * @lang: a language tag
 *
 * Returns: (transfer none) (nullable): the variant whose language serves
 * best for @lang (see bitext_tm_lang_match(); the first of equals), or %NULL
 */
BitextTmVariant *
bitext_tm_unit_lookup_variant (const BitextTmUnit *unit, const char *lang)
{
  g_return_val_if_fail (unit != NULL && lang != NULL, NULL);
  BitextTmVariant *best = NULL;
  int best_score = 0;
  for (guint i = 0; i < unit->variants->len && best_score < 3; i++)
    {
      BitextTmVariant *v = g_ptr_array_index (unit->variants, i);
      int score = bitext_tm_lang_match (lang, v->lang->str);
      if (score > best_score)
        {
          best = v;
          best_score = score;
        }
    }
  return best;
}

/**
 * bitext_tm_unit_add_variant:
 * @lang: language tag of the variant
 * @text: the segment's text. Markdown emphasis (**strong**, *em*) is kept as
 *   paired bpt/ept codes that hold the asterisks, so the text reads back as given;
 *   a C0 control XML 1.0 cannot carry (form feed, BEL) becomes a
 *   <ph type="x-ctrl"> code holding its Control Picture, read back as the control.
 *
 * Returns: (transfer none) (nullable): the variant, or %NULL with @error set
 * (BITEXT_ERROR_ENCODING) when @text is not UTF-8 or holds U+FFFE or U+FFFF
 */
BitextTmVariant *
bitext_tm_unit_add_variant (BitextTmUnit *unit, const char *lang, const char *text,
                            GError **error)
{
  g_return_val_if_fail (unit != NULL && lang != NULL && text != NULL, NULL);
  if (!bitext_tmx__check_segment_text (text, -1, error))
    return NULL;
  BitextTmVariant *v = bitext_tm__unit_new_variant (unit);
  g_string_assign (v->lang, lang);
  g_string_assign (v->text, text);
  bitext_tmx__markdown_to_markup (v->markup, text);
  v->has_inline = strchr (v->markup->str, '<') != NULL;
  return v;
}

/**
 * bitext_tm_unit_add_variant_markup:
 * @markup: TMX inline markup, the content of a <seg>
 *
 * Returns: (transfer none) (nullable): the variant, or %NULL with @error set
 * (BITEXT_ERROR_PARSE) when @markup is not well-formed TMX inline markup
 */
BitextTmVariant *
bitext_tm_unit_add_variant_markup (BitextTmUnit *unit, const char *lang, const char *markup,
                                   GError **error)
{
  g_return_val_if_fail (unit != NULL && lang != NULL && markup != NULL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean has_inline = FALSE;
  if (!bitext_tmx__check_text (markup, -1, error)
      || !bitext_tmx__markup_to_text (markup, text, NULL, &has_inline, error))
    return NULL;
  BitextTmVariant *v = bitext_tm__unit_new_variant (unit);
  g_string_assign (v->lang, lang);
  g_string_assign (v->markup, markup);
  g_string_assign (v->text, text->str);
  v->has_inline = has_inline;
  return v;
}

const char *
bitext_tm_variant_get_lang (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  return variant->lang->str;
}

/* Returns: (transfer none): the text with native codes put back (see tm.h) */
const char *
bitext_tm_variant_get_text (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  return variant->text->str;
}

/* Returns: (transfer none): the content of <seg> as TMX inline markup */
const char *
bitext_tm_variant_get_markup (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  return variant->markup->str;
}

/* Returns: (transfer full): the text without native codes (Level 1) */
char *
bitext_tm_variant_dup_plain_text (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  if (!variant->has_inline)
    return g_strdup (variant->text->str);
  GString *plain = g_string_new (NULL);
  /* The markup was checked when it entered: it parses. */
  gboolean ok = bitext_tmx__markup_to_text (variant->markup->str, NULL, plain, NULL, NULL);
  g_warn_if_fail (ok);
  return g_string_free (plain, FALSE);
}

gboolean
bitext_tm_variant_has_inline (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, FALSE);
  return variant->has_inline;
}

const char *
bitext_tm_variant_get_attr (const BitextTmVariant *variant, const char *name)
{
  g_return_val_if_fail (variant != NULL && name != NULL, NULL);
  return attrs_get (variant->attrs, name);
}

void
bitext_tm_variant_set_attr (BitextTmVariant *variant, const char *name, const char *value)
{
  g_return_if_fail (variant != NULL && name != NULL);
  attrs_set (&variant->attrs, name, value);
}

/* Returns: (transfer none) (element-type BitextTmAttr): attributes other than xml:lang */
const GPtrArray *
bitext_tm_variant_get_attrs (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  return nonnull (variant->attrs);
}

const GPtrArray *
bitext_tm_variant_get_annotations (const BitextTmVariant *variant)
{
  g_return_val_if_fail (variant != NULL, NULL);
  return nonnull (variant->annotations);
}

void
bitext_tm_variant_add_prop (BitextTmVariant *variant, const char *type, const char *value)
{
  g_return_if_fail (variant != NULL && type != NULL && value != NULL);
  annotations_add (&variant->annotations, type, value);
}

void
bitext_tm_variant_add_note (BitextTmVariant *variant, const char *text)
{
  g_return_if_fail (variant != NULL && text != NULL);
  annotations_add (&variant->annotations, NULL, text);
}

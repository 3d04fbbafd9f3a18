/* bitext — small text helpers shared by modules and the CLI. */
#include <string.h>

#include "text-private.h"

/*
** Append @text to @out as one CSV field (RFC 4180): quoted when it holds a
** comma, a quote or a line break, with quotes doubled inside.
*/
void
bitext__append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

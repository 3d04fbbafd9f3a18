/* bitext CLI — the subcommand table's entries. */
#pragma once

#include <glib.h>

/* Exit statuses, as diff(1) has them. */
enum
{
  BITEXT_EXIT_OK = 0,
  BITEXT_EXIT_FINDINGS = 1,
  BITEXT_EXIT_ERROR = 2,
};

typedef int (*BitextCommandFunc) (int argc, char **argv, GError **error);

typedef struct
{
  const char *name;
  BitextCommandFunc func;
  const char *summary;
} BitextCommand;

int cmd_segment (int argc, char **argv, GError **error);
int cmd_align (int argc, char **argv, GError **error);
int cmd_eval_align (int argc, char **argv, GError **error);
int cmd_tm (int argc, char **argv, GError **error);
int cmd_check (int argc, char **argv, GError **error);
int cmd_glossary (int argc, char **argv, GError **error);
int cmd_review (int argc, char **argv, GError **error);

/* bitext — umbrella header of libbitext. */
#pragma once

#include <bitext/types.h>
#include <bitext/error.h>
#include <bitext/document.h>
#include <bitext/segment.h>
#include <bitext/script.h>
#include <bitext/align.h>
#include <bitext/align-eval.h>
#include <bitext/tm.h>
#include <bitext/tmx.h>
#include <bitext/glossary.h>
#include <bitext/qa.h>
#include <bitext/report.h>
#include <bitext/pair.h>
#include <bitext/bilingual.h>

#define BITEXT_VERSION "0.1.0"

/* bitext — umbrella header of libbitext. */
#pragma once

#include <bitext/types.h>
#include <bitext/error.h>
#include <bitext/document.h>
#include <bitext/segment.h>

#define BITEXT_VERSION "0.1.0"

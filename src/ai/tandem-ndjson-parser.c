/* tandem-ndjson-parser.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-ai"

#include <string.h>

#include "tandem-ndjson-parser.h"

struct _TandemNdjsonParser
{
  TandemNdjsonLineFunc  func;
  gpointer              user_data;
  GString              *line;
  gsize                 max_line;
  guint                 failed : 1;
};

G_DEFINE_QUARK (tandem-ndjson-error-quark, tandem_ndjson_error)

/**
 * tandem_ndjson_parser_new:
 * @func: called for each non-blank line
 * @user_data: data for @func
 *
 * Returns: (transfer full): a new parser
 */
TandemNdjsonParser *
tandem_ndjson_parser_new (TandemNdjsonLineFunc func,
                          gpointer             user_data)
{
  TandemNdjsonParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (TandemNdjsonParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_new (NULL);
  self->max_line = TANDEM_NDJSON_PARSER_DEFAULT_MAX_LINE;
  return self;
}

void
tandem_ndjson_parser_free (TandemNdjsonParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_free (self);
}

/**
 * tandem_ndjson_parser_set_max_line:
 * @self: a #TandemNdjsonParser
 * @max_line: the longest accepted line, in bytes
 */
void
tandem_ndjson_parser_set_max_line (TandemNdjsonParser *self,
                                   gsize               max_line)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_line > 0);

  self->max_line = max_line;
}

static void
ndjson_emit_line (TandemNdjsonParser *self)
{
  gsize len;
  gsize i;

  g_assert (self != NULL);

  len = self->line->len;
  if (len > 0 && self->line->str[len - 1] == '\r')
    g_string_truncate (self->line, --len);

  for (i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (self->line->str[i]))
        break;
    }

  if (i < len)
    self->func (self->line->str, len, self->user_data);

  g_string_truncate (self->line, 0);
}

static gboolean
ndjson_too_long (TandemNdjsonParser  *self,
                 GError             **error)
{
  g_assert (self != NULL);

  self->failed = TRUE;
  g_set_error (error, TANDEM_NDJSON_ERROR, TANDEM_NDJSON_ERROR_TOO_LONG,
               "A line is longer than %" G_GSIZE_FORMAT " bytes", self->max_line);
  return FALSE;
}

/**
 * tandem_ndjson_parser_feed:
 * @self: a #TandemNdjsonParser
 * @data: bytes read from the stream
 * @len: length of @data
 * @error: set when a line is longer than the maximum
 *
 * Returns: %FALSE on error; the parser then refuses further input
 */
gboolean
tandem_ndjson_parser_feed (TandemNdjsonParser  *self,
                           const char          *data,
                           gsize                len,
                           GError             **error)
{
  gsize pos = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (self->failed)
    return ndjson_too_long (self, error);

  while (pos < len)
    {
      const char *nl = memchr (data + pos, '\n', len - pos);
      gsize end = nl ? (gsize) (nl - data) : len;

      /* One extra byte is allowed for a CR that is dropped with the LF. */
      if (self->line->len + (end - pos) > self->max_line + 1)
        return ndjson_too_long (self, error);

      g_string_append_len (self->line, data + pos, end - pos);

      if (nl == NULL)
        break;

      if (self->line->len > self->max_line &&
          !(self->line->len == self->max_line + 1 &&
            self->line->str[self->line->len - 1] == '\r'))
        return ndjson_too_long (self, error);

      ndjson_emit_line (self);
      pos = end + 1;
    }

  return TRUE;
}

/**
 * tandem_ndjson_parser_finish:
 * @self: a #TandemNdjsonParser
 * @error: set when the last line is too long
 *
 * Ends the stream: a last line without a newline is given to the line function.
 *
 * Returns: %FALSE on error
 */
gboolean
tandem_ndjson_parser_finish (TandemNdjsonParser  *self,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return ndjson_too_long (self, error);

  if (self->line->len > self->max_line)
    return ndjson_too_long (self, error);

  ndjson_emit_line (self);
  return TRUE;
}

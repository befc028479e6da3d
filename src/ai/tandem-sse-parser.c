/* tandem-sse-parser.c
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

#include "tandem-sse-parser.h"

struct _TandemSseParser
{
  TandemSseEventFunc  func;
  gpointer            user_data;
  GString            *line;
  GString            *data;
  char               *event_type;
  char               *last_event_id;
  gint64              retry;
  gsize               max_size;
  guint               bom_matched;
  guint               bom_checked : 1;
  guint               skip_lf : 1;
  guint               failed : 1;
};

static const guchar bom[3] = { 0xEF, 0xBB, 0xBF };

G_DEFINE_QUARK (tandem-sse-error-quark, tandem_sse_error)

/**
 * tandem_sse_parser_new:
 * @func: called for each dispatched event
 * @user_data: data for @func
 *
 * Returns: (transfer full): a new parser
 */
TandemSseParser *
tandem_sse_parser_new (TandemSseEventFunc func,
                       gpointer           user_data)
{
  TandemSseParser *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (TandemSseParser, 1);
  self->func = func;
  self->user_data = user_data;
  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->retry = -1;
  self->max_size = TANDEM_SSE_PARSER_DEFAULT_MAX_SIZE;
  return self;
}

void
tandem_sse_parser_free (TandemSseParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_free (self->event_type);
  g_free (self->last_event_id);
  g_free (self);
}

/**
 * tandem_sse_parser_set_max_size:
 * @self: a #TandemSseParser
 * @max_size: the largest line and the largest event data, in bytes
 */
void
tandem_sse_parser_set_max_size (TandemSseParser *self,
                                gsize            max_size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_size > 0);

  self->max_size = max_size;
}

static void
sse_dispatch (TandemSseParser *self)
{
  g_autofree char *valid = NULL;
  const char *data;
  gsize len;

  g_assert (self != NULL);

  if (self->data->len == 0)
    {
      g_clear_pointer (&self->event_type, g_free);
      return;
    }

  /* Drop the final "\n" that the last data line added. */
  g_string_truncate (self->data, self->data->len - 1);
  data = self->data->str;
  len = self->data->len;
  if (!g_utf8_validate (data, len, NULL))
    {
      valid = g_utf8_make_valid (data, len);
      data = valid;
      len = strlen (valid);
    }

  self->func (self->event_type ? self->event_type : "message",
              data, len, self->last_event_id, self->user_data);

  g_string_truncate (self->data, 0);
  g_clear_pointer (&self->event_type, g_free);
}

static gboolean
field_is (const char *line,
          gsize       field_len,
          const char *name)
{
  g_assert (line != NULL);
  g_assert (name != NULL);

  return strlen (name) == field_len && memcmp (line, name, field_len) == 0;
}

static gboolean
sse_process_line (TandemSseParser  *self,
                  GError          **error)
{
  const char *line = self->line->str;
  gsize len = self->line->len;
  const char *colon;
  const char *value;
  gsize field_len;
  gsize value_len;

  g_assert (self != NULL);

  if (len == 0)
    {
      sse_dispatch (self);
      return TRUE;
    }

  if (line[0] == ':')
    return TRUE;

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      field_len = colon - line;
      value = colon + 1;
      value_len = len - field_len - 1;
      if (value_len > 0 && value[0] == ' ')
        {
          value++;
          value_len--;
        }
    }
  else
    {
      field_len = len;
      value = line + len;
      value_len = 0;
    }

  if (field_is (line, field_len, "data"))
    {
      if (self->data->len + value_len + 1 > self->max_size)
        {
          self->failed = TRUE;
          g_set_error (error, TANDEM_SSE_ERROR, TANDEM_SSE_ERROR_TOO_LONG,
                       "An event is larger than %" G_GSIZE_FORMAT " bytes", self->max_size);
          return FALSE;
        }
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
    }
  else if (field_is (line, field_len, "event"))
    {
      g_free (self->event_type);
      self->event_type = g_utf8_make_valid (value, value_len);
    }
  else if (field_is (line, field_len, "id"))
    {
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_free (self->last_event_id);
          self->last_event_id = g_utf8_make_valid (value, value_len);
        }
    }
  else if (field_is (line, field_len, "retry"))
    {
      gint64 retry = 0;
      gsize i;

      for (i = 0; i < value_len; i++)
        {
          if (!g_ascii_isdigit (value[i]) || retry > G_MAXINT64 / 10 - 10)
            break;
          retry = retry * 10 + (value[i] - '0');
        }
      if (value_len > 0 && i == value_len)
        self->retry = retry;
    }

  return TRUE;
}

static gboolean
sse_feed_bytes (TandemSseParser  *self,
                const char       *data,
                gsize             len,
                GError          **error)
{
  gsize pos = 0;

  g_assert (self != NULL);

  while (pos < len)
    {
      gsize end = pos;

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (data[pos] == '\n')
            {
              pos++;
              continue;
            }
        }

      while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;

      if (self->line->len + (end - pos) > self->max_size)
        {
          self->failed = TRUE;
          g_set_error (error, TANDEM_SSE_ERROR, TANDEM_SSE_ERROR_TOO_LONG,
                       "A line is longer than %" G_GSIZE_FORMAT " bytes", self->max_size);
          return FALSE;
        }
      g_string_append_len (self->line, data + pos, end - pos);

      if (end == len)
        break;

      if (data[end] == '\r')
        self->skip_lf = TRUE;
      pos = end + 1;

      if (!sse_process_line (self, error))
        return FALSE;
      g_string_truncate (self->line, 0);
    }

  return TRUE;
}

/**
 * tandem_sse_parser_feed:
 * @self: a #TandemSseParser
 * @data: bytes read from the stream
 * @len: length of @data
 * @error: set when a line or an event is larger than the maximum size
 *
 * Parses @data, calling the event function for every complete event.
 *
 * Returns: %FALSE on error; the parser then refuses further input
 */
gboolean
tandem_sse_parser_feed (TandemSseParser  *self,
                        const char       *data,
                        gsize             len,
                        GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (self->failed)
    {
      g_set_error_literal (error, TANDEM_SSE_ERROR, TANDEM_SSE_ERROR_TOO_LONG,
                           "The stream was already refused");
      return FALSE;
    }

  while (!self->bom_checked && len > 0)
    {
      if ((guchar) data[0] == bom[self->bom_matched])
        {
          self->bom_matched++;
          data++;
          len--;
          if (self->bom_matched == G_N_ELEMENTS (bom))
            self->bom_checked = TRUE;
        }
      else
        {
          /* Not a BOM after all: the bytes taken so far are content. */
          self->bom_checked = TRUE;
          if (self->bom_matched > 0 &&
              !sse_feed_bytes (self, (const char *) bom, self->bom_matched, error))
            return FALSE;
        }
    }

  return sse_feed_bytes (self, data, len, error);
}

/**
 * tandem_sse_parser_finish:
 * @self: a #TandemSseParser
 *
 * Ends the stream. An event without its terminating blank line is discarded, as
 * the specification says.
 *
 * Returns: %TRUE when an unfinished line or event was discarded
 */
gboolean
tandem_sse_parser_finish (TandemSseParser *self)
{
  gboolean pending;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->bom_checked && self->bom_matched > 0)
    {
      self->bom_checked = TRUE;
      g_string_append_len (self->line, (const char *) bom, self->bom_matched);
    }

  pending = self->line->len > 0 || self->data->len > 0;
  g_string_truncate (self->line, 0);
  g_string_truncate (self->data, 0);
  g_clear_pointer (&self->event_type, g_free);
  self->skip_lf = FALSE;
  return pending;
}

/**
 * tandem_sse_parser_get_retry:
 * @self: a #TandemSseParser
 *
 * Returns: the last `retry:` value in milliseconds, or -1
 */
gint64
tandem_sse_parser_get_retry (TandemSseParser *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->retry;
}

/**
 * tandem_sse_parser_get_last_event_id:
 * @self: a #TandemSseParser
 *
 * Returns: (nullable): the last event id seen
 */
const char *
tandem_sse_parser_get_last_event_id (TandemSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_event_id;
}

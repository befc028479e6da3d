/* tandem-sse-parser.h
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_SSE_ERROR (tandem_sse_error_quark ())

typedef enum
{
  TANDEM_SSE_ERROR_TOO_LONG,
} TandemSseError;

/* An incremental parser of text/event-stream (WHATWG HTML §9.2.6), fed raw bytes as
 * they are read: lines end in CRLF, LF or CR, a leading BOM is dropped, and a chunk may
 * end anywhere (inside a CRLF or inside a UTF-8 sequence). Pure GLib. */
typedef struct _TandemSseParser TandemSseParser;

/* @data is nul-terminated valid UTF-8 of @data_len bytes (invalid sequences replaced). */
typedef void (*TandemSseEventFunc) (const char *event_type,
                                    const char *data,
                                    gsize       data_len,
                                    const char *last_event_id,
                                    gpointer    user_data);

#define TANDEM_SSE_PARSER_DEFAULT_MAX_SIZE (16 * 1024 * 1024)

GQuark           tandem_sse_error_quark              (void);
TandemSseParser *tandem_sse_parser_new               (TandemSseEventFunc  func,
                                                      gpointer            user_data);
void             tandem_sse_parser_free              (TandemSseParser    *self);
void             tandem_sse_parser_set_max_size      (TandemSseParser    *self,
                                                      gsize               max_size);
gboolean         tandem_sse_parser_feed              (TandemSseParser    *self,
                                                      const char         *data,
                                                      gsize               len,
                                                      GError            **error);
gboolean         tandem_sse_parser_finish            (TandemSseParser    *self);
gint64           tandem_sse_parser_get_retry         (TandemSseParser    *self);
const char      *tandem_sse_parser_get_last_event_id (TandemSseParser    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSseParser, tandem_sse_parser_free)

G_END_DECLS

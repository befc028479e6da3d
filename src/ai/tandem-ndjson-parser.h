/* tandem-ndjson-parser.h
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

#define TANDEM_NDJSON_ERROR (tandem_ndjson_error_quark ())

typedef enum
{
  TANDEM_NDJSON_ERROR_TOO_LONG,
} TandemNdjsonError;

/* An incremental splitter of newline-delimited JSON, fed raw bytes as they are read:
 * lines end in LF (a CR before it is dropped), blank lines are skipped, and a last line
 * without a newline is given at finish. Pure GLib; the lines are not parsed here. */
typedef struct _TandemNdjsonParser TandemNdjsonParser;

/* @line is nul-terminated, @len bytes, without its line ending. */
typedef void (*TandemNdjsonLineFunc) (const char *line,
                                      gsize       len,
                                      gpointer    user_data);

#define TANDEM_NDJSON_PARSER_DEFAULT_MAX_LINE (16 * 1024 * 1024)

GQuark              tandem_ndjson_error_quark         (void);
TandemNdjsonParser *tandem_ndjson_parser_new          (TandemNdjsonLineFunc  func,
                                                       gpointer              user_data);
void                tandem_ndjson_parser_free         (TandemNdjsonParser   *self);
void                tandem_ndjson_parser_set_max_line (TandemNdjsonParser   *self,
                                                       gsize                 max_line);
gboolean            tandem_ndjson_parser_feed         (TandemNdjsonParser   *self,
                                                       const char           *data,
                                                       gsize                 len,
                                                       GError              **error);
gboolean            tandem_ndjson_parser_finish       (TandemNdjsonParser   *self,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemNdjsonParser, tandem_ndjson_parser_free)

G_END_DECLS

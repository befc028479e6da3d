/* tandem-ai-error.h
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

#define TANDEM_AI_ERROR (tandem_ai_error_quark ())

typedef enum
{
  TANDEM_AI_ERROR_FAILED,
  TANDEM_AI_ERROR_AUTH,
  TANDEM_AI_ERROR_NOT_FOUND,
  TANDEM_AI_ERROR_BAD_REQUEST,
  TANDEM_AI_ERROR_RATE_LIMIT,
  TANDEM_AI_ERROR_QUOTA,
  TANDEM_AI_ERROR_SERVER,
  TANDEM_AI_ERROR_CONNECTION_REFUSED,
  TANDEM_AI_ERROR_CONNECTION,
  TANDEM_AI_ERROR_TLS,
  TANDEM_AI_ERROR_TIMEOUT_FIRST_BYTE,
  TANDEM_AI_ERROR_TIMEOUT_IDLE,
  TANDEM_AI_ERROR_CUT,
  TANDEM_AI_ERROR_MALFORMED,
  TANDEM_AI_ERROR_STREAM,
  TANDEM_AI_ERROR_INSECURE,
} TandemAiErrorKind;

GQuark      tandem_ai_error_quark          (void);
const char *tandem_ai_error_kind_to_string (TandemAiErrorKind kind);
gboolean    tandem_ai_error_status_is_retryable      (guint status);

G_END_DECLS

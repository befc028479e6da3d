/* tandem-ai-error.c
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

#include "config.h"

#include "tandem-ai-error.h"

G_DEFINE_QUARK (tandem-ai-error-quark, tandem_ai_error)

/**
 * tandem_ai_error_kind_to_string:
 * @kind: a #TandemAiErrorKind
 *
 * Returns: a stable, untranslated name for @kind (for logs and tests)
 */
const char *
tandem_ai_error_kind_to_string (TandemAiErrorKind kind)
{
  switch (kind)
    {
    case TANDEM_AI_ERROR_FAILED: return "failed";
    case TANDEM_AI_ERROR_AUTH: return "auth";
    case TANDEM_AI_ERROR_NOT_FOUND: return "not-found";
    case TANDEM_AI_ERROR_BAD_REQUEST: return "bad-request";
    case TANDEM_AI_ERROR_RATE_LIMIT: return "rate-limit";
    case TANDEM_AI_ERROR_QUOTA: return "quota";
    case TANDEM_AI_ERROR_SERVER: return "server";
    case TANDEM_AI_ERROR_CONNECTION_REFUSED: return "connection-refused";
    case TANDEM_AI_ERROR_CONNECTION: return "connection";
    case TANDEM_AI_ERROR_TLS: return "tls";
    case TANDEM_AI_ERROR_TIMEOUT_FIRST_BYTE: return "timeout-first-byte";
    case TANDEM_AI_ERROR_TIMEOUT_IDLE: return "timeout-idle";
    case TANDEM_AI_ERROR_CUT: return "cut";
    case TANDEM_AI_ERROR_MALFORMED: return "malformed";
    case TANDEM_AI_ERROR_STREAM: return "stream";
    case TANDEM_AI_ERROR_INSECURE: return "insecure";
    default: return "unknown";
    }
}

/**
 * tandem_ai_error_status_is_retryable:
 * @status: an HTTP status code
 *
 * Returns: %TRUE for the statuses that are worth retrying (408, 409, 429 and 5xx)
 */
gboolean
tandem_ai_error_status_is_retryable (guint status)
{
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}
